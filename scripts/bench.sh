#!/usr/bin/env bash
# Benchmark (not a test): bundle sizes and load/interaction timings for the
# release build, in headless Chromium. Usage: scripts/bench.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release >/dev/null 2>&1 || trunk build --release
exec node bench/bench.mjs "$@"

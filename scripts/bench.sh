#!/usr/bin/env bash
# Benchmark (not a test): bundle sizes and load/interaction timings for the
# release build, in headless Chromium, then the same first visit on a
# throttled phone. Usage: scripts/bench.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release >/dev/null 2>&1 || trunk build --release
node bench/bench.mjs "$@"
# First visit on a phone, beside the plain page and the Yew floor (which it
# builds with bench/floor/measure.sh).
exec node bench/phone.mjs "$@"

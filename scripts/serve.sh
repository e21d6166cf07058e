#!/usr/bin/env bash
# Builds the release bundle (both pages) and serves it on
# http://127.0.0.1:8080 like a static host (brotli). Installs what is
# missing first (scripts/setup.sh). Usage: scripts/serve.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release
exec node scripts/serve.mjs "${1:-8080}"

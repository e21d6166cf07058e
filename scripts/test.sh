#!/usr/bin/env bash
# Runs every test: formatting, lints, native unit and property tests,
# component tests in headless Chromium, and end-to-end tests against the
# release bundle. Installs what is missing first (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native and wasm32)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --workspace --lib --bins --tests --locked --target wasm32-unknown-unknown -- -D warnings
step "dependency licences, bans and sources (cargo deny)"
cargo deny --offline check licenses bans sources
step "known vulnerabilities in dependencies (cargo deny, RustSec)"
bash scripts/advisories.sh
step "native unit and property tests (every crate)"
cargo test --workspace --locked
step "component tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --lib --tests
step "release build"
trunk build --release
step "end-to-end tests in headless Chromium"
node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/

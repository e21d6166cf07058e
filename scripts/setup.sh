#!/usr/bin/env bash
# Installs what this project needs, from package registries only, pinned.
# Idempotent: whatever is already there at the right version is left alone.
#   scripts/setup.sh          what building and serving needs
#   scripts/setup.sh --test   also what the tests and the benchmark need
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14 # newest Trunk that builds with rustc 1.95
CARGO_DENY_VERSION=0.20.2
with_test=false
[ "${1:-}" = "--test" ] && with_test=true

say() { printf '[setup] %s\n' "$*"; }

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$with_test" = true ]; then
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      say "adding rustup component $component"
      rustup component add "$component"
    fi
  done
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

wb=$(wasm_bindgen_version)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb" ]; then
  say "installing wasm-bindgen-cli $wb (about 3 minutes)"
  # Not --locked: its lockfile wants a webpki-roots release the registry lacks.
  cargo install --force wasm-bindgen-cli --version "$wb"
fi

if [ "$with_test" = true ] && [ "$(cargo-deny --version 2>/dev/null || true)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
  say "installing cargo-deny $CARGO_DENY_VERSION (about 6 minutes)"
  cargo install --locked cargo-deny --version "$CARGO_DENY_VERSION"
fi

# npm: binaryen's wasm-opt (Debian's is too old for rustc 1.95), and for the
# tests playwright-core (driver only: the browser is Debian's Chromium).
stamp=node_modules/.package-lock.stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

if [ "$with_test" = true ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
fi

# cargo-deny fetches and reads the RustSec database with git (scripts/advisories.sh).
if [ "$with_test" = true ] && ! command -v git >/dev/null; then
  say "installing Debian's git"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y git
fi

# Say which browser the tests run with, so a failure report names it
# (Debian updates Chromium; its builds differ in what a headless page may do).
if [ "$with_test" = true ]; then
  say "browser: $(chromium --version 2>/dev/null | head -n 1); $(chromedriver --version 2>/dev/null | head -n 1)"
fi

# Trunk runs cargo offline; fetch the locked crates first.
cargo fetch --locked --quiet
cargo fetch --locked --quiet --target wasm32-unknown-unknown
say "ready"

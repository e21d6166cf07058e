#!/usr/bin/env bash
# The size floor of this stack: the smallest Yew app that reads a typed
# decimal and shows a result, built like the app (same profile, same
# wasm-bindgen and wasm-opt). Prints its gzip sizes.
# Usage: bench/floor/measure.sh   (after scripts/setup.sh)
set -euo pipefail
cd "$(dirname "$0")"
root=../..
export PATH="$HOME/.cargo/bin:$PWD/$root/node_modules/.bin:$PATH"
out=$(mktemp -d)
# Same crate versions as the app.
cp "$root/Cargo.lock" Cargo.lock
CARGO_TARGET_DIR="$root/target/floor" cargo build --offline --release --target wasm32-unknown-unknown -q
wasm-bindgen --target web --out-dir "$out" "$root/target/floor/wasm32-unknown-unknown/release/yew-floor.wasm"
wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue "$out/yew-floor_bg.wasm" -o "$out/opt.wasm"
echo "yew floor: wasm $(gzip -9c "$out/opt.wasm" | wc -c) B gzip, js $(gzip -9c "$out/yew-floor.js" | wc -c) B gzip"
rm -rf "$out" Cargo.lock

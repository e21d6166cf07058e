#!/usr/bin/env bash
# The size floor of this stack: the smallest Yew app that reads a typed
# decimal and shows a result, built like the app (same profile, same
# wasm-bindgen and wasm-opt). Prints its gzip sizes.
# With a directory, also writes the floor there as a page shaped like Trunk's
# output (same preloads, a module loader file), for bench/phone.mjs.
# Usage: bench/floor/measure.sh [page-dir]   (after scripts/setup.sh)
set -euo pipefail
page=${1:+$(realpath "$1")}
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
if [ -n "$page" ]; then
  cp "$out/yew-floor.js" "$page/yew-floor.js"
  cp "$out/opt.wasm" "$page/yew-floor_bg.wasm"
  echo "import init from './yew-floor.js'; await init({ module_or_path: './yew-floor_bg.wasm' });" >"$page/boot.js"
  cat >"$page/index.html" <<'EOF'
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Yew floor</title>
  <script type="module" src="./boot.js"></script>
  <link rel="modulepreload" href="./yew-floor.js" crossorigin="anonymous">
  <link rel="preload" href="./yew-floor_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">
</head>
<body></body>
</html>
EOF
fi
rm -rf "$out" Cargo.lock

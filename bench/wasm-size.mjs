// Where the WebAssembly bytes go: function sizes by name, for planning size
// work. Usage (after a release build; names need wasm-bindgen --keep-debug
// on cargo's output, since the shipped build has none):
//   wasm-bindgen --keep-debug --target web --out-dir /tmp/named \
//     target/wasm32-unknown-unknown/release/ldn-calc.wasm
//   node_modules/.bin/wasm-opt -Oz -g --enable-reference-types --enable-bulk-memory \
//     --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
//     --enable-multivalue /tmp/named/ldn-calc_bg.wasm -o /tmp/named.wasm
//   node bench/wasm-size.mjs /tmp/named.wasm
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const bytes = readFileSync(process.argv[2] ?? 'dist/ldn-calc_bg.wasm');
let at = 8;
const leb = () => {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    result |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return result >>> 0;
};

let imported = 0;
const bodies = [];
const names = new Map();
const sections = {};
while (at < bytes.length) {
  const id = bytes[at++];
  const length = leb();
  const end = at + length;
  sections[id] = { raw: length, gzip: gzipSync(bytes.subarray(at, end), { level: 9 }).length };
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      // Skip the module and field names. (Not `at += leb()`: that adds the
      // length to `at` as it was before leb() moved it.)
      for (let name = 0; name < 2; name++) {
        const length = leb();
        at += length;
      }
      const kind = bytes[at++];
      if (kind === 0) {
        leb();
        imported++;
      } else if (kind === 1) {
        at++;
        const flags = bytes[at++];
        leb();
        if (flags & 1) leb();
      } else if (kind === 2) {
        const flags = bytes[at++];
        leb();
        if (flags & 1) leb();
      } else {
        at += 2;
      }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const size = leb();
      bodies.push(size);
      at += size;
    }
  } else if (id === 0) {
    const nameLength = leb();
    const name = bytes.subarray(at, at + nameLength).toString();
    at += nameLength;
    while (name === 'name' && at < end) {
      const sub = bytes[at++];
      const size = leb(); // read before `at` is used: leb() moves it
      const subEnd = at + size;
      if (sub === 1) {
        for (let n = leb(); n > 0; n--) {
          const index = leb();
          const l = leb();
          names.set(index, bytes.subarray(at, at + l).toString());
          at += l;
        }
      }
      at = subEnd;
    }
  }
  at = end;
}

const rows = bodies.map((size, i) => [size, names.get(i + imported) ?? `#${i + imported}`]);
const total = rows.reduce((a, [s]) => a + s, 0);
console.log('sections (id: raw, gzip):', JSON.stringify(sections));
console.log(`code bytes: ${total} in ${rows.length} functions`);

// Per crate: the crate of the function's own path, or for a trait impl
// (`<Type as Trait>::f`) the crate of the type (a component's `view` is
// Yew's generic code instantiated for our component: counted apart).
const crateOf = (name) => {
  if (/Stateful>::view/.test(name)) return '(component views)';
  const path = name.replace(/^<+/, '').replace(/^(&|mut |dyn )+/, '');
  const first = path.split('::')[0].replace(/\[[0-9a-f]+\]$/, '');
  if (/^[a-z_][a-z0-9_]*$/.test(first)) return first;
  return first.startsWith('#') ? '(unnamed)' : '(other)';
};
const crates = new Map();
for (const [size, name] of rows) crates.set(crateOf(name), (crates.get(crateOf(name)) ?? 0) + size);
console.log('code per crate:');
for (const [crate, size] of [...crates].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`  ${crate.padEnd(22)} ${String(size).padStart(8)}`);
}
// Our layers by module (ldn_view::patient, ldn_model::state, ...).
const modules = new Map();
for (const [size, name] of rows) {
  const m = name.replace(/^<+/, '').match(/^(ldn_\w+(?:::\w+)?)/);
  if (m) modules.set(m[1], (modules.get(m[1]) ?? 0) + size);
}
console.log('our code per module:');
for (const [m, size] of [...modules].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`  ${m.padEnd(34)} ${String(size).padStart(8)}`);
}
console.log('largest functions:');
for (const [size, name] of rows.sort((a, b) => b[0] - a[0]).slice(0, 25)) console.log(`  ${String(size).padStart(7)} ${name.slice(0, 120)}`);

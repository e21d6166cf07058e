// Writes FILE.br (brotli, quality 11) and FILE.gz (gzip, level 9) beside
// every text and wasm file of a built directory, for static hosts that
// send a precompressed copy when the browser accepts it (README, Deploy).
// Run by post-build.mjs for release builds; also on its own:
// node scripts/precompress.mjs DIR
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|css|wasm|txt|webmanifest|json|svg)$/;

/** Compresses every compressible file of DIR; returns how many. */
export async function precompress(dir) {
  let count = 0;
  for (const name of (await readdir(dir)).sort()) {
    if (/\.(br|gz)$/.test(name)) {
      await rm(join(dir, name));
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const data = await readFile(join(dir, name));
    const mode = name.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT;
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: mode,
      },
    });
    await writeFile(join(dir, name + '.br'), br);
    await writeFile(join(dir, name + '.gz'), gzipSync(data, { level: 9 }));
    count++;
  }
  return count;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node scripts/precompress.mjs DIR');
  console.log(`precompressed ${await precompress(dir)} files (.br, .gz)`);
}

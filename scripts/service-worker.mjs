// Writes sw.js for a built directory: every file of the build but itself,
// the app's page and the precompressed copies (the worker asks for the
// files themselves; the host sends them compressed), and a hash of them
// all as the build's name. Run by post-build.mjs; also on its own, after
// changing a built directory: node scripts/service-worker.mjs DIR
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

async function walk(d) {
  const out = [];
  for (const entry of await readdir(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

/** Writes DIR/sw.js; returns { files, build }. */
export async function writeServiceWorker(dir) {
  const files = (await walk(dir))
    .map((p) => relative(dir, p).split('\\').join('/'))
    .filter((f) => f !== 'sw.js' && f !== 'index.html' && !/\.(br|gz)$/.test(f))
    .sort();
  const hash = createHash('sha256');
  for (const f of [...files, 'index.html']) hash.update(f).update(await readFile(join(dir, f)));
  const build = hash.digest('hex').slice(0, 16);
  const template = await readFile(new URL('../pwa/sw.template.js', import.meta.url), 'utf8');
  const sw = template.replace("'__BUILD__'", JSON.stringify(build)).replace('__FILES__', JSON.stringify(files.map((f) => './' + f)));
  await writeFile(join(dir, 'sw.js'), sw);
  return { files, build };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node scripts/service-worker.mjs DIR');
  const { files, build } = await writeServiceWorker(dir);
  console.log(`sw.js: ${files.length} files, build ${build}`);
}

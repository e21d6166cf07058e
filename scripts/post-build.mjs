// Trunk post-build hook (also runnable as `node scripts/post-build.mjs DIR`):
// 1. moves Trunk's inline loader script into a file, so the CSP needs no
//    'unsafe-inline' for scripts;
// 2. writes sw.js with this build's exact file list and a build hash.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('no build directory: pass it or run from Trunk');

const sha = (data) => createHash('sha256').update(data).digest('hex');

// 1. The inline loader becomes boot-<hash>.js.
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (match) {
  const body = match[1].trim() + '\n';
  const name = `boot-${sha(body).slice(0, 16)}.js`;
  await writeFile(join(dir, name), body);
  html = html.replace(inline, `<script type="module" src="./${name}"></script>`);
  await writeFile(indexPath, html);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('an inline script is left in index.html');

// 2. The service worker, listing every file but itself and the page.
async function walk(d) {
  const out = [];
  for (const entry of await readdir(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}
const files = (await walk(dir))
  .map((p) => relative(dir, p).split('\\').join('/'))
  .filter((f) => f !== 'sw.js' && f !== 'index.html')
  .sort();
const hash = createHash('sha256');
for (const f of [...files, 'index.html']) hash.update(f).update(await readFile(join(dir, f)));
const build = hash.digest('hex').slice(0, 16);
const template = await readFile(new URL('../pwa/sw.template.js', import.meta.url), 'utf8');
const sw = template.replace("'__BUILD__'", JSON.stringify(build)).replace('__FILES__', JSON.stringify(files.map((f) => './' + f)));
await writeFile(join(dir, 'sw.js'), sw);
console.log(`post-build: ${files.length} files precached, build ${build}`);

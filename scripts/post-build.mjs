// Trunk post-build hook (also runnable as `node scripts/post-build.mjs DIR`).
// For every page Trunk builds: moves Trunk's inline loader script into a
// file, so the CSP needs no 'unsafe-inline' for scripts.
// For the app (index.html), then:
// 1. builds the patient's page (patient.html, its own binary) with Trunk
//    and adds it beside the app;
// 2. writes each language's file of texts (the app loads one at a time);
// 3. fills the language files' names into start.js;
// 4. writes sw.js with this build's exact file list and a build hash;
// 5. in release builds, writes .br (brotli, quality 11) and .gz (level 9)
//    beside every text and wasm file, for hosts that serve them as they are.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { precompress } from './precompress.mjs';
import { writeServiceWorker } from './service-worker.mjs';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('no build directory: pass it or run from Trunk');
const page = basename(process.env.TRUNK_HTML_FILE ?? 'index.html');
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const root = new URL('..', import.meta.url).pathname;

const sha = (data) => createHash('sha256').update(data).digest('hex');

// Inline scripts become files (the loader: boot-<hash>.js; under
// `trunk serve`, its reload script too), since the CSP allows none.
// Trunk names every page index.html.
async function moveLoader(into) {
  const indexPath = join(into, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  const inline = /<script((?![^>]*\bsrc=)[^>]*)>([\s\S]*?)<\/script>/;
  for (let match; (match = html.match(inline)); ) {
    const body = match[2].trim() + '\n';
    const name = `boot-${sha(body).slice(0, 16)}.js`;
    await writeFile(join(into, name), body);
    html = html.replace(inline, `<script${match[1]} src="./${name}"></script>`);
  }
  await writeFile(indexPath, html);
}

await moveLoader(dir);
if (page === 'patient.html') process.exit(0);

// 1. The patient's page, built by Trunk into its own directory, then added
// (its index.html as patient.html; shared files are the same files).
const patientDist = join(root, 'target', 'dist-patient');
execFileSync('trunk', ['build', `--release=${release}`, '--dist', patientDist, join(root, 'patient.html')], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  // Not this build's TRUNK_* settings (staging directory, page, ...).
  env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TRUNK_'))), TRUNK_SKIP_VERSION_CHECK: 'true' },
});
for (const entry of await readdir(patientDist, { withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const to = entry.name === 'index.html' ? 'patient.html' : entry.name;
  if (to === 'sw.js') continue;
  await copyFile(join(patientDist, entry.name), join(dir, to));
}

// 2. The language files, written by the catalog's own generator (the same
// code that gave the app their names and checksums).
const written = execFileSync('cargo', ['run', '--quiet', '--offline', '--locked', '-p', 'ldn-catalog', '--example', 'lang_files', '--', dir], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const langFiles = Object.fromEntries(written.trim().split('\n').map((line) => line.split(' ')));
if (Object.keys(langFiles).length !== 4) throw new Error(`expected four language files, got: ${written}`);

// 3. start.js learns their names.
const startPath = join(dir, 'start.js');
const start = await readFile(startPath, 'utf8');
if (!start.includes('__LANG_FILES__')) throw new Error('start.js has no __LANG_FILES__ to fill in');
const named = Object.fromEntries(Object.entries(langFiles).map(([code, name]) => [code, './' + name]));
await writeFile(startPath, start.replace('__LANG_FILES__', JSON.stringify(named)));

// 4. The service worker, with this build's exact files.
const { files, build } = await writeServiceWorker(dir);

// 5. Precompressed copies.
const compressed = release ? await precompress(dir) : 0;
console.log(`post-build: ${files.length} files precached, build ${build}, ${compressed} precompressed (.br, .gz)`);

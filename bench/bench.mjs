// Prints bundle sizes (raw and gzip) and cold-load timings to data-ready for
// dist/ and for the plain baseline page, as a table and one JSON line.
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { serveDir } from '../tests/e2e/support/server.mjs';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';

const RUNS = Number(process.argv[2] ?? 10);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (n) => (n / 1024).toFixed(1);

async function sizes(dir) {
  const rows = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!/\.(html|js|wasm|css)$/.test(name)) continue;
    const body = await readFile(join(dir, name));
    rows.push({ name, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return rows;
}

/** Time from navigation start to the app's `ldn-ready` mark, fresh profile each run. */
async function coldLoads(origin, path) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(origin + path);
    await page.waitForSelector('[data-ready="true"]', { timeout: 20_000 });
    times.push(await page.evaluate(() => performance.getEntriesByName('ldn-ready')[0]?.startTime ?? NaN));
    await browser.close();
  }
  return times;
}

const app = await serveDir('dist');
const plain = await serveDir('bench/plain');
try {
  const assets = await sizes('dist');
  const total = assets.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
  const appLoads = await coldLoads(app.origin, '/');
  const plainLoads = await coldLoads(plain.origin, '/');
  const appMedian = median(appLoads);
  const plainMedian = median(plainLoads);

  console.log('asset                                         raw KB   gzip KB');
  for (const r of assets) console.log(`${r.name.padEnd(44)} ${kb(r.raw).padStart(7)} ${kb(r.gzip).padStart(9)}`);
  console.log(`${'total (first load)'.padEnd(44)} ${kb(total.raw).padStart(7)} ${kb(total.gzip).padStart(9)}`);
  console.log('');
  console.log(`cold load to data-ready, median of ${RUNS} fresh-profile loads:`);
  console.log(`  app    ${appMedian.toFixed(1)} ms`);
  console.log(`  plain  ${plainMedian.toFixed(1)} ms`);
  console.log(`  ratio  ${(appMedian / plainMedian).toFixed(2)} x`);
  console.log(
    JSON.stringify({
      assets,
      total_raw_bytes: total.raw,
      total_gzip_bytes: total.gzip,
      runs: RUNS,
      cold_load_ms_median: appMedian,
      plain_cold_load_ms_median: plainMedian,
      cold_load_ratio: appMedian / plainMedian,
      cold_load_ms_all: appLoads,
    }),
  );
} finally {
  await app.close();
  await plain.close();
}

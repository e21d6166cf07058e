// Prints bundle sizes (raw, gzip and brotli, as the release build's own
// precompressed copies) per file and per door (what each page downloads
// before it is ready, and what the service worker fetches after), and
// desktop timings: cold loads of both doors and the plain baseline page,
// offline reloads of both doors, keystroke to result, the 180-day plan.
// As a table and one JSON line. The phone profile is bench/phone.mjs.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDir } from '../tests/e2e/support/server.mjs';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';

const RUNS = Number(process.argv[2] ?? 10);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
// kB = 1000 bytes: the budget's unit, and the larger (stricter) reading.
const kb = (n) => (n / 1000).toFixed(1);
// Issue 25: brotli bytes before each door is ready (English).
const BUDGET_BR = { patient: 120_000, pharmacist: 200_000 };

async function sizes(dir) {
  const rows = [];
  const files = await readdir(dir);
  for (const name of files.filter((f) => !/\.(br|gz)$/.test(f)).sort()) {
    // Images travel as they are (hosts do not compress PNG).
    const raw = (await readFile(join(dir, name))).length;
    const size = async (suffix) => (files.includes(name + suffix) ? (await readFile(join(dir, name + suffix))).length : raw);
    rows.push({ name, raw, gzip: await size('.gz'), br: await size('.br') });
  }
  return rows;
}

/** The files a door downloads before it is ready (its page, its code, English). */
async function doorFiles(dir, page) {
  const html = await readFile(join(dir, page), 'utf8');
  const linked = [...html.matchAll(/(?:src|href)="\.?\/?([^"?#]+)"/g)].map((m) => m[1]);
  const boot = linked.find((f) => f.startsWith('boot-'));
  const code = (await readFile(join(dir, boot), 'utf8')).match(/\.\/([\w-]+)\.js/)[1];
  const lang = (await readdir(dir)).find((f) => /^lang-en-[0-9a-f]+\.txt$/.test(f));
  return [...new Set([page, ...linked.filter((f) => !f.endsWith('.png') && f !== 'manifest.webmanifest'), `${code}.js`, `${code}_bg.wasm`, lang])];
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

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Keystroke to updated result: 200 inputs into the dose field, timed in the page. */
async function keystrokes(origin) {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(`${origin}/?lang=en&syringe=3`);
  await page.waitForSelector('[data-ready="true"]');
  await page.locator('.tab').nth(1).click();
  const times = await page.evaluate(async () => {
    const input = document.getElementById('dose');
    const app = document.querySelector('.app');
    const out = [];
    for (let i = 0; i < 200; i++) {
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          obs.disconnect();
          resolve();
        });
        obs.observe(app, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const start = performance.now();
      input.value = (0.5 + (i % 25) * 0.1).toFixed(1);
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await changed;
      out.push(performance.now() - start);
    }
    return out;
  });
  await browser.close();
  return times;
}

/** Switching to the Plan tab until a 180-day table is in the DOM, 10 times. */
async function planRenders(origin) {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(`${origin}/?lang=en&prepared=2026-03-01&syringe=3&plan=standard&pstart=2026-03-01&pdays=180`);
  await page.waitForSelector('[data-ready="true"]');
  const times = await page.evaluate(async (runs) => {
    const tabs = () => document.querySelectorAll('.tab');
    const until = (check) =>
      new Promise((resolve) => {
        if (check()) return resolve();
        const obs = new MutationObserver(() => {
          if (check()) {
            obs.disconnect();
            resolve();
          }
        });
        obs.observe(document.body, { subtree: true, childList: true });
      });
    const out = [];
    for (let i = 0; i < runs; i++) {
      tabs()[0].click();
      await until(() => document.querySelectorAll('.plan-table tbody tr').length === 0);
      const start = performance.now();
      tabs()[2].click();
      await until(() => document.querySelectorAll('.plan-table tbody tr').length === 180);
      out.push(performance.now() - start);
    }
    return out;
  }, RUNS);
  await browser.close();
  return times;
}

/** Reloads to data-ready with the server gone, served by the service worker. */
async function offlineReloads(dir, path) {
  const server = await serveDir(dir);
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(`${server.origin}${path}`);
  await page.waitForSelector('[data-ready="true"]');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
  await server.close();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await page.reload();
    await page.waitForSelector('[data-ready="true"]');
    times.push(await page.evaluate(() => performance.getEntriesByName('ldn-ready')[0]?.startTime ?? NaN));
  }
  await browser.close();
  return times;
}

const LINK = 'view=patient&lang=en&tablet=50&tablets=2&volume=100&syringe=3&prepared=2026-03-01&bud=30&plan=standard&pstart=2026-03-01&pdays=60';
const DOORS = { patient: { page: 'patient.html', path: `/patient.html?${LINK}` }, pharmacist: { page: 'index.html', path: '/?lang=en' } };

const app = await serveDir('dist');
const plain = await serveDir('bench/plain');
try {
  const assets = await sizes('dist');
  const sum = (rows) => rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, br: a.br + r.br }), { raw: 0, gzip: 0, br: 0 });
  const total = sum(assets);
  const doors = {};
  for (const [key, door] of Object.entries(DOORS)) {
    const names = await doorFiles('dist', door.page);
    const before = sum(assets.filter((r) => names.includes(r.name)));
    doors[key] = { files: names, before_ready: before, service_worker: { raw: total.raw - before.raw, gzip: total.gzip - before.gzip, br: total.br - before.br } };
  }
  const loads = {};
  for (const [key, door] of Object.entries(DOORS)) loads[key] = await coldLoads(app.origin, door.path);
  const plainLoads = await coldLoads(plain.origin, '/');
  const plainMedian = median(plainLoads);
  const keys = await keystrokes(app.origin);
  const offline = {};
  for (const [key, door] of Object.entries(DOORS)) offline[key] = await offlineReloads('dist', door.path);
  const plans = await planRenders(app.origin);

  console.log('file (every one is in the offline cache)            raw kB   gzip kB  brotli kB');
  for (const r of assets) console.log(`${r.name.padEnd(48)} ${kb(r.raw).padStart(8)} ${kb(r.gzip).padStart(9)} ${kb(r.br).padStart(10)}`);
  console.log(`${'total'.padEnd(48)} ${kb(total.raw).padStart(8)} ${kb(total.gzip).padStart(9)} ${kb(total.br).padStart(10)}`);
  console.log('');
  for (const [key, d] of Object.entries(doors)) {
    const b = d.before_ready;
    const verdict = b.br <= BUDGET_BR[key] ? 'met' : `MISSED by ${kb(b.br - BUDGET_BR[key])} kB`;
    console.log(`${key} door before ready (${d.files.length} files, English): ${kb(b.raw)} kB raw, ${kb(b.gzip)} kB gzip, ${kb(b.br)} kB brotli (budget ${kb(BUDGET_BR[key])} kB brotli: ${verdict})`);
    console.log(`  then the service worker fetches ${kb(d.service_worker.gzip)} kB gzip / ${kb(d.service_worker.br)} kB brotli for full offline use`);
  }
  console.log('');
  console.log(`cold load to data-ready (desktop, no throttling), median of ${RUNS} fresh-profile loads:`);
  for (const [key, l] of Object.entries(loads)) console.log(`  ${key.padEnd(11)} ${median(l).toFixed(1)} ms  (${(median(l) / plainMedian).toFixed(2)} x plain)`);
  console.log(`  plain       ${plainMedian.toFixed(1)} ms`);
  for (const [key, o] of Object.entries(offline)) console.log(`offline reload of the ${key} door to data-ready (service worker), median of ${RUNS}: ${median(o).toFixed(1)} ms`);
  console.log(`180-day plan render (tab switch to table in DOM), median of ${RUNS}: ${median(plans).toFixed(1)} ms`);
  console.log(`keystroke to updated result, 200 inputs: median ${median(keys).toFixed(2)} ms, p95 ${percentile(keys, 95).toFixed(2)} ms`);
  console.log(
    JSON.stringify({
      assets,
      total,
      doors,
      runs: RUNS,
      cold_load_ms_median: Object.fromEntries(Object.entries(loads).map(([k, l]) => [k, median(l)])),
      plain_cold_load_ms_median: plainMedian,
      offline_reload_ms_median: Object.fromEntries(Object.entries(offline).map(([k, o]) => [k, median(o)])),
      plan_180_render_ms_median: median(plans),
      keystroke_ms_median: median(keys),
      keystroke_ms_p95: percentile(keys, 95),
    }),
  );
} finally {
  await app.close();
  await plain.close();
}

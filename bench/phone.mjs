// First visit on a phone (issue 25's budgets): navigation start until the
// page shows what it is for, under a slow-phone profile (Lighthouse's
// mobile figures: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x
// slower), fresh profile each load (nothing cached, no service worker yet),
// served like a static host (scripts/host.mjs) with brotli and with gzip
// only. The pages:
//   patient     a pharmacist's patient link (patient.html) until today's
//               dose is shown ([data-testid=today-dose]);
//   old link    the same link at the app's root (?view=patient, as printed
//               before the patient's page had its own door);
//   pharmacist  the app, ?lang=en, until data-ready;
//   yew floor   the smallest Yew app (bench/floor), until it renders;
//   plain       a plain HTML page with a script.
// Then, per door: the bytes the page received before it was ready, the
// bytes the service worker fetched after it for full offline use, and the
// offline repeat visit (same phone CPU, served by the service worker)
// beside the plain page's repeat visit.
// Usage: node bench/phone.mjs [runs]   (after trunk build --release)
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveHost } from '../scripts/host.mjs';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';

const RUNS = Number(process.argv[2] ?? 5);

const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_SLOWDOWN = 4;
// A mid-range phone's screen (Lighthouse's Moto G Power).
const SCREEN = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
// Budgets (issue 25): time as a multiple of the floor on the brotli host,
// and brotli bytes received before ready.
const BUDGET = {
  patient: { ratio: 1.3, bytes: 120_000 },
  pharmacist: { ratio: 1.9, bytes: 200_000 },
  offline_ratio: 1.5,
};

const iso = (d) => d.toISOString().slice(0, 10);
const start = new Date(Date.now() - 20 * 86400_000);
const LINK = `view=patient&lang=en&tablet=50&tablets=2&volume=100&syringe=3&prepared=${iso(start)}&bud=30&plan=standard&pstart=${iso(start)}&pdays=60`;

const PAGES = [
  { key: 'patient', name: 'patient', dir: 'dist', path: `/patient.html?${LINK}`, ready: '[data-testid=today-dose]' },
  { key: 'old_link', name: 'old link', dir: 'dist', path: `/?${LINK}`, ready: '[data-testid=today-dose]' },
  { key: 'pharmacist', name: 'pharmacist', dir: 'dist', path: '/?lang=en', ready: '[data-ready="true"]' },
  { key: 'floor', name: 'yew floor', dir: null, path: '/', ready: '[data-ready="true"]' },
  { key: 'plain', name: 'plain', dir: 'bench/plain', path: '/', ready: '[data-ready="true"]' },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Records in the page the moment `selector` first matches (navigation
 * start = 0), so the time is the page's, not the test driver's. */
function watchFor(context, selector) {
  return context.addInitScript((sel) => {
    const check = () => {
      if (window.__shown === undefined && document.querySelector(sel)) window.__shown = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  }, selector);
}

/** Navigation start until `ready` was on the page. */
async function untilShown(page, selector) {
  await page.waitForSelector(selector, { timeout: 60_000 });
  return page.evaluate(() => window.__shown);
}

/** One first visit: { ms, bytes } before ready. */
async function firstVisit(origin, p) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext(SCREEN);
    await watchFor(context, p.ready);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(origin + p.path, { waitUntil: 'commit' });
    const ms = await untilShown(page, p.ready);
    return { ms, bytes };
  } finally {
    await browser.close();
  }
}

/** Repeat visits with the server gone (service worker), phone CPU. */
async function offlineRepeats(origin, p, server) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext(SCREEN);
    await watchFor(context, p.ready);
    const page = await context.newPage();
    await page.goto(origin + p.path);
    await page.waitForSelector(p.ready);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      }
    });
    const before = server.sent();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { ...NETWORK, offline: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(origin + p.path, { waitUntil: 'commit' });
      times.push(await untilShown(page, p.ready));
    }
    return { times, sentAfterControl: server.sent() - before };
  } finally {
    await browser.close();
  }
}

/** Repeat visits of the plain page (HTTP cache, the network there), phone CPU. */
async function plainRepeats(origin) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext(SCREEN);
    await watchFor(context, '[data-ready="true"]');
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(origin + '/');
    await page.waitForSelector('[data-ready="true"]');
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(origin + '/', { waitUntil: 'commit' });
      times.push(await untilShown(page, '[data-ready="true"]'));
    }
    return times;
  } finally {
    await browser.close();
  }
}

// The floor is built like the app (bench/floor/measure.sh) into a page.
const floorDir = await mkdtemp(join(tmpdir(), 'yew-floor-'));
execFileSync('bench/floor/measure.sh', [floorDir], { stdio: 'inherit' });
for (const p of PAGES) p.dir ??= floorDir;

const results = {};
const servers = [];
try {
  for (const encoding of ['br', 'gzip']) {
    const hosts = new Map();
    for (const dir of new Set(PAGES.map((p) => p.dir))) {
      const host = await serveHost(dir, { encoding });
      servers.push(host);
      hosts.set(dir, host);
    }
    const loads = Object.fromEntries(PAGES.map((p) => [p.key, []]));
    // Pages take turns, so a slow spell of the machine hits all alike.
    for (let i = 0; i < RUNS; i++) {
      for (const p of PAGES) {
        loads[p.key].push(await firstVisit(hosts.get(p.dir).origin, p));
      }
    }
    results[encoding] = Object.fromEntries(
      PAGES.map((p) => {
        const ms = loads[p.key].map((l) => l.ms);
        return [p.key, { ms_median: median(ms), ms_all: ms, bytes: median(loads[p.key].map((l) => l.bytes)) }];
      }),
    );
  }

  // What the service worker fetches after the first visit, per door
  // (brotli host; counted by the server), and the offline repeat visits.
  const background = {};
  const offline = {};
  for (const p of PAGES.filter((p) => ['patient', 'pharmacist'].includes(p.key))) {
    const host = await serveHost('dist', { encoding: 'br' });
    servers.push(host);
    const browser = await launchBrowser();
    const context = await browser.newContext(SCREEN);
    const page = await context.newPage();
    await page.goto(host.origin + p.path);
    await page.waitForSelector(p.ready);
    const atReady = host.sent();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    background[p.key] = { before_ready: atReady, service_worker: host.sent() - atReady };
    await browser.close();
    offline[p.key] = await offlineRepeats(host.origin, p, host);
  }
  const plainHost = await serveHost('bench/plain', { encoding: 'br' });
  servers.push(plainHost);
  const plainRepeat = median(await plainRepeats(plainHost.origin));
  const load = loadavg()[0];

  const floor = (enc) => results[enc].floor.ms_median;
  console.log('');
  console.log(`first visit on a phone (150 ms latency, 1.6 Mbit/s down, CPU ${CPU_SLOWDOWN}x slower, fresh profile),`);
  console.log(`navigation start until the page shows its content, median of ${RUNS} (load average ${load.toFixed(2)}):`);
  console.log('page          brotli ms  x floor   br kB before | gzip ms  x floor   gz kB before');
  for (const p of PAGES) {
    const b = results.br[p.key];
    const g = results.gzip[p.key];
    console.log(
      `${p.name.padEnd(12)} ${b.ms_median.toFixed(0).padStart(10)} ${(b.ms_median / floor('br')).toFixed(2).padStart(8)} ${(b.bytes / 1000).toFixed(1).padStart(13)} |` +
        ` ${g.ms_median.toFixed(0).padStart(7)} ${(g.ms_median / floor('gzip')).toFixed(2).padStart(8)} ${(g.bytes / 1000).toFixed(1).padStart(13)}`,
    );
  }
  console.log('');
  const verdicts = [];
  for (const key of ['patient', 'pharmacist']) {
    const r = results.br[key];
    const ratio = r.ms_median / floor('br');
    const b = BUDGET[key];
    const off = median(offline[key].times);
    verdicts.push(
      `${key}: ${ratio.toFixed(2)}x floor (budget ${b.ratio}x: ${ratio <= b.ratio ? 'met' : 'MISSED'}), ` +
        `${(r.bytes / 1000).toFixed(1)} kB brotli before ready (budget ${b.bytes / 1000} kB: ${r.bytes <= b.bytes ? 'met' : 'MISSED'}); ` +
        `then the service worker fetched ${(background[key].service_worker / 1000).toFixed(1)} kB (brotli) for full offline use; ` +
        `offline repeat visit ${off.toFixed(0)} ms = ${(off / plainRepeat).toFixed(2)}x the plain page's repeat visit ` +
        `(${plainRepeat.toFixed(0)} ms; budget ${BUDGET.offline_ratio}x: ${off / plainRepeat <= BUDGET.offline_ratio ? 'met' : 'MISSED'})`,
    );
  }
  for (const v of verdicts) console.log(v);
  console.log(
    JSON.stringify({
      phone: { ...NETWORK, cpu_slowdown: CPU_SLOWDOWN },
      runs: RUNS,
      load_average: load,
      first_visit: results,
      service_worker_bytes: background,
      offline_repeat_ms: Object.fromEntries(Object.entries(offline).map(([k, v]) => [k, { median: median(v.times), all: v.times, bytes_sent: v.sentAfterControl }])),
      plain_repeat_ms_median: plainRepeat,
      budgets: BUDGET,
    }),
  );
} finally {
  for (const s of servers) await s.close();
  await rm(floorDir, { recursive: true, force: true });
}

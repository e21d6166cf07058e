// First visit on a phone: navigation start to the `ldn-ready` mark under a
// slow-phone profile (Lighthouse's mobile figures: 150 ms latency, 1.6 Mbit/s
// down, 750 kbit/s up, CPU 4x slower), served gzip like a static host, fresh
// profile each load (nothing cached, no service worker yet). Three pages
// under the same profile: the app (dist/), the plain baseline (bench/plain/)
// and the Yew floor (bench/floor/, the smallest Yew app), as a table and
// one JSON line. Usage: node bench/phone.mjs [runs]   (after trunk build)
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveGzip } from './gzip-server.mjs';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';

const RUNS = Number(process.argv[2] ?? 7);

const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_SLOWDOWN = 4;
// A mid-range phone's screen (Lighthouse's Moto G Power), so layout and
// paint cost what they cost on one.
const SCREEN = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One first visit: { ms } to the ready mark, { bytes } the page received. */
async function phoneLoad(origin) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext(SCREEN);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // Wire bytes (gzip bodies plus headers) of every response the page got.
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(origin + '/', { waitUntil: 'commit' });
    await page.waitForSelector('[data-ready="true"]', { timeout: 60_000 });
    const ms = await page.evaluate(() => performance.getEntriesByName('ldn-ready')[0]?.startTime ?? NaN);
    // Requests still in flight at ready (icons, manifest) are part of the visit.
    await page.waitForLoadState('networkidle');
    return { ms, bytes };
  } finally {
    await browser.close();
  }
}

// The floor is built like the app (bench/floor/measure.sh) into a page.
const floorDir = await mkdtemp(join(tmpdir(), 'yew-floor-'));
execFileSync('bench/floor/measure.sh', [floorDir], { stdio: 'inherit' });
const pages = [
  { key: 'app', name: 'app', server: await serveGzip('dist') },
  { key: 'plain', name: 'plain', server: await serveGzip('bench/plain') },
  { key: 'floor', name: 'yew floor', server: await serveGzip(floorDir) },
];
try {
  for (const p of pages) p.loads = [];
  // Pages take turns, so a slow spell of the machine hits all three alike.
  for (let i = 0; i < RUNS; i++) for (const p of pages) p.loads.push(await phoneLoad(p.server.origin));
  for (const p of pages) {
    const ms = p.loads.map((l) => l.ms);
    Object.assign(p, { ms, median: median(ms), bytes: median(p.loads.map((l) => l.bytes)) });
  }
  const [app, plain, floor] = pages;
  // Other work on the machine slows the 4x-throttled CPU further: say how busy it was.
  const load = loadavg()[0];

  console.log('');
  console.log(`first visit on a phone (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, CPU ${CPU_SLOWDOWN}x slower,`);
  console.log(`gzip, fresh profile), navigation start to ready, ${RUNS} loads each (load average ${load.toFixed(2)}):`);
  console.log('page         transfer kB   median ms   min ms   max ms   x plain   x floor');
  for (const p of pages) {
    console.log(
      `${p.name.padEnd(12)} ${(p.bytes / 1000).toFixed(1).padStart(11)} ${p.median.toFixed(0).padStart(11)}` +
        ` ${Math.min(...p.ms).toFixed(0).padStart(8)} ${Math.max(...p.ms).toFixed(0).padStart(8)}` +
        ` ${(p.median / plain.median).toFixed(2).padStart(9)} ${(p.median / floor.median).toFixed(2).padStart(9)}`,
    );
  }
  console.log(
    JSON.stringify({
      phone: { ...NETWORK, cpu_slowdown: CPU_SLOWDOWN },
      runs: RUNS,
      load_average: load,
      pages: Object.fromEntries(
        pages.map((p) => [p.key, { transfer_bytes: p.bytes, ms_median: p.median, ms_min: Math.min(...p.ms), ms_max: Math.max(...p.ms), ms_all: p.ms }]),
      ),
      app_to_plain: app.median / plain.median,
      app_to_floor: app.median / floor.median,
    }),
  );
} finally {
  for (const p of pages) await p.server.close();
  await rm(floorDir, { recursive: true, force: true });
}

// End to end: the two doors. The patient's page (patient.html) and the
// pharmacist's app (index.html) each download their own WebAssembly and
// one language's texts before they are ready; a patient link printed for
// the app's root reaches the patient's page with its whole query, online
// and offline; after one visit every language works offline; a language
// that cannot be loaded is said, never shown blank; on a 320 x 640 phone the
// patient's first screen is the dose (or "do not use this bottle").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serveDir } from './support/server.mjs';
import { launchBrowser, openPage, waitReady, cspViolations } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';

const NBSP = '\u00a0';
let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await serveDir('dist');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const now = new Date();
const day = (n) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + n);
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
// The standard plan on day 21 (2 mg) from a 100 mL bottle of 1 mg/mL
// prepared on day 1 (its last day is day 30), as the pharmacist shares it.
const PLAN = `tablet=50&tablets=2&volume=100&syringe=3&prepared=${iso(day(-20))}&bud=30&plan=standard&pstart=${iso(day(-20))}&pdays=60`;
// A bottle whose last day was ten days ago.
const EXPIRED = `tablet=50&tablets=1&volume=50&syringe=3&prepared=${iso(day(-40))}&bud=30&dose=2`;
// 1.5 mg on the 5 mL syringe's 0.2 mL marks: 1.4 mL, 6.7 % less (warned).
const ROUNDS = `tablet=50&tablets=1&volume=50&syringe=5&prepared=${iso(day(-5))}&bud=30&dose=1.5`;
// Twice a day, on the second of three step-back days: 2 x 0.5 mg on the
// 1 mL syringe, with the note that it is already halved.
const SPLIT_BACK = `tablet=50&tablets=2&volume=100&syringe=1&prepared=${iso(day(-15))}&bud=30&plan=standard&pstart=${iso(day(-15))}&pdays=90&psplit=2&pback=${iso(day(-1))}:3`;
const DOSE = { en: `2${NBSP}mg`, nb: `2${NBSP}mg`, da: `2${NBSP}mg`, uk: `2${NBSP}мг` };

/** The code and texts this page downloaded (its own origin only). */
function downloads(page) {
  const seen = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.wasm$|\/lang-[a-z]+-[0-9a-f]+\.txt$/.test(path)) seen.push(path.replace(/^.*\//, '').replace(/-[0-9a-f]+(_bg)?\./, '$1.'));
  });
  return seen;
}

/** Waits until a service worker controls the page and has cached every file. */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
}

test('each door downloads its own WebAssembly and the one language it shows', async () => {
  const cases = [
    { name: 'pharmacist, lang=uk', path: '/?lang=uk', door: 'ldn-calc_bg.wasm', lang: 'uk' },
    { name: 'patient link, lang=da', path: `/patient.html?view=patient&lang=da&${PLAN}`, door: 'ldn-patient_bg.wasm', lang: 'da' },
    { name: 'old patient link at the root', path: `/?view=patient&lang=nb&${PLAN}`, door: 'ldn-patient_bg.wasm', lang: 'nb' },
    { name: "the browser's Norwegian", path: '/', door: 'ldn-calc_bg.wasm', lang: 'nb', options: { locale: 'nb-NO' } },
    { name: "patient link, the browser's Ukrainian", path: `/patient.html?view=patient&${PLAN}`, door: 'ldn-patient_bg.wasm', lang: 'uk', options: { locale: 'uk-UA' } },
  ];
  for (const c of cases) {
    const s = await openPage(browser, server.origin, c.options);
    const seen = downloads(s.page);
    await s.page.goto(server.origin + c.path);
    await waitReady(s.page);
    assert.equal(await s.page.evaluate(() => document.documentElement.lang), c.lang, c.name);
    assert.deepEqual([...seen].sort(), [`lang-${c.lang}.txt`, c.door].sort(), c.name);
    assert.deepEqual(s.foreign, [], c.name);
    assert.deepEqual(s.consoleErrors, [], c.name);
    assert.deepEqual(await cspViolations(s.page), [], c.name);
    await s.context.close();
  }
});

test('a language saved on the device is the one downloaded next time', async () => {
  const s = await openPage(browser, server.origin);
  await s.page.goto(`${server.origin}/?lang=en`);
  await waitReady(s.page);
  await s.page.getByLabel('Language').selectOption('da');
  await eventually(async () => assert.equal(await s.page.evaluate(() => document.documentElement.lang), 'da'));
  // A new visit without lang= in the link, to the patient's page too.
  for (const path of ['/', `/patient.html?view=patient&${PLAN}`]) {
    const page = await s.context.newPage();
    const seen = downloads(page);
    await page.goto(server.origin + path);
    await waitReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'da', path);
    assert.deepEqual(seen.filter((f) => f.startsWith('lang-')), ['lang-da.txt'], path);
    await page.close();
  }
  await s.context.close();
});

test('an old patient link opens the patient page; after one visit both doors and every language work offline', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ldn-doors-'));
  await cp('dist', dir, { recursive: true });
  const own = await serveDir(dir);
  const s = await openPage(browser, own.origin);
  const { page } = s;
  await page.goto(`${own.origin}/?view=patient&lang=en&${PLAN}#top`);
  await waitReady(page);
  const url = new URL(page.url());
  assert.equal(url.pathname, '/patient.html');
  for (const [param, value] of new URLSearchParams(PLAN)) assert.equal(url.searchParams.get(param), value, param);
  assert.equal(await page.getByTestId('today-dose').textContent(), DOSE.en);
  await controlled(page);
  await own.close();

  // Offline: the old link again, in each language; then the pharmacist's app.
  for (const lang of ['uk', 'da', 'nb', 'en']) {
    await page.goto(`${own.origin}/?view=patient&lang=${lang}&${PLAN}`);
    await waitReady(page);
    assert.equal(new URL(page.url()).pathname, '/patient.html', lang);
    assert.equal(await page.getByTestId('today-dose').textContent(), DOSE[lang], lang);
  }
  await page.goto(`${own.origin}/?lang=uk`);
  await waitReady(page);
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.getByRole('button', { name: 'Приготування' }).count(), 1);
  // Switching language offline, on both pages.
  await page.getByLabel('Мова').selectOption('nb');
  await eventually(async () => assert.equal(await page.evaluate(() => document.documentElement.lang), 'nb'));
  await page.goto(`${own.origin}/patient.html?view=patient&lang=en&${PLAN}`);
  await waitReady(page);
  await page.getByLabel('Language').selectOption('da');
  await eventually(async () => assert.equal(await page.getByTestId('today-dose').textContent(), DOSE.da));
  assert.equal(await page.getByTestId('lang-unavailable').count(), 0);
  assert.deepEqual(s.consoleErrors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)), []);
  await s.context.close();
});

test('a language whose texts cannot be loaded is said, and the page stays in the one it shows', async () => {
  // No service worker: it would answer from its cache what the test blocks.
  const s = await openPage(browser, server.origin, { serviceWorkers: 'block' });
  const { page } = s;
  await page.route('**/lang-da-*.txt', (route) => route.abort());
  await page.goto(`${server.origin}/patient.html?view=patient&lang=en&${PLAN}`);
  await waitReady(page);
  await page.getByLabel('Language').selectOption('da');
  const notice = page.getByTestId('lang-unavailable');
  await notice.waitFor();
  assert.equal(
    await notice.textContent(),
    'The texts for “Dansk” could not be loaded. The page stays in English. Check the connection and choose the language again.',
  );
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.getByLabel('Language').inputValue(), 'en', 'the menu shows the language the page is in');
  assert.equal(await page.getByTestId('today-dose').textContent(), DOSE.en);
  // Another language loads, and the notice goes.
  await page.getByLabel('Language').selectOption('uk');
  await eventually(async () => assert.equal(await page.getByTestId('today-dose').textContent(), DOSE.uk));
  assert.equal(await notice.count(), 0);

  // A link asking for a language that cannot be loaded: shown in another, said in it.
  const second = await s.context.newPage();
  await second.route('**/lang-da-*.txt', (route) => route.abort());
  await second.goto(`${server.origin}/?lang=da`);
  await waitReady(second);
  assert.equal(await second.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await second.getByTestId('lang-unavailable').textContent(), /^The texts for “Dansk” could not be loaded/);
  // No language at all: the page's own message, in all four.
  const third = await s.context.newPage();
  await third.route('**/lang-*.txt', (route) => route.abort());
  await third.goto(`${server.origin}/patient.html?view=patient&${PLAN}`);
  await third.locator('#start-failed').waitFor();
  assert.match(await third.locator('#start-failed').textContent(), /could not load its texts.*Sjekk tilkoblingen.*Tjek forbindelsen.*Перевірте з’єднання/);
  assert.equal(await third.getByTestId('today-dose').count(), 0);
  await s.context.close();
});

test("on a 320 x 640 phone the patient's first screen is the dose, or 'do not use this bottle'", async () => {
  for (const lang of ['en', 'nb', 'da', 'uk']) {
    for (const [kind, query, selectors] of [
      ['plan', PLAN, ['[data-testid=today-dose]', '[data-testid=today-draw] .draw']],
      ['expired', EXPIRED, ['[data-testid=bottle-expired]']],
      // The rounding's warning comes with the draw, not below the fold.
      ['rounds', ROUNDS, ['[data-testid=today-draw] .draw', '[data-testid=today-draw] [data-warning=rounding-deviation]']],
      // Two intakes and the step-back note: the draw still comes first.
      ['split step-back', SPLIT_BACK, ['[data-testid=today-dose]', '[data-testid=today-draw] .draw']],
    ]) {
      const s = await openPage(browser, server.origin, { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
      await s.page.goto(`${server.origin}/?view=patient&lang=${lang}&${query}`);
      await waitReady(s.page);
      for (const selector of selectors) {
        const box = await s.page.locator(selector).boundingBox();
        assert.ok(box, `${lang} ${kind}: ${selector} is shown`);
        assert.ok(box.y >= 0 && box.y + box.height <= 640, `${lang} ${kind}: ${selector} ends at ${box.y + box.height} px`);
      }
      // Nothing wider than the phone.
      assert.ok(await s.page.evaluate(() => document.documentElement.scrollWidth <= 320), `${lang} ${kind}: no sideways scrolling`);
      if (kind === 'split step-back') {
        assert.match(await s.page.getByTestId('today-note').textContent(), /\d/, `${lang}: the note names its last day`);
      }
      if (kind === 'plan') {
        // Marked taken: said beside the dose, on the first screen.
        await s.page.getByTestId('diary-take').click();
        const taken = await s.page.getByTestId('today-taken').boundingBox();
        assert.ok(taken && taken.y + taken.height <= 640, `${lang}: taken is said on the first screen`);
      }
      await s.context.close();
    }
  }
});

test('the release build has brotli and gzip copies beside every text and wasm file, equal to it', async () => {
  const files = await readdir('dist');
  const plain = files.filter((f) => /\.(html|js|css|wasm|txt|webmanifest)$/.test(f));
  assert.ok(plain.some((f) => f.startsWith('ldn-patient') && f.endsWith('.wasm')), 'the patient door');
  assert.equal(plain.filter((f) => /^lang-(en|nb|da|uk)-[0-9a-f]{16}\.txt$/.test(f)).length, 4, 'four language files');
  for (const f of plain) {
    const data = await readFile(join('dist', f));
    assert.ok(files.includes(f + '.br') && files.includes(f + '.gz'), f);
    assert.ok(brotliDecompressSync(await readFile(join('dist', f + '.br'))).equals(data), `${f}.br`);
    assert.ok(gunzipSync(await readFile(join('dist', f + '.gz'))).equals(data), `${f}.gz`);
  }
  // The service worker asks for the files themselves, never the copies.
  const sw = await readFile('dist/sw.js', 'utf8');
  assert.doesNotMatch(sw, /\.(br|gz)"/);
  assert.match(sw, /"\.\/patient\.html"/);
});

test('a page left open moves to the next day: the step-up, and no dose after the bottle\'s last day', async () => {
  // Day 21 of the standard plan at 21:00; the bottle's last day is day 30.
  const s = await openPage(browser, server.origin);
  const { page } = s;
  const at = (n, hour) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + n, hour, 0);
  await page.clock.install({ time: at(7, 21) });
  await page.goto(`${server.origin}/patient.html?view=patient&lang=en&${PLAN}`);
  await waitReady(page);
  // Day 28: 2 mg. Shown again the next morning (day 29): 2.5 mg.
  assert.equal(await page.getByTestId('today-dose').textContent(), DOSE.en);
  await page.clock.setSystemTime(at(8, 8));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await eventually(async () => assert.equal(await page.getByTestId('today-dose').textContent(), `2.5${NBSP}mg`));
  // Left open past the bottle's last day: do not use it, no draw.
  await page.clock.setSystemTime(at(10, 8));
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.getByTestId('bottle-expired').waitFor();
  assert.equal(await page.getByTestId('today-draw').count(), 0);
  await s.context.close();
});

test('a host that drops ".html" (/patient) opens the patient page without sending it on again', async () => {
  const { createServer } = await import('node:http');
  const { extname } = await import('node:path');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.txt': 'text/plain' };
  let pages = 0;
  const host = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    // Cloudflare Pages: /patient.html is redirected to /patient, which serves it.
    if (url.pathname === '/patient.html') return void res.writeHead(308, { location: `/patient${url.search}` }).end();
    const file = url.pathname === '/' ? 'index.html' : url.pathname === '/patient' ? 'patient.html' : url.pathname.slice(1);
    if (file.endsWith('.html')) pages++;
    try {
      const body = await readFile(join('dist', file));
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${host.address().port}`;
  const s = await openPage(browser, origin, { serviceWorkers: 'block' });
  for (const path of [`/patient.html?view=patient&lang=en&${PLAN}`, `/?view=patient&lang=en&${PLAN}`]) {
    pages = 0;
    await s.page.goto(origin + path);
    await waitReady(s.page);
    assert.equal(await s.page.getByTestId('today-dose').textContent(), DOSE.en, path);
    assert.equal(new URL(s.page.url()).pathname, '/patient', path);
    assert.ok(pages <= 2, `${path}: ${pages} pages loaded`);
  }
  await s.context.close();
  host.close();
});

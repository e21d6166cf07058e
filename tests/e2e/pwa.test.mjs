// Offline and installable: the service worker, the manifest, updates, CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, appendFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDir } from './support/server.mjs';
import { launchBrowser, launchPersistent, openPage, waitReady, cspViolations } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';

const NBSP = '\u00a0';
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** A private copy of dist/, so a test can change it like a new deployment. */
async function copyOfDist() {
  const dir = await mkdtemp(join(tmpdir(), 'ldn-dist-'));
  await cp('dist', dir, { recursive: true });
  return dir;
}

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
}

test('after one visit the app reloads, renders and computes with the server gone', async () => {
  const server = await serveDir(await copyOfDist());
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await page.goto(`${server.origin}/?lang=en`);
  await waitReady(page);
  await controlled(page);
  await server.close();

  await page.reload();
  await waitReady(page);
  await page.getByRole('button', { name: 'Dose' }).click();
  await page.getByLabel('Dose (mg)').fill('2,5');
  await eventually(async () => assert.equal(await page.getByTestId('draw-volume').textContent(), `2.5${NBSP}mL`));
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(s.foreign, []);
  await s.context.close();
});

test('Chromium reports no installability errors and the manifest is complete', async () => {
  const server = await serveDir('dist');
  const context = await launchPersistent();
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await waitReady(page);
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = await (await page.request.get(`${server.origin}/manifest.webmanifest`)).json();
  assert.deepEqual(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`), ['192x192 any', '512x512 any', '512x512 maskable']);
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.deepEqual(await cspViolations(page), []);
  await context.close();
  await server.close();
});

test('the page carries a strict CSP and has no inline script', async () => {
  const server = await serveDir('dist');
  const s = await openPage(browser, server.origin);
  await s.page.goto(`${server.origin}/`);
  await waitReady(s.page);
  const csp = await s.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  assert.equal(await s.page.locator('script:not([src])').count(), 0);
  assert.deepEqual(await cspViolations(s.page), []);
  assert.deepEqual(s.consoleErrors, []);
  await s.context.close();
  await server.close();
});

test('a new deployment shows the update prompt, and Reload switches to it', async () => {
  const first = await copyOfDist();
  const server = await serveDir(first);
  const s = await openPage(browser, server.origin);
  const { page } = s;
  await page.goto(`${server.origin}/?lang=en`);
  await waitReady(page);
  await controlled(page);
  assert.equal(await page.getByTestId('update-ready').count(), 0);

  // The second build: one asset changed, sw.js regenerated as the build does.
  const second = await copyOfDist();
  const css = (await readdir(second)).find((f) => f.endsWith('.css'));
  await appendFile(join(second, css), '\n/* changed */\n');
  execFileSync('node', ['scripts/service-worker.mjs', second]);
  server.setRoot(second);

  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.getByTestId('update-ready').waitFor({ timeout: 15_000 });
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
  await waitReady(page);
  assert.equal(await page.getByTestId('update-ready').count(), 0);
  // The new worker deletes the old caches when it activates.
  await eventually(async () => {
    const caches = await page.evaluate(() => caches.keys());
    assert.equal(caches.length, 1, `old caches deleted: ${caches}`);
  });
  await s.context.close();
  await server.close();
});

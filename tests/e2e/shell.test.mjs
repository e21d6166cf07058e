// End to end: the release bundle in dist/, served on loopback, in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDir } from './support/server.mjs';
import { launchBrowser, openPage, waitReady } from './support/browser.mjs';

let server;
let browser;

before(async () => {
  server = await serveDir('dist');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('renders, computes from typed input, and stays on its own origin', async () => {
  const { page, foreign, consoleErrors, context } = await openPage(browser, server.origin);
  await page.goto(server.origin + '/');
  await waitReady(page);
  assert.match(await page.title(), /LDN/);

  const dose = page.getByLabel('Dose (mg)');
  await dose.fill('2,25');
  assert.equal(await page.getByTestId('draw-volume').textContent(), '2.25\u00a0mL');

  await dose.fill('abc');
  assert.ok(await page.locator('[data-error="dose"]').isVisible());

  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(consoleErrors, [], 'console errors');
  await context.close();
});

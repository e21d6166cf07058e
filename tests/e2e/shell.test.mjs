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
  await page.goto(server.origin + '/?lang=en');
  await waitReady(page);
  assert.match(await page.title(), /LDN/);

  await page.getByLabel('Number of tablets').fill('3');
  await page.getByLabel('Final volume (mL)').fill('140');
  assert.equal(await page.getByTestId('concentration').textContent(), '1.071\u00a0mg/mL');

  await page.getByLabel('Final volume (mL)').fill('abc');
  assert.ok(await page.locator('[data-error="volume"]').isVisible());

  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(consoleErrors, [], 'console errors');
  await context.close();
});

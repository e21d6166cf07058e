// End to end: the release bundle in dist/, served on loopback, in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { openPage, waitReady } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';

const app = appUnderTest();

test('renders, computes from typed input, and stays on its own origin', async () => {
  const { page, foreign, consoleErrors, context } = await openPage(app.browser, app.server.origin);
  await page.goto(app.server.origin + '/?lang=en');
  await waitReady(page);
  assert.match(await page.title(), /LDN/);

  await page.getByLabel('Number of tablets').fill('3');
  await page.getByLabel('Final volume (mL)').fill('140');
  await eventually(async () => assert.equal(await page.getByTestId('concentration').textContent(), '1.071\u00a0mg/mL'));

  await page.getByLabel('Final volume (mL)').fill('abc');
  await eventually(async () => assert.ok(await page.locator('[data-error="volume"]').isVisible()));

  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(consoleErrors, [], 'console errors');
  await context.close();
});

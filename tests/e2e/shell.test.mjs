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

test('a link opens the screen it names (screen=), the address follows the tabs, and a reload stays', async () => {
  const { page, context } = await openPage(app.browser, app.server.origin);
  await page.goto(`${app.server.origin}/?lang=en&dose=1.5&syringe=3&screen=dose`);
  await waitReady(page);
  const pressed = () => page.locator('nav.tabs button[aria-pressed="true"]').textContent();
  assert.equal(await pressed(), 'Dose');
  assert.equal(await page.getByTestId('draw-volume').textContent(), '1.5\u00a0mL');
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await eventually(async () => assert.match(page.url(), /screen=plan/));
  await page.reload();
  await waitReady(page);
  assert.equal(await pressed(), 'Plan');
  await page.getByTestId('plan-table').waitFor();
  // The default screen is not written; an unknown one is reported and ignored.
  await page.getByRole('button', { name: 'Prepare', exact: true }).click();
  await eventually(async () => assert.doesNotMatch(page.url(), /screen=/));
  await page.goto(`${app.server.origin}/?lang=en&screen=settings`);
  await waitReady(page);
  assert.equal(await pressed(), 'Prepare');
  assert.match(await page.getByTestId('link-problems').textContent(), /screen=settings/);
  await context.close();
});

// End to end: every print button asks the browser to print, once. The
// browser's print is stubbed for every test (support/browser.mjs), so this
// counts the page's calls of `window.print`; the printed pages themselves
// are read back as PDFs by the tests of each output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { eventually } from './support/eventually.mjs';
import { printCalls } from './support/browser.mjs';
import { openAt, done } from './support/session.mjs';

const app = appUnderTest();
const LINK = 'lang=en&tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=2026-12-01&bud=30';

/** Clicks the button `name` (the nth with that name) and asserts exactly one new print call. */
async function assertPrintsOnce(page, name, nth = 0) {
  const before = await printCalls(page);
  await page.getByRole('button', { name, exact: true }).nth(nth).click();
  await eventually(async () => assert.equal(await printCalls(page), before + 1, `${name}: window.print called`));
  // Once, not once per render: a second render must not print again.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  assert.equal(await printCalls(page), before + 1, `${name}: window.print called exactly once`);
}

// Seen on 7 December 2026, within the bottle's 30 days, whatever today is.
const DAY = { today: '2026-12-07' };

test('a page that only opens prints nothing', async () => {
  const s = await openAt(app, `?${LINK}`, DAY);
  assert.equal(await printCalls(s.page), 0);
  await done(s);
});

test('Prepare: "Print label" prints once', async () => {
  const s = await openAt(app, `?${LINK}`, DAY);
  await assertPrintsOnce(s.page, 'Print label');
  await done(s);
});

test('Plan: "Print the plan" prints once', async () => {
  const s = await openAt(app, `?${LINK}&screen=plan&plan=standard&pstart=2026-12-01`, DAY);
  await assertPrintsOnce(s.page, 'Print the plan');
  await done(s);
});

test('My batches: "Print record (A4)" and "Print label" each print once', async () => {
  const s = await openAt(app, `?${LINK}&screen=batches`, DAY);
  const { page } = s;
  await page.getByRole('button', { name: 'Save this batch' }).click();
  await eventually(async () => assert.ok(await page.getByTestId('batch-open').isVisible()));
  await assertPrintsOnce(page, 'Print record (A4)');
  await eventually(async () => assert.equal(await page.getByTestId('batch-open').getAttribute('data-print'), 'record'));
  // The open bottle's "Print label" (the Prepare screen's label has its own).
  const label = page.getByTestId('batch-open').getByRole('button', { name: 'Print label', exact: true });
  const before = await printCalls(page);
  await label.click();
  await eventually(async () => assert.equal(await printCalls(page), before + 1));
  await eventually(async () => assert.equal(await page.getByTestId('batch-open').getAttribute('data-print'), 'label'));
  // Printing the same output again prints again.
  await label.click();
  await eventually(async () => assert.equal(await printCalls(page), before + 2));
  await done(s);
});

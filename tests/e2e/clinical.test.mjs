// End to end: the clinical limits of issue 11. The low-dose limits judge the
// daily total (doses a day, link parameter `times`), and the bottle's dates
// warn when the use-by is beyond the guidance or the preparation date is
// after today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { openPage, waitReady } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { openAt, done } from './support/session.mjs';

const app = appUnderTest();

/** A fresh context (empty storage) on the app with `query`. */
const open = (query) => openAt(app, query);

/** `days` from today in the browser's calendar, as YYYY-MM-DD. */
function isoFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const listed = (page, code) => page.locator(`.warnings [data-warning="${code}"]`).count();
const onLabel = (page, code) => page.getByTestId('label').locator(`[data-warning="${code}"]`).count();

test('a use-by beyond 30 days warns the pharmacist on the Prepare screen, not on the patient\'s label, and clears', async () => {
  const s = await open('?lang=en');
  const { page } = s;
  await page.locator('#bud-2').check(); // custom
  await page.getByLabel('Days (1 to 180)').fill('45');
  await eventually(async () => {
    assert.equal(await listed(page, 'use-by-beyond-guidance'), 1);
    // The label is the patient's: the use-by is the pharmacist's choice
    // (the label gives its date), as on the patient's page.
    assert.equal(await onLabel(page, 'use-by-beyond-guidance'), 0);
    const words = await page.locator('.warnings [data-warning="use-by-beyond-guidance"]').textContent();
    assert.match(words, /at most 30 days/);
    assert.match(words, /USP <795> gives 14 days in the refrigerator for a water-based preparation without preservative/);
    assert.ok(page.url().includes('bud=45'), page.url());
  });
  await page.getByLabel('Days (1 to 180)').fill('30');
  await eventually(async () => {
    assert.equal(await listed(page, 'use-by-beyond-guidance'), 0);
    assert.equal(await onLabel(page, 'use-by-beyond-guidance'), 0);
  });
  await done(s);
});

test('a preparation date after today warns, and clears when corrected', async () => {
  const s = await open('?lang=en');
  const { page } = s;
  // A year ahead: the typo that makes an old bottle look fresh.
  await page.getByLabel('Prepared on').fill(isoFromToday(365));
  await eventually(async () => {
    assert.equal(await listed(page, 'prepared-in-future'), 1);
    assert.equal(await onLabel(page, 'prepared-in-future'), 1);
    assert.match(
      await page.locator('.warnings [data-warning="prepared-in-future"]').textContent(),
      /after today\. If it is a typo, it makes an old bottle look fresh/,
    );
  });
  await page.getByLabel('Prepared on').fill(isoFromToday(0));
  await eventually(async () => {
    assert.equal(await listed(page, 'prepared-in-future'), 0);
    assert.equal(await onLabel(page, 'prepared-in-future'), 0);
  });
  await done(s);
});

test('4.5 mg twice a day warns with the daily total; once a day does not', async () => {
  const twice = await open('?lang=en&dose=4.5&syringe=5&times=2');
  await twice.page.getByRole('button', { name: 'Dose' }).click();
  await eventually(async () => {
    assert.equal(await twice.page.getByLabel('twice a day (morning and evening)').isChecked(), true);
    assert.equal(await listed(twice.page, 'above-ldn-range'), 1);
    assert.match(
      await twice.page.locator('[data-warning="above-ldn-range"]').textContent(),
      /^9.mg a day \(4\.5.mg twice a day\) is above 4\.5 mg a day, the top of the LDN range\./,
    );
  });
  // Once a day from the same page: 4.5 mg a day, the top of the range.
  await twice.page.getByLabel('once a day', { exact: true }).check();
  await eventually(async () => {
    assert.equal(await listed(twice.page, 'above-ldn-range'), 0);
    assert.ok(!twice.page.url().includes('times='), twice.page.url());
  });
  await done(twice);

  const once = await open('?lang=en&dose=4.5&syringe=5&times=1');
  await once.page.getByRole('button', { name: 'Dose' }).click();
  await eventually(async () => {
    assert.equal(await once.page.getByLabel('once a day', { exact: true }).isChecked(), true);
    assert.equal(await once.page.getByTestId('draw-volume').textContent(), '4.4\u00a0mL');
    assert.equal(await listed(once.page, 'above-ldn-range'), 0);
  });
  await done(once);
});

test('a link with times=2 round-trips, and a bad times is reported', async () => {
  const s = await open('?lang=en&dose=4.5&syringe=5');
  const { page } = s;
  await page.getByRole('button', { name: 'Dose' }).click();
  await page.getByLabel('twice a day (morning and evening)').check();
  const link = await eventually(() => {
    const url = page.url();
    assert.ok(url.includes('dose=4.5&times=2'), url);
    return url;
  });
  const other = await openPage(app.browser, app.server.origin);
  await other.page.goto(link);
  await waitReady(other.page);
  await other.page.getByRole('button', { name: 'Dose' }).click();
  await eventually(async () => {
    assert.equal(await other.page.getByLabel('twice a day (morning and evening)').isChecked(), true);
    assert.equal(await listed(other.page, 'above-ldn-range'), 1);
    // The reopened page writes the very same link.
    assert.equal(other.page.url(), link);
  });
  await done(other);

  const bad = await open('?lang=en&dose=4.5&times=3');
  assert.match(await bad.page.getByTestId('link-problems').textContent(), /times=3/);
  await bad.page.getByRole('button', { name: 'Dose' }).click();
  await eventually(async () => assert.equal(await bad.page.getByLabel('once a day', { exact: true }).isChecked(), true));
  await done(bad);
  await done(s);
});

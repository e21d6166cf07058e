// End to end: two tabs of the app open on one device (one browser profile,
// one local storage). What one saves, the other shows without a reload,
// and neither tab's older copy overwrites the other's newer one: the last
// to save used to win, so a dose marked taken in one tab was lost when the
// other saved, and a stale edit could undo a record's new version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { eventually } from './support/eventually.mjs';
import { openAt, done } from './support/session.mjs';
import { printCalls, waitReady } from './support/browser.mjs';

const app = appUnderTest();
const TODAY = '2026-12-07';
const LINK = `tablet=50&tablets=1&volume=50&syringe=3&plan=standard&pstart=${TODAY}&pdays=60&prepared=${TODAY}&bud=30`;

/** The saved document as the other tab reads it. */
async function stored(page) {
  return JSON.parse(await page.evaluate(() => localStorage.getItem('ldn-calc')));
}

/** A second tab in the same browser profile, on `query`, showing the same day. */
async function secondTab(s, query) {
  const page = await s.context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') s.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => s.consoleErrors.push(String(err)));
  await page.goto(`${app.server.origin}/${query}`);
  await waitReady(page);
  return page;
}

test('the patient marks today\'s dose in one tab: the other tab shows it taken and offers no second tap', async () => {
  const s = await openAt(app, `patient.html?lang=en&view=patient&${LINK}`, { today: TODAY });
  const one = s.page;
  const two = await secondTab(s, `patient.html?lang=en&view=patient&${LINK}`);
  for (const page of [one, two]) assert.equal(await page.getByTestId('diary-take').count(), 1);
  await one.getByTestId('diary-take').click();
  await eventually(async () => assert.equal(await one.getByTestId('diary-take').count(), 0));
  // The other tab, untouched, follows.
  await eventually(async () => {
    assert.equal(await two.getByTestId('diary-take').count(), 0, 'no second tap offered');
    assert.equal(
      await two.getByTestId('diary-taken-vs-plan').locator(`tr[data-day="${TODAY}"]`).getAttribute('data-status'),
      await one.getByTestId('diary-taken-vs-plan').locator(`tr[data-day="${TODAY}"]`).getAttribute('data-status'),
    );
  });
  // A note saved in the second tab keeps the first tab's mark.
  const form = two.getByTestId('diary-effects');
  await form.locator('#diary-sleep').check();
  await form.locator('#diary-note').fill('slept well');
  await form.getByRole('button').click();
  await eventually(async () => {
    const doc = await stored(two);
    assert.equal(doc.diary.filter((e) => e.date === TODAY && e.dose_mg).length, 1, 'the mark is still saved');
    assert.ok(doc.diary.some((e) => e.note === 'slept well'));
  });
  await eventually(async () => assert.match(await one.getByTestId('diary').textContent(), /slept well/));
  await done(s);
});

test('a record changed in one tab closes its stale edit in the other, which says so and keeps the new version', async () => {
  const query = `?lang=en&tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=${TODAY}&bud=30&screen=batches`;
  const s = await openAt(app, query, { today: TODAY });
  const one = s.page;
  const two = await secondTab(s, query);
  // Saved in the first tab, listed in the second without a reload.
  await one.getByLabel('Tablet lot number').fill('AB123');
  await one.getByLabel('Patient', { exact: true }).fill('Kari Nordmann');
  await one.getByRole('button', { name: 'Save this batch' }).click();
  await eventually(async () => assert.equal(await two.getByTestId('batch').count(), 1));
  // Printed from the first tab: a change is now a new version.
  const before = await printCalls(one);
  await one.getByRole('button', { name: 'Print record (A4)' }).click();
  await eventually(async () => assert.equal(await printCalls(one), before + 1));
  // The second tab starts an edit from its copy...
  await two.getByTestId('batch').getByRole('button').first().click();
  await two.getByTestId('record-edit-open').click();
  await two.getByTestId('record-edit').locator('#edit-lot').fill('ZZ999');
  // ...while the first makes version 2.
  await one.getByTestId('record-edit-open').click();
  const form = one.getByTestId('record-edit');
  await form.locator('#edit-lot').fill('AB124');
  await form.locator('#edit-by').fill('KK');
  await form.locator('#edit-why').fill('Lot misread from the pack');
  await one.getByTestId('record-edit-save').click();
  await eventually(async () => assert.equal(await one.getByTestId('record-edit').count(), 0));
  // The second tab's stale edit is closed and said; it shows version 2.
  await eventually(async () => {
    assert.equal(await two.getByTestId('record-edit').count(), 0);
    assert.equal(
      await two.getByTestId('edit-closed-elsewhere').locator('p').textContent(),
      'This record was changed in another tab or window, so its edit here was closed and what you typed in it '
        + 'was not saved. Open the record again to edit its newest version.',
    );
    assert.equal(await two.getByTestId('record').locator('[data-row=lot] td').textContent(), 'AB124');
    assert.match(await two.getByTestId('record-version-line').textContent(), /^Version: 2, /);
  });
  // Anything the second tab saves now keeps version 2.
  await two.getByText('Pharmacy (printed on every label)').click();
  await two.getByLabel('Pharmacy name').fill('Apotek 1 Storgata');
  await two.getByRole('button', { name: 'Save pharmacy details' }).click();
  await eventually(async () => {
    const doc = await stored(one);
    assert.equal(doc.pharmacy_name, 'Apotek 1 Storgata');
    assert.equal(doc.batches[0].lot, 'AB124');
    assert.equal(doc.batches[0].revisions.length, 1);
  });
  // And the first tab shows the pharmacy the second saved.
  await one.getByText('Pharmacy (printed on every label)').click();
  await eventually(async () => assert.equal(await one.getByLabel('Pharmacy name').inputValue(), 'Apotek 1 Storgata'));
  await done(s);
});

// End to end: the dose diary on the Plan screen, as a patient keeps it.
// Dates follow the browser's clock: the plan starts four days before today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest } from './support/app.mjs';
import { injectAxe, violations } from './support/axe.mjs';
import { parseCsv } from './support/csv.mjs';
import { openPage } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { done, openAt } from './support/session.mjs';

const NBSP = '\u00a0';
const app = appUnderTest();

/** The local date `offset` days from today, as YYYY-MM-DD. */
function day(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
const [START, YESTERDAY, TODAY, TOMORROW, AFTER] = [day(-4), day(-1), day(0), day(1), day(2)];
// Standard titration: 1.5 mg a day for the first 14 days; 1 mg/mL on a 3 mL syringe.
const link = (lang, syringe = 3) =>
  `?lang=${lang}&tablet=50&tablets=1&volume=50&syringe=${syringe}&prepared=${START}&bud=30&plan=standard` +
  `&pstart=${START}&pdays=30&screen=plan`;

const row = (page, date) => page.locator(`.plan-table tr[data-date="${date}"]`);
const cell = (page, date, col) => row(page, date).locator(`[data-col="${col}"]`).textContent();

/** Notes side effects (by their check boxes' ids) on `date` in the diary's form. */
async function noteEffects(page, date, ids, note = '') {
  const form = page.getByTestId('diary-effects');
  await form.locator('#diary-date').fill(date);
  for (const id of ids) await form.locator(`#${id}`).check();
  if (note) await form.locator('#diary-note').fill(note);
  const before = await page.getByTestId('diary-entry').count();
  await form.getByRole('button').click();
  await eventually(async () => assert.equal(await page.getByTestId('diary-entry').count(), before + 1));
}

test('a patient marks doses, notes side effects two days running and accepts the step-back', async () => {
  const s = await openAt(app, link('en'));
  const { page } = s;
  await page.getByTestId('plan-table').waitFor();
  const diary = page.getByTestId('diary');
  assert.match(await diary.textContent(), new RegExp(`Today’s dose: 1\\.5${NBSP}mg: draw 1\\.5${NBSP}mL`));
  assert.equal(await page.getByTestId('diary-suggestion').count(), 0);

  // Side effects yesterday (the date field), then today.
  await noteEffects(page, YESTERDAY, ['diary-sleep']);
  assert.equal(await page.getByTestId('diary-suggestion').count(), 0, 'one day is not a pattern');
  const note = 'woke at 3, "vivid" one\nthen slept';
  await noteEffects(page, TODAY, ['diary-headache', 'diary-dreams'], note);

  // Two days in a row: halve from today (nothing taken yet), for 2 days.
  const offer = page.getByTestId('diary-suggestion');
  await offer.waitFor();
  assert.match(await offer.textContent(), /halving the dose for 2 to 3 days/);
  assert.match(await offer.textContent(), /Halve the dose in the plan from today/);
  assert.equal(await offer.locator('cite[data-source="seed-000"]').count(), 1);
  await page.getByTestId('diary-accept-step-back').click();
  await eventually(async () => {
    for (const date of [TODAY, TOMORROW]) {
      assert.equal(await row(page, date).locator('[data-note="step-back"]').count(), 1, date);
      assert.equal(await cell(page, date, 'dose'), `0.75${NBSP}mg`);
    }
    assert.equal(await row(page, AFTER).locator('[data-note="step-back"]').count(), 0);
    assert.equal(await cell(page, AFTER, 'dose'), `1.5${NBSP}mg`);
    assert.match(page.url(), new RegExp(`pback=${TODAY}%3A2`));
    assert.equal(await page.getByTestId('diary-suggestion').count(), 0);
  });

  // One tap marks today's (halved) dose as it is drawn: 0.75 mL is a tie
  // on the 0.1 mL marks and goes down to 0.7 mL.
  assert.match(await diary.textContent(), new RegExp(`Today’s dose: 0\\.75${NBSP}mg: draw 0\\.7${NBSP}mL`));
  // ... and says that it is already halved, so nobody halves it again.
  assert.match(await page.getByTestId('diary-step-back').textContent(), /already halved: do not halve it again/);
  await page.getByTestId('diary-take').click();
  await eventually(async () => {
    assert.equal(await page.getByTestId('diary-entry').count(), 4);
    assert.equal(await page.getByTestId('diary-take').count(), 0, 'once a day');
  });
  const today = page.locator(`[data-testid="diary-entry"][data-date="${TODAY}"]`);
  assert.match(await today.first().textContent(), new RegExp(`Taken as planned: 0\\.75${NBSP}mg \\(0\\.7${NBSP}mL drawn\\)`));
  const against = page.getByTestId('diary-taken-vs-plan');
  assert.equal(await against.locator(`tr[data-day="${TODAY}"]`).getAttribute('data-status'), 'as-planned');
  assert.equal(await against.locator(`tr[data-day="${YESTERDAY}"]`).getAttribute('data-status'), 'missed');
  assert.match(await against.textContent(), /1 as planned · 0 in another amount · 4 not marked taken/);
  // The plan's first bottle (50 mL, prepared on the first day) less 0.7 mL.
  assert.match(await page.getByTestId('diary-ml-left').textContent(), new RegExp(`: 49\\.3${NBSP}mL`));

  // A reload keeps the diary (local storage) and the step-back (the link).
  await page.waitForFunction(() => (localStorage.getItem('ldn-calc') ?? '').includes('"as_planned":true'));
  await page.reload();
  await page.getByTestId('plan-table').waitFor();
  assert.equal(await page.getByTestId('diary-entry').count(), 4);
  assert.equal(await row(page, TODAY).locator('[data-note="step-back"]').count(), 1);

  // The CSV for the prescriber: header, one row per entry, the note quoted,
  // and a row for each planned dose of a past day that was not marked.
  const download = page.waitForEvent('download');
  await page.getByTestId('diary-csv').click();
  const raw = await readFile(await (await download).path(), 'utf8');
  assert.ok(raw.startsWith('\ufeff'), 'a byte-order mark for spreadsheets');
  assert.ok(raw.includes('"woke at 3, ""vivid"" one\nthen slept"'), raw);
  const rows = parseCsv(raw.slice(1));
  assert.deepEqual(rows[0], ['date', 'time', 'dose_mg', 'draw_ml', 'as_planned', 'planned_mg', 'effects', 'note', 'step_back_days', 'score']);
  assert.equal(rows.length, 9);
  for (const [k, date] of [day(-4), day(-3), day(-2)].entries()) {
    assert.deepEqual(rows[1 + k], [date, '', '', '', 'missed', '1.5', '', '', '', '']);
  }
  assert.deepEqual(rows[4], [YESTERDAY, '', '', '', '', '1.5', 'sleep', '', '', '']);
  assert.deepEqual(rows[5], [YESTERDAY, '', '', '', 'missed', '1.5', '', '', '', '']);
  assert.deepEqual(rows[6], [TODAY, '', '', '', '', '0.75', 'dreams;headache', note, '', '']);
  // The step-back accepted today, for 2 days (the diary's order: by time,
  // an entry without one first).
  assert.deepEqual(rows[7], [TODAY, '', '', '', '', '0.75', '', '', '2', '']);
  assert.equal(rows[8][0], TODAY);
  assert.match(rows[8][1], /^\d\d:\d\d$/);
  assert.deepEqual(rows[8].slice(2), ['0.75', '0.7', 'yes', '0.75', '', '', '', '']);
  await done(s);
});

test('another amount: a decimal comma, a caution far above the plan, delete to undo', async () => {
  const s = await openAt(app, link('en', 5));
  const { page } = s;
  await page.getByTestId('plan-table').waitFor();
  const amount = page.getByLabel('Another amount taken today (mg)');
  await amount.fill('1..2');
  await eventually(async () => assert.equal(await page.locator('[data-error="diary-amount"]').count(), 1));
  await amount.fill('3,5');
  await eventually(async () => {
    assert.equal(await page.locator('[data-error="diary-amount"]').count(), 0);
    assert.match(await page.getByTestId('diary').textContent(), /more than twice the 1\.5.mg planned for today/);
  });
  await page.getByTestId('diary-take-other').click();
  const entry = page.getByTestId('diary-entry');
  await eventually(async () => assert.match(await entry.textContent(), new RegExp(`Taken: 3\\.5${NBSP}mg \\(3\\.4${NBSP}mL drawn\\)`)));
  assert.equal(
    await page.getByTestId('diary-taken-vs-plan').locator(`tr[data-day="${TODAY}"]`).getAttribute('data-status'),
    'other',
  );
  await entry.getByRole('button', { name: /^Delete the entry of / }).click();
  await eventually(async () => assert.equal(await entry.count(), 0));
  await done(s);
});

for (const lang of ['en', 'nb', 'da', 'uk']) {
  test(`no axe violations in the diary in ${lang}`, async () => {
    // axe is injected as a script, which the app's CSP forbids: the audit
    // context bypasses CSP (tested in pwa.test.mjs).
    const s = await openPage(app.browser, app.server.origin, { bypassCSP: true });
    const { page } = s;
    await page.goto(`${app.server.origin}/${link(lang, 5)}`);
    await page.getByTestId('plan-table').waitFor();
    await noteEffects(page, YESTERDAY, ['diary-sleep', 'diary-other'], 'x');
    await noteEffects(page, TODAY, ['diary-nausea']);
    await page.getByTestId('diary-take').click();
    // Everything shown at once: the offer, an entry with a dose, a caution,
    // an error on the form.
    await page.locator('#diary-amount').fill('3,5');
    await page.getByTestId('diary-effects').getByRole('button').click();
    // A score given, and the report open with its chart and table.
    await page.locator('#diary-condition').fill('smerter i ledd');
    await page.locator('.score-button[data-score="7"]').click();
    await page.getByTestId('report-toggle').click();
    await page.getByTestId('report-chart').waitFor();
    await eventually(async () => {
      assert.equal(await page.locator('.score-button[aria-pressed="true"]').count(), 1);
      assert.equal(await page.getByTestId('report-step').count(), 1);
      assert.equal(await page.getByTestId('diary-suggestion').count(), 1);
      assert.equal(await page.locator('[data-error="diary-effects"]').count(), 1);
      assert.equal(await page.locator('.diary [role="alert"]').count(), 1);
    });
    await injectAxe(page);
    const found = await violations(page);
    assert.deepEqual(found, []);
    assert.deepEqual(s.consoleErrors, []);
    await s.context.close();
  });
}

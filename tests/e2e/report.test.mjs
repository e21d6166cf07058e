// End to end: the report for the prescriber. A patient keeps the diary for
// twelve days as the days pass (the page's clock moves a day at a time):
// marks doses with one tap, misses one, scores how they feel, notes side
// effects and accepts the step-back offered. Then the report: its numbers
// equal the CSV export's, it prints on one A4 page with its chart in four
// languages (from the same diary), on the patient's page too, with no axe
// violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest } from './support/app.mjs';
import { injectAxe, violations } from './support/axe.mjs';
import { parseCsv } from './support/csv.mjs';
import { openPage, printCalls, waitReady } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { printPdf, printed } from './support/pdf.mjs';
import { done, openAt, setToday } from './support/session.mjs';

const app = appUnderTest();

const D0 = '2026-11-02';
/** The date `n` days after D0. */
function day(n) {
  const d = new Date(`${D0}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
const LAST = day(11);
// 1 mg a day, 1 mg more every 5 days (1, 2, 3 mg); 1 mg/mL; 5 mL syringe.
// A step-back of 2 days (days 2 and 3) holds the titration back 2 days:
// 1 mg on days 0 to 6, 2 mg from day 7.
const PARAMS =
  `tablet=50&tablets=1&volume=50&syringe=5&prepared=${D0}&bud=30` +
  `&plan=custom&pdose=1&pstep=1&pevery=5&ptarget=3&pstart=${D0}&pdays=30`;
const link = (lang) => `?lang=${lang}&${PARAMS}&screen=plan`;

/** The diary kept over twelve days, as the English journey stores it. */
let stored = null;

/** Gives today's score with one tap and waits for it to be kept. */
async function score(page, n) {
  await page.locator(`.score-button[data-score="${n}"]`).click();
  await eventually(async () =>
    assert.equal(await page.locator(`.score-button[data-score="${n}"]`).getAttribute('aria-pressed'), 'true'),
  );
}

async function noteEffect(page, id) {
  const form = page.getByTestId('diary-effects');
  await form.locator(`#${id}`).check();
  const before = await page.getByTestId('diary-entry').count();
  await form.getByRole('button').click();
  await eventually(async () => assert.equal(await page.getByTestId('diary-entry').count(), before + 1));
}

/** The report's step rows as numbers: from, to, taken, planned, extra, missed days, mean. */
async function steps(page) {
  return page.getByTestId('report-step').evaluateAll((rows) =>
    rows.map((r) => ({
      from: r.dataset.from,
      to: r.dataset.to,
      taken: Number(r.dataset.taken),
      planned: Number(r.dataset.planned),
      extra: Number(r.dataset.extra),
      missedDays: Number(r.dataset.missedDays),
      mean: r.dataset.mean,
    })),
  );
}

/** Opens the report and waits for its page. */
async function openReport(page) {
  await page.getByTestId('report-toggle').click();
  await page.getByTestId('report-page').waitFor();
}

/** Prints the report (the page's print stubbed) and reads the PDF back. */
async function printReport(page) {
  const before = await printCalls(page);
  await page.getByTestId('report-print').click();
  await eventually(async () => assert.equal(await printCalls(page), before + 1, 'print called once'));
  assert.equal(await page.locator('.report[data-print="report"]').count(), 1);
  return printPdf(page, { preferCSSPageSize: true });
}

test('a patient keeps the diary for twelve days; the report agrees with the CSV and prints on one page', async () => {
  const s = await openAt(app, link('en'), { today: D0 });
  const { page } = s;
  const scores = [5, 4, 3, 3, 5, 6, 6, 7, 7, 8, 8, 8];
  for (let n = 0; n <= 11; n++) {
    if (n > 0) {
      await setToday(page, day(n));
      await page.reload();
      await waitReady(page);
    }
    await page.getByTestId('diary').waitFor();
    // Sleep problems on days 1 and 2: the step-back is offered on day 2
    // (halve for 2 days from today: the 2nd and 3rd are 0.5 mg).
    if (n === 1 || n === 2) await noteEffect(page, 'diary-sleep');
    if (n === 2) {
      await page.getByTestId('diary-accept-step-back').click();
      await eventually(async () => assert.equal(await page.getByTestId('diary-suggestion').count(), 0));
    }
    if (n === 6) await noteEffect(page, 'diary-headache');
    // Day 3's dose is not marked (missed); every other day's is, one tap.
    if (n !== 3) {
      await page.getByTestId('diary-take').click();
      await eventually(async () => assert.equal(await page.getByTestId('diary-take').count(), 0));
    }
    await score(page, scores[n]);
  }
  // An earlier day's score corrected (the day field): day 10 was a 9.
  await page.locator('#diary-score-date').fill(day(10));
  await score(page, 9);
  assert.match(await page.getByTestId('diary-score-given').textContent(), /: 9 of 10$/);
  await page.locator('#diary-score-date').fill(LAST);
  // Typed a key at a time, as a person types: the space stays.
  await page.locator('#diary-condition').pressSequentially('joint pain');

  await openReport(page);
  const report = page.getByTestId('report-page');
  // Default period: the plan's first day to today.
  assert.equal(await page.getByTestId('report-period').textContent(), '2 Nov 2026 to 13 Nov 2026 (12 days)');
  assert.match(await report.textContent(), /how the patient felt \(joint pain\), from 0 \(worst\) to 10 \(best\)/);
  const got = await steps(page);
  // 1 mg: 6 of 7 taken (day 3 not marked), 2 of its days halved; mean
  // score 32 / 7 = 4.6. 2 mg: 5 of 5, (7 + 7 + 8 + 9 + 8) / 5 = 7.8.
  assert.deepEqual(got, [
    { from: day(0), to: day(6), taken: 6, planned: 7, extra: 0, missedDays: 1, mean: '4.6' },
    { from: day(7), to: day(11), taken: 5, planned: 5, extra: 0, missedDays: 0, mean: '7.8' },
  ]);
  const first = report.getByTestId('report-step').first();
  assert.match(await first.textContent(), /1\smg: draw 1\smL, which gives 1\smg/);
  assert.match(await first.textContent(), /\(7 days, 2 halved\)/);
  assert.match(await first.textContent(), /Sleep problems: 2, Headache: 1/);
  // The chart: the plan, each dose taken, each score, the marks.
  const chart = page.getByTestId('report-chart');
  assert.equal(await chart.locator('[data-mark="planned"]').count(), 1);
  assert.equal(await chart.locator('[data-mark="taken"]').count(), 11);
  assert.equal(await chart.locator('[data-mark="score"]').count(), 12);
  assert.equal(await chart.locator('[data-mark="missed"]').count(), 1);
  assert.equal(await chart.locator('[data-mark="effects"]').count(), 3);
  assert.equal(await chart.locator('svg[role="img"] rect.step-back').count(), 2);

  // The CSV reads the same diary: per step, its dose rows are the doses
  // taken, its missed rows the planned ones not taken, its scores' mean
  // the step's.
  const download = page.waitForEvent('download');
  await page.getByTestId('diary-csv').click();
  const rows = parseCsv((await readFile(await (await download).path(), 'utf8')).slice(1));
  assert.equal(rows[0].at(-1), 'score');
  for (const step of got) {
    const within = rows.slice(1).filter((r) => r[0] >= step.from && r[0] <= step.to);
    assert.equal(within.filter((r) => r[2] !== '').length, step.taken + step.extra, step.from);
    assert.equal(within.filter((r) => r[4] === 'missed').length, step.planned - step.taken, step.from);
    const marks = within.filter((r) => r[9] !== '').map((r) => Number(r[9]));
    const mean = Math.round((marks.reduce((a, b) => a + b, 0) / marks.length) * 10) / 10;
    assert.equal(String(mean), step.mean, step.from);
  }

  // Printed alone, on one A4 page, chart and table on it.
  const pdf = await printReport(page);
  assert.equal(pdf.pages.length, 1, pdf.pages.map((p) => p.text).join('\n---\n'));
  assert.ok(Math.abs(pdf.pages[0].widthMm - 210) < 1 && Math.abs(pdf.pages[0].heightMm - 297) < 1);
  const text = pdf.pages[0].text;
  for (const needle of ['Report for my prescriber', 'Planned daily dose (mg, left scale)', '6 of 7', '7.8 (5 days)', 'What this report cannot know']) {
    assert.ok(printed(text, needle), `${needle} in ${text}`);
  }
  assert.ok(!printed(text, 'Dose diary'), 'only the report is printed');

  // A period typed: an error in words, then a valid one.
  await page.locator('#report-to').fill(day(12));
  await eventually(async () => assert.equal(await page.locator('[data-error="report-to"]').textContent(), 'The last day cannot be after today.'));
  assert.equal(await page.getByTestId('report-print').count(), 0);
  await page.locator('#report-to').fill(day(4));
  await eventually(async () => assert.equal((await steps(page)).length, 1));
  await page.screenshot({ path: '/tmp/report-en.png', fullPage: false });

  stored = await page.evaluate(() => localStorage.getItem('ldn-calc'));
  assert.match(stored, /"version":8/);
  assert.match(stored, /"condition":"joint pain"/);
  await done(s);
});

const WORDS = {
  en: ['Report for my prescriber', 'What this report cannot know'],
  nb: ['Rapport til legen min', 'Det rapporten ikke kan vite'],
  da: ['Rapport til min læge', 'Det kan rapporten ikke vide'],
  uk: ['Звіт для мого лікаря', 'Обмеження звіту'],
};

for (const lang of ['en', 'nb', 'da', 'uk']) {
  test(`the report of the same diary prints on one page in ${lang}, with the same numbers`, async () => {
    assert.ok(stored, 'the twelve-day journey ran first');
    const s = await openPage(app.browser, app.server.origin);
    const { page } = s;
    await setToday(page, LAST);
    await page.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('ldn-calc', text);
        sessionStorage.setItem('seeded', '1');
      }
    }, stored);
    await page.goto(`${app.server.origin}/${link(lang)}`);
    await waitReady(page);
    await openReport(page);
    const got = await steps(page);
    assert.deepEqual(got.map((r) => [r.taken, r.planned, r.missedDays, r.mean]), [
      [6, 7, 1, '4.6'],
      [5, 5, 0, '7.8'],
    ]);
    const pdf = await printReport(page);
    assert.equal(pdf.pages.length, 1, `${lang}: ${pdf.pages.map((p) => p.text).join('\n---\n')}`);
    for (const needle of WORDS[lang]) assert.ok(printed(pdf.pages[0].text, needle), `${lang}: ${needle}`);
    assert.equal(await page.getByTestId('report-chart').locator('svg[role="img"]').count(), 1);
    await done(s);
  });
}

test('the report on the patient page: the link\'s bottle, one printed page, no axe violations', async () => {
  assert.ok(stored, 'the twelve-day journey ran first');
  // axe is injected as a script, which the app's CSP forbids: the audit
  // context bypasses CSP (tested in pwa.test.mjs).
  const s = await openPage(app.browser, app.server.origin, { bypassCSP: true });
  const { page } = s;
  await setToday(page, LAST);
  await page.addInitScript((text) => localStorage.setItem('ldn-calc', text), stored);
  await page.goto(`${app.server.origin}/patient.html?view=patient&lang=uk&${PARAMS}`);
  await waitReady(page);
  await openReport(page);
  assert.equal((await steps(page)).length, 2);
  // The link's bottle, without a number (the link has none).
  assert.match(await page.getByTestId('report-bottle').textContent(), /^Приготовано 02\.11\.2026, останній день використання/);
  await injectAxe(page);
  const found = await violations(page);
  assert.deepEqual(found, []);
  const pdf = await printReport(page);
  assert.equal(pdf.pages.length, 1, pdf.pages.map((p) => p.text).join('\n---\n'));
  assert.deepEqual(s.consoleErrors, []);
  await s.context.close();
});

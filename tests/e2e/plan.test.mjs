// End to end: the Plan screen, as a patient follows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest } from './support/app.mjs';
import { openPage, waitReady } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { readPdf, printed } from './support/pdf.mjs';

const NBSP = '\u00a0';
const LINK = '?lang=en&tablet=50&tablets=1&volume=50&syringe=3&prepared=2026-03-01&bud=30&plan=standard&pstart=2026-03-01&pdays=60';
const app = appUnderTest();

async function openPlan(query = LINK, tab = 'Plan') {
  const s = await openPage(app.browser, app.server.origin);
  await s.page.goto(`${app.server.origin}/${query}`);
  await waitReady(s.page);
  await s.page.getByRole('button', { name: tab, exact: true }).click();
  // The screen is drawn in one go after the click: once its table is there,
  // so is the rest of it.
  await s.page.getByTestId('plan-table').waitFor();
  return s;
}

const row = (page, date) => page.locator(`tr[data-date="${date}"]`);
const cell = (page, date, col) => row(page, date).locator(`[data-col="${col}"]`).textContent();

/** Starts a step-back on 10 March from that day's menu, opened by its date
 *  (no button on every row); returns the menu. */
async function stepBackOn10March(page) {
  assert.equal(await page.locator('.plan-table tbody tr[data-date] td button').count(), 0);
  const day = row(page, '2026-03-10').getByRole('button', { name: '10 Mar 2026' });
  assert.equal(await day.getAttribute('aria-expanded'), 'false');
  await day.click();
  const menu = page.locator('[data-menu-for="2026-03-10"]');
  await eventually(async () => assert.equal(await day.getAttribute('aria-expanded'), 'true'));
  await menu.getByRole('button', { name: 'Side effects: halve from this day' }).click();
  return menu;
}

test('a titration preset gives the expected dates and volumes', async () => {
  const { page, context, foreign, consoleErrors } = await openPlan();
  assert.equal(await page.locator('.plan-table tbody tr').count(), 60);
  assert.equal(await cell(page, '2026-03-01', 'dose'), `1.5${NBSP}mg`);
  // The draw and, beside it, what it really gives.
  assert.equal(await cell(page, '2026-03-01', 'draw'), `1.5${NBSP}mL (1.5${NBSP}mg)`);
  assert.equal(await cell(page, '2026-03-14', 'dose'), `1.5${NBSP}mg`);
  assert.equal(await cell(page, '2026-03-15', 'dose'), `2${NBSP}mg`);
  assert.equal(await cell(page, '2026-03-15', 'draw'), `2${NBSP}mL (2${NBSP}mg)`);
  assert.equal(await row(page, '2026-03-15').locator('[data-note="change"]').count(), 1);
  assert.equal(await cell(page, '2026-03-29', 'dose'), `2.5${NBSP}mg`);
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('bottle markers fall where the engine says', async () => {
  const { page, context } = await openPlan();
  // 50 mL: 14 x 1.5 + 14 x 2 = 49 mL by 28 March, 1 mL left; 29 March needs 2.5 mL.
  const dates = await page.locator('tr[data-date]:has([data-note="new-bottle"])').evaluateAll((rows) => rows.map((r) => r.dataset.date));
  assert.deepEqual(dates.slice(0, 2), ['2026-03-01', '2026-03-29']);
  assert.equal(await cell(page, '2026-03-29', 'bottle'), '2');
  assert.equal(await cell(page, '2026-03-29', 'bottle-days'), '30');
  assert.equal(await page.getByTestId('plan-bottles').textContent(), String(dates.length));
  // The cost shows its working: one tablet per bottle, typed with a comma.
  assert.equal(await page.getByTestId('plan-cost').count(), 0);
  await page.getByLabel('Price per tablet (optional)').fill('12,5');
  await eventually(async () =>
    assert.equal(await page.getByTestId('plan-cost').textContent(), `${dates.length} tablets × 12.5 = ${12.5 * dates.length}`),
  );
  await context.close();
});

test('a step-back halves for 3 days and shifts the rest; the link keeps it', async () => {
  const { page, context } = await openPlan();
  const menu = await stepBackOn10March(page);
  await eventually(async () => {
    assert.equal(await cell(page, '2026-03-10', 'dose'), `0.75${NBSP}mg`);
    assert.equal(await cell(page, '2026-03-12', 'dose'), `0.75${NBSP}mg`);
    assert.equal(await cell(page, '2026-03-13', 'dose'), `1.5${NBSP}mg`);
    assert.equal(await cell(page, '2026-03-17', 'dose'), `1.5${NBSP}mg`);
    assert.equal(await cell(page, '2026-03-18', 'dose'), `2${NBSP}mg`);
    assert.match(page.url(), /pback=2026-03-10%3A3/);
    assert.equal(await menu.count(), 0, 'the menu closes');
  });

  const other = await openPlan(new URL(page.url()).search);
  assert.equal(await cell(other.page, '2026-03-18', 'dose'), `2${NBSP}mg`);
  assert.equal(await cell(other.page, '2026-03-11', 'dose'), `0.75${NBSP}mg`);
  await other.context.close();
  await context.close();
});

test('the plan exports as an iCalendar file with one event per dosing day', async () => {
  const { page, context } = await openPlan();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Add to calendar (.ics)' }).click();
  const file = await (await download).path();
  const text = await readFile(file, 'utf8');
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  // One event per dosing day, and the bottles': a reminder 3 days before
  // each new bottle is needed (29 March and 17 April, when the one before
  // runs out: none is in use on its last day).
  assert.equal(text.match(/UID:ldn-\d{8}-dose@/g).length, 60);
  assert.deepEqual(text.match(/UID:ldn-\d{8}-next-bottle@/g), ['UID:ldn-20260325-next-bottle@', 'UID:ldn-20260413-next-bottle@']);
  assert.equal(text.match(/BEGIN:VEVENT/g).length, 62);
  assert.match(text, /SUMMARY:LDN: 1\.5.mg: draw 1\.5.mL\\, which gives 1\.5.mg\r\n/);
  // One reminder a day, at bedtime by default (LDN is taken in the evening).
  assert.equal(text.match(/TRIGGER;RELATED=START:PT21H0M/g).length, 62);
  assert.equal(text.match(/BEGIN:VALARM/g).length, 62);
  await context.close();
});

test('reminder times: checked inline, in the link, a morning one when twice daily', async () => {
  const { page, context } = await openPlan(`${LINK}&psplit=2`);
  await page.getByLabel('Evening reminder at').fill('25:00');
  await eventually(async () => assert.equal(await page.locator('[data-error="ptime"]').count(), 1));
  await page.getByLabel('Evening reminder at').fill('22:15');
  await page.getByLabel('Morning reminder at').fill('07:30');
  await eventually(async () => {
    assert.equal(await page.locator('[data-error]').count(), 0);
    assert.match(page.url(), /pmorning=07%3A30|pmorning=07:30/);
    assert.match(page.url(), /ptime=22%3A15|ptime=22:15/);
  });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Add to calendar (.ics)' }).click();
  const text = await readFile(await (await download).path(), 'utf8');
  // Day 1: 0.75 mg morning (07:30) and evening (22:15); 0.75 mL is a tie
  // between marks on the 3 mL syringe, and ties round down: 0.7 mL.
  // The reminder states what 0.7 mL gives and says in words that it is
  // more than 5 % off (lines unfolded first, RFC 5545).
  const unfolded = text.replace(/\r\n /g, '');
  const first = unfolded.slice(unfolded.indexOf('BEGIN:VEVENT'), unfolded.indexOf('END:VEVENT'));
  assert.match(first, /DESCRIPTION:LDN: 0\.75.mg: draw 0\.7.mL\\, which gives 0\.7.mg[^\r]*more than 5 %[^\r]*\r\nTRIGGER;RELATED=START:PT7H30M/);
  assert.match(first, /TRIGGER;RELATED=START:PT22H15M/);
  // Other plan fields are checked inline too.
  await page.getByLabel('Days to plan').fill('abc');
  await eventually(async () => assert.equal(await page.locator('[data-error="pdays"]').count(), 1));
  await context.close();
});

test('twice-daily and cycled plans, readable at phone width', async () => {
  const { page, context } = await openPlan(`${LINK}&plan=weekly&psplit=2&pcycle=1&pdays=90`);
  await page.setViewportSize({ width: 360, height: 800 });
  assert.equal(await cell(page, '2026-03-01', 'dose'), `0.25${NBSP}mg morning, 0.25${NBSP}mg evening`);
  // Weekly to 4.5 mg: reached on day 57 (26 April), held 7 days, then 3 on 3 off.
  assert.equal(await row(page, '2026-05-06').locator('[data-note="off"]').count(), 1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px at 360 px`);
  await context.close();
});

test('a plan saved with a batch reopens from the batch list', async () => {
  const { page, context } = await openPlan();
  await stepBackOn10March(page);
  await page.getByRole('button', { name: 'My batches' }).click();
  await page.getByLabel('Name for this batch').fill('With plan');
  await page.getByRole('button', { name: 'Save this batch' }).click();
  // Leave only once the batch is saved (an effect after the render).
  await page.waitForFunction(() => localStorage.getItem('ldn-calc')?.includes('With plan'));
  await page.goto(`${app.server.origin}/?lang=en`);
  await waitReady(page);
  await page.getByRole('button', { name: 'My batches' }).click();
  // The link loads a new page: wait for it, not for the old one's readiness.
  await Promise.all([page.waitForEvent('load'), page.getByTestId('batch-link').click()]);
  await waitReady(page);
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await eventually(async () => assert.equal(await cell(page, '2026-03-10', 'dose'), `0.75${NBSP}mg`));
  await context.close();
});

test('the printed plan is a calendar of periods on at most two pages, one page of safety guidance, then one page per month', async () => {
  const { page, context } = await openPlan(`${LINK}&pdays=180&pback=2026-03-10:3`);
  await page.emulateMedia({ media: 'print' });
  const summary = page.getByTestId('plan-print');
  await eventually(async () => {
    assert.ok(await summary.isVisible());
    assert.equal(await page.getByTestId('plan-table').isVisible(), false);
  });
  const items = await summary.locator('.periods li').allTextContents();
  assert.equal(items[0], `1 Mar 2026 \u2013 9 Mar 2026: 1.5${NBSP}mg: draw 1.5${NBSP}mL, which gives 1.5${NBSP}mg`);
  // The step-back's 0.75 mg is 0.7 mL on 0.1 mL marks: printed with what
  // it gives and why that is more than 5 % off (it used to print bare).
  assert.match(items[1], /^10 Mar 2026 \u2013 12 Mar 2026: 0\.75.mg: draw 0\.7.mL, which gives 0\.7.mg \(Step-back \(halved\)\) Rounded to the nearest mark, the dose differs by more than 5 %/);
  const pdf = await readPdf(await page.pdf({ format: 'A4' }));
  // The periods fit two pages; the safety guidance starts a page of its
  // own; then March to August 2026 (180 days from 1 March), each month
  // whole on its own page.
  const MONTHS = ['March', 'April', 'May', 'June', 'July', 'August'];
  const pages = pdf.pages.length;
  assert.ok(pages >= 2 + MONTHS.length && pages <= 3 + MONTHS.length, `${pages} pages`);
  assert.equal(await summary.getByTestId('plan-safety').evaluate((e) => getComputedStyle(e).breakBefore), 'page');
  const monthPages = pdf.pages.slice(-MONTHS.length);
  MONTHS.forEach((name, i) => {
    const text = monthPages[i].text;
    assert.ok(printed(text, `${name} 2026`), `page ${pages - MONTHS.length + i + 1}: ${name}: ${text.slice(0, 80)}`);
    for (const other of MONTHS.filter((m) => m !== name)) assert.ok(!printed(text, `${other} 2026`), `${name} page has ${other}`);
  });
  // The step-back days are in March's grid, with the draw they print with.
  assert.ok(printed(monthPages[0].text, '0.75 mg'), monthPages[0].text.slice(0, 300));
  // The last planned day, 27 August, is on August's page.
  assert.ok(/\b27\b/.test(monthPages[5].text));
  await context.close();
});

test('the advisor suggests a recipe for the whole plan and applies it', async () => {
  const { page, context } = await openPlan(`${LINK}&syringe=5`);
  const advice = page.getByTestId('advice');
  assert.ok((await advice.count()) >= 1);
  assert.match(await advice.first().textContent(), /every dose on a syringe mark/);
  await advice.first().getByRole('button').click();
  await page.getByRole('button', { name: 'Prepare' }).click();
  await eventually(async () => {
    const volume = await page.getByLabel('Final volume (mL)').inputValue();
    assert.notEqual(volume, '50');
  });
  await context.close();
});

test('chemotherapy dates move the off days right before each date', async () => {
  const cycle = '?lang=en&tablet=50&tablets=1&volume=50&syringe=5&prepared=2026-03-01&bud=30&plan=weekly&pstart=2026-03-01&pdays=100&pcycle=1';
  const { page, context } = await openPlan(cycle);
  const notes = async (date) => row(page, date).locator('[data-note]').evaluateAll((els) => els.map((e) => e.dataset.note));
  const off = async (dates) => Promise.all(dates.map(async (d) => (await notes(d)).includes('off')));
  // The checkpoint-inhibitor caution, with its source, beside the cycle.
  assert.match(await page.getByTestId('checkpoint-caution').textContent(), /Opdivo or Keytruda.*LDN Research Trust/);
  // The plain rhythm from 3 May: on 15-17 May, off 18-20 May, on 21 May.
  const days = ['2026-05-16', '2026-05-17', '2026-05-18', '2026-05-19', '2026-05-20', '2026-05-21'];
  assert.deepEqual(await off(days), [false, false, true, true, true, false]);
  // Chemotherapy on 20 May: the 3 days before it are off, the day itself
  // starts the next on days.
  await page.getByLabel('Chemotherapy dates (optional)').fill('2026-05-20');
  await eventually(async () => {
    assert.deepEqual(await off(days), [false, true, true, true, false, false]);
    const chemoDay = await notes('2026-05-20');
    assert.ok(chemoDay.includes('chemo') && !chemoDay.includes('off'), String(chemoDay));
    assert.equal(await cell(page, '2026-05-20', 'dose'), `4.5${NBSP}mg`);
    assert.equal(await cell(page, '2026-05-17', 'dose'), '\u2014');
    assert.match(page.url(), /pchemo=2026-05-20/);
  });
  // The link keeps it.
  const other = await openPlan(new URL(page.url()).search);
  assert.deepEqual(await other.page.locator('tr[data-date="2026-05-17"] [data-note]').evaluateAll((els) => els.map((e) => e.dataset.note)), ['off']);
  await other.context.close();
  // A bad date is named inline, in words.
  await page.getByLabel('Chemotherapy dates (optional)').fill('2026-05-20, 2026-05-32');
  await eventually(async () =>
    assert.equal(await page.locator('[data-error="pchemo"]').textContent(), '“2026-05-32”: There is no such day.'),
  );
  await context.close();
});

test('the plan proposes a syringe, or says which doses round and by how much', async () => {
  // 1.5 to 3.5 mg in 60 days at 1 mg/mL: 3.5 mL does not fit the 3 mL
  // syringe; on the 5 mL one (0.2 mL marks) 1.5, 2.5 and 3.5 mL round down.
  const { page, context } = await openPlan();
  const panel = page.getByTestId('plan-syringe');
  assert.equal(await panel.getAttribute('data-fit'), 'none');
  assert.equal(await panel.getAttribute('data-syringe'), '5');
  const rounds = await page.getByTestId('plan-syringe-rounds').allTextContents();
  assert.equal(rounds.length, 3);
  assert.match(rounds[0], new RegExp(`^1\\.5${NBSP}mg: draw 1\\.4${NBSP}mL, which gives 1\\.4${NBSP}mg; deviation \u2212\\d`));
  assert.match(rounds[2], new RegExp(`^3\\.5${NBSP}mg: draw 3\\.4${NBSP}mL, which gives 3\\.4${NBSP}mg`));
  await context.close();
  // Whole-mg steps to 4 mg: every dose is on a mark of the 5 mL syringe.
  const whole = await openPlan('?lang=en&tablet=50&tablets=1&volume=50&syringe=3&prepared=2026-03-01&plan=custom&pdose=1&pstep=1&pevery=7&ptarget=4&pstart=2026-03-01&pdays=30');
  const fits = whole.page.getByTestId('plan-syringe');
  assert.equal(await fits.getAttribute('data-fit'), 'on-marks');
  assert.equal(await fits.getAttribute('data-syringe'), '5');
  assert.match(await fits.textContent(), /Every dose of this plan falls on a mark of this syringe: 5.mL/);
  assert.equal(await whole.page.getByTestId('plan-syringe-rounds').count(), 0);
  await whole.context.close();
});

test('the month view matches the day-by-day table, each day under its weekday', async () => {
  const { page, context } = await openPlan(`${LINK}&pback=2026-03-10:3&pcycle=0`);
  const months = page.getByTestId('plan-months');
  await months.locator('table.month').first().waitFor();
  assert.deepEqual(await months.locator('caption').allTextContents(), ['March 2026', 'April 2026']);
  // 1 March 2026 is a Sunday: the last column of the first week.
  const first = months.locator('table[data-month="2026-03"] tbody tr').first();
  assert.equal(await first.locator('td').nth(6).getAttribute('data-date'), '2026-03-01');
  assert.equal(await first.locator('td[data-date]').count(), 1);
  // Every table row has one cell with the same dose, draw and notes.
  const table = await page.locator('tr[data-date]').evaluateAll((rows) => rows.map((r) => ({
    date: r.dataset.date,
    dose: r.querySelector('[data-col="dose"]').textContent,
    draw: r.querySelector('[data-col="draw"]').textContent,
    notes: [...r.querySelectorAll('[data-note]')].map((n) => n.dataset.note).sort().join(' '),
  })));
  const cells = await months.locator('td[data-date]').evaluateAll((tds) => tds.map((c) => ({
    date: c.dataset.date,
    dose: c.querySelector('[data-col="dose"]').textContent,
    draw: c.querySelector('[data-col="draw"]').textContent,
    notes: [...c.querySelectorAll('[data-note]')].map((n) => n.dataset.note).sort().join(' '),
  })));
  assert.equal(table.length, 60);
  assert.deepEqual(cells, table);
  assert.match(cells.find((c) => c.date === '2026-03-10').notes, /step-back/);
  await context.close();
});

// End to end: every printout fits, in every language, with realistic data.
// A saved bottle's label on each label stock (70 x 37, Dymo 89 x 36, Brother
// QL 62 mm tape cut at 50 mm), its A4 label and its A4 record, for a
// plain dose, a dose with warnings, a twice-daily dose, a rounding dose, a
// dosing plan and a weekly titration,
// with a real pharmacy's long name, address and phone and a patient's
// long name, and every particular its country's label asks for (each
// language's pharmacy in its country; English in "another country", whose
// label adds "compounded preparation" and the prescription's number),
// and a test label on each stock: each printed alone on one page (the PDF
// read back), and every line the page shows for it is on that page
// (nothing cut). print-fit-countries.test.mjs prints every country's label
// in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { eventually } from './support/eventually.mjs';
import { printPdf, printed } from './support/pdf.mjs';
import { openAt, done } from './support/session.mjs';
import { printCalls, waitReady } from './support/browser.mjs';
import { TODAY, PEOPLE, CASES, REFUSED, SIZES, document, lines, refused } from './support/print-cases.mjs';

const app = appUnderTest();

for (const lang of Object.keys(PEOPLE)) {
  test(`${lang}: the label on each label stock, the A4 label and the A4 record each fit one page, for every prescription`, async () => {
    const s = await openAt(app, `?lang=${lang}`, { today: TODAY });
    const { page } = s;
    // Every case is tried; the failures are listed together.
    const failures = [];
    const refusals = [];
    for (const kind of Object.keys(CASES)) {
      for (const [size, what, pdfOptions, testid] of SIZES) {
        await page.evaluate((text) => localStorage.setItem('ldn-calc', text), document(lang, kind, size));
        await page.goto(`${app.server.origin}/?lang=${lang}&screen=batches`);
        await waitReady(page);
        await page.getByTestId('batch').getByRole('button').first().click();
        const open = page.getByTestId('batch-open');
        await open.waitFor();
        if (what === 'label' && size !== 'a4' && await refused(page, open)) {
          refusals.push(`${lang}, ${PEOPLE[lang].country}, ${kind}, ${size}`);
          continue;
        }
        await open.locator('.actions button').nth(what === 'record' ? 0 : 1).click();
        await eventually(async () => assert.equal(await open.getAttribute('data-print'), what));
        const expected = await lines(page, `[data-testid=batch-open] [data-testid=${testid}]`);
        assert.ok(expected.length > 5, `${lang} ${kind} ${size} ${what}: ${expected}`);
        const pdf = await printPdf(page, pdfOptions);
        const where = `${lang}, ${kind}, ${size} ${what}`;
        if (pdf.pages.length !== 1) failures.push(`${where}: ${pdf.pages.length} pages`);
        const [first] = pdf.pages;
        const [width, height] = size === 'a4' ? [210, 297] : size.split('x').map(Number);
        if (!(Math.abs(first.widthMm - width) < 1 && Math.abs(first.heightMm - height) < 1)) {
          failures.push(`${where}: ${first.widthMm} x ${first.heightMm} mm`);
        }
        for (const line of expected) {
          if (!printed(first.text, line)) failures.push(`${where}: "${line}" not on page 1`);
        }
        // The record's method steps name the vehicle the bottle is made up with.
        if (what === 'record' && CASES[kind].vehicle) {
          const steps = expected.filter((l) => l.includes(CASES[kind].vehicle));
          if (steps.length < 3) failures.push(`${where}: the vehicle in ${steps.length} lines, not the contents and two steps`);
        }
      }
    }
    assert.deepEqual(failures, []);
    console.log(`refused: ${JSON.stringify(refusals)}`);
    assert.deepEqual(refusals.filter((r) => !REFUSED.has(r)), [], 'refused beyond those measured');
    await done(s);
  });
}

test('a test label frames the printable area of each label stock, alone on one label, in four languages', async () => {
  const s = await openAt(app, '?lang=en', { today: TODAY });
  const { page } = s;
  const failures = [];
  for (const lang of Object.keys(PEOPLE)) {
    for (const [size, printable] of [['70x37', '67 × 34'], ['89x36', '85 × 32'], ['62x50', '59 × 47']]) {
      await page.evaluate((text) => localStorage.setItem('ldn-calc', text), document(lang, 'plain', size));
      await page.goto(`${app.server.origin}/?lang=${lang}&screen=batches`);
      await waitReady(page);
      const before = await printCalls(page);
      await page.getByTestId('test-label-print').click();
      await eventually(async () => assert.equal(await printCalls(page), before + 1));
      const pdf = await printPdf(page, { preferCSSPageSize: true });
      const where = `${lang}, ${size}`;
      if (pdf.pages.length !== 1) failures.push(`${where}: ${pdf.pages.length} pages`);
      const [first] = pdf.pages;
      const [width, height] = size.split('x').map(Number);
      if (!(Math.abs(first.widthMm - width) < 1 && Math.abs(first.heightMm - height) < 1)) {
        failures.push(`${where}: ${first.widthMm} x ${first.heightMm} mm`);
      }
      const text = await page.getByTestId('test-label').textContent();
      if (!printed(first.text, text) || !text.includes(printable)) failures.push(`${where}: "${text}" not printed whole`);
      // Nothing else is printed: not the bottle's label, not the form.
      if (printed(first.text, PEOPLE[lang].patient)) failures.push(`${where}: the patient's label printed too`);
    }
  }
  assert.deepEqual(failures, []);
  // On A4 paper there is no test label.
  await page.evaluate((text) => localStorage.setItem('ldn-calc', text), document('en', 'plain', 'a4'));
  await page.goto(`${app.server.origin}/?lang=en&screen=batches`);
  await waitReady(page);
  assert.equal(await page.getByTestId('test-label-print').count(), 0);
  await done(s);
});

// End to end: every country's label in every language (the pharmacy's
// country x the label's language), for a plan, a dose with warnings and a
// plan past the bottle's last day, with every particular at its longest, on
// each label stock and A4: each printed alone on one page (the PDF read
// back) with every line the page shows for it, or refused on a stock where
// it cannot fit (then the browser's Print prints nothing of it, and A4
// does). A file of its own so each file stays within the runner's per-file
// timeout; print-fit.test.mjs prints each language in its own country.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { eventually } from './support/eventually.mjs';
import { printPdf, printed } from './support/pdf.mjs';
import { openAt, done } from './support/session.mjs';
import { printCalls, waitReady } from './support/browser.mjs';
import { TODAY, PEOPLE, COUNTRIES, REFUSED, document, lines, refused } from './support/print-cases.mjs';

const app = appUnderTest();

// One test per language, each well within the test timeout.
for (const lang of Object.keys(PEOPLE)) test(`${lang}: every country's label fits each label stock and A4, with every particular at its longest`, async () => {
  const s = await openAt(app, '?lang=en', { today: TODAY });
  const { page } = s;
  const failures = [];
  const refusals = [];
  {
    for (const country of COUNTRIES) {
      for (const kind of ['plan', 'warnings', 'expired-plan']) {
        for (const size of ['70x37', '89x36', '62x50', 'a4']) {
          await page.evaluate((text) => localStorage.setItem('ldn-calc', text), document(lang, kind, size, country));
          await page.goto(`${app.server.origin}/?lang=${lang}&screen=batches`);
          await waitReady(page);
          await page.getByTestId('batch').getByRole('button').first().click();
          const open = page.getByTestId('batch-open');
          await open.waitFor();
          if (await refused(page, open)) {
            // The browser's own Print does not print it either.
            if (refusals.length === 0) {
              const pdf = await printPdf(page, { preferCSSPageSize: true });
              assert.ok(!pdf.pages.some((p) => printed(p.text, PEOPLE[lang].patient)), 'a refused label is never printed');
              // As the notice says: on A4 it prints (the journey review's
              // A4 print that did nothing after a refusal).
              await open.locator('input[name=label-size]').last().click();
              await eventually(async () => assert.equal(await open.getByTestId('label').getAttribute('data-size'), 'a4'));
              await eventually(async () => assert.equal(await open.locator('.actions button').nth(1).isDisabled(), false));
              const before = await printCalls(page);
              await open.locator('.actions button').nth(1).click();
              await eventually(async () => assert.equal(await printCalls(page), before + 1, 'A4 prints after a refusal'));
              const a4 = await printPdf(page, { preferCSSPageSize: true });
              assert.equal(a4.pages.length, 1);
              assert.ok(printed(a4.pages[0].text, PEOPLE[lang].patient), 'the A4 label is printed');
            }
            refusals.push(`${lang}, ${country}, ${kind}, ${size}`);
            continue;
          }
          await open.locator('.actions button').nth(1).click();
          await eventually(async () => assert.equal(await open.getAttribute('data-print'), 'label'));
          const expected = await lines(page, '[data-testid=batch-open] [data-testid=label]');
          const pdf = await printPdf(page, { preferCSSPageSize: true });
          const where = `${lang}, ${country}, ${kind}, ${size}`;
          if (pdf.pages.length !== 1) failures.push(`${where}: ${pdf.pages.length} pages`);
          for (const line of expected) {
            if (!printed(pdf.pages[0].text, line)) failures.push(`${where}: "${line}" not on page 1`);
          }
        }
      }
    }
  }
  assert.deepEqual(failures, []);
  console.log(`refused: ${JSON.stringify(refusals)}`);
  assert.deepEqual(refusals.filter((r) => !REFUSED.has(r)), [], 'refused beyond those measured');
  await done(s);
});


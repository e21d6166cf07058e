// End to end: a pharmacy's labels follow its country's rules (README,
// "Label particulars by country"). A Norwegian pharmacy records the
// prescriber, the indication and the use code, is told beside the label
// what Norway asks for that is missing, fills it in through "Edit the
// record", and prints a label that carries it; read in Norwegian after a
// reload; printed again the next day with that day as the dispensing date;
// then the same bottle under the United Kingdom's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { injectAxe, violations } from './support/axe.mjs';
import { eventually } from './support/eventually.mjs';
import { printPdf, printed } from './support/pdf.mjs';
import { openAt, done, setToday } from './support/session.mjs';
import { openPage, printCalls, waitReady } from './support/browser.mjs';

const app = appUnderTest();
const TODAY = '2026-12-07';
const RECIPE = `tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=${TODAY}&bud=30`;

async function clickPrint(page, name) {
  const before = await printCalls(page);
  await page.getByRole('button', { name, exact: true }).click();
  await eventually(async () => assert.equal(await printCalls(page), before + 1, `${name} calls print once`));
}

async function openBottle(page) {
  await page.getByTestId('batch').getByRole('button').first().click();
  await page.getByTestId('batch-open').waitFor();
}

const text = async (page, testid) => (await page.getByTestId(testid).textContent()).replace(/\s+/g, ' ').trim();

test("a Norwegian pharmacy's label carries what Norway asks for, and says what is missing", async () => {
  const s = await openAt(app, `?lang=en&${RECIPE}&screen=batches`, { today: TODAY });
  const { page } = s;
  // The pharmacy: its details and its country.
  await page.getByText('Pharmacy (printed on every label)').click();
  await page.getByLabel('Pharmacy name').fill('Vitusapotek Jernbanetorget');
  await page.getByLabel('Address').fill('Jernbanetorget 1, 0154 Oslo');
  await page.getByRole('radio', { name: 'Norway' }).check();
  await page.getByRole('button', { name: 'Save pharmacy details' }).click();
  await eventually(async () => assert.equal(await page.getByTestId('pharmacy-status').textContent(), 'Saved on this device.'));
  // The form says which of the record's fields a Norwegian label prints.
  assert.equal(await text(page, 'record-on-label'), "This pharmacy's labels (Norway) print, of these fields: "
    + "the prescriber's name, the prescriber's profession, the indication, the use code, who checked it. The others stay on the record.");
  // The record, without the prescriber's profession.
  await page.getByLabel('Patient', { exact: true }).fill('Kari Nordmann');
  await page.getByLabel('Prescriber', { exact: true }).fill('Ingrid Haugen');
  await page.getByLabel('Indication (what it is used for)').fill('smerter');
  await page.getByRole('radio', { name: 'Regular (fast)' }).check();
  await page.getByLabel('Prepared by', { exact: true }).fill('NN');
  await page.getByLabel('Checked by', { exact: true }).fill('KK');
  await page.getByRole('button', { name: 'Save this batch' }).click();
  await eventually(async () => assert.ok(await page.getByTestId('batch-open').isVisible()));

  // Beside the label: what Norway asks for and the record lacks.
  assert.equal(await text(page, 'label-missing'),
    "Not on this label, though the rules of its country (Norway) ask for it: the prescriber's profession. "
    + "Fill it in on the bottle's record (the pharmacy's details under Pharmacy).");
  assert.equal(await text(page, 'label-prescription'),
    'Prescriber: Ingrid Haugen · Used for: smerter · Use code: Regular (fast)');
  assert.equal(await text(page, 'label-dispensed'), 'Dispensed: 7 Dec 2026');
  assert.equal(await text(page, 'label-made-by'), 'Checked by: KK');
  assert.equal(await text(page, 'label-quantity'), '50 mL');
  assert.equal(await page.getByTestId('label-compounded').count(), 0);

  // Filled in through "Edit the record" (nothing printed yet: in place).
  await page.getByTestId('record-edit-open').click();
  const form = page.getByTestId('record-edit');
  assert.equal(await form.getByRole('radio', { name: 'Regular (fast)' }).isChecked(), true);
  await form.locator('#edit-profession').fill('lege');
  await form.locator('#edit-prescription-no').fill('1234567890');
  await page.getByTestId('record-edit-save').click();
  await eventually(async () => assert.equal(await page.getByTestId('record-edit').count(), 0));
  await eventually(async () => assert.equal(await page.getByTestId('label-missing').count(), 0));
  // Norway does not put the prescription's number on the label; the record has it.
  assert.equal(await text(page, 'label-prescription'),
    'Prescriber: Ingrid Haugen, lege · Used for: smerter · Use code: Regular (fast)');
  const record = page.getByTestId('record');
  assert.equal(await record.locator('[data-row=prescriber] td').textContent(), 'Ingrid Haugen, lege');
  assert.equal(await record.locator('[data-row=prescription] td').textContent(),
    'Prescription no. 1234567890 · Used for: smerter · Use code: Regular (fast)');

  // Printed on a 70 x 37 mm label: one page, every particular on it.
  await page.getByTestId('batch-open').getByRole('radio', { name: 'Label 70 × 37 mm' }).check();
  await clickPrint(page, 'Print label');
  let pdf = await printPdf(page, { preferCSSPageSize: true });
  assert.equal(pdf.pages.length, 1);
  for (const line of ['Prescriber: Ingrid Haugen, lege', 'Used for: smerter', 'Dispensed: 7 Dec 2026', 'Checked by: KK',
    'Kari Nordmann', 'Vitusapotek Jernbanetorget']) {
    assert.ok(printed(pdf.pages[0].text, line), `label: ${line}`);
  }

  // The next day, in Norwegian: a reprint keeps the day it was dispensed.
  await setToday(page, '2026-12-08');
  await page.goto(`${app.server.origin}/?lang=nb&screen=batches`);
  await waitReady(page);
  await openBottle(page);
  assert.equal(await text(page, 'label-prescription'), 'Rekvirent: Ingrid Haugen, lege · Bruksområde: smerter · Brukskode: Fast');
  assert.equal(await text(page, 'label-dispensed'), 'Utlevert: 07.12.2026');
  assert.match(await page.getByTestId('record-version-line').textContent(), /Utlevert: 07\.12\.2026/);
  assert.equal(await text(page, 'label-made-by'), 'Kontrollert av farmasøyt: KK');
  assert.match(await page.getByTestId('label').textContent(), /Oppbevares utilgjengelig for barn/);
  await clickPrint(page, 'Skriv ut etikett');
  pdf = await printPdf(page, { preferCSSPageSize: true });
  assert.equal(pdf.pages.length, 1);
  assert.ok(printed(pdf.pages[0].text, 'Utlevert: 07.12.2026'));

  // The same pharmacy under the United Kingdom's rules: no prescriber on
  // the label, the RPS wording of the children warning.
  await page.getByText('Apotek (skrives ut på hver etikett)').click();
  await page.getByRole('radio', { name: 'Storbritannia' }).check();
  await page.getByRole('button', { name: 'Lagre apotekopplysningene' }).click();
  await page.goto(`${app.server.origin}/?lang=en&screen=batches`);
  await waitReady(page);
  await openBottle(page);
  // The indication (the directions' "for"), not the prescriber.
  assert.equal(await text(page, 'label-prescription'), 'Used for: smerter');
  assert.equal(await page.getByTestId('label-missing').count(), 0);
  assert.match(await page.getByTestId('label').textContent(), /Keep out of the reach and sight of children\./);
  await done(s);
});

test('the pharmacy form and the missing particulars pass axe in four languages', async () => {
  for (const lang of ['en', 'nb', 'da', 'uk']) {
    const s = await openPage(app.browser, app.server.origin, { bypassCSP: true });
    const { page } = s;
    await setToday(page, TODAY);
    await page.goto(`${app.server.origin}/?lang=${lang}&${RECIPE}&screen=batches`);
    await waitReady(page);
    await page.evaluate(() => {
      const doc = JSON.parse(localStorage.getItem('ldn-calc') ?? '{"version":8}');
      doc.pharmacy_country = 'UA';
      localStorage.setItem('ldn-calc', JSON.stringify(doc));
    });
    await page.reload();
    await waitReady(page);
    // A Ukrainian pharmacy: who prepared and who checked are asked for.
    await page.locator('#record-patient').fill('Олександра Шевченко');
    await page.getByTestId('save-batch').click();
    await eventually(async () => assert.ok(await page.getByTestId('batch-open').isVisible()));
    await eventually(async () => assert.ok(await page.getByTestId('label-missing').isVisible()));
    // The pharmacy form open, with its choice of country.
    await page.getByTestId('pharmacy').locator('summary').click();
    await page.locator('input[name=pharmacy-country]').first().waitFor();
    await injectAxe(page);
    assert.deepEqual(await violations(page), [], lang);
    await done(s);
  }
});

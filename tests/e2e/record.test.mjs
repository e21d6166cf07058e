// End to end: the pharmacist's journey on My batches. Record a bottle,
// save it (numbered), keep the pharmacy's details, print its A4 record and
// its label on A4 and on a 70 x 37 mm label: each on one page, nothing cut
// (the PDF read back); the data survives a reload; version-1 data migrates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { injectAxe, violations } from './support/axe.mjs';
import { eventually } from './support/eventually.mjs';
import { printPdf, printed } from './support/pdf.mjs';
import { decodeQr } from './support/qr.mjs';
import { openAt, done } from './support/session.mjs';
import { openPage, printCalls, waitReady } from './support/browser.mjs';


const app = appUnderTest();
const today = new Date();
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const TODAY = iso(today);
const NUMBER = `${TODAY.replaceAll('-', '')}-1`;

/** Clicks the print button `name` and waits for its one call of `window.print` (stubbed). */
async function clickPrint(page, name) {
  const before = await printCalls(page);
  await page.getByRole('button', { name }).click();
  await eventually(async () => assert.equal(await printCalls(page), before + 1, `${name} calls print once`));
}

test('a pharmacist records, saves, prints the record and the label on A4 and 70 x 37 mm', async () => {
  const s = await openAt(app, `?lang=en&tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=${TODAY}&bud=30&screen=batches`);
  const { page } = s;
  // The pharmacy's details, once.
  await page.getByText('Pharmacy (printed on every label)').click();
  await page.getByLabel('Pharmacy name').fill('Apotek 1 Storgata');
  await page.getByLabel('Address').fill('Storgata 1, 0155 Oslo');
  await page.getByLabel('Phone').fill('22 00 00 00');
  await eventually(async () => assert.match(await page.getByTestId('pharmacy-status').textContent(), /Not saved yet/));
  await page.getByRole('button', { name: 'Save pharmacy details' }).click();
  await eventually(async () => assert.equal(await page.getByTestId('pharmacy-status').textContent(), 'Saved on this device.'));
  // The record.
  await page.getByLabel('Tablet product (name on the pack)').fill('Naltrexone Accord 50 mg');
  await page.getByLabel('Tablet lot number').fill('AB123');
  await page.getByLabel('Prepared by', { exact: true }).fill('NN');
  await page.getByLabel('Checked by', { exact: true }).fill('KK');
  await page.getByLabel('Patient', { exact: true }).fill('Kari Nordmann');
  await page.getByLabel('Prescriber', { exact: true }).fill('Dr. Hansen');
  // Tablets that expire before the bottle's last day block saving.
  await page.getByLabel('Tablet expiry date').fill(TODAY);
  await eventually(async () => {
    assert.equal(await page.locator('[data-error="tablet-expiry"]').count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Save this batch' }).isDisabled(), true);
  });
  await page.getByLabel('Tablet expiry date').fill('2099-06-30');
  await page.getByRole('button', { name: 'Save this batch' }).click();
  const open = page.getByTestId('batch-open');
  await eventually(async () => {
    assert.equal(await page.getByTestId('batch-number').textContent(), `Batch ${NUMBER}`);
    assert.match(await page.getByTestId('batch-record').textContent(), /Kari Nordmann.*AB123/);
    assert.ok(await open.isVisible());
  });
  const record = page.getByTestId('record');
  assert.equal(await record.locator('[data-row=lot] td').textContent(), 'AB123');
  assert.equal(await record.locator('[data-row=vehicle] td').textContent(), 'Purified water');
  assert.match(await page.getByTestId('record-draw').textContent(), /1\.5.mg: draw 1\.5.mL, which gives 1\.5.mg/);

  // The record on one A4 page, every row and signature line on it.
  await clickPrint(page, 'Print record (A4)');
  await eventually(async () => assert.equal(await open.getAttribute('data-print'), 'record'));
  let pdf = await printPdf(page, { format: 'A4' });
  assert.equal(pdf.pages.length, 1, 'the record on one page');
  for (const text of ['Compounding record', 'Apotek 1 Storgata', NUMBER, 'Naltrexone Accord 50 mg', 'AB123', 'Kari Nordmann', 'Dr. Hansen',
    'Purified water', 'Dose: 1.5 mg once a day, at bedtime', '1.5 mg: draw 1.5 mL, which gives 1.5 mg', 'How to prepare',
    'Signature (Prepared by)', 'Signature (Checked by)']) {
    assert.ok(printed(pdf.pages[0].text, text), `record: ${text}`);
  }
  assert.ok(!printed(pdf.pages[0].text, 'For oral use only'), 'the label is not printed with the record');

  // The label on A4 (the default size).
  await clickPrint(page, 'Print label');
  await eventually(async () => assert.equal(await open.getAttribute('data-print'), 'label'));
  const labelTexts = ['Apotek 1 Storgata', 'Storgata 1, 0155 Oslo', '22 00 00 00', 'Kari Nordmann', 'Naltrexone oral suspension 1 mg/mL',
    `Batch ${NUMBER}`, 'Dose: 1.5 mg once a day, at bedtime', '1.5 mg: draw 1.5 mL, which gives 1.5 mg',
    'Keep out of the reach of children', 'Shake well', 'For oral use only.'];
  pdf = await printPdf(page, { format: 'A4' });
  assert.equal(pdf.pages.length, 1, 'the A4 label on one page');
  for (const text of labelTexts) assert.ok(printed(pdf.pages[0].text, text), `A4 label: ${text}`);
  assert.ok(!printed(pdf.pages[0].text, 'Compounding record'));

  // The 70 x 37 mm label: its own page size, one page, nothing cut.
  await page.getByTestId('batch-open').getByLabel('Label 70 × 37 mm').check();
  await eventually(async () => assert.equal(await page.locator('[data-testid=batch-open] [data-testid=label]').getAttribute('data-size'), '70x37'));
  pdf = await printPdf(page, { preferCSSPageSize: true });
  assert.equal(pdf.pages.length, 1, 'the small label on one page');
  assert.ok(Math.abs(pdf.pages[0].widthMm - 70) < 1 && Math.abs(pdf.pages[0].heightMm - 37) < 1,
    `70 x 37 mm, not ${pdf.pages[0].widthMm} x ${pdf.pages[0].heightMm}`);
  for (const text of labelTexts) assert.ok(printed(pdf.pages[0].text, text), `small label: ${text}`);

  // The record and the A4 label carry the patient's page for this bottle
  // as a QR code (not the small label: too small to scan there); decoded,
  // it opens today's dose.
  await page.getByTestId('batch-open').getByLabel('Plain A4 paper').check();
  const fromRecord = await decodeQr(page, 'record-qr');
  assert.equal(await decodeQr(page, 'label-qr'), fromRecord);
  assert.ok(fromRecord.startsWith(`${app.server.origin}/patient.html?`), fromRecord);
  assert.match(fromRecord, /[?&]view=patient(&|$)/);
  assert.match(fromRecord, /[?&]dose=1\.5(&|$)/);
  await page.getByTestId('batch-open').getByLabel('Label 70 × 37 mm').check();
  await eventually(async () => assert.equal(await page.getByTestId('label-qr').count(), 0));
  const patient = await page.context().newPage();
  await patient.goto(fromRecord);
  await waitReady(patient);
  await eventually(async () => assert.match(await patient.getByTestId('today-dose').textContent(), /1\.5.mg/));
  await patient.close();

  // Everything is still there after a reload (saved data version 8).
  await page.reload();
  await waitReady(page);
  await eventually(async () => assert.equal(await page.getByTestId('batch-number').textContent(), `Batch ${NUMBER}`));
  // The label size, chosen beside the opened bottle's label, is kept.
  await page.getByRole('button', { name: 'Record and label' }).click();
  await eventually(async () => assert.equal(await page.getByTestId('batch-open').getByLabel('Label 70 × 37 mm').isChecked(), true));
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('ldn-calc')));
  assert.equal(stored.version, 8);
  assert.equal(stored.label_size, '70x37');
  assert.equal(stored.pharmacy_name, 'Apotek 1 Storgata');
  assert.equal(stored.batches[0].lot, 'AB123');
  // Search finds it by lot, and says so when nothing matches.
  await page.getByLabel(/^Search by batch number/).fill('zzz');
  await eventually(async () => assert.match(await page.getByTestId('search-none').textContent(), /zzz/));
  await page.getByLabel(/^Search by batch number/).fill('ab123');
  await eventually(async () => assert.equal(await page.getByTestId('batch').count(), 1));
  await done(s);
});

test('the 70 x 37 mm label never prints a draw without its warnings', async () => {
  // 1.5 mL on a 10 mL syringe's 0.2 mL marks: 1.4 mL, rounded and low fill.
  const s = await openAt(app, `?lang=en&dose=1.5&syringe=10&prepared=${TODAY}`);
  const { page } = s;
  // The label size is chosen beside the label.
  await page.getByLabel('Label 70 × 37 mm').check();
  const label = page.getByTestId('label');
  await eventually(async () => {
    assert.equal(await label.getAttribute('data-size'), '70x37');
    assert.equal(await page.getByTestId('label-draw').count(), 0);
    assert.match(await page.getByTestId('label-see-full').textContent(), /see the A4 label/);
    assert.match(await page.getByTestId('label-directions').textContent(), /1\.5.mg once a day/);
  });
  const pdf = await printPdf(page, { preferCSSPageSize: true });
  assert.equal(pdf.pages.length, 1);
  assert.ok(!printed(pdf.pages[0].text, 'draw 1.4'), 'no draw on the small label');
  assert.ok(printed(pdf.pages[0].text, 'see the A4 label'));
  await done(s);
});

test('version-1 data from the previous release is kept and numbered', async () => {
  const v1 = '{"version":1,"lang":"en","batches":[{"id":1,"name":"March","tablet_mg":"50","tablets":1,"final_ml":"50","prepared":"2026-03-01","bud_days":30,"dose_mg":"4.5","draw_ml":"4.4","per_day":1,"taken":2,"link":"tablets=1"}]}';
  const s = await openAt(app, '?lang=en');
  const { page } = s;
  await page.evaluate((text) => localStorage.setItem('ldn-calc', text), v1);
  await page.goto(`${app.server.origin}/?lang=en&screen=batches`);
  await waitReady(page);
  await eventually(async () => {
    assert.equal(await page.getByTestId('batch-number').textContent(), 'Batch 20260301-1');
    assert.match(await page.getByTestId('ml-left').textContent(), /2 doses taken/);
  });
  // Its link names no syringe: its record and label carry no QR code (the
  // patient's page would round for another syringe) and say why; its label,
  // reprinted today, says it has expired, as the list does.
  await page.getByRole('button', { name: 'Record and label' }).click();
  const open = page.getByTestId('batch-open');
  await eventually(async () => {
    assert.match(await open.getByTestId('record-no-qr').textContent(), /saved with no oral syringe entered/);
    assert.equal(await open.locator('svg.qr').count(), 0);
    assert.equal(await open.locator('[data-testid=label] [data-warning="expired"]').count(), 1);
  });
  // Written back as the current version once anything changes.
  await page.getByText('Pharmacy (printed on every label)').click();
  await page.getByLabel('Pharmacy name').fill('Apotek');
  await page.getByRole('button', { name: 'Save pharmacy details' }).click();
  await eventually(async () => {
    const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('ldn-calc')));
    assert.equal(stored.version, 8);
    assert.equal(stored.batches[0].number, '20260301-1');
    assert.equal(stored.batches[0].taken, 2);
  });
  await done(s);
});

test('a saved record changes in place until printed, then only as a new version with who and why', async () => {
  const s = await openAt(app, `?lang=en&tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=${TODAY}&bud=30&screen=batches`);
  const { page } = s;
  await page.getByLabel('Tablet lot number').fill('AB123');
  await page.getByLabel('Patient', { exact: true }).fill('Kari Nordmann');
  await page.getByRole('button', { name: 'Save this batch' }).click();
  const open = page.getByTestId('batch-open');
  await open.waitFor();
  const row = (id) => page.getByTestId('record').locator(`[data-row=${id}] td`);
  assert.equal(await page.getByTestId('record-version-line').textContent(), 'Version: 1');

  // Not printed yet: the measured volume and the checks are saved in place.
  await page.getByTestId('record-edit-open').click();
  const form = page.getByTestId('record-edit');
  assert.match(await page.getByTestId('record-edit-note').textContent(), /saved in place/);
  // The focus follows the form: to its heading when it opens...
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.testid || document.activeElement?.tagName);
  await eventually(async () => assert.equal(await focused(), 'record-edit-heading'));
  assert.equal(await form.locator('#edit-by').count(), 0, 'no who or why before printing');
  await form.locator('#edit-measured').fill('49.5');
  await form.locator('#edit-calc-checked-by').fill('KK');
  await form.getByLabel('As expected: an even suspension after shaking, no lumps or foreign particles').check();
  await page.getByTestId('record-edit-save').click();
  await eventually(async () => assert.equal(await page.getByTestId('record-edit').count(), 0));
  // ...and back to "Edit the record" when it is saved (or cancelled).
  await eventually(async () => assert.equal(await focused(), 'record-edit-open'));
  // Escape cancels, and the focus comes back too.
  await page.getByTestId('record-edit-open').click();
  await form.locator('#edit-measured').fill('1');
  await page.keyboard.press('Escape');
  await eventually(async () => {
    assert.equal(await page.getByTestId('record-edit').count(), 0);
    assert.equal(await focused(), 'record-edit-open');
  });
  assert.equal(await row('measured').textContent(), '49.5\u00a0mL (expected 50\u00a0mL)');
  assert.equal(await row('appearance').textContent(), 'As expected: an even suspension after shaking, no lumps or foreign particles');
  assert.equal(await page.getByTestId('record-version-line').textContent(), 'Version: 1');
  assert.equal(await page.getByTestId('record-history').count(), 0);

  // Printed: it has left the device.
  await clickPrint(page, 'Print record (A4)');
  await page.getByTestId('record-edit-open').click();
  assert.match(await page.getByTestId('record-edit-note').textContent(), /makes version 2/);
  await form.locator('#edit-lot').fill('AB124');
  await page.getByTestId('record-edit-save').click();
  await eventually(async () => assert.equal(await page.locator('[data-error="edit-by"]').textContent(), 'Say who changes the record.'));
  await form.locator('#edit-by').fill('KK');
  await page.getByTestId('record-edit-save').click();
  await eventually(async () => assert.equal(await page.locator('[data-error="edit-why"]').textContent(), 'Say why the record changes.'));
  // Not as expected needs the deviation said.
  await form.locator('#edit-why').fill('Lot misread from the pack');
  await form.getByLabel('Not as expected (say how under Deviations)').check();
  await page.getByTestId('record-edit-save').click();
  await eventually(async () => assert.match(await page.locator('[data-error="edit-deviations"]').textContent(), /say how under deviations/));
  await form.locator('#edit-deviations').fill('Slight haze; shaken until clear');
  await page.getByTestId('record-edit-save').click();
  await eventually(async () => assert.equal(await page.getByTestId('record-edit').count(), 0));

  // Version 2: who, when, why, each change; on the record and its history.
  assert.equal(await row('lot').textContent(), 'AB124');
  assert.match(await page.getByTestId('record-version-line').textContent(), /^Version: 2, last changed /);
  const history = page.getByTestId('record-history');
  const version = history.getByTestId('record-version');
  assert.equal(await version.count(), 1);
  assert.match(await version.textContent(), /^Version 2, .* \d\d:\d\d, by KK: Lot misread from the pack/);
  for (const change of ['Tablet lot number: AB123 → AB124', 'Appearance: As expected: an even suspension after shaking, no lumps or foreign particles → Not as expected',
    'Deviations: (empty) → Slight haze; shaken until clear']) {
    assert.ok((await version.textContent()).includes(change), change);
  }
  // Printed with its version and history, still one page.
  await clickPrint(page, 'Print record (A4)');
  const pdf = await printPdf(page, { format: 'A4' });
  assert.equal(pdf.pages.length, 1, pdf.pages.map((p) => p.text).join('\n---\n'));
  for (const text of ['Version: 2, last changed', 'History of this record', 'AB123 → AB124', 'Final volume measured', '49.5 mL (expected 50 mL)']) {
    assert.ok(printed(pdf.pages[0].text, text), `record: ${text}`);
  }
  // Kept: a reload shows the same history.
  await page.reload();
  await waitReady(page);
  await page.getByRole('button', { name: /Record and label/ }).first().click();
  await eventually(async () => assert.equal(await page.getByTestId('record-version').count(), 1));
  const stored = await page.evaluate(() => localStorage.getItem('ldn-calc'));
  assert.match(stored, /"version":8/);
  assert.match(stored, /"printed":true,"revisions":\[\{"version":2,/);
  // Closed, the focus goes back to the bottle's "Record and label".
  await page.getByRole('button', { name: 'Close record' }).click();
  await eventually(async () => assert.equal(
    await page.evaluate(() => document.activeElement?.closest('[data-testid=batch]') !== null
      && document.activeElement.textContent.includes('Record and label')),
    true,
  ));
  await done(s);
});

for (const lang of ['en', 'nb', 'da', 'uk']) {
  test(`no axe violations in a record's edit form and history in ${lang}`, async () => {
    // axe is injected as a script, which the app's CSP forbids: the audit
    // context bypasses CSP (tested in pwa.test.mjs).
    const s = await openPage(app.browser, app.server.origin, { bypassCSP: true });
    const { page } = s;
    await page.goto(`${app.server.origin}/?lang=${lang}&tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=${TODAY}&bud=30&screen=batches`);
    await waitReady(page);
    await page.locator('#lot').fill('AB123');
    await page.getByTestId('save-batch').click();
    await page.getByTestId('batch-open').waitFor();
    await page.getByTestId('print-record').click();
    await page.getByTestId('record-edit-open').click();
    await page.locator('#edit-lot').fill('AB124');
    await page.locator('#edit-by').fill('KK');
    await page.locator('#edit-why').fill('Lot misread');
    await page.getByTestId('record-edit-save').click();
    await page.getByTestId('record-history').waitFor();
    // The form again, with an error showing.
    await page.getByTestId('record-edit-open').click();
    await page.getByTestId('record-edit-save').click();
    await page.locator('[data-error="record-edit"]').waitFor();
    await injectAxe(page);
    const found = await violations(page);
    assert.deepEqual(found, []);
    assert.deepEqual(s.consoleErrors, []);
    await s.context.close();
  });
}

test('a master formula is kept by name and versioned; a bottle\'s record names it', async () => {
  const query = (volume) => `?lang=en&tablet=50&tablets=1&volume=${volume}&dose=1.5&syringe=3&prepared=${TODAY}&bud=30&screen=batches`;
  const s = await openAt(app, query(50));
  const { page } = s;
  const formulas = page.getByTestId('formulas');
  await formulas.locator('summary').click();
  await formulas.getByLabel('Formula name (e.g. LDN 1 mg/mL oral suspension)').fill('LDN 1 mg/mL oral suspension');
  await page.getByTestId('formula-save').click();
  await eventually(async () => assert.equal(await page.getByTestId('formula-status').textContent(), 'Kept: LDN 1 mg/mL oral suspension, version 1.'));
  assert.match(await page.getByTestId('formula').textContent(), /^LDN 1 mg\/mL oral suspension, version 1: 1 × 50.mg tablet made up to 50.mL \(1.mg\/mL\), Purified water; kept /);
  // The bottle made now is made by it.
  await page.getByTestId('save-batch').click();
  await page.getByTestId('batch-open').waitFor();
  assert.match(await page.getByTestId('record-version-line').textContent(), /Master formula: LDN 1 mg\/mL oral suspension, version 1/);
  // The same name with 100 mL: version 2, version 1 kept.
  await page.goto(`${app.server.origin}/${query(100)}`);
  await waitReady(page);
  await formulas.locator('summary').click();
  await formulas.getByLabel('Formula name (e.g. LDN 1 mg/mL oral suspension)').fill('ldn 1 mg/ml oral suspension');
  await page.getByTestId('formula-save').click();
  await eventually(async () => assert.equal(await page.getByTestId('formula-status').textContent(), 'Kept: LDN 1 mg/mL oral suspension, version 2.'));
  assert.equal(await page.getByTestId('formula').count(), 2);
  // The first bottle's record still names version 1: what it was made by.
  await page.getByRole('button', { name: /Record and label/ }).first().click();
  assert.match(await page.getByTestId('record-version-line').textContent(), /version 1/);
  await done(s);
});

test('printed from the browser\'s own menu (beforeprint), an open record then changes only as a new version', async () => {
  const s = await openAt(app, `?lang=en&tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=${TODAY}&bud=30&screen=batches`);
  const { page } = s;
  await page.getByTestId('save-batch').click();
  await page.getByTestId('batch-open').waitFor();
  await page.getByTestId('record-edit-open').click();
  assert.match(await page.getByTestId('record-edit-note').textContent(), /saved in place/);
  await page.getByText('Cancel').click();
  // Ctrl+P or the browser's menu: the page's beforeprint event.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await eventually(async () => {
    const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('ldn-calc')));
    assert.equal(stored.batches[0].printed, true);
  });
  await page.getByTestId('record-edit-open').click();
  assert.match(await page.getByTestId('record-edit-note').textContent(), /makes version 2/);
  await done(s);
});

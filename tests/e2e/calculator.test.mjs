// End to end: the calculator as a pharmacist and a patient use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest } from './support/app.mjs';
import { openPage, waitReady } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';
import { openAt, done } from './support/session.mjs';

const NBSP = '\u00a0';
const app = appUnderTest();

/** A fresh context (empty storage) on the app with `query`. */
const open = (query, options) => openAt(app, query, options);
/** The day these tests' fixed dates are seen on (their bottles are in date). */
const MARCH = { today: '2026-03-05' };

const text = (page, id) => page.getByTestId(id).first().textContent();

test('prepares a 50 mg batch: 3 tablets made up to 140 mL', async () => {
  const s = await open();
  const { page } = s;
  await page.getByLabel('50 mg tablets').check();
  await page.getByLabel('Number of tablets').fill('3');
  await page.getByLabel('Final volume (mL)').fill('140');
  await page.getByLabel('Prepared on').fill('2026-03-01');
  await eventually(async () => {
    assert.equal(await text(page, 'concentration'), `1.071${NBSP}mg/mL`);
    assert.equal(await text(page, 'final-volume'), `140${NBSP}mL`);
    assert.equal(await page.getByTestId('last-day').getAttribute('datetime'), '2026-03-30');
    assert.match(await page.locator('.steps').textContent(), /Make up to a final volume of 140.mL with water/);
  });
  await done(s);
});

test('prepares a Norwegian 3 mg batch by concentration', async () => {
  const s = await open();
  const { page } = s;
  await page.getByLabel('3 mg tablets (Norway)').check();
  await page.getByLabel('Number of tablets').fill('10');
  await page.getByLabel('concentration', { exact: true }).check();
  await page.getByLabel('Target concentration (mg/mL)').fill('0,5');
  await eventually(async () => {
    assert.equal(await text(page, 'final-volume'), `60${NBSP}mL`);
    assert.equal(await text(page, 'concentration'), `0.5${NBSP}mg/mL`);
    // 1.5 mg = 3 mL a day from 60 mL: 20 doses, 20 days.
    assert.equal(await text(page, 'doses-per-batch'), '20');
    assert.equal(await text(page, 'days-of-supply'), '20');
  });
  await done(s);
});

test('checks a dose with each preset syringe', async () => {
  const s = await open('?lang=en&dose=0.45');
  const { page } = s;
  await page.getByRole('button', { name: 'Dose' }).click();
  // 0.45 mg at 1 mg/mL = 0.45 mL.
  const expected = [
    ['0.5', `0.45${NBSP}mL`, null],
    ['1', `0.45${NBSP}mL`, null],
    ['3', `0.4${NBSP}mL`, 'rounding-deviation'], // tie 0.4/0.5 goes down: -11 %
    ['5', `0.4${NBSP}mL`, 'low-fill'],
    ['10', `0.4${NBSP}mL`, 'low-fill'],
  ];
  for (const [index, [capacity, draw, warning]] of expected.entries()) {
    await page.getByLabel('Oral syringe').selectOption({ index });
    await eventually(async () => {
      assert.equal(await text(page, 'draw-volume'), draw, `${capacity} mL syringe`);
      if (warning) assert.equal(await page.locator(`[data-warning="${warning}"]`).count(), 1, `${capacity} mL: ${warning}`);
      assert.ok(page.url().includes(`syringe=${capacity}`), page.url());
    });
  }
  await done(s);
});

test('the printed label gives the rounded draw and the dose it really delivers', async () => {
  const s = await open('?lang=en&tablet=50&tablets=1&volume=50&dose=4.5&syringe=5&prepared=2026-03-01&bud=30', MARCH);
  const { page } = s;
  await page.getByLabel('Patient name (optional)').fill('Kari Nordmann');
  const label = page.getByTestId('label');
  // 4.5 mL is a tie between the 0.2 mL marks 4.4 and 4.6: 4.4 mL = 4.4 mg.
  await eventually(async () => {
    assert.match(await label.textContent(), /Kari Nordmann/);
    // The directions, then what the syringe really gives, beside them.
    assert.match(await label.textContent(), /Dose: 4\.5.mg once a day, at bedtime/);
    assert.match(await label.textContent(), /4\.5.mg: draw 4\.4.mL, which gives 4\.4.mg/);
    assert.match(await label.textContent(), /Use until: 30 Mar 2026 \(inclusive\)/);
    assert.match(await label.textContent(), /Shake well before each dose/);
  });
  await page.emulateMedia({ media: 'print' });
  await eventually(async () => {
    assert.ok(await label.isVisible());
    assert.equal(await page.getByRole('heading', { name: 'How to prepare' }).isVisible(), false);
  });
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, 'one page');
  await done(s);
});

test('a dose the syringe cannot measure is never printed as a draw', async () => {
  // This link once printed "Dose: draw 0 mL = 0 mg" on the label.
  const s = await open('?lang=en&dose=0.001&syringe=1');
  const { page } = s;
  const label = page.getByTestId('label');
  await eventually(async () => {
    const text = await label.textContent();
    assert.doesNotMatch(text, /draw/);
    assert.doesNotMatch(text, /\b0.mL/);
    assert.match(text, /0\.001.mg: cannot be measured with this syringe; ask the pharmacy/);
    assert.equal(await label.locator('[data-warning="rounds-to-zero"]').count(), 1);
  });
  // The Dose screen says what to do instead and draws no syringe.
  await page.getByRole('button', { name: 'Dose' }).click();
  await eventually(async () => {
    assert.match(await text(page, 'draw-instead'), /cannot be measured/);
    assert.equal(await page.locator('figure.syringe').count(), 0);
  });
  await done(s);
});

test('a warning appears and clears as the dose changes', async () => {
  const s = await open();
  const { page } = s;
  await page.getByRole('button', { name: 'Dose' }).click();
  const dose = page.getByLabel('Dose (mg)');
  await dose.fill('6');
  await eventually(async () => assert.equal(await page.locator('[data-warning="above-ldn-range"]').count(), 1));
  await dose.fill('4');
  await eventually(async () => assert.equal(await page.locator('[data-warning="above-ldn-range"]').count(), 0));
  // A typo marks the field and the last results as stale, never as current.
  await dose.fill('4..5');
  await eventually(async () => {
    assert.equal(await page.locator('[data-error="dose"]').count(), 1);
    assert.equal(await page.locator('.results[data-stale="true"]').count(), 1);
  });
  await dose.fill('4,5');
  await eventually(async () => {
    assert.equal(await page.locator('[data-error="dose"]').count(), 0);
    assert.equal(await page.locator('.results[data-stale="true"]').count(), 0);
  });
  await done(s);
});

test('a shared link round trip shows the same inputs and results', async () => {
  const s = await open();
  const { page } = s;
  await page.getByLabel('Number of tablets').fill('2');
  await page.getByLabel('Final volume (mL)').fill('80');
  await page.getByLabel('Prepared on').fill('2026-05-10');
  await page.getByRole('button', { name: 'Dose' }).click();
  await page.getByLabel('Dose (mg)').fill('3');
  await page.getByLabel('Oral syringe').selectOption({ index: 3 });
  // The address bar is updated after the render of the last change, so once
  // it is complete the page shows that state too.
  const link = await eventually(() => {
    const url = page.url();
    assert.ok(url.includes('tablets=2') && url.includes('volume=80') && url.includes('dose=3') && url.includes('syringe=5'), url);
    return url;
  });
  const draw = await text(page, 'draw-volume');

  const other = await openPage(app.browser, app.server.origin);
  await other.page.goto(link);
  await waitReady(other.page);
  // The link opens the screen it was made on (screen=dose), with the same draw.
  assert.match(link, /screen=dose/);
  assert.equal(await text(other.page, 'draw-volume'), draw);
  await other.page.getByRole('button', { name: 'Prepare' }).click();
  await eventually(async () => assert.equal(await other.page.getByLabel('Number of tablets').inputValue(), '2'));
  assert.equal(await other.page.getByTestId('last-day').getAttribute('datetime'), '2026-06-08');
  await done(other);

  // Bad parameters are reported and ignored.
  const bad = await open('?lang=en&tablets=many&dose=3&frobnicate=1');
  assert.match(await bad.page.getByTestId('link-problems').textContent(), /tablets=many[\s\S]*frobnicate/);
  assert.equal(await bad.page.getByLabel('Number of tablets').inputValue(), '1');
  await done(bad);
  await done(s);
});

test('saves a batch, reloads, finds it, and survives a corrupted import', async () => {
  const s = await open();
  const { page } = s;
  await page.getByRole('button', { name: 'My batches' }).click();
  await page.getByLabel('Name for this batch').fill('Kari, March');
  await page.getByRole('button', { name: 'Save this batch' }).click();
  await page.getByRole('button', { name: 'Mark a dose taken' }).click();
  // Reload only once the dose taken is saved (an effect after the render).
  await page.waitForFunction(() => localStorage.getItem('ldn-calc')?.includes('"taken":1'));
  await page.reload();
  await waitReady(page);
  await page.getByRole('button', { name: 'My batches' }).click();
  await eventually(async () => {
    assert.equal(await page.getByTestId('batch').count(), 1);
    assert.match(await page.getByTestId('batch').textContent(), /Kari, March/);
    assert.match(await page.getByTestId('ml-left').textContent(), /48.5.mL/);
  });

  const dir = await mkdtemp(join(tmpdir(), 'ldn-import-'));
  const file = join(dir, 'broken.json');
  await writeFile(file, '{"version": 1, "batches": [ {"id": 1, "name": "x", ');
  await page.getByLabel('Import batches (JSON file)').setInputFiles(file);
  await page.getByTestId('import-error').waitFor();
  assert.match(await page.getByTestId('import-error').textContent(), /could not be read/);
  assert.equal(await page.getByTestId('batch').count(), 1, 'nothing lost');

  // Export, then import the exported file: the bottle kept here (its
  // number, day and recipe) is not copied under a new number.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export batches (JSON)' }).click();
  const exported = await (await download).path();
  await page.getByLabel('Import batches (JSON file)').setInputFiles(exported);
  await page.getByTestId('import-done').waitFor();
  assert.match(await page.getByTestId('import-done').textContent(), /Imported 0 batches\./);
  assert.equal(await page.getByTestId('batch').count(), 1);
  await page.getByTestId('import-done').getByRole('button', { name: 'Close' }).click();
  await eventually(async () => assert.equal(await page.getByTestId('import-done').count(), 0));
  await done(s);
});

test('a patient draws from a saved batch, whatever the Prepare screen now says', async () => {
  const s = await open('?lang=en&dose=2');
  const { page } = s;
  await page.getByRole('button', { name: 'My batches' }).click();
  await page.getByLabel('Name for this batch').fill('Morning bottle');
  await page.getByRole('button', { name: 'Save this batch' }).click();
  // The pharmacist's next recipe: 50 mg in 25 mL = 2 mg/mL.
  await page.getByRole('button', { name: 'Prepare' }).click();
  await page.getByLabel('Final volume (mL)').fill('25');
  await page.getByRole('button', { name: 'My batches' }).click();
  await page.getByRole('button', { name: 'Use for a dose' }).click();

  // Now on Dose, from the saved 1 mg/mL bottle: 2 mg = 2 mL.
  await eventually(async () => {
    assert.equal(await page.getByLabel('from a saved batch').isChecked(), true);
    assert.match(await page.getByLabel('Saved batch').locator('option:checked').textContent(), /^Morning bottle \(Batch \d{8}-1\): 1.mg\/mL/);
    assert.match(await text(page, 'batch-concentration'), /1.mg\/mL/);
    assert.equal(await text(page, 'draw-volume'), `2${NBSP}mL`);
    // The link carries the bottle's recipe, so it shows the same anywhere.
    assert.match(page.url(), /volume=50/);
  });

  await page.getByLabel('from the Prepare screen').check();
  await eventually(async () => assert.equal(await text(page, 'draw-volume'), `1${NBSP}mL`));
  await page.getByLabel('from a saved batch').check();
  await eventually(async () => assert.equal(await text(page, 'draw-volume'), `2${NBSP}mL`));

  // Deleting the bottle sends the Dose screen back to the recipe, visibly.
  await page.getByRole('button', { name: 'My batches' }).click();
  // A new batch is saved from the Prepare recipe only, and the screen says so.
  await eventually(async () => assert.equal(await page.getByRole('button', { name: 'Save this batch' }).isDisabled(), true));
  await page.getByText('Doses now come from a saved batch.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Dose' }).click();
  await eventually(async () => {
    assert.equal(await page.getByLabel('from the Prepare screen').isChecked(), true);
    assert.equal(await page.getByLabel('from a saved batch').count(), 0);
    assert.equal(await text(page, 'draw-volume'), `1${NBSP}mL`);
  });
  await done(s);
});

test('why a file cannot be read is said in the user\'s language', async () => {
  const s = await open('?lang=nb');
  const { page } = s;
  await page.getByRole('button', { name: 'Mine flasker' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'ldn-import-'));
  const cases = [
    ['broken.json', '{"version": 1, "batches": [', /^Filen kunne ikke leses \(det er ikke en JSON-fil; lesingen stoppet ved tegn 28\)\. Ingenting ble endret\.$/],
    ['newer.json', '{"version": 9, "batches": []}', /\(den er laget av en nyere versjon av appen \(versjon 9\); oppdater appen\)/],
    ['other.json', '[1, 2, 3]', /\(det er ikke en fil med lagrede flasker fra denne appen\)/],
    ['bad-batch.json', '{"version": 1, "batches": [{"id": 1}]}', /\(flaske 1: «name» mangler eller kan ikke brukes\)/],
    ['unknown-field.json', '{"version": 1, "batches": [{"id": 1, "dosis": "4.5"}]}', /\(flaske 1: «dosis» er ikke noe denne appen lagrer\)/],
    ['repeated-field.json', '{"version": 1, "lang": "nb", "lang": "en"}', /\(«lang» står to ganger\)/],
  ];
  for (const [name, content, expected] of cases) {
    const file = join(dir, name);
    await writeFile(file, content);
    await page.getByLabel('Importer flasker (JSON-fil)').setInputFiles(file);
    await page.getByTestId('import-error').waitFor();
    assert.match((await text(page, 'import-error')).replace('Lukk', '').trim(), expected, name);
    await page.getByTestId('import-error').getByRole('button').click();
    // Gone before the next file, so the next wait cannot find this one.
    await page.getByTestId('import-error').waitFor({ state: 'detached' });
  }
  await done(s);
});

test('corrupted saved data is kept and offered for download, and the calculator still works', async () => {
  const s = await openPage(app.browser, app.server.origin);
  const { page } = s;
  await page.goto(`${app.server.origin}/?lang=en`);
  await waitReady(page);
  await page.evaluate(() => localStorage.setItem('ldn-calc', '{"version": 1, "batches": [oops'));
  await page.reload();
  await waitReady(page);
  assert.ok(await page.getByTestId('storage-unreadable').isVisible());
  assert.equal(await text(page, 'concentration'), `1${NBSP}mg/mL`);
  // Saving a batch now must not overwrite the unreadable data.
  await page.getByRole('button', { name: 'My batches' }).click();
  await page.getByRole('button', { name: 'Save this batch' }).click();
  // Once the batch is listed, its render and the effects after it (where a
  // save would happen) have run.
  await eventually(async () => assert.equal(await page.getByTestId('batch').count(), 1));
  assert.equal(await page.evaluate(() => localStorage.getItem('ldn-calc')), '{"version": 1, "batches": [oops');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download saved data' }).click();
  assert.equal((await download).suggestedFilename(), 'ldn-saved-data.txt');
  await done(s);
});

test('an ultra-low dose in mcg is shown in mcg and gets a serial dilution', async () => {
  const s = await open('?lang=en&syringe=1&prepared=2026-03-01', MARCH);
  const { page } = s;
  await page.getByRole('button', { name: 'Dose' }).click();
  await page.getByLabel('Unit').selectOption('mcg');
  await page.getByLabel('Dose (mcg)').fill('50');
  await eventually(async () => {
    // 0.05 mg at 1 mg/mL is 0.05 mL: below what a syringe measures, so no
    // draw is shown; the instruction is, in mcg, and so is the exact volume.
    assert.equal(await text(page, 'draw-volume'), '\u2014');
    assert.equal(await page.getByTestId('delivered-dose').count(), 0);
    assert.match(await text(page, 'draw-instead'), /^50.mcg: cannot be measured with this syringe; the pharmacy dilutes the suspension first/);
    assert.equal(await text(page, 'exact-volume'), `0.05${NBSP}mL`);
    assert.equal(await page.locator('[data-warning="below-accuracy"]').count(), 1);
    // One step: take 1 mL, make up to 10 mL: 0.1 mg/mL, then 0.5 mL; its
    // label never passes the stock's 30 March.
    assert.match(await text(page, 'dilution'), /^Dilution: a task for the pharmacy/);
    const steps = await page.getByTestId('dilution-step').allTextContents();
    assert.equal(steps.length, 1);
    assert.match(steps[0], /^Step 1: shake, take 1.mL of the 1.mg\/mL suspension .* make it up to 10.mL with water\. This gives 0\.1.mg\/mL\./);
    assert.equal(await text(page, 'dilution-label'), `Label: 0.1${NBSP}mg/mL, use up to and including 30 Mar 2026.`);
    assert.equal(await text(page, 'dilution-draw'), `Then draw the dose from the last suspension (0.1${NBSP}mg/mL): 50${NBSP}mcg: draw 0.5${NBSP}mL, which gives 50${NBSP}mcg`);
  });
  await done(s);
});

test('1 microgram gets a two-step dilution whose every volume is measurable', async () => {
  const s = await open('?lang=en&syringe=1&prepared=2026-03-01', MARCH);
  const { page } = s;
  await page.getByRole('button', { name: 'Dose' }).click();
  await page.getByLabel('Unit').selectOption('mcg');
  await page.getByLabel('Dose (mcg)').fill('1');
  // 1 mcg reads like the LDN dose 1 mg: no dilution or draw until confirmed.
  const check = page.locator('[data-warning="dose-unit-unusual"]');
  await eventually(async () => assert.match(await check.textContent(), /1.mcg: did you mean 1.mg\?/));
  assert.equal(await page.getByTestId('dilution').count(), 0);
  await check.getByRole('button', { name: 'Yes, 1 mcg is right (ultra-low dose)' }).click();
  await eventually(async () => {
    assert.equal(await text(page, 'draw-volume'), '\u2014');
    // 1 mcg at 1 mg/mL is 0.001 mL. One step of at most 1 in 100 gives
    // 0.01 mg/mL, where 1 mcg is 0.1 mL: not more than 0.1 mL. So two steps.
    const steps = await page.getByTestId('dilution-step').allTextContents();
    assert.equal(steps.length, 2);
    assert.match(steps[0], /^Step 1: shake, take 1.mL of the 1.mg\/mL suspension \(measured with the syringe 1.mL \(marks every 0\.01.mL\)\) and make it up to 10.mL with water\. This gives 0\.1.mg\/mL\./);
    assert.match(steps[1], /^Step 2: shake, take 1.mL of the 0\.1.mg\/mL suspension .* make it up to 20.mL with water\. This gives 0\.005.mg\/mL\./);
    // Each bottle has its own label line and last day.
    assert.deepEqual(await page.getByTestId('dilution-label').allTextContents(), [
      `Label: 0.1${NBSP}mg/mL, use up to and including 30 Mar 2026.`,
      `Label: 0.005${NBSP}mg/mL, use up to and including 30 Mar 2026.`,
    ]);
    // 0.001 mg at 0.005 mg/mL is 0.2 mL: on a mark, 20 % of the 1 mL syringe.
    assert.equal(await text(page, 'dilution-draw'), `Then draw the dose from the last suspension (0.005${NBSP}mg/mL): 1${NBSP}mcg: draw 0.2${NBSP}mL, which gives 1${NBSP}mcg`);
    // Each measured volume is more than 0.1 mL.
    const volumes = [...steps.join(' ').matchAll(/take ([0-9.]+).mL/g), ...(await text(page, 'dilution-draw')).matchAll(/draw ([0-9.]+).mL/g)].map((m) => Number(m[1]));
    assert.deepEqual(volumes, [1, 1, 0.2]);
    assert.ok(volumes.every((v) => v > 0.1));
  });
  await done(s);
});

test('works by keyboard alone', async () => {
  const s = await open();
  const { page } = s;
  // Tab to the Dose tab and press Enter, then Tab to the dose field and type.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Dose') break;
  }
  await page.keyboard.press('Enter');
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === 'dose') break;
  }
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2,5');
  // Typed key by key: the last keystroke's render lands after the key.
  await eventually(async () => assert.equal(await text(page, 'draw-volume'), `2.5${NBSP}mL`));
  await done(s);
});

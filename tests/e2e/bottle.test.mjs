// End to end: one bottle, one truth over time. The journeys of the review
// that found an expired bottle still dosing, a label and its QR code that
// kept the first dose while the plan stepped up, the next bottle labelled
// for the last patient, a calendar that ignored the bottle and a diary that
// called days before the bottle "missed". The browser's clock is set to
// each day of the journey (support/session.mjs `setToday`), so the days
// are the review's whatever day the tests run on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest } from './support/app.mjs';
import { eventually } from './support/eventually.mjs';
import { decodeQr } from './support/qr.mjs';
import { openAt, done, setToday } from './support/session.mjs';
import { openPage, waitReady } from './support/browser.mjs';

const app = appUnderTest();
const NBSP = '\u00a0';

/**
 * The review's link: the standard plan and its 50 mL bottle, both from 1
 * December. The plan uses the bottle up on 28 December (14 x 1.5 + 14 x 2 =
 * 49 mL), two days before its last day, 30 December.
 */
const REVIEW = 'tablet=50&tablets=1&volume=50&syringe=3&plan=standard&pstart=2026-12-01&pdays=60&prepared=2026-12-01&bud=30';
/** The same with a 100 mL bottle, which lasts to its last day. */
const LASTS = REVIEW.replace('tablets=1&volume=50', 'tablets=2&volume=100');

/** Shows the page as on `day` (the app reads the date when it starts). */
async function on(page, day) {
  await setToday(page, day);
  await page.reload();
  await waitReady(page);
}

/** The last day, written as each language writes dates. */
const LAST_DAY = { en: '30 Dec 2026', nb: '30.12.2026', da: '30.12.2026', uk: '30.12.2026' };
const DO_NOT_USE = {
  en: 'Do not use this bottle',
  nb: 'Ikke bruk denne flasken',
  da: 'Brug ikke denne flaske',
  uk: 'Не використовуйте цей флакон',
};

for (const lang of ['en', 'nb', 'da', 'uk']) {
  test(`${lang}: on its last day the bottle doses; the day after, the first screen says not to use it and gives no dose`, async () => {
    const s = await openAt(app, `?lang=${lang}&view=patient&${LASTS}`, { today: '2026-12-30' });
    const { page } = s;
    // 30 December, the last day: 2.5 mg (from 29 December) and its draw.
    await eventually(async () => {
      assert.match(await page.getByTestId('today-dose').textContent(), new RegExp(`^2[.,]5${NBSP}`));
      assert.equal(await page.getByTestId('diary-take').count(), 1);
      assert.equal(await page.getByTestId('bottle-expired').count(), 0);
      assert.equal(await page.locator('[data-warning="expires-soon"]').count(), 1);
    });
    for (const day of ['2026-12-31', '2027-01-10']) {
      await on(page, day);
      const stop = page.getByTestId('bottle-expired');
      await eventually(async () => {
        assert.equal(await stop.getAttribute('data-reason'), 'expired');
        const text = await stop.textContent();
        assert.ok(text.startsWith(DO_NOT_USE[lang]), text);
        assert.ok(text.includes(LAST_DAY[lang]), text);
      });
      // On the first screen of a phone, and nothing to draw anywhere.
      await page.setViewportSize({ width: 320, height: 640 });
      const box = await stop.boundingBox();
      assert.ok(box && box.y + box.height / 2 < 640, `${day}: at ${box?.y}`);
      for (const id of ['today-dose', 'today-draw', 'diary-take', 'patient-calendar', 'next-change']) {
        assert.equal(await page.getByTestId(id).count(), 0, `${day}: ${id}`);
      }
      assert.equal(await page.locator('figure.syringe').count(), 0, day);
      await page.setViewportSize({ width: 1280, height: 720 });
    }
    await done(s);
  });
}

test('the Dose screen gives no draw and no patient link for a bottle past its last day', async () => {
  const s = await openAt(app, '?lang=en&dose=1.5&syringe=3&prepared=2026-10-01&bud=30&screen=dose', { today: '2026-12-07' });
  const { page } = s;
  await eventually(async () => {
    assert.equal(await page.getByTestId('draw-volume').textContent(), '\u2014');
    assert.match(await page.getByTestId('draw-instead').textContent(), /do not draw it from this bottle: it may be used only up to and including 30 Oct 2026/);
    // No volume anywhere: not even the exact one (the draw it holds back).
    assert.equal(await page.getByTestId('exact-volume').count(), 0);
    assert.equal(await page.locator('figure.syringe').count(), 0);
    assert.match(await page.getByTestId('share-unavailable').textContent(), /last day of use was 30 Oct 2026/);
    assert.equal(await page.getByTestId('share-qr').count(), 0);
    assert.equal(await page.getByTestId('share-link').count(), 0);
  });
  await done(s);
});

test('a bottle made for a plan: its label, its QR page and the plan agree on each day, and the next bottle starts blank', async () => {
  const s = await openAt(app, `?lang=en&${REVIEW}&screen=batches`, { today: '2026-12-01' });
  const { page } = s;
  // The link names a plan: the bottle is for it, and the form says what it
  // will save, the plan's steps in the bottle's 30 days among it.
  await page.getByLabel('Patient', { exact: true }).fill('Kari Nordmann');
  await page.getByLabel('Prescriber', { exact: true }).fill('Dr. Hansen');
  const summary = page.getByTestId('save-summary');
  await eventually(async () => {
    assert.equal(await page.getByLabel('the dosing plan on the Plan screen').isChecked(), true);
    const text = (await summary.textContent()).replaceAll(NBSP, ' ');
    // Each step as its label will say it, with its draw (and any warning).
    assert.ok(text.includes('1 Dec 2026 to 14 Dec 2026: 1.5 mg once a day, at bedtime (1.5 mg: draw 1.5 mL, which gives 1.5 mg); '
      + '15 Dec 2026 to 28 Dec 2026: 2 mg once a day, at bedtime (2 mg: draw 2 mL'), text);
    assert.ok(text.includes('29 Dec 2026 to 30 Dec 2026: from your next bottle'), text);
    assert.ok(text.endsWith('patient: Kari Nordmann.'), text);
  });
  await page.getByRole('button', { name: 'Save this batch' }).click();
  const open = page.getByTestId('batch-open');
  await open.waitFor();
  // The bottle's own fields are cleared for the next one.
  await eventually(async () => {
    assert.equal(await page.getByLabel('Patient', { exact: true }).inputValue(), '');
    assert.equal(await page.getByLabel('Prescriber', { exact: true }).inputValue(), '');
    assert.match(await summary.textContent(), /patient: none named\.$/);
  });
  // The label lists the plan's steps in the bottle's days, each with its draw.
  const label = open.getByTestId('label');
  assert.equal(await label.getByTestId('label-plan').textContent(), 'Dose: as in your dosing plan:');
  const steps = await label.locator('.label-step').evaluateAll((els) => els.map((e) => ({
    from: e.dataset.from, to: e.dataset.to, text: e.textContent.replaceAll('\u00a0', ' '),
  })));
  assert.deepEqual(steps.map((x) => [x.from, x.to]), [['2026-12-01', '2026-12-14'], ['2026-12-15', '2026-12-28'], ['2026-12-29', '2026-12-30']]);
  assert.match(steps[1].text, /2 mg: draw 2 mL, which gives 2 mg/);
  // The plan uses the 50 mL up on 28 December: its last two days are the
  // next bottle's, with no draw.
  assert.match(steps[2].text, /from your next bottle \(by the plan this one is used up by then\)/);
  assert.doesNotMatch(steps[2].text, /draw/);
  // Its QR code opens the patient's page with the plan.
  const url = await decodeQr(page, 'label-qr');
  assert.match(url, /[?&]plan=standard&pstart=2026-12-01(&|$)/);
  const patient = await openPage(app.browser, app.server.origin);
  for (const [day, dose] of [['2026-12-01', '1.5'], ['2026-12-20', '2'], ['2026-12-29', '2.5']]) {
    await setToday(patient.page, day);
    await patient.page.goto(url);
    await waitReady(patient.page);
    const step = steps.find((x) => x.from <= day && day <= x.to);
    await eventually(async () => {
      assert.equal(await patient.page.getByTestId('today-dose').textContent(), `${dose}${NBSP}mg`, day);
      const intake = patient.page.locator('[data-intake="once"]');
      if (day < '2026-12-29') {
        assert.ok(step.text.includes(`: ${dose} mg once a day`), `${day}: ${step.text}`);
        assert.equal(await intake.getAttribute('data-measured'), 'true', day);
      } else {
        // Used up: the page gives the dose, not a draw from this bottle.
        assert.equal(await intake.getAttribute('data-measured'), 'false', day);
        assert.match(await intake.textContent(), /used up after 28 Dec 2026/);
        assert.equal(await patient.page.getByTestId('diary-take').count(), 0);
      }
    });
  }
  // The Plan screen's row for 20 December says the same.
  await setToday(patient.page, '2026-12-20');
  await patient.page.goto(`${app.server.origin}/?lang=en&${REVIEW}&screen=plan`);
  await waitReady(patient.page);
  await eventually(async () => assert.equal(
    await patient.page.locator('[data-testid="plan-table"] tr[data-date="2026-12-20"] [data-col="dose"]').textContent(),
    `2${NBSP}mg`,
  ));
  // The day after its last day, the label reprinted states no draw.
  await on(page, '2026-12-31');
  await page.getByRole('button', { name: 'Record and label' }).click();
  await eventually(async () => {
    const draws = await page.getByTestId('batch-open').getByTestId('label-draw').evaluateAll((els) => els.map((e) => e.dataset.measured));
    assert.ok(draws.length > 0 && draws.every((m) => m === 'false'), String(draws));
  });
  await patient.context.close();
  await done(s);
});

test('the patient\'s calendar knows the bottle: the next bottle in time, no draw once it is used up', async () => {
  const s = await openAt(app, `?lang=en&view=patient&${REVIEW}`, { today: '2026-12-07' });
  const { page } = s;
  const download = page.waitForEvent('download');
  await page.getByTestId('patient-calendar').click();
  const text = (await readFile(await (await download).path(), 'utf8')).replace(/\r\n /g, '').replaceAll('\\,', ',');
  const events = text.split('BEGIN:VEVENT').slice(1).map((e) => ({
    uid: e.match(/UID:ldn-(\d{8})-([a-z-]+)@/).slice(1),
    text: e,
  }));
  const of = (kind) => events.filter((e) => e.uid[1] === kind);
  // The plan uses the 50 mL up on 28 December: the next bottle is needed
  // from 29 December (reminder 3 days before), and nothing is drawn from
  // this one after 28 December.
  assert.deepEqual(of('last-day').map((e) => e.uid[0]), []);
  assert.deepEqual(of('next-bottle').map((e) => e.uid[0]), ['20261225']);
  assert.match(of('next-bottle')[0].text, /it is needed from 29 Dec 2026/);
  for (const e of of('dose')) {
    if (e.uid[0] <= '20261228') assert.match(e.text, /: draw /, e.uid[0]);
    else assert.doesNotMatch(e.text, /: draw /, e.uid[0]);
  }
  await done(s);
});

test('the diary counts from the day the bottle was prepared: earlier days are not missed', async () => {
  // A plan from 23 November, the patient's bottle prepared on 7 December.
  const s = await openAt(app, '?lang=en&view=patient&tablet=50&tablets=1&volume=50&syringe=3&plan=standard&pstart=2026-11-23&pdays=60&prepared=2026-12-07&bud=30', { today: '2026-12-07' });
  const { page } = s;
  const against = page.getByTestId('diary-taken-vs-plan');
  await eventually(async () => {
    assert.equal(await against.locator('[data-status="missed"]').count(), 0);
    assert.match(await against.textContent(), /0 not marked taken/);
  });
  // Two days later with nothing marked: those two days are.
  await on(page, '2026-12-09');
  await eventually(async () => assert.equal(await against.locator('[data-status="missed"]').count(), 2));
  await done(s);
});

test('a concentration typed from a label that is unusual is checked before a draw is shown', async () => {
  const s = await openAt(app, '?lang=en&dose=0.5&syringe=5&screen=dose');
  const { page } = s;
  await page.getByLabel('as on my bottle\'s label').check();
  await page.getByLabel('Concentration on the label (mg/mL)').fill('0,1');
  const check = page.locator('[data-warning="concentration-unusual"]');
  await eventually(async () => {
    assert.match((await check.textContent()).replaceAll(NBSP, ' '), /makes 1 mg\/mL: 0\.1 mg\/mL is 10 times weaker/);
    assert.equal(await page.getByTestId('draw-volume').textContent(), '\u2014');
    // The review read "Exact volume 15 mL" off the screen here.
    assert.equal(await page.getByTestId('exact-volume').count(), 0);
  });
  await check.getByRole('button').click();
  await eventually(async () => {
    assert.equal(await check.count(), 0);
    assert.equal(await page.getByTestId('draw-volume').textContent(), `5${NBSP}mL`);
  });
  await done(s);
});

test('a damaged patient link gives no dose, no draw and no bottle made of defaults', async () => {
  const full = 'lang=en&view=patient&tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=2026-10-01&bud=30';
  for (const [damaged, gap] of [
    [full.replace('prepared=2026-10-01', 'prepared=2026-10-01x'), 'prepared'],
    [full.replace('&prepared=2026-10-01&bud=30', ''), 'prepared'],
    [full.replace('dose=1.5', 'dose=4,5'), 'dose'],
  ]) {
    const s = await openAt(app, `?${damaged}`, { today: '2026-10-05' });
    const { page } = s;
    await eventually(async () => {
      assert.match(await page.getByTestId('patient-problem').textContent(), new RegExp(`Missing or unreadable in it: .*${gap}`));
      for (const id of ['today-dose', 'today-draw', 'bottle-last-day', 'check-label']) {
        assert.equal(await page.getByTestId(id).count(), 0, `${damaged}: ${id}`);
      }
    });
    await done(s);
  }
});

test('a number typed in Danish is read the Danish way: 1.000 is not 1', async () => {
  const s = await openAt(app, '?lang=da&tablets=20');
  const { page } = s;
  await page.locator('#volume').fill('1.000');
  await eventually(async () => {
    assert.match(await page.locator('[data-error="volume"]').textContent(), /tusindtalsseparator/);
    // The results are the last valid ones, marked as not current.
    assert.equal(await page.locator('.results[data-stale="true"]').count(), 1);
  });
  await page.locator('#volume').fill('1000');
  await eventually(async () => assert.equal(await page.locator('[data-error="volume"]').count(), 0));
  // 20 tablets in 1 ml is questioned where it is made.
  await page.locator('#volume').fill('1');
  await eventually(async () => assert.equal(await page.locator('.warnings [data-warning="unusual-concentration"]').count(), 1));
  await done(s);
});

test('no patient link until a dose in mcg that reads like mg is confirmed', async () => {
  const s = await openAt(app, '?lang=en&syringe=1&screen=dose');
  const { page } = s;
  await page.getByLabel('Unit').selectOption('mcg');
  await page.getByLabel('Dose (mcg)').fill('1.5');
  await eventually(async () => {
    assert.match(await page.getByTestId('share-unavailable').textContent(), /first answer the check above/);
    assert.equal(await page.getByTestId('share-qr').count(), 0);
  });
  await page.locator('[data-warning="dose-unit-unusual"]').getByRole('button').click();
  await eventually(async () => assert.equal(await page.getByTestId('share-qr').count(), 1));
  await done(s);
});

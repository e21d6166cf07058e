// End to end: "Share with the patient" and the patient's page. The
// pharmacist's Plan screen offers a link and its QR code; the QR code,
// decoded from a screenshot by a real decoder (jsQR), is the link; the link
// opens a calm page with today's dose, the next change and the bottle's last
// day for a plan computed here by hand, in four languages, also offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest } from './support/app.mjs';
import { injectAxe, violations } from './support/axe.mjs';
import { openPage, waitReady, cspViolations } from './support/browser.mjs';
import { serveDir } from './support/server.mjs';
import { openAt, done } from './support/session.mjs';
import { eventually } from './support/eventually.mjs';
import { decodeQr as decodeQrOf } from './support/qr.mjs';

const NBSP = '\u00a0';
const app = appUnderTest();

// Dates relative to the browser's today (same machine, same time zone).
const now = new Date();
const day = (n) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + n);
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const en = (d) => `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;

// The standard scheme started 20 days ago: 1.5 mg on days 1 to 14, 2 mg on
// days 15 to 28 (today is day 21), 2.5 mg from day 29, i.e. 8 days from
// now. 2 x 50 mg in 100 mL is 1 mg/mL, so the draw in mL is the dose in mg,
// on the marks of the 3 mL syringe (0.1 mL). The bottle was prepared on the
// first day and keeps 30 days, that day included: its last day is day 30,
// 9 days from now. (A 50 mL bottle would be used up by the plan after
// day 28: 14 x 1.5 + 14 x 2 = 49 mg; bottle.test.mjs checks that case.)
const START = day(-20);
const NEXT_CHANGE = day(8);
const LAST_DAY = day(9);
const PHARMACIST = `?lang=en&tablet=50&tablets=2&volume=100&syringe=3&prepared=${iso(START)}&bud=30&plan=standard&pstart=${iso(START)}&pdays=60&screen=plan`;

/** The share box's link, once the screen shows it. */
async function shareLink(page) {
  const box = page.getByRole('region', { name: 'Share with the patient' });
  await box.waitFor();
  return box.getByLabel('Link for the patient', { exact: true }).inputValue();
}

/** The share box's QR code as a real decoder reads it from a screenshot. */
const decodeQr = (page) => decodeQrOf(page, 'share-qr');

test('the Plan screen shares an absolute link whose QR code decodes to it', async () => {
  const s = await openAt(app, PHARMACIST);
  const { page } = s;
  const link = await shareLink(page);
  assert.ok(link.startsWith(`${app.server.origin}/patient.html?`), link);
  const params = new URL(link).searchParams;
  assert.equal(params.get('view'), 'patient');
  assert.equal(params.get('screen'), null);
  assert.equal(params.get('pstart'), iso(START));
  assert.equal(params.get('dose'), '1.5');
  assert.equal(await decodeQr(page), link);
  const svg = page.getByTestId('share-qr');
  assert.equal(await svg.getAttribute('role'), 'img');
  assert.match(await svg.getAttribute('aria-label'), /opens the patient's page/);

  // The Dose screen shares its dose, without the plan; its QR code too.
  await page.getByRole('button', { name: 'Dose', exact: true }).click();
  await page.getByLabel('Dose (mg)').fill('2,5');
  await eventually(async () => {
    const dose = new URL(await shareLink(page)).searchParams;
    assert.equal(dose.get('dose'), '2.5');
    assert.equal(dose.get('plan'), null);
    assert.equal(await decodeQr(page), await shareLink(page));
  });
  await done(s);
});

test('Copy link puts the link on the clipboard, or says it was refused', async () => {
  const s = await openAt(app, PHARMACIST);
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
  const link = await shareLink(s.page);
  await s.page.getByRole('button', { name: 'Copy link' }).click();
  await eventually(async () => assert.equal(await s.page.getByTestId('share-copy-status').textContent(), 'Link copied.'));
  assert.equal(await s.page.evaluate(() => navigator.clipboard.readText()), link);
  await done(s);

  // A browser that refuses the clipboard: the box says what to do instead.
  const r = await openPage(app.browser, app.server.origin);
  await r.context.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await r.page.goto(`${app.server.origin}/${PHARMACIST}`);
  await waitReady(r.page);
  await shareLink(r.page);
  await r.page.getByRole('button', { name: 'Copy link' }).click();
  await eventually(async () =>
    assert.match(await r.page.getByTestId('share-copy-status').textContent(), /did not allow copying: select the link/),
  );
  await done(r);
});

test('the patient link opens today\'s dose, the next change and the bottle\'s last day', async () => {
  const pharmacist = await openAt(app, PHARMACIST);
  const link = await shareLink(pharmacist.page);
  await done(pharmacist);

  const s = await openPage(app.browser, app.server.origin);
  const { page } = s;
  await page.goto(link);
  await waitReady(page);
  assert.equal(await page.getByTestId('today-dose').textContent(), `2${NBSP}mg`);
  const draw = await page.getByTestId('today-draw').textContent();
  assert.ok(draw.includes(`2${NBSP}mg: draw 2${NBSP}mL, which gives 2${NBSP}mg`), draw);
  assert.equal(await page.getByTestId('today-draw').locator('svg[role="img"]').count(), 1, 'the syringe picture');
  const next = page.getByTestId('next-change');
  assert.equal(await next.locator('time').getAttribute('datetime'), iso(NEXT_CHANGE));
  assert.equal(await next.textContent(), `${en(NEXT_CHANGE)}: 2.5${NBSP}mg: draw 2.5${NBSP}mL, which gives 2.5${NBSP}mg`);
  const last = page.getByTestId('bottle-last-day');
  assert.equal(await last.getAttribute('datetime'), iso(LAST_DAY));
  assert.equal(await last.textContent(), en(LAST_DAY));
  // The plan's reminders, as a calendar file.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Add to calendar (.ics)' }).click();
  assert.equal((await download).suggestedFilename(), 'ldn-plan.ics');
  // The safety guidance is there; nothing of the pharmacist's is.
  assert.equal(await page.getByTestId('safety').count(), 1);
  assert.equal(await page.locator('.tabs, .tab').count(), 0);
  // No compounding inputs: the only fields are the patient's own diary's.
  assert.equal(await page.locator('input, textarea').evaluateAll((all) => all.filter((e) => !e.closest('[data-testid=diary]')).length), 0);
  assert.ok(await page.getByTestId('diary').isVisible());
  assert.deepEqual(await page.locator('select').evaluateAll((s) => s.map((e) => e.id)), ['lang']);
  for (const code of ['outlasts-use-by', 'use-by-beyond-guidance']) {
    assert.equal(await page.locator(`[data-warning="${code}"]`).count(), 0, code);
  }
  for (const testid of ['share', 'plan-table', 'advice', 'waste', 'doses-per-batch', 'best-syringe', 'dilution']) {
    assert.equal(await page.getByTestId(testid).count(), 0, testid);
  }
  // Changing the language keeps the page, and so does a reload.
  await page.locator('#lang').selectOption('nb');
  await eventually(async () => {
    assert.match(page.url(), /view=patient/);
    assert.match(page.url(), /lang=nb/);
    assert.match(await page.getByRole('heading', { level: 3 }).first().textContent(), /^I dag, /);
  });
  await page.reload();
  await waitReady(page);
  assert.equal(await page.getByTestId('today-dose').textContent(), `2${NBSP}mg`);
  assert.equal(await page.locator('.tab').count(), 0);
  await done(s);
});

test('the patient page reloads offline and is still the patient page', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ldn-dist-'));
  await cp('dist', dir, { recursive: true });
  const server = await serveDir(dir);
  const s = await openPage(app.browser, server.origin);
  const { page } = s;
  const query = new URL(PHARMACIST, server.origin).search.replace('screen=plan', 'view=patient');
  await page.goto(`${server.origin}/${query}`);
  await waitReady(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
  await server.close();
  await page.reload();
  await waitReady(page);
  assert.match(page.url(), /view=patient/);
  assert.equal(await page.getByTestId('today-dose').textContent(), `2${NBSP}mg`);
  assert.equal(await page.getByTestId('bottle-last-day').getAttribute('datetime'), iso(LAST_DAY));
  assert.equal(await page.locator('.tab').count(), 0);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(s.foreign, []);
  await s.context.close();
});

const WORDS = {
  en: { dose: `2${NBSP}mg`, heading: 'Your LDN dose' },
  nb: { dose: `2${NBSP}mg`, heading: 'Din LDN-dose' },
  da: { dose: `2${NBSP}mg`, heading: 'Din LDN-dosis' },
  uk: { dose: `2${NBSP}мг`, heading: 'Ваша доза НДН' },
};

for (const [lang, words] of Object.entries(WORDS)) {
  test(`the patient page in ${lang}: its words, and no axe violations`, async () => {
    // axe is injected as a script, which the CSP forbids: the audit context
    // bypasses CSP (the CSP itself is tested in pwa.test.mjs).
    const s = await openPage(app.browser, app.server.origin, { bypassCSP: true });
    const { page } = s;
    const query = PHARMACIST.replace('lang=en', `lang=${lang}`).replace('screen=plan', 'view=patient');
    await page.goto(`${app.server.origin}/${query}`);
    await waitReady(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.equal(await page.getByRole('heading', { level: 2 }).first().textContent(), words.heading);
    assert.equal(await page.getByTestId('today-dose').textContent(), words.dose);
    assert.equal(await page.getByTestId('bottle-last-day').getAttribute('datetime'), iso(LAST_DAY));
    await injectAxe(page);
    await page.locator('#safety > summary').click();
    await eventually(async () => assert.equal(await page.locator('#safety[open]').count(), 1));
    const audit = () => violations(page);
    assert.deepEqual(await audit(), []);
    // On a 320 px phone the diary's table is wider than the page: its
    // scrolling box must be reachable by keyboard.
    await page.setViewportSize({ width: 320, height: 640 });
    assert.ok(await page.getByTestId('diary-taken-vs-plan').locator('tr').count() > 1, `${lang}: the diary has rows`);
    assert.deepEqual(await audit(), [], `${lang} at 320 px`);
    assert.deepEqual(s.consoleErrors, []);
    await s.context.close();
  });
}

test('the patient keeps the diary on their page: side effects two days running, the step-back, today halved, a dose marked', async () => {
  // The pharmacist's link, opened by the patient (day 21 of the standard plan: 2 mg).
  const s = await openAt(app, PHARMACIST);
  const { page } = s;
  const link = await shareLink(page);
  await page.goto(link);
  await waitReady(page);
  await eventually(async () => assert.match(await page.getByTestId('today-dose').textContent(), new RegExp(`^2${NBSP}mg`)));
  const diary = page.getByTestId('diary');
  assert.ok(await diary.isVisible(), 'the diary is on the patient page');
  const note = async (date, id) => {
    const form = page.getByTestId('diary-effects');
    await form.locator('#diary-date').fill(date);
    await form.locator(`#${id}`).check();
    const before = await page.getByTestId('diary-entry').count();
    await form.getByRole('button').click();
    await eventually(async () => assert.equal(await page.getByTestId('diary-entry').count(), before + 1));
  };
  await note(iso(day(-1)), 'diary-sleep');
  await note(iso(day(0)), 'diary-dreams');
  await page.getByTestId('diary-suggestion').waitFor();
  // Before it is accepted: what the halved dose is and its draw; 1 mL is on
  // a mark of the 3 mL syringe, so no need to ask the pharmacy first.
  const halved = page.getByTestId('diary-halved');
  assert.match(await halved.textContent(), new RegExp(`^If you halve it, each dose would be 1${NBSP}mg: draw 1${NBSP}mL, which gives 1${NBSP}mg`));
  assert.equal(await halved.getAttribute('data-ask-first'), 'false');
  await page.getByTestId('diary-accept-step-back').click();
  // Today is now a step-back day: 1 mg, and the note says it is already halved.
  await eventually(async () => {
    assert.match(await page.getByTestId('today-dose').textContent(), new RegExp(`^1${NBSP}mg`));
    assert.match(await page.getByTestId('today-note').textContent(), /already halved/);
    // Said once, by the page: the diary below does not repeat it.
    assert.equal(await page.getByTestId('diary-step-back').count(), 0);
    assert.match(page.url(), /[?&]view=patient(&|$)/);
    assert.match(page.url(), new RegExp(`pback=${iso(day(0))}%3A2`));
  });
  // The accepted step-back is an entry of its own (it can be deleted).
  await eventually(async () => assert.equal(await page.getByTestId('diary-entry').count(), 3));
  await page.getByTestId('diary-take').click();
  await eventually(async () => assert.equal(await page.getByTestId('diary-entry').count(), 4));
  // Still the patient's page, with the diary, after a reload.
  await page.reload();
  await waitReady(page);
  await eventually(async () => {
    assert.equal(await page.getByTestId('diary-entry').count(), 4);
    assert.match(await page.getByTestId('today-dose').textContent(), new RegExp(`^1${NBSP}mg`));
  });
  // Opened again from the pharmacy's link (or its QR code), which has no
  // step-back in it: the device remembers it, today is still halved.
  await page.goto(link);
  await waitReady(page);
  await eventually(async () => {
    assert.match(await page.getByTestId('today-dose').textContent(), new RegExp(`^1${NBSP}mg`));
    assert.match(await page.getByTestId('today-note').textContent(), /already halved/);
    assert.match(page.url(), new RegExp(`pback=${iso(day(0))}%3A2`));
    assert.equal(await page.getByTestId('diary-suggestion').count(), 0);
  });
  await done(s);
});

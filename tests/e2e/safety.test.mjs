// End to end: the sources' safety guidance is on every screen in every
// language, opens from the keyboard, names who says each point, shows where
// the sources disagree and what the app does, and is printed with the plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { openPage, waitReady } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';

const app = appUnderTest();
const NBSP = '\u00a0';
// Words that must appear, per language: the daily ceiling, opioids and the
// Danish brand names, the other medicines, both surgery pauses, never a
// double dose, the checkpoint inhibitors.
const EXPECTED = {
  en: ['4.5 mg a day', 'withdrawal', 'Contalgin', 'Imodium', '6 hours', '48 hours', 'double dose', 'Keytruda', 'breast-feeding'],
  nb: ['4,5 mg per døgn', 'abstinenser', 'Contalgin', 'Imodium', '6 timer', '48 timer', 'dobbel dose', 'Keytruda', 'ammer'],
  da: ['4,5 mg i døgnet', 'abstinenser', 'Contalgin', 'Imodium', '6 timer', '48 timer', 'dobbelt dosis', 'Keytruda', 'ammer'],
  uk: ['4,5 мг на добу', 'синдром відміни', 'Contalgin', 'Імодіум', '6 годин', '48 годин', 'подвійну дозу', 'Keytruda', 'годування груддю'],
};
const DIFFER = ['daily-maximum', 'pregnancy', 'side-effects', 'surgery', 'dissolving'];

for (const [lang, words] of Object.entries(EXPECTED)) {
  test(`${lang}: the safety guidance is on every screen, sourced, with the disagreements`, async () => {
    const { page, context, consoleErrors } = await openPage(app.browser, app.server.origin);
    await page.goto(`${app.server.origin}/?lang=${lang}&dose=1.5&syringe=3`);
    await waitReady(page);
    const tabs = page.locator('nav.tabs button');
    for (let i = 0; i < 4; i++) {
      await tabs.nth(i).click();
      await page.waitForFunction((n) => document.querySelectorAll('nav.tabs button')[n]
        ?.getAttribute('aria-pressed') === 'true', i);
      assert.equal(await page.getByTestId('safety').count(), 1, `screen ${i + 1}`);
    }
    // Opens from the keyboard.
    await page.locator('#safety > summary').focus();
    await page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await page.locator('#safety[open]').count(), 1));
    const panel = page.getByTestId('safety');
    const text = (await panel.textContent()).replaceAll(NBSP, ' ');
    for (const word of words) assert.ok(text.includes(word), `${lang}: "${word}" missing`);
    assert.equal(await panel.locator('.topic').count(), 15);
    // Every point names its source.
    const points = await panel.locator('li').count();
    assert.equal(await panel.locator('li cite[data-source]').count(), points);
    // Disagreements: each side with its source, and what the app does.
    for (const id of DIFFER) {
      const topic = panel.locator(`[data-topic="${id}"]`);
      assert.equal(await topic.getAttribute('data-differ'), 'true', id);
      const sources = new Set(await topic.locator('cite').evaluateAll((cs) => cs.map((c) => c.dataset.source)));
      assert.ok(sources.size >= 2, `${id}: two sources`);
      assert.equal(await topic.locator('.app-choice').count(), 1, `${id}: what the app does`);
    }
    const surgery = panel.locator('[data-topic="surgery"]');
    assert.match(await surgery.locator('li', { has: page.locator('cite[data-source="seed-001"]') }).textContent(), /\b6\b/);
    assert.match(await surgery.locator('li', { has: page.locator('cite[data-source="seed-002"]') }).textContent(), /\b48\b/);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
}

test('the printed plan carries the safety guidance; the panel itself is not printed twice', async () => {
  const { page, context } = await openPage(app.browser, app.server.origin);
  await page.goto(`${app.server.origin}/?lang=en&tablet=50&tablets=1&volume=50&syringe=3&prepared=2026-03-01&plan=standard&pstart=2026-03-01&pdays=30`);
  await waitReady(page);
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await page.getByTestId('plan-table').waitFor();
  await page.emulateMedia({ media: 'print' });
  const printed = page.getByTestId('plan-safety');
  assert.ok(await printed.isVisible(), 'printed with the plan');
  assert.equal(await printed.locator('.topic').count(), 15);
  assert.match(await printed.textContent(), /48 hours/);
  assert.equal(await page.getByTestId('safety').isVisible(), false, 'the on-screen panel is not printed');
  await context.close();
});

// End to end: every screen, the printed label and plan, and the calendar
// file write units the way the language's pharmacy texts do (issue 13):
// Ukrainian мг, мл, мкг and never a Latin unit; Norwegian and Danish ml and
// mikrogram and never "mL" or "mcg".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest } from './support/app.mjs';
import { openPage, waitReady } from './support/browser.mjs';
import { eventually } from './support/eventually.mjs';

const app = appUnderTest();
const LINK = 'tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=2026-03-01&bud=30'
  + '&plan=standard&pstart=2026-03-01&pdays=30&psplit=2&price=12.5';
// A saved batch as the current release stores it, so My batches has a row.
const STORED = JSON.stringify({
  version: 1, lang: 'en', batches: [{
    id: 1, name: 'March', tablet_mg: '50', tablets: 1, final_ml: '50', prepared: '2026-03-01',
    bud_days: 30, dose_mg: '1.5', draw_ml: '1.5', per_day: 1, taken: 2, link: '',
  }],
});
const FORBIDDEN = {
  uk: /\b(mg|mL|ml|mcg|µg|cc)\b/,
  nb: /\b(mL|mcg|µg|cc)\b/,
  da: /\b(mL|mcg|µg|cc)\b/,
};

// Every text a person can read or hear: text nodes (printed parts included,
// though hidden on screen) and the attributes screen readers announce.
function readable(page) {
  return page.evaluate(() => {
    const out = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.parentElement.closest('script, style')) out.push(n.textContent);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        if (el.hasAttribute(a)) out.push(el.getAttribute(a));
      }
    }
    out.push(document.title);
    return out.join('\n');
  });
}

function offending(text, pattern) {
  return text.split('\n').filter((line) => pattern.test(line)).slice(0, 5);
}

for (const lang of ['uk', 'nb', 'da']) {
  test(`${lang}: no foreign unit on any screen, label, printout or calendar`, async () => {
    const { page, context } = await openPage(app.browser, app.server.origin);
    await page.addInitScript((stored) => localStorage.setItem('ldn-calc', stored), STORED);
    await page.goto(`${app.server.origin}/?lang=${lang}&${LINK}`);
    await waitReady(page);
    const tabs = page.locator('nav.tabs button');
    const count = await tabs.count();
    assert.ok(count >= 4, 'four screens');
    let seen = 0;
    for (let i = 0; i < count; i++) {
      await tabs.nth(i).click();
      // Each screen is drawn in one go after the click.
      await page.waitForFunction((n) => document.querySelectorAll('nav.tabs button')[n]
        ?.getAttribute('aria-pressed') === 'true', i);
      const text = await readable(page);
      seen += text.length;
      assert.deepEqual(offending(text, FORBIDDEN[lang]), [], `screen ${i + 1} in ${lang}`);
    }
    // A dose in micrograms on the Dose screen.
    await tabs.nth(1).click();
    await page.locator('select#dose-unit').selectOption({ index: 1 });
    await page.getByLabel(lang === 'uk' ? /\(мкг\)/ : /\(mikrogram\)/).fill('500');
    const micro = await eventually(async () => {
      const text = await readable(page);
      assert.match(text, lang === 'uk' ? /500.мкг/ : /500.mikrogram/);
      return text;
    });
    assert.deepEqual(offending(micro, FORBIDDEN[lang]), [], `dose in micrograms, ${lang}`);
    // The calendar file, from the Plan screen.
    await tabs.nth(2).click();
    await page.getByTestId('plan-table').waitFor();
    const download = page.waitForEvent('download');
    await page.locator('[data-testid="plan-calendar"], button:has-text(".ics")').first().click();
    const ics = await readFile(await (await download).path(), 'utf8');
    assert.match(ics, /BEGIN:VEVENT/);
    assert.deepEqual(offending(ics.replace(/\r/g, ''), FORBIDDEN[lang]), [], `.ics in ${lang}`);
    assert.ok(seen > 2000, 'the screens had text to check');
    await context.close();
  });
}

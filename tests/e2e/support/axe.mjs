// axe-core in the page under test. It is injected as a script, which the
// app's Content-Security-Policy forbids: audit in a context opened with
// `bypassCSP` (tested in pwa.test.mjs).
import { createRequire } from 'node:module';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Adds axe-core to `page` (once per page load). */
export function injectAxe(page) {
  return page.addScriptTag({ path: AXE });
}

/** Each violation axe finds in `page` now, as `rule: targets`. */
export function violations(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

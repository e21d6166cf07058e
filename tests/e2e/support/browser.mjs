// Debian's Chromium driven by playwright-core: never a downloaded browser.
import { chromium } from 'playwright-core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

const ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** A headless Chromium with a fresh, throw-away profile. */
export function launchBrowser() {
  // playwright-core makes a new temporary profile for each launch and adds
  // --no-sandbox (needed as root) unless chromiumSandbox is set.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * A non-incognito Chromium with a fresh profile directory (installability
 * checks need one). Returns the context; close it when done.
 */
export async function launchPersistent() {
  const dir = await mkdtemp(join(tmpdir(), 'ldn-profile-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: ARGS });
  await stubPrint(context);
  return context;
}

/**
 * Replaces every page's own `window.print` in `context` by a stub that
 * counts its calls. The browser's real print dialog never opens in a test:
 * in some Chromium builds (Debian's 156.0.8078.129) a headless page's own
 * print leaves it "already being printed", and `page.pdf` then fails. A
 * test asserts the Print button called `window.print` (printCalls), then
 * prints to PDF itself (printPdf in pdf.mjs).
 */
export function stubPrint(context) {
  return context.addInitScript(() => {
    window.__printCalls = 0;
    window.print = () => {
      window.__printCalls += 1;
    };
  });
}

/** How many times the page called `window.print` since it was loaded. */
export function printCalls(page) {
  return page.evaluate(() => window.__printCalls);
}

/**
 * A page that records every request that leaves for another origin, and
 * blocks it, so a test can assert nothing leaves the device.
 */
export async function openPage(browser, origin, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  await stubPrint(context);
  const foreign = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url === origin || /^(data|blob):/.test(url)) {
      return route.continue();
    }
    foreign.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  // CSP violations are reported to the page as events; collect them.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, foreign, consoleErrors };
}

/** Waits until the app root says its first render is done. */
export function waitReady(page, timeout = 10_000) {
  return page.waitForSelector('[data-ready="true"]', { timeout });
}

/** CSP violations the page has seen so far. */
export function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

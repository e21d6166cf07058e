// The shared fixture of the end-to-end files: dist/ served on a free loopback
// port and one headless Chromium, started before a file's tests and closed
// after them. Read `app.server` and `app.browser` inside tests.
import { before, after } from 'node:test';
import { serveDir } from './server.mjs';
import { launchBrowser } from './browser.mjs';

export function appUnderTest() {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await serveDir('dist');
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

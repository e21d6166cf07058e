// Opening the app in a fresh context (empty storage) and closing it with the
// checks every test ends on: no request left the origin, no console error.
import assert from 'node:assert/strict';
import { openPage, waitReady } from './browser.mjs';

/** A fresh context on the app under test (`app` from appUnderTest) with `query`. */
export async function openAt(app, query = '?lang=en') {
  const session = await openPage(app.browser, app.server.origin);
  await session.page.goto(`${app.server.origin}/${query}`);
  await waitReady(session.page);
  return session;
}

export async function done({ context, foreign, consoleErrors }) {
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(consoleErrors, [], 'console errors');
  await context.close();
}

// Opening the app in a fresh context (empty storage) and closing it with the
// checks every test ends on: no request left the origin, no console error.
import assert from 'node:assert/strict';
import { openPage, waitReady } from './browser.mjs';

/**
 * A fresh context on the app under test (`app` from appUnderTest) with
 * `query`. With `today` (`YYYY-MM-DD`), the page's clock says that day
 * (noon, local time) from the first script on: for journeys over time and
 * for tests whose dates are fixed.
 */
export async function openAt(app, query = '?lang=en', { today } = {}) {
  const session = await openPage(app.browser, app.server.origin);
  if (today) await setToday(session.page, today);
  await session.page.goto(`${app.server.origin}/${query}`);
  await waitReady(session.page);
  return session;
}

export async function done({ context, foreign, consoleErrors }) {
  assert.deepEqual(foreign, [], 'requests to other origins');
  assert.deepEqual(consoleErrors, [], 'console errors');
  await context.close();
}

/**
 * Makes the page's clock say `day` (`YYYY-MM-DD`, noon local time) from now
 * on; timers keep running. Reload the page for the app to read it.
 */
export function setToday(page, day) {
  return page.clock.setFixedTime(new Date(`${day}T12:00:00`));
}

// Auto-retrying assertions for the end-to-end tests. playwright-core has no
// `expect`, and the app renders after an action asynchronously (Yew's
// scheduler runs later, after the event), so a test that reads the page
// once right after `fill`, `click` or `selectOption` can see the page as it
// was before. Wrap such reads and their assertions in `eventually`:
//
//   await eventually(async () => assert.equal(await text(page, 'x'), '1 mL'));
//
// The assertions inside stay exactly as they were; they are only tried again
// until they pass or time runs out.

/** How long an assertion may take to come true, by default. */
export const EVENTUALLY_MS = 5_000;

/**
 * Runs `check` (sync or async; it asserts by throwing) until it returns
 * without throwing, and returns what it returned. Once `timeout` ms have
 * passed it throws the last failure, whose message (an AssertionError's
 * shows the last actual value against the expected one) is prefixed with
 * how long and how many times it was tried.
 */
export async function eventually(check, { timeout = EVENTUALLY_MS, interval = 25 } = {}) {
  const start = Date.now();
  for (let tries = 1; ; tries++) {
    try {
      return await check();
    } catch (err) {
      const elapsed = Date.now() - start;
      if (elapsed >= timeout) {
        if (err instanceof Error) {
          err.message = `still failing after ${elapsed} ms and ${tries} tries: ${err.message}`;
        }
        throw err;
      }
    }
    await new Promise((ok) => setTimeout(ok, interval));
  }
}

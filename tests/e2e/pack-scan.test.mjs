// End to end: scanning the tablet pack on My batches, as a keyboard-wedge
// scanner types its 2D code (GS1 DataMatrix). What is read is shown to
// check against the pack; only "Use" puts the lot and expiry into the
// record; the scanner's Enter never saves the batch; an expired pack is
// said and refused as a typed expiry is; a lost separator is rebuilt and
// said; a bad code says why. axe in four languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest } from './support/app.mjs';
import { injectAxe, violations } from './support/axe.mjs';
import { eventually } from './support/eventually.mjs';
import { openAt, done } from './support/session.mjs';
import { openPage, waitReady } from './support/browser.mjs';

const app = appUnderTest();
const now = new Date();
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const TODAY = iso(now);
const yymmdd = (d) => iso(d).slice(2).replaceAll('-', '');
const YESTERDAY = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
const GS = '\u001d';
// GS1's example GTIN (check digit 2); expiry 30 Nov 2040; lot; serial.
const SCAN = `]d2010950600013435221X9Y8Z7${GS}1740113010AB-12/3`;
const QUERY = `tablet=50&tablets=1&volume=50&dose=1.5&syringe=3&prepared=${TODAY}&bud=30&screen=batches`;

/** The rows read from the scan, as field: value. */
async function readRows(page) {
  return page.getByTestId('pack-read').locator('tr').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.field, r.querySelector('td').textContent])));
}

test('a scanned pack is shown read, and only "Use" fills the lot and expiry; Enter does not save', async () => {
  const s = await openAt(app, `?lang=en&${QUERY}`);
  const { page } = s;
  const field = page.getByLabel("The pack's 2D code");
  // The scanner types the code, ASCII 29 and all, then Enter.
  await field.fill(SCAN);
  await field.press('Enter');
  await eventually(async () => assert.deepEqual(await readRows(page), {
    gtin: '09506000134352', lot: 'AB-12/3', expiry: '30 Nov 2040', serial: 'X9Y8Z7',
  }));
  assert.equal(await page.getByTestId('batch').count(), 0, "the scanner's Enter saved nothing");
  assert.equal(await page.getByLabel('Tablet lot number').inputValue(), '', 'nothing filled before Use');
  assert.match(await page.getByTestId('pack-product-new').textContent(), /does not know this product code yet/);
  await page.getByTestId('pack-use').click();
  await eventually(async () => {
    assert.equal(await page.getByLabel('Tablet lot number').inputValue(), 'AB-12/3');
    assert.equal(await page.getByLabel('Tablet expiry date').inputValue(), '2040-11-30');
    assert.equal(await field.inputValue(), '');
    assert.equal(await page.getByTestId('pack-read').count(), 0);
  });
  // The product's name, typed once for this product code.
  await page.getByLabel('Tablet product').fill('Naltrexone Accord 50 mg');
  await page.getByRole('button', { name: 'Save this batch' }).click();
  await eventually(async () => assert.match(await page.getByTestId('batch-record').textContent(), /AB-12\/3/));
  // The bottle's record prints the pack's product code.
  await eventually(async () => assert.match(
    await page.getByTestId('record').locator('tr[data-row="gtin"]').textContent(),
    /Product code \(GTIN\)\s*09506000134352/));
  // Another day, the next pack of that product: its name is filled in.
  await page.reload();
  await waitReady(page);
  assert.equal(await page.getByLabel('Tablet product').inputValue(), '', 'the next bottle starts blank');
  await field.fill(SCAN);
  await eventually(async () => assert.equal((await readRows(page)).product, 'Naltrexone Accord 50 mg'));
  assert.equal(await page.getByTestId('pack-product-new').count(), 0);
  await page.getByTestId('pack-use').click();
  await eventually(async () => assert.equal(await page.getByLabel('Tablet product').inputValue(), 'Naltrexone Accord 50 mg'));

  // Typed key by key without a separator (a browser drops Alt+0029): rebuilt, and said.
  await field.pressSequentially('0107046261234566' + '21S9' + '17401130' + '10L77');
  await eventually(async () => {
    assert.equal((await readRows(page)).vnr, '123456');
    assert.match(await page.getByTestId('pack-rebuilt').textContent(), /no separator/);
  });
  await done(s);
});

test('an expired pack is said and blocks saving; a code that cannot be read says why', async () => {
  const s = await openAt(app, `?lang=en&${QUERY}`);
  const { page } = s;
  const field = page.getByLabel("The pack's 2D code");
  await field.fill(`01095060001343521${'7'}${yymmdd(YESTERDAY)}${GS}10OLD1${GS}21S1`);
  await eventually(async () => assert.match(await page.getByTestId('pack-expired').textContent(), /^This pack expired on .*: do not use these tablets\.$/));
  await page.getByTestId('pack-use').click();
  await eventually(async () => {
    assert.equal(await page.locator('[data-error="tablet-expiry"]').count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Save this batch' }).isDisabled(), true);
  });
  // A wrong check digit, a cut code, 10 000 characters: each says why.
  for (const [typed, words] of [
    ['01095060001343531740113010L', /fails its check digit \(it would end in 2\)/],
    ['0109506000134352174011', /ends inside element \(17\)/],
    ['1'.repeat(10000), /longer than a pack's code/],
  ]) {
    await field.fill(typed);
    await eventually(async () => assert.match(await page.getByTestId('pack-problem').textContent(), words));
    assert.equal(await page.getByTestId('pack-use').count(), 0);
  }
  assert.deepEqual(s.consoleErrors, []);
  await done(s);
});

test('the pack scan in four languages: no axe violations with a read and with a problem', async () => {
  for (const lang of ['en', 'nb', 'da', 'uk']) {
    const s = await openPage(app.browser, app.server.origin, { bypassCSP: true });
    const { page } = s;
    await page.goto(`${app.server.origin}/?lang=${lang}&${QUERY}`);
    await waitReady(page);
    await injectAxe(page);
    const audit = () => violations(page);
    await page.locator('#pack-scan').fill(`010950600013435221X9Y8Z717${yymmdd(YESTERDAY)}10AB`);
    await page.getByTestId('pack-read').waitFor();
    assert.equal(await page.getByTestId('pack-expired').count(), 1, lang);
    assert.deepEqual(await audit(), [], `${lang}: read`);
    await page.locator('#pack-scan').fill('01095060001343531740113010L');
    await page.getByTestId('pack-problem').waitFor();
    assert.deepEqual(await audit(), [], `${lang}: problem`);
    await s.context.close();
  }
});

/**
 * A browser's own DataMatrix reader and camera, as Chrome on Android has
 * them: `formats` it reads, the `code` it finds on the third look (none:
 * never), or a camera that is not allowed. Runs before the page's scripts.
 */
function cameraStub({ formats, code, refuse }) {
  const camera = { looks: 0, started: 0, stream: null, constraints: null };
  window.__camera = camera;
  if (!formats) {
    delete window.BarcodeDetector;
    return;
  }
  window.BarcodeDetector = class {
    static async getSupportedFormats() { return formats; }
    constructor(options) { camera.formats = options.formats; }
    async detect() {
      camera.looks += 1;
      return code && camera.looks >= 3 ? [{ format: 'data_matrix', rawValue: code }] : [];
    }
  };
  if (!navigator.mediaDevices) Object.defineProperty(navigator, 'mediaDevices', { value: {}, configurable: true });
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    camera.started += 1;
    camera.constraints = constraints;
    if (refuse) throw new DOMException('Permission denied', 'NotAllowedError');
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    canvas.getContext('2d').fillRect(0, 0, 32, 32);
    camera.stream = canvas.captureStream(5);
    return camera.stream;
  };
}

async function withCamera(stub, lang = 'en', contextOptions = {}) {
  const s = await openPage(app.browser, app.server.origin, contextOptions);
  await s.page.addInitScript(cameraStub, stub);
  await s.page.goto(`${app.server.origin}/?lang=${lang}&${QUERY}`);
  await waitReady(s.page);
  return s;
}

const cameraOff = (page) => page.evaluate(() => window.__camera.stream.getTracks().every((t) => t.readyState === 'ended'));

test('the camera reads the pack where the browser reads DataMatrix codes, and is off after; elsewhere no button', async () => {
  // No reader, or one without DataMatrix: no button (nothing to download).
  for (const stub of [{}, { formats: ['qr_code', 'ean_13'] }]) {
    const s = await withCamera(stub);
    await s.page.waitForTimeout(300);
    assert.equal(await s.page.getByTestId('pack-camera').count(), 0, JSON.stringify(stub));
    await done(s);
  }
  const s = await withCamera({ formats: ['qr_code', 'data_matrix'], code: `010950600013435221X9Y8Z7${GS}1740113010AB-12/3` });
  const { page } = s;
  await page.getByRole('button', { name: 'Read with the camera' }).click();
  // Its picture, named, with what to do; the back camera is asked for.
  await page.getByRole('button', { name: 'Stop the camera' }).waitFor();
  assert.equal(await page.locator('video[aria-label="The camera\'s picture of the pack"]').count(), 1);
  // What it read is shown to check, as a scanner's; nothing filled yet.
  await eventually(async () => assert.deepEqual(await readRows(page), {
    gtin: '09506000134352', lot: 'AB-12/3', expiry: '30 Nov 2040', serial: 'X9Y8Z7',
  }));
  assert.deepEqual(await page.evaluate(() => window.__camera.constraints), { video: { facingMode: 'environment' }, audio: false });
  assert.equal(await page.getByLabel('Tablet lot number').inputValue(), '');
  await eventually(async () => assert.equal(await cameraOff(page), true));
  assert.equal(await page.locator('video').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.getByTestId('pack-use').click();
  await eventually(async () => assert.equal(await page.getByLabel('Tablet lot number').inputValue(), 'AB-12/3'));
  await done(s);
});

test('the camera: stopped by hand it turns off; not allowed, it says so; axe while it reads in four languages', async () => {
  const s = await withCamera({ formats: ['data_matrix'] });
  const { page } = s;
  await page.getByTestId('pack-camera-start').click();
  await page.getByTestId('pack-camera-stop').waitFor();
  await eventually(async () => assert.ok(await page.evaluate(() => window.__camera.looks > 1)));
  await page.getByTestId('pack-camera-stop').click();
  await eventually(async () => assert.equal(await cameraOff(page), true));
  assert.equal(await page.getByTestId('pack-camera-start').count(), 1);
  assert.equal(await page.getByTestId('pack-read').count(), 0);
  // Another screen turns it off too.
  await page.getByTestId('pack-camera-start').click();
  await page.getByTestId('pack-camera-stop').waitFor();
  await eventually(async () => assert.ok(await page.evaluate(() => window.__camera.started === 2 && window.__camera.stream !== null)));
  await page.getByRole('button', { name: 'Prepare', exact: true }).click();
  await eventually(async () => assert.equal(await cameraOff(page), true));
  await done(s);

  const refused = await withCamera({ formats: ['data_matrix'], refuse: true });
  await refused.page.getByTestId('pack-camera-start').click();
  await eventually(async () => assert.match(await refused.page.getByTestId('pack-camera-problem').textContent(), /^The app was not allowed to use the camera/));
  await done(refused);

  for (const lang of ['en', 'nb', 'da', 'uk']) {
    const r = await withCamera({ formats: ['data_matrix'] }, lang, { bypassCSP: true });
    await r.page.getByTestId('pack-camera-start').click();
    await r.page.getByTestId('pack-camera-stop').waitFor();
    await injectAxe(r.page);
    const found = await violations(r.page);
    assert.deepEqual(found, [], lang);
    await r.context.close();
  }
});

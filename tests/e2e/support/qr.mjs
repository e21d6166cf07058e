// Reading a QR code on the page as a phone would: a screenshot of it,
// decoded by a real decoder (jsQR).
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The text of the QR code with `testid`, read from a screenshot. */
export async function decodeQr(page, testid) {
  const svg = page.getByTestId(testid);
  // Drawn large enough for the decoder to see every module (the printed
  // size is for paper, not for a screenshot at 96 dpi).
  await svg.evaluate((e) => { e.style.width = '320px'; e.style.height = '320px'; });
  const png = PNG.sync.read(await svg.screenshot());
  await svg.evaluate((e) => { e.style.width = ''; e.style.height = ''; });
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, `jsQR found a QR code in the screenshot of ${testid}`);
  return code.data;
}

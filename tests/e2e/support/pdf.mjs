// Reading a printed PDF back: its pages, each page's size in millimetres and
// its text, with pdf.js (the PDF is compressed, so its bytes cannot be
// searched for text directly).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const MM_PER_PT = 25.4 / 72;

/** `{ pages: [{ widthMm, heightMm, text }] }` of the PDF in `buffer`. */
export async function readPdf(buffer) {
  const doc = await getDocument({ data: new Uint8Array(buffer), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    pages.push({
      widthMm: (x1 - x0) * MM_PER_PT,
      heightMm: (y1 - y0) * MM_PER_PT,
      // Text items joined, runs of spaces (and no-break spaces) made one.
      text: content.items.map((i) => i.str + (i.hasEOL ? ' ' : '')).join(' ').replace(/[\s\u00a0]+/g, ' '),
    });
  }
  await doc.destroy();
  return { pages };
}

/** Whether `needle` is in `text`, ignoring where lines and spaces fall. */
export function printed(text, needle) {
  const squash = (s) => s.replace(/[\s\u00a0]+/g, '');
  return squash(text).includes(squash(needle));
}

/**
 * The page as printed now (print media), read back. `options` go to
 * `page.pdf` (`{ format: 'A4' }`, or `{ preferCSSPageSize: true }` for the
 * page's own `@page` size).
 */
export async function printPdf(page, options) {
  await page.emulateMedia({ media: 'print' });
  try {
    return await readPdf(await page.pdf(options));
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

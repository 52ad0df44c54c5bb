// Font sizes as printed: for each page of a PDF, the size (pt on paper) of every text item,
// from its text matrix, and the page size. Used to check that a printed workbook is readable.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PrintedPage {
  number: number;
  width: number;
  height: number;
  items: { str: string; size: number }[];
}

export async function printedSizes(file: string): Promise<PrintedPage[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PrintedPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    const items = content.items
      .filter((i): i is typeof i & { str: string; transform: number[] } => 'str' in i && i.str.trim().length > 0)
      // the vertical scale of the text matrix is the size on the page
      .map((i) => ({ str: i.str, size: Math.hypot(i.transform[2], i.transform[3]) }));
    pages.push({ number: n, width: x1 - x0, height: y1 - y0, items });
  }
  await doc.destroy();
  return pages;
}

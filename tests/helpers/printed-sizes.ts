// Font sizes as printed: for each page of a PDF, the size (pt on paper) of every text item,
// from its text matrix, where it stands, the page size, and the horizontal rules drawn on it
// (a printed sheet's cell borders: the rows). Used to check that a printed workbook is readable.
import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PrintedPage {
  number: number;
  width: number;
  height: number;
  items: { str: string; size: number; x: number; y: number; width: number }[];
  /** heights (pt from the page's foot) of the horizontal lines drawn on the page, ascending, each once */
  rules: number[];
  /** the lines drawn on the page with their extents (a printed sheet's cell borders): across at `y` from `x0` to `x1`, down at `x` from `y0` to `y1` */
  across: { y: number; x0: number; x1: number }[];
  down: { x: number; y0: number; y1: number }[];
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
      .map((i) => ({
        str: i.str,
        size: Math.hypot(i.transform[2], i.transform[3]),
        x: i.transform[4],
        y: i.transform[5],
        width: (i as unknown as { width: number }).width,
      }));
    // LibreOffice draws each border as a path of its own, in page space: its bounding box is a flat line
    const ops = await page.getOperatorList();
    const across: PrintedPage['across'] = [];
    const down: PrintedPage['down'] = [];
    ops.fnArray.forEach((fn, k) => {
      if (fn !== OPS.constructPath) return;
      const box = ops.argsArray[k][2] as ArrayLike<number> | undefined;
      if (!box) return;
      if (Math.abs(box[3] - box[1]) < 0.5 && box[2] - box[0] > 5) across.push({ y: (box[1] + box[3]) / 2, x0: box[0], x1: box[2] });
      if (Math.abs(box[2] - box[0]) < 0.5 && box[3] - box[1] > 5) down.push({ x: (box[0] + box[2]) / 2, y0: box[1], y1: box[3] });
    });
    const rules = across
      .map((a) => a.y)
      .sort((a, b) => a - b)
      .filter((y, k, all) => k === 0 || y - all[k - 1] > 0.5);
    pages.push({ number: n, width: x1 - x0, height: y1 - y0, items, rules, across, down });
  }
  await doc.destroy();
  return pages;
}

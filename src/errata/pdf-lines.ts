// Text of a PDF as a reader gets it: per page, the laid-out lines (items grouped by their
// baseline, left to right), via pdfjs-dist. Used by the 正誤表 and by the tests.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  number: number;
  lines: string[];
  text: string;
  /** every text item with its position, for readers that need the column */
  items: { x: number; y: number; str: string; height: number; width: number }[];
  /** the parts of each line that stand apart (table cells), in reading order, with their line number */
  segments: { line: number; x: number; text: string }[];
}

/** Items further apart than this on one baseline belong to different cells. */
const CELL_GAP = 4;

export async function readPdf(file: string): Promise<{ pages: PdfPage[]; info: Record<string, unknown> }> {
  return readPdfBytes(readFileSync(file));
}

export async function readPdfBytes(bytes: Buffer): Promise<{ pages: PdfPage[]; info: Record<string, unknown> }> {
  const data = new Uint8Array(bytes);
  const doc = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const items = content.items
      .filter((i): i is typeof i & { str: string; transform: number[]; height: number; width: number } => 'str' in i)
      .map((i) => ({ x: i.transform[4], y: i.transform[5], str: i.str, height: i.height, width: i.width }))
      .filter((i) => i.str.length > 0);
    // one line = items on the same baseline (within a point), left to right
    const rows = new Map<number, typeof items>();
    for (const it of items) {
      // superscripts sit a few points above the baseline: they belong to the same line
      const key = [...rows.keys()].find((y) => Math.abs(y - it.y) < 5) ?? it.y;
      if (!rows.has(key)) rows.set(key, []);
      rows.get(key)!.push(it);
    }
    const sorted = [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, its]) => its.sort((a, b) => a.x - b.x));
    const lines = sorted.map((its) => its.map((i) => i.str).join(''));
    const segments: PdfPage['segments'] = [];
    sorted.forEach((its, k) => {
      let cur: { line: number; x: number; text: string } | undefined;
      let end = -Infinity;
      for (const it of its) {
        if (!cur || it.x - end > CELL_GAP) {
          cur = { line: k + 1, x: it.x, text: '' };
          segments.push(cur);
        }
        cur.text += it.str;
        end = Math.max(end, it.x + it.width);
      }
    });
    pages.push({ number: n, lines, text: lines.join('\n'), items, segments });
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown> };
}

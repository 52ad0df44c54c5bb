// Text of a generated PDF as a reader gets it: per page, the laid-out lines (items grouped
// by their baseline, left to right), via pdfjs-dist.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  number: number;
  lines: string[];
  text: string;
  /** lines with the x of their first item, for tests that need the column */
  items: { x: number; y: number; str: string; height: number }[];
}

export async function readPdf(file: string): Promise<{ pages: PdfPage[]; info: Record<string, unknown> }> {
  const data = new Uint8Array(readFileSync(file));
  const doc = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const items = content.items
      .filter((i): i is typeof i & { str: string; transform: number[]; height: number } => 'str' in i)
      .map((i) => ({ x: i.transform[4], y: i.transform[5], str: i.str, height: i.height }))
      .filter((i) => i.str.length > 0);
    // one line = items on the same baseline (within a point), left to right
    const rows = new Map<number, typeof items>();
    for (const it of items) {
      // superscripts sit a few points above the baseline: they belong to the same line
      const key = [...rows.keys()].find((y) => Math.abs(y - it.y) < 5) ?? it.y;
      if (!rows.has(key)) rows.set(key, []);
      rows.get(key)!.push(it);
    }
    const lines = [...rows.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, its]) => its.sort((a, b) => a.x - b.x).map((i) => i.str).join(''));
    pages.push({ number: n, lines, text: lines.join('\n'), items });
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: meta.info as Record<string, unknown> };
}

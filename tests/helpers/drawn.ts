// What a page draws besides text, read back with pdfjs: the fill colours set and the images
// painted, so that a test can tell a figure that is drawn from one whose caption alone is.
import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Drawn {
  fills: string[];
  images: number;
}

const hex = (args: unknown[]): string => {
  // pdfjs hands a fill colour either as '#rrggbb' or as three bytes, by version
  if (typeof args[0] === 'string') return args[0].toLowerCase();
  return `#${(args as number[])
    .slice(0, 3)
    .map((n) => Math.round(n).toString(16).padStart(2, '0'))
    .join('')}`;
};

/** For each page of the PDF (a file or its bytes), the fill colours it sets and how many images it paints. */
export async function drawnOnPages(pdf: string | Uint8Array): Promise<Drawn[]> {
  const data = typeof pdf === 'string' ? new Uint8Array(readFileSync(pdf)) : new Uint8Array(pdf);
  const doc = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: Drawn[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    const fills = new Set<string>();
    let images = 0;
    ops.fnArray.forEach((fn, k) => {
      if (fn === OPS.setFillRGBColor) fills.add(hex(ops.argsArray[k] as unknown[]));
      if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) images++;
    });
    out.push({ fills: [...fills], images });
  }
  await doc.destroy();
  return out;
}

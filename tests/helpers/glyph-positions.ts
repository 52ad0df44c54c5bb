// Every glyph a PDF draws, with the character and where it stands on its page (in points, from
// the page's top left), read from pdfjs-dist's operator list: the text matrix, the CTM and each
// glyph's advance are followed as a viewer follows them. Two PDFs that list the same glyphs at
// the same places look the same, however their text objects are cut.
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Glyph {
  page: number;
  char: string;
  x: number;
  y: number;
  size: number;
  /** the first glyph of its text-showing operation */
  first: boolean;
  /** how far the glyph moves the pen, in points (before any adjustment that follows it) */
  advance: number;
}

type M = [number, number, number, number, number, number];
const mul = (m: M, n: M): M => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const I: M = [1, 0, 0, 1, 0, 0];

export async function glyphPositions(bytes: Uint8Array): Promise<Glyph[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true }).promise;
  const out: Glyph[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const height = page.view[3];
    const ops = await page.getOperatorList();
    let ctm: M = I;
    // q/Q save and restore the text state too (character spacing is set inside q … Q)
    const stack: [M, number, number, number, number][] = [];
    let tm: M = I;
    let tlm: M = I;
    let size = 0;
    let charSpacing = 0;
    let wordSpacing = 0;
    let hScale = 1;
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const a = ops.argsArray[i];
      if (fn === OPS.save) stack.push([ctm, size, charSpacing, wordSpacing, hScale]);
      else if (fn === OPS.restore) [ctm, size, charSpacing, wordSpacing, hScale] = stack.pop() ?? [I, 0, 0, 0, 1];
      else if (fn === OPS.transform) ctm = mul(Array.from(a.length === 1 ? a[0] : a) as M, ctm);
      else if (fn === OPS.beginText) tm = tlm = I;
      else if (fn === OPS.setTextMatrix)
        tm = tlm = Array.from(a.length === 1 ? a[0] : a) as M; // pdfjs gives one Float32Array
      else if (fn === OPS.moveText) tm = tlm = mul([1, 0, 0, 1, a[0], a[1]], tlm);
      else if (fn === OPS.setFont) size = a[1];
      else if (fn === OPS.setCharSpacing) charSpacing = a[0];
      else if (fn === OPS.setWordSpacing) wordSpacing = a[0];
      else if (fn === OPS.setHScale) hScale = a[0] / 100;
      else if (fn === OPS.showText || fn === OPS.showSpacedText) {
        let first = true;
        for (const g of a[0] as (number | { unicode: string; width: number; isSpace?: boolean })[]) {
          if (typeof g === 'number') {
            tm = mul([1, 0, 0, 1, (-g / 1000) * size * hScale, 0], tm);
            continue;
          }
          const at = mul(tm, ctm);
          const advance = ((g.width / 1000) * size + charSpacing + (g.isSpace ? wordSpacing : 0)) * hScale;
          out.push({ page: p, char: g.unicode, x: at[4], y: height - at[5], size, first, advance: advance * ctm[0] });
          first = false;
          tm = mul([1, 0, 0, 1, advance, 0], tm);
        }
      }
    }
    page.cleanup();
  }
  await doc.destroy();
  return out;
}

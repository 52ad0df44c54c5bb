// Lines of laid-out table cells that end a cell's text with one or two characters
// (「…の運／用」): a short piece of Japanese text standing alone under a line of the same cell
// (same left edge, one line pitch above).
import type { PdfPage } from '../../src/errata/pdf-lines.js';

const JAPANESE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー、。）」』]{1,2}$/u;
const GAP = 4;

export function shortLastLines(page: PdfPage): string[] {
  const rows = new Map<number, PdfPage['items']>();
  // pdfjs fills the gaps between cells with blank items: they join nothing
  for (const it of page.items.filter((i) => i.str.trim() !== '')) {
    const key = [...rows.keys()].find((y) => Math.abs(y - it.y) < 1) ?? it.y;
    if (!rows.has(key)) rows.set(key, []);
    rows.get(key)!.push(it);
  }
  const segs: { x: number; y: number; h: number; text: string }[] = [];
  for (const [y, its] of rows) {
    its.sort((a, b) => a.x - b.x);
    let cur: (typeof segs)[number] | undefined;
    let end = -Infinity;
    for (const it of its) {
      if (!cur || it.x - end > GAP) segs.push((cur = { x: it.x, y, h: it.height, text: '' }));
      cur.text += it.str;
      end = Math.max(end, it.x + it.width);
    }
  }
  return segs
    .filter((s) => JAPANESE.test(s.text.trim()))
    .filter((s) => segs.some((a) => Math.abs(a.x - s.x) < 1 && a.y > s.y && a.y - s.y < s.h * 1.5 && a.text.trim().length > 2))
    .map((s) => `p.${page.number}: …${segs.find((a) => Math.abs(a.x - s.x) < 1 && a.y > s.y && a.y - s.y < s.h * 1.5)!.text.slice(-6)}／${s.text}`);
}

// Text widths. For workbook columns, from the embedded font's real metrics (render/sheet-text.ts);
// for rough PDF estimates, East Asian width: how many half-width cells a text takes, full-width
// and ambiguous characters counting two (as they do in Japanese fonts).
import { textPt, lineCount, UNIT_PT, CELL_PADDING_PT, SHEET_FONT_SIZE } from '../render/sheet-text.js';

const WIDE =
  /[\u1100-\u115f\u2010-\u2027\u2030-\u203b\u2100-\u214f\u2190-\u21ff\u2200-\u22ff\u2460-\u24ff\u2500-\u257f\u25a0-\u26ff\u2e80-\u303f\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function eastAsianWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

/** Width units a line of text takes (the longest line of a text of several), in the real font. */
export const textUnits = (s: string, bold = false) => Math.max(0, ...s.split('\n').map((l) => textPt(l, bold))) / UNIT_PT;

/** Lines a text wraps to in a column `width` units wide. */
export const wrappedLines = (s: string, width: number, bold = false) => lineCount(s, width, bold);

/** The width a line of `pt` points needs to stay on one line (with the slack lineCount allows for Excel). */
const unitsFor = (pt: number) => Math.ceil(((pt + CELL_PADDING_PT) / (UNIT_PT * 0.985)) * 4 + 1) / 4;

/** A column width that shows the longest line of `texts`, between `min` and `max`. */
export function fitWidth(texts: string[], min: number, max: number): number {
  const longest = Math.max(0, ...texts.flatMap((t) => t.split('\n')).map((l) => textPt(l)));
  return Math.min(max, Math.max(min, unitsFor(longest)));
}

/** The widest word of a text (its parts between spaces), in points at `size` (the sheet's 9 pt unless given), in the real font. */
export const widestWordPt = (s: string, bold = false, size = SHEET_FONT_SIZE) =>
  Math.max(0, ...s.split(/[\s\u3000]+/).map((w) => textPt(w, bold) * (size / SHEET_FONT_SIZE)));

/** The width a header text (bold) needs so that no line of it breaks inside a word. */
export const headerWidth = (s: string) => unitsFor(widestWordPt(s, true));

/**
 * Widths that fit `capacity` units in all: the widest columns are narrowed to one common
 * width (their text wraps more), never below `floor` of each column (its header).
 */
export function fitColumns(widths: number[], floor: number[], capacity: number): number[] {
  const w = widths.map((x, i) => Math.max(x, floor[i] ?? 0));
  const total = (cap: number) => w.reduce((a, x, i) => a + Math.max(Math.min(x, cap), floor[i] ?? 0), 0);
  if (total(Infinity) <= capacity) return w;
  let lo = 0;
  let hi = Math.max(...w);
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (total(mid) <= capacity) lo = mid;
    else hi = mid;
  }
  return w.map((x, i) => Math.max(Math.floor(Math.min(x, lo) * 4) / 4, floor[i] ?? 0));
}

/**
 * A generous estimate of the height a text takes in a column `widthPt` wide: pdfmake cannot
 * keep a row or a block together when it is taller than a page (its content is then lost),
 * so the documents ask this before keeping something together.
 */
export function estimatedHeight(s: string, widthPt: number, fontSize: number, lineHeight: number): number {
  const perLine = Math.max(1, Math.floor(widthPt / (fontSize / 2)));
  const lines = s.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(eastAsianWidth(l) / perLine)), 0);
  return lines * fontSize * lineHeight * 1.25;
}

// East Asian width: how many half-width cells a text takes, full-width and ambiguous
// characters counting two (as they do in Japanese fonts). Used to size workbook columns.
const WIDE = /[\u1100-\u115f\u2010-\u2027\u2030-\u203b\u2100-\u214f\u2190-\u21ff\u2200-\u22ff\u2460-\u24ff\u2500-\u257f\u25a0-\u26ff\u2e80-\u303f\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function eastAsianWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

/** Lines a text wraps to in a column `width` cells wide. */
export function wrappedLines(s: string, width: number): number {
  const inner = Math.max(1, width - 1);
  return s.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(eastAsianWidth(line) / inner)), 0);
}

/** A column width that shows the longest line of `texts`, between `min` and `max`. */
export function fitWidth(texts: string[], min: number, max: number): number {
  const longest = Math.max(0, ...texts.flatMap((t) => t.split('\n')).map(eastAsianWidth));
  return Math.min(max, Math.max(min, longest + 2));
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

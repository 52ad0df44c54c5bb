// Widows and orphans: a paragraph cut by a page break keeps at least two lines on each side
// (the first line alone at a page foot, or the last alone at a page top, is what a
// proof-reader marks). pdfmake breaks a text wherever its next line no longer fits, and has no
// such rule; here a text of the running page flow has its lines built first, the break pdfmake
// would make is worked out from their heights, and the page is turned one line earlier (or
// before the text) where the rule asks it. pdfmake's own processLeaf then places the same lines.
// A text may ask for more lines on each side (`keepLines`), and is then kept so in a one-cell
// table too (a framed box). Text that headings were kept with (`keepWithHeadings`) never goes on without them.
// Texts inside a table, columns or a kept (unbreakable) block are left as they are: a kept block
// moves whole, and a table cell breaks with its row.
// pdfmake internals touched: LayoutBuilder.processLeaf (wrapped), buildNextLine (shadowed on
// the instance while one text is placed), the writer's context (availableHeight, snapshots,
// pageMargins) and transactionLevel. ICT_PDF_NO_KEEP_LINES=1 lays out without it (the tests
// show the faults it prevents that way).
// A change that could be offered upstream as `orphans`/`widows` on a text node.
import { switchedOff } from '../switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Lines a paragraph keeps together on each side of a page break. */
export const KEEP_LINES = 2;

/**
 * Where to turn the page, given the heights of a text's lines and the height left on the page:
 * the number of lines to set on this page (0: the whole text goes to the next page), or
 * undefined where pdfmake's own break is right (it fits, or it cannot be helped).
 */
export function breakBefore(heights: number[], available: number, keep = KEEP_LINES): number | undefined {
  const n = heights.length;
  let fit = 0;
  let used = 0;
  while (fit < n && used + heights[fit] <= available + 1e-6) used += heights[fit++];
  if (fit === n || fit === 0) return undefined;
  // too few lines here: the whole text goes on
  if (fit < keep) return 0;
  // too few lines there: take some over, if this page keeps enough; else the whole text goes on
  const rest = n - fit;
  if (rest < keep) return fit - (keep - rest) >= keep ? fit - (keep - rest) : 0;
  return undefined;
}

let installed = false;
export function installKeepLines(LayoutBuilder: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_KEEP_LINES')) return;
  installed = true;
  const processLeaf = LayoutBuilder.prototype.processLeaf;
  LayoutBuilder.prototype.processLeaf = function (node: Any) {
    const writer = this.writer;
    const ctx = writer.context();
    // only the running flow of a page: not in a kept block, a table or columns, not a page reference or a 目次 line
    // a text that asks for it (`keepLines`: a framed box's text, one cell wide) is kept inside its table too
    if (
      writer.transactionLevel > 0 ||
      (ctx.snapshots.length > 0 && !node.keepLines) ||
      node._pageRef ||
      node._tocItemRef ||
      node.maxHeight ||
      !node._inlines?.length
    )
      return processLeaf.call(this, node);
    const buildNextLine = this.buildNextLine;
    const lines: Any[] = [];
    for (let l; (l = buildNextLine.call(this, node));) lines.push(l);
    // at the top of a page there is nothing to gain by moving on
    const atTop = ctx.y <= ctx.pageMargins.top + 0.5;
    let cut =
      atTop || lines.length < 2
        ? undefined
        : breakBefore(
            lines.map((l) => l.getHeight()),
            ctx.availableHeight,
            node.keepLines ?? KEEP_LINES,
          );
    // text kept on the page of its headings (documents mark it) never leaves them alone there
    if (cut === 0 && node.keepWithHeadings) cut = undefined;
    let next = 0;
    this.buildNextLine = function () {
      if (next === cut && cut !== undefined) writer.moveToNextPage(node.pageOrientation);
      return lines[next++] ?? null;
    };
    try {
      return processLeaf.call(this, node);
    } finally {
      delete this.buildNextLine;
    }
  };
}

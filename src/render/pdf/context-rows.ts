// Context rows: a table's first `table.contextRows` header rows are printed only where a reader
// needs them — at the top of a page — and not where the table starts below content that already
// shows them. pdfmake repeats a table's header rows on every page the table continues on, but
// also prints them where the table starts; a table that continues a run of rows started by an
// earlier table (a list split into runs, each with its own group rows) needs the earlier
// table's headings in its repeat, not printed again in the middle of a page.
//
// How: the context rows are laid out with the other header rows (so the repeat holds them, as
// pdfmake built it); where the table's first block is committed below other content on its
// page, the context rows' drawings are taken out of that block and the rest moves up. Where the
// block starts a page (it did not fit, or the page was empty) they stay: the page then begins
// with the whole context, as a continuation page does.
//
// The context rows are copies of content printed elsewhere: the loss guard does not number them
// (loss-guard.ts) and the tag tree leaves them out (tags.ts), so they are drawn as artifacts.
// A small change that could be offered upstream: `headerRows` printed only on later pages.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The number of context rows of a table node (0 when it has none or the value is unusable). */
export function contextRowsOf(tableNode: Any): number {
  const k = tableNode?.table?.contextRows;
  const header = tableNode?.table?.headerRows;
  return Number.isInteger(k) && k > 0 && Number.isInteger(header) && k <= header ? k : 0;
}

interface Cut {
  /** the unbreakable context holding the table's header block (or a kept block around the table) */
  context: Any;
  /** where the table begins (its top rule), in that context */
  from: number;
  /** where the first row after the context rows begins (its top rule), in that context */
  y: number;
}

/** The topmost y an item of a laid-out page covers. */
function topOf(it: Any): number {
  const v = it.item;
  if (it.type === 'line') return v.y ?? 0;
  if (it.type === 'vector') {
    if (v.type === 'line') return Math.min(v.y1, v.y2);
    if (v.type === 'polyline') return Math.min(...v.points.map((p: Any) => p.y));
    return v.y ?? 0;
  }
  return v.y ?? 0;
}

/** The item moved up by `dy`, as a copy (the table's repeat still holds the original). */
function movedUp(it: Any, dy: number, offsetVector: Any, pack: Any): Any {
  if (it.type === 'line') {
    const l = it.item.clone();
    l.y -= dy;
    return { type: 'line', item: l };
  }
  const v = pack(it.item);
  if (it.type === 'vector') offsetVector(v, 0, -dy);
  else if (typeof v.y === 'number') v.y -= dy;
  return { ...it, item: v };
}

let installed = false;
/** Teaches pdfmake's tables their context rows (once per process). */
export function installContextRows(TableProcessor: Any, PageElementWriter: Any, tools: Any): void {
  if (installed) return;
  installed = true;
  const { offsetVector, pack } = tools;
  const drawHorizontalLine = TableProcessor.prototype.drawHorizontalLine;
  TableProcessor.prototype.drawHorizontalLine = function (lineIndex: number, writer: Any, overrideY?: number, ...rest: Any[]) {
    const k = contextRowsOf(this.tableNode);
    // the table's top rule and the rule under its last context row, each drawn once as the table
    // is laid out (not the ones drawn at a page break); header rows are always in a kept block
    if (k && overrideY === undefined && writer.transactionLevel > 0) {
      if (lineIndex === 0 && this._contextTop === undefined) this._contextTop = writer.context().y;
      if (lineIndex === k && this._contextTop !== undefined && !this._contextCutMarked) {
        this._contextCutMarked = true;
        (writer._contextCuts ??= []).push({ context: writer.context(), from: this._contextTop, y: writer.context().y } satisfies Cut);
      }
    }
    return drawHorizontalLine.call(this, lineIndex, writer, overrideY, ...rest);
  };

  const commit = PageElementWriter.prototype.commitUnbreakableBlock;
  PageElementWriter.prototype.commitUnbreakableBlock = function (forcedX?: number, forcedY?: number) {
    // decided where the outermost kept block is placed: the table's own, or one around it
    const block = this.context();
    const cuts: Cut[] = this.transactionLevel === 1 ? (this._contextCuts ?? []).filter((c: Cut) => c.context === block) : [];
    if (cuts.length) {
      this._contextCuts = this._contextCuts.filter((c: Cut) => c.context !== block);
      const page = this.contextStack[this.contextStack.length - 1];
      const repeated = this.repeatables.reduce((h: number, r: Any) => h + (r.insertedOnPages[page.page] ? r.height : 0), 0);
      const startsPage = page.y <= page.pageMargins.top + repeated + 0.5;
      const hiddenHeight = cuts.reduce((h, c) => h + c.y - c.from, 0);
      if (block.pages.length === 1 && !startsPage && block.y - hiddenHeight <= page.availableHeight) {
        // the lowest first, so that the places of those above stay as recorded
        for (const cut of [...cuts].sort((a, b) => b.from - a.from)) {
          const dy = cut.y - cut.from;
          // between the table's top rule and the rule that tops its first remaining row: the context rows
          const hidden = (it: Any) => topOf(it) >= cut.from - 0.01 && topOf(it) < cut.y - 0.01;
          block.pages[0].items = block.pages[0].items
            .filter((it: Any) => !hidden(it))
            .map((it: Any) => (topOf(it) >= cut.y - 0.01 ? movedUp(it, dy, offsetVector, pack) : it));
          block.y -= dy;
        }
      }
    }
    return commit.call(this, forcedX, forcedY);
  };
}

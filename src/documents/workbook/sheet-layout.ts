// Column widths and row heights of printed workbook sheets, shared by every workbook (付表,
// 正誤表, 照会用のブック, 未回答・要確認一覧): columns as wide as their content and their header's
// words, the whole within the paper at 100 %, rows as tall as their wrapped text in the real
// font (render/sheet-text.ts), and no cell's text ending on a line of one character where a
// slightly different width avoids it.
import type { CellValue } from '../../render/xlsx.js';
import { A3_CAPACITY } from '../../render/xlsx.js';
import { rowPt, loneEndAt } from '../../render/sheet-text.js';
import { wrappedLines, headerWidth, fitColumns } from '../text-width.js';

/** The height of a row of one line (a group row, a heading). */
export const ONE_LINE = rowPt(1);

const text = (c: CellValue | undefined) =>
  typeof c === 'string' ? c : c && typeof c === 'object' && 'richText' in c ? c.richText.map((t) => t.text).join('') : undefined;

/** The height of a row whose text cells wrap in columns of these widths (`bold` for header rows; a column without one is 10 wide). */
export function rowHeight(cells: CellValue[], widths: readonly (number | undefined)[], minLines = 1, bold = false): number {
  let lines = minLines;
  cells.forEach((c, i) => {
    const t = text(c);
    if (t) lines = Math.max(lines, wrappedLines(t, widths[i] ?? 10, bold));
  });
  return rowPt(lines);
}

/** Header rows' heights: each row as tall as its bold text; a cell merged across columns wraps in their sum, one merged down rows is left out. */
export function headerHeights(header: CellValue[][], widths: number[], merges: [number, number, number, number][] = []): number[] {
  return header.map((row, r) => {
    const cells: CellValue[] = [];
    const w: (number | undefined)[] = [];
    row.forEach((c, k) => {
      const m = merges.find(([r1, c1, r2, c2]) => r + 1 >= r1 && r + 1 <= r2 && k + 1 >= c1 && k + 1 <= c2);
      if (m && (m[0] !== m[2] || m[1] !== k + 1)) return;
      cells.push(c);
      w.push(m ? widths.slice(m[1] - 1, m[3]).reduce((a, b) => a + b, 0) : widths[k]);
    });
    return rowHeight(cells, w, 1, true);
  });
}

/**
 * Widths that print readably: each column at least as wide as its header's words (a header
 * never breaks inside a word, 「※官民デー／タ」), the whole within `capacity` units (A3
 * landscape unless told; the widest text columns wrap more instead). Header cells merged
 * across columns constrain no single column. With the `rows` the columns will hold, each
 * text column is then nudged (within the room left) to the width that leaves the fewest
 * cells ending on a line of one character.
 */
export function printWidths(
  widths: number[],
  header: CellValue[][],
  merges: [number, number, number, number][] = [],
  capacity = A3_CAPACITY,
  rows: CellValue[][] = [],
): number[] {
  const floor = headerFloors(widths.length, header, merges);
  return avoidLoneEnds(fitColumns(widths, floor, capacity), floor, capacity, rows);
}

/** Each column's least width: its header's longest word (header cells merged across columns constrain none). */
export function headerFloors(ncol: number, header: CellValue[][], merges: [number, number, number, number][] = []): number[] {
  return Array.from({ length: ncol }, (_, c) =>
    Math.max(
      0,
      ...header.map((row, r) => {
        const v = row[c];
        const across = merges.some(([r1, c1, r2, c2]) => r + 1 >= r1 && r + 1 <= r2 && c + 1 >= c1 && c + 1 <= c2 && c2 > c1);
        return typeof v === 'string' && !across ? headerWidth(v) : 0;
      }),
    ),
  );
}

/** Steps tried around a column's width, nearest first (width units): up to six units either way, by quarters. */
const NUDGES = [0, ...Array.from({ length: 24 }, (_, k) => (k + 1) / 4).flatMap((d) => [-d, d])];

/**
 * For each column whose cells wrap, the width near the given one (never below its floor) where
 * the fewest of its cells end on a line of one character: first as the text sets at the
 * measured width, then at Excel's a little narrower, then within half a point of it. Width beyond `capacity` is
 * given up by the other columns, widest first, each only as far as leaves it no more such cells
 * than before; the sheet may then fill a little less than the paper.
 */
/** how much a cell ending on a line of one character weighs: as measured most, then as Excel may set it, then within half a point */
const LONE_END_WEIGHT = { measured: 1000, excel: 30, near: 1, none: 0 } as const;

export function avoidLoneEnds(widths: number[], floor: number[], capacity: number, rows: CellValue[][]): number[] {
  const w = widths.slice();
  const texts = w.map((_, c) => rows.map((r) => text(r[c])).filter((t): t is string => !!t));
  const scores = new Map<string, number>();
  // cells that end alone as measured (in LibreOffice) count most, then as Excel may set them, then within half a point
  const score = (c: number, x: number) => {
    const key = `${c}:${x}`;
    let n = scores.get(key);
    if (n === undefined) {
      n = 0;
      for (const t of texts[c] ?? []) if (wrappedLines(t, x) > 1) n += LONE_END_WEIGHT[loneEndAt(t, x) ?? 'none'];
      scores.set(key, n);
    }
    return n;
  };
  /** Other columns' new widths giving up `over` units between them, or undefined when they cannot without more lone ends. */
  const giveWay = (c: number, over: number): Map<number, number> | undefined => {
    const given = new Map<number, number>();
    let need = Math.ceil(over * 4) / 4;
    // the other columns with their widths, widest first
    const donors = w
      .map((width, k) => ({ k, width }))
      .filter(({ k }) => k !== c)
      .sort((a, b) => b.width - a.width);
    type Donor = (typeof donors)[number];
    // quarter units column k can give up, at most
    const steps = ({ k, width }: Donor) =>
      Array.from({ length: Math.max(0, Math.round(Math.min(width - 2, Math.floor((width - (floor[k] ?? 0)) * 4) / 4) * 4)) }, (_, q) => (q + 1) / 4);
    const keeps = ({ k, width }: Donor, r: number) => score(k, width - r) <= score(k, width);
    // one column giving all that is needed (or a little more: the sheet then fills a little less than the paper)
    for (const d of donors) {
      const r = steps(d).find((x) => x >= need && keeps(d, x));
      if (r !== undefined) return new Map([[d.k, d.width - r]]);
    }
    // else several, each as much as it can
    for (const d of donors) {
      const r = steps(d)
        .filter((x) => x <= need)
        .reverse()
        .find((x) => keeps(d, x));
      if (r === undefined) continue;
      given.set(d.k, d.width - r);
      need -= r;
      if (need <= 0) return given;
    }
    return undefined;
  };
  // each column at its width when its turn comes (an earlier column's nudge may have narrowed it)
  for (const [c, width] of w.entries()) {
    if (!texts[c]?.some((t) => wrappedLines(t, width) > 1)) continue;
    let best: { x: number; given?: Map<number, number> } = { x: width };
    let fewest = score(c, width);
    for (const d of NUDGES) {
      if (!fewest) break;
      const x = width + d;
      if (x < (floor[c] ?? 0) || x < 2) continue;
      const n = score(c, x);
      if (n >= fewest) continue;
      const over = d - (capacity - w.reduce((a, b) => a + b, 0));
      const given = over > 0 ? giveWay(c, over) : undefined;
      if (over > 0 && !given) continue;
      best = { x, given };
      fewest = n;
    }
    w[c] = best.x;
    for (const [k, y] of best.given ?? []) w[k] = y;
  }
  return w;
}

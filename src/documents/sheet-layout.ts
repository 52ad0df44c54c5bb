// Column widths and row heights of printed workbook sheets, shared by every workbook (付表,
// 正誤表, 照会用のブック, 未回答・要確認一覧): columns as wide as their content and their header's
// words, the whole within the paper at 100 %, rows as tall as their wrapped text in the real
// font (render/sheet-text.ts), and no cell's text ending on a line of one character where a
// slightly different width avoids it.
import type { CellValue } from '../render/xlsx.js';
import { A3_CAPACITY } from '../render/xlsx.js';
import { rowPt, endsAlone } from '../render/sheet-text.js';
import { wrappedLines, headerWidth, fitColumns } from './text-width.js';

/** The height of a row of one line (a group row, a heading). */
export const ONE_LINE = rowPt(1);

const text = (c: CellValue | undefined) => (typeof c === 'string' ? c : c && typeof c === 'object' && 'richText' in c ? c.richText.map((t) => t.text).join('') : undefined);

/** The height of a row whose text cells wrap in columns of these widths (`bold` for header rows). */
export function rowHeight(cells: CellValue[], widths: number[], minLines = 1, bold = false): number {
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
    const w: number[] = [];
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
export function printWidths(widths: number[], header: CellValue[][], merges: [number, number, number, number][] = [], capacity = A3_CAPACITY, rows: CellValue[][] = []): number[] {
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

/** Steps tried around a column's width, nearest first (width units). */
const NUDGES = [0, -0.25, 0.25, -0.5, 0.5, -0.75, 0.75, -1, 1, -1.5, 1.5, -2, 2, -2.5, 2.5, -3, 3, -3.5, -4];

/**
 * For each column whose cells wrap, the width near the given one (never below its floor) where
 * the fewest of its cells end on a line of one character. Width beyond `capacity` is given up
 * by the widest other column, when that leaves it no more such cells than before.
 */
export function avoidLoneEnds(widths: number[], floor: number[], capacity: number, rows: CellValue[][]): number[] {
  const w = widths.slice();
  const texts = (c: number) => rows.map((r) => text(r[c])).filter((t): t is string => !!t);
  const lone = (c: number, x: number) => texts(c).filter((t) => wrappedLines(t, x) > 1 && endsAlone(t, x)).length;
  for (let c = 0; c < w.length; c++) {
    if (!texts(c).some((t) => wrappedLines(t, w[c]) > 1)) continue;
    const width = w[c];
    let best: { x: number; donor?: number; y?: number } = { x: width };
    let fewest = lone(c, width);
    for (const d of NUDGES) {
      if (!fewest) break;
      const x = width + d;
      if (x < (floor[c] ?? 0) || x < 2) continue;
      const n = lone(c, x);
      if (n >= fewest) continue;
      const over = d - (capacity - w.reduce((a, b) => a + b, 0));
      if (over <= 0) {
        (best = { x }), (fewest = n);
        continue;
      }
      // the widest other column gives way, if it can without ending more of its own cells alone
      const donor = w.reduce((m, v, k) => (k !== c && v > (m < 0 ? -1 : w[m]) ? k : m), -1);
      const y = w[donor] - Math.ceil(over * 4) / 4;
      if (donor < 0 || y < (floor[donor] ?? 0) || lone(donor, y) > lone(donor, w[donor])) continue;
      (best = { x, donor, y }), (fewest = n);
    }
    w[c] = best.x;
    if (best.donor !== undefined) w[best.donor] = best.y!;
  }
  return w;
}

// Column widths and row heights of printed workbook sheets, shared by every workbook (付表,
// 正誤表, 照会用のブック, 未回答・要確認一覧): columns as wide as their content and their header's
// words, the whole within the paper at a readable scale, rows as tall as their wrapped text.
import type { CellValue } from '../render/xlsx.js';
import { A3_CAPACITY } from '../render/xlsx.js';
import { wrappedLines, headerWidth, fitColumns } from './text-width.js';

export const LINE_HEIGHT = 13.5;

/** The height of a row whose string cells wrap in columns of these widths. */
export function rowHeight(cells: CellValue[], widths: number[], minLines = 1): number {
  let lines = minLines;
  cells.forEach((c, i) => {
    if (typeof c === 'string') lines = Math.max(lines, wrappedLines(c, widths[i] ?? 10));
  });
  return Math.ceil(lines * LINE_HEIGHT + 4);
}

/**
 * Widths that print readably: each column at least as wide as its header's words (a header
 * never breaks inside a word, 「※官民デー／タ」), the whole within `capacity` units (A3
 * landscape unless told) at a readable scale (the widest text columns wrap more instead).
 * Header cells merged across columns constrain no single column.
 */
export function printWidths(widths: number[], header: CellValue[][], merges: [number, number, number, number][] = [], capacity = A3_CAPACITY): number[] {
  const floor = widths.map((_, c) =>
    Math.max(
      0,
      ...header.map((row, r) => {
        const v = row[c];
        const across = merges.some(([r1, c1, r2, c2]) => r + 1 >= r1 && r + 1 <= r2 && c + 1 >= c1 && c + 1 <= c2 && c2 > c1);
        return typeof v === 'string' && !across ? headerWidth(v) : 0;
      }),
    ),
  );
  return fitColumns(widths, floor, capacity);
}

// What the sheets of a survey workbook share: the input and reference colours, the print
// margins, and column widths that fill A4 landscape in given proportions.
import type { CellValue } from '../../render/xlsx.js';
import { headerWidth, fitColumns, fitWidth } from '../text-width.js';

export const INPUT_FILL = 'FFFFF2CC';
export const REFERENCE_FILL = 'FFEDEDED';
export const REFERENCE_TEXT = 'FF595959';
export const SIDE_MARGIN = 0.3;

/**
 * Each column's least width: its header's words, and for a column of codes (the ID 「4-02」, the
 * 事業番号) its longest code on one line: a code broken at its hyphen (「4-／02」) misreads.
 */
export function columnFloors(header: CellValue[], rows: CellValue[][], codes: number[]): number[] {
  return header.map((h, c) => {
    const words = typeof h === 'string' ? headerWidth(h) : 0;
    if (!codes.includes(c)) return words;
    const texts = rows
      .map((r) => r[c])
      .filter((v) => v !== null && v !== undefined && typeof v !== 'object')
      .map(String);
    return Math.max(words, fitWidth(texts, 0, Infinity));
  });
}

/** Widths in `shares` that fill `capacity` units, no column under its `floor`. */
export function fillWidths(shares: number[], floor: number[], capacity: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  // a quarter unit under the capacity at each step, as Excel rounds widths
  let scale = capacity / sum;
  for (;;) {
    const w = fitColumns(
      shares.map((x) => Math.floor(x * scale * 4) / 4),
      floor,
      capacity,
    );
    if (w.reduce((a, b) => a + b, 0) <= capacity || scale < 0.2) return w;
    scale *= 0.99;
  }
}

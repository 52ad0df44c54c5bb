// What the sheets of a survey workbook share: the input and reference colours, the print
// margins, and column widths that fill A4 landscape in given proportions.
import type { CellValue } from '../../render/xlsx.js';
import { headerWidth, fitColumns } from '../text-width.js';

export const INPUT_FILL = 'FFFFF2CC';
export const REFERENCE_FILL = 'FFEDEDED';
export const REFERENCE_TEXT = 'FF595959';
export const SIDE_MARGIN = 0.3;

/** Widths in `shares` that fill `capacity` units, no column under its header's words. */
export function fillWidths(shares: number[], header: CellValue[], capacity: number): number[] {
  const floor = header.map((h) => (typeof h === 'string' ? headerWidth(h) : 0));
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

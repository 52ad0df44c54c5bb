// Two books from one 部局: the input cells where they differ, so the person choosing between
// them sees what each says instead of opening both.
import type ExcelJS from 'exceljs';
import { SURVEY } from './columns.js';
import { metaText, readCell } from './cells.js';

export interface CellDifference {
  /** the cell of the first book (A1 style) */
  cell: string;
  id: string;
  first: string;
  second: string;
}

const INPUTS = [SURVEY.col.budget, SURVEY.col.achievement, SURVEY.col.outcome, SURVEY.col.isNew];
const SHORT = 20;

/** A cell's value as text (empty for a blank cell; what Excel shows for one that is not a value). */
function textOf(cell: ExcelJS.Cell): string {
  const r = readCell(cell);
  if (!r.ok) return cell.text;
  const v = r.value;
  return v.type === 'empty' ? '' : v.type === 'text' ? v.text.trim() : String(v.value);
}

/** Cut short for a message, on one line, or a mark for a blank cell. */
function shown(text: string, blank: string): string {
  const t = text.replace(/\s+/g, ' ');
  if (!t) return blank;
  return t.length > SHORT ? `${t.slice(0, SHORT)}…` : t;
}

const idsByRow = (ws: ExcelJS.Worksheet) => {
  const rows = new Map<string, number>();
  for (let row = SURVEY.headerRows + 1; row <= ws.rowCount; row++) {
    const id = metaText(ws.getRow(row).getCell(SURVEY.col.id).value)?.trim();
    if (id && !rows.has(id)) rows.set(id, row);
  }
  return rows;
};

const columnName = (col: number) => String.fromCharCode(64 + col);

/** The input cells of rows with the same id that hold different values, in the first book's row order. */
export function differingCells(first: ExcelJS.Worksheet, second: ExcelJS.Worksheet, blank: string): CellDifference[] {
  const other = idsByRow(second);
  const out: CellDifference[] = [];
  for (const [id, row] of idsByRow(first)) {
    const row2 = other.get(id);
    if (row2 === undefined) continue;
    for (const col of INPUTS) {
      const a = textOf(first.getRow(row).getCell(col));
      const b = textOf(second.getRow(row2).getCell(col));
      if (a !== b) out.push({ cell: `${columnName(col)}${row}`, id, first: shown(a, blank), second: shown(b, blank) });
    }
  }
  return out;
}

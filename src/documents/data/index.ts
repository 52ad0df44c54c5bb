// output/<id>/data/: every 基データ table as a CSV, and all of them in opendata.xlsx, one table
// per sheet (a header row, then data: no merges, no group or total rows, numbers as numbers).
import type { Resolved } from '../../resolve/index.js';
import type { SheetSpec, WorkbookSpec } from '../../render/xlsx.js';
import { renderCsv } from '../../render/csv.js';
import { fitWidth, eastAsianWidth } from '../text-width.js';
import { openDataTables, type DataTable } from './tables.js';

export const DATA_DIR = 'data';
export const WORKBOOK = 'opendata.xlsx';

function sheet(t: DataTable): SheetSpec {
  return {
    name: t.sheet,
    widths: t.columns.map((c, i) => (c.type === 'number' ? Math.max(8, Math.min(20, eastAsianWidth(c.header) + 2)) : fitWidth([c.header, ...t.rows.map((r) => String(r[i]))], 8, 48))),
    // text columns in the Text format: 040002, 001 and 1-1-1 stay as written when Excel shows or edits them
    numFmts: t.columns.map((c) => (c.type === 'text' ? '@' : c.unit && c.key.startsWith('budget') ? '#,##0' : undefined)),
    header: [t.columns.map((c) => c.header)],
    rows: t.rows.map((cells) => ({ cells })),
    freeze: { rows: 1, cols: 0 },
    autoFilter: true,
  };
}

export function openDataFiles(r: Resolved): { tables: DataTable[]; csv: { name: string; bytes: Buffer }[]; workbook: WorkbookSpec } {
  const tables = openDataTables(r);
  return {
    tables,
    csv: tables.map((t) => ({ name: `${DATA_DIR}/${t.file}`, bytes: renderCsv(t.columns.map((c) => c.header), t.rows) })),
    workbook: { title: r.words.opendata.get('workbook-title', { title: r.title }), creator: r.issuer, date: r.allYearsDate, sheets: tables.map(sheet) },
  };
}

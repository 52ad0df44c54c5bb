// 未回答・要確認一覧.xlsx: one row per item to ask about, grouped by 部局, with a column for the
// division's notes while phoning. A4 landscape; widths add up to the printable width.
import type { WorkbookSpec, SheetSpec } from '../render/xlsx.js';
import type { Wording } from '../templates/index.js';
import type { DepartmentStatus } from '../survey/status-view.js';
import { wrappedLines } from './text-width.js';

const WIDTHS = [12, 12, 6, 5, 28, 12, 42, 30];

export function statusWorkbook(view: DepartmentStatus[], words: Wording, texts: (d: DepartmentStatus) => { kind: string; text: string }[][], ctx: { title: string; issuer: string; date: string }): WorkbookSpec {
  const rows: SheetSpec['rows'] = [];
  for (const d of view) {
    if (!d.rows.length) continue;
    rows.push({ cells: [words.get('department', d), null, null, null, null, null, null, null], kind: 'group', merges: [[0, 7]], height: 20 });
    const perRow = texts(d);
    d.rows.forEach((r, k) => {
      for (const t of perRow[k]) {
        const cells = [d.department, r.division, r.id, r.no, r.title, t.kind, t.text, null];
        const lines = Math.max(1, ...cells.map((c, j) => (typeof c === 'string' ? wrappedLines(c, WIDTHS[j]) : 1)));
        rows.push({ cells, height: Math.ceil(lines * 13.5 + 4) });
      }
    });
  }
  const sheet: SheetSpec = {
    name: words.get('sheet'),
    widths: WIDTHS,
    align: [undefined, undefined, undefined, 'center'],
    header: [[words.get('col-department'), words.get('col-division'), words.get('col-id'), words.get('col-no'), words.get('col-title'), words.get('col-kind'), words.get('col-text'), words.get('col-memo')]],
    headerHeights: [32],
    rows,
    freeze: { rows: 1, cols: 0 },
    autoFilter: true,
    rowsGrow: true,
    sideMargin: 0.3,
    header_text: ctx.title,
    footer: words.get('footer'),
  };
  return { title: ctx.title, creator: ctx.issuer, date: ctx.date, sheets: [sheet] };
}

// 未回答・要確認一覧.xlsx: one row per item to ask about, grouped by 部局, with a column for the
// division's notes while phoning. A4 landscape: the columns are as wide as their content and
// their header's words, and the notes column takes the rest of the page's width.
import type { WorkbookSpec, SheetSpec, CellValue } from '../../render/xlsx.js';
import { a4Capacity } from '../../render/xlsx.js';
import type { Wording } from '../../templates/index.js';
import type { DepartmentStatus } from '../../survey/status-view.js';
import { fitWidth } from '../text-width.js';
import { printWidths, rowHeight, headerHeights, ONE_LINE } from './sheet-layout.js';

const SIDE_MARGIN = 0.3;
/** the notes column is written in by hand: never narrower than this */
const MEMO_MIN = 19;

export function statusWorkbook(
  view: DepartmentStatus[],
  words: Wording,
  texts: (d: DepartmentStatus) => { kind: string; text: string }[][],
  ctx: { title: string; issuer: string; date: string },
): WorkbookSpec {
  const lines: CellValue[][] = [];
  const groups = new Map<number, string>();
  for (const d of view) {
    if (!d.rows.length) continue;
    groups.set(lines.length, words.get('department', d));
    const perRow = texts(d);
    d.rows.forEach((r, k) => {
      for (const t of perRow[k] ?? []) lines.push([d.department, r.division, r.id, r.no, r.title, t.kind, t.text, null]);
    });
  }
  const header: CellValue[][] = [
    [
      words.get('col-department'),
      words.get('col-division'),
      words.get('col-id'),
      words.get('col-no'),
      words.get('col-title'),
      words.get('col-kind'),
      words.get('col-text'),
      words.get('col-memo'),
    ],
  ];
  const col = (k: number) => lines.map((l) => String(l[k] ?? ''));
  const capacity = a4Capacity(SIDE_MARGIN);
  const content = printWidths(
    [
      fitWidth(col(0), 5, 13),
      fitWidth(col(1), 5, 16),
      fitWidth(col(2), 3, 8),
      fitWidth(col(3), 3, 6),
      fitWidth(col(4), 13, 32),
      fitWidth(col(5), 5, 11),
      fitWidth(col(6), 13, 40),
      MEMO_MIN,
    ],
    header,
    [],
    capacity,
    lines,
  );
  const used = content.slice(0, -1).reduce((a, b) => a + b, 0);
  const widths = [...content.slice(0, -1), Math.max(content.at(-1)!, capacity - used)];
  const rows: SheetSpec['rows'] = [];
  lines.forEach((cells, k) => {
    const group = groups.get(k);
    if (group) rows.push({ cells: [group, null, null, null, null, null, null, null], kind: 'group', merges: [[0, 7]], height: ONE_LINE + 3 });
    rows.push({ cells, height: rowHeight(cells, widths) });
  });
  const sheet: SheetSpec = {
    name: words.get('sheet'),
    widths,
    align: [undefined, undefined, undefined, 'center'],
    header,
    headerHeights: headerHeights(header, widths),
    rows,
    freeze: { rows: 1, cols: 0 },
    autoFilter: true,
    rowsGrow: true,
    sideMargin: SIDE_MARGIN,
    header_text: ctx.title,
    footer: words.get('footer'),
  };
  return { title: ctx.title, creator: ctx.issuer, date: ctx.date, sheets: [sheet] };
}

// The appendix workbook (appendix.xlsx): the initiative list and, per results year, the
// results table and its summary with formulas a user's edits flow through.
import type { Resolved } from '../../resolve/index.js';
import type { ResultsView } from '../../resolve/results.js';
import type { CellValue, SheetSpec, WorkbookSpec } from '../../render/xlsx.js';
import { cellRef, A3_CAPACITY } from '../../render/xlsx.js';
import { endsAlone } from '../../render/sheet-text.js';
import { indicatorProgressTable } from '../data/tables.js';
import { fitWidth } from '../text-width.js';
import { ONE_LINE, rowHeight, printWidths, headerHeights, headerFloors, avoidLoneEnds } from './sheet-layout.js';

/**
 * The year columns (3rd to 3rd + n - 1, one width for all) set to the width near theirs where
 * the fewest schedule labels end on a line of one character (「カメラ増／設」); a label spans its
 * years' columns, merged, and wraps in their sum. Width they take beyond A3 is given up by
 * the name and indicator columns (`give`), which wrap more.
 */
function yearWidths(widths: number[], n: number, labels: { label: string; span: number }[], give: number[]): number[] {
  const year = widths[2];
  if (year === undefined) return widths; // no third column: no year columns to set
  const room = A3_CAPACITY - widths.reduce((a, b) => a + b, 0);
  const lone = (y: number) => labels.filter((l) => endsAlone(l.label, y * l.span)).length;
  let best = year;
  let fewest = lone(year);
  for (const d of [-0.25, 0.25, -0.5, 0.5, -0.75, 0.75, -1, 1, -1.5, 1.5, -2, 2, 2.5, 3]) {
    if (!fewest) break;
    if (year + d < 4) continue;
    const k = lone(year + d);
    if (k < fewest) {
      best = year + d;
      fewest = k;
    }
  }
  const over = Math.max(0, (best - year) * n - room);
  return widths.map((w, i) => (i >= 2 && i < 2 + n ? best : give.includes(i) ? w - Math.ceil((over / give.length) * 4) / 4 : w));
}

function listSheet(r: Resolved, pages: Map<string, number> | undefined): SheetSpec {
  const list = r.list!;
  const lw = r.words.list;
  const n = list.years.length;
  const items = list.rows.filter((x) => x.kind === 'item');
  const name = (x: (typeof items)[number]) => `${x.relisted ? lw.get('relisted') : ''}${x.title}\n${lw.get('owner', { owner: x.owner })}`;
  const indicators = (x: (typeof items)[number]) => x.indicators.map((i) => `${i.name}\n${i.baseline}\n${i.target}`).join('\n');
  const labels = items.flatMap((x) => x.schedule.map((c) => c.label ?? ''));
  // (widths in units of the sheet's font: render/sheet-text.ts)
  const wanted = [
    5,
    fitWidth(items.map(name), 16, 36),
    ...Array(n).fill(fitWidth(labels, 8, 13)),
    fitWidth(
      items.flatMap((x) => x.goals),
      10,
      24,
    ),
    fitWidth(items.map(indicators), 13, 36),
    6,
    5,
  ];
  const ncol = wanted.length;
  const header: CellValue[][] = [
    [
      lw.get('col-no'),
      lw.get('col-name'),
      lw.get('col-schedule'),
      ...Array(n - 1).fill(null),
      lw.get('col-goals'),
      lw.get('col-indicators'),
      lw.get('col-marks'),
      lw.get('col-page'),
    ],
    [null, null, ...list.years.map((y) => y.label), null, null, null, null],
  ];
  const headerMerges: [number, number, number, number][] = [[1, 3, 1, 2 + n]];
  for (const c of [1, 2, 3 + n, 4 + n, 5 + n, 6 + n]) headerMerges.push([1, c, 2, c]);
  // the cells of each initiative's columns (schedule labels span merged years: they constrain no one column)
  const texts = items.map((x) => [null, name(x), ...Array(n).fill(null), x.goals.join('\n'), indicators(x)] as CellValue[]);
  const floor = headerFloors(ncol, header, headerMerges);
  const spans = items.flatMap((x) => x.schedule.flatMap((c) => (c.label ? [{ label: c.label, span: c.span }] : [])));
  const widths = avoidLoneEnds(yearWidths(printWidths(wanted, header, headerMerges), n, spans, [1, 3 + n]), floor, A3_CAPACITY, texts);
  const rows: SheetSpec['rows'] = [];
  for (const x of list.rows) {
    if (x.kind === 'group') {
      const cells: CellValue[] = [`${x.label}${x.depth === 1 ? ' ' : ''}${x.title}`, ...Array(ncol - 1).fill(null)];
      rows.push({ cells, kind: 'group', merges: [[0, ncol - 1]], height: ONE_LINE + 3 });
      continue;
    }
    const cells: CellValue[] = [x.no, name(x)];
    const merges: [number, number][] = [];
    let col = 2;
    for (const c of x.schedule) {
      cells.push(c.label ?? null);
      for (let k = 1; k < c.span; k++) cells.push(null);
      if (c.span > 1) merges.push([col, col + c.span - 1]);
      col += c.span;
    }
    cells.push(x.goals.join('\n'), indicators(x), x.marks.join(''), pages?.get(x.anchor) ?? null);
    // a merged cell wraps in the width of all its columns
    const effective = widths.slice();
    for (const [a, b] of merges) effective[a] = widths.slice(a, b + 1).reduce((s, w) => s + w, 0);
    rows.push({ cells, merges, height: rowHeight(cells, effective) });
  }
  return {
    name: r.words.workbook.get('list-sheet'),
    widths,
    align: ['center', undefined, ...Array(n).fill(undefined), undefined, undefined, 'center', 'center'],
    header,
    headerMerges,
    headerHeights: headerHeights(header, widths, headerMerges),
    rows,
    freeze: { rows: 2, cols: 2 },
    autoFilter: true,
    footer: r.words.workbook.get('footer', { title: lw.get('document-title', { title: r.title }) }),
  };
}

function resultsSheet(r: Resolved, v: ResultsView, name: string): SheetSpec {
  const w = r.words.results;
  const ww = r.words.workbook;
  const ctx = { fyLong: v.fyLong, fyNendo: v.fyShort };
  const rows = v.pillars.flatMap((p) => p.rows.map((x) => ({ p, x })));
  const wanted = [
    fitWidth(
      v.pillars.map((p) => p.heading),
      8,
      21,
    ),
    5,
    4,
    fitWidth(
      rows.map(({ x }) => x.title),
      13,
      27,
    ),
    fitWidth(
      rows.map(({ x }) => x.description),
      16,
      40,
    ),
    10,
    fitWidth(
      rows.map(({ x }) => x.achievement),
      10,
      19,
    ),
    fitWidth(
      rows.map(({ x }) => x.outcome),
      16,
      40,
    ),
    fitWidth(
      rows.map(({ x }) => x.department),
      7,
      13,
    ),
    fitWidth(
      rows.map(({ x }) => x.divisions.join('\n')),
      7,
      18,
    ),
    fitWidth(v.achievements, 7, 13),
  ];
  const draft = draftHeader(r, v);
  const header: CellValue[][] = [
    [
      ww.get('col-pillar'),
      ...['col-no', 'col-new', 'col-name', 'col-description', 'col-budget', 'col-achievement', 'col-outcome', 'col-department', 'col-division'].map((k) =>
        w.get(k, ctx),
      ),
      ww.get('col-category'),
    ],
  ];
  const data = rows.map(
    ({ p, x }) =>
      [
        p.heading,
        x.no,
        x.isNew ? w.get('new-mark') : null,
        x.title,
        x.description,
        x.budget,
        x.achievement,
        x.outcome,
        x.department,
        x.divisions.join('\n'),
        x.category ?? null,
      ] as CellValue[],
  );
  const widths = printWidths(wanted, header, [], undefined, data);
  return {
    name,
    widths,
    numFmts: [undefined, undefined, undefined, undefined, undefined, '#,##0'],
    align: [undefined, 'center', 'center', undefined, undefined, 'right'],
    header,
    headerHeights: headerHeights(header, widths),
    rows: data.map((cells) => ({ cells, height: rowHeight(cells, widths) })),
    freeze: { rows: 1, cols: 4 },
    autoFilter: true,
    footer: ww.get('footer', { title: w.get('title', v) }),
    ...draft,
  };
}

/** An unfinished year's sheets carry the report's draft mark in their printed header. */
function draftHeader(r: Resolved, v: ResultsView): { header_text?: string } {
  // & starts a code in Excel's header text
  return v.draft ? { header_text: `&R${r.words.results.get('draft-mark', v.draft).replace(/&/g, '&&')}` } : {};
}

/** 集計: COUNTIF/SUMIF over the results sheet, with the project's own figures as cached results. */
function summarySheet(r: Resolved, v: ResultsView, data: string, name: string): SheetSpec {
  const w = r.words.results;
  const n = v.pillars.reduce((a, p) => a + p.rows.length, 0);
  const ref = (col: number) => `'${data}'!$${cellRef(2, col).replace(/\d+$/, '')}$2:$${cellRef(2, col).replace(/\d+$/, '')}$${n + 1}`;
  const [PILLAR, NEW, BUDGET, CATEGORY] = [ref(1), ref(3), ref(6), ref(11)];
  const header: CellValue[][] = [[w.get('summary-pillar'), w.get('summary-count'), w.get('summary-new'), w.get('summary-budget'), ...v.achievements]];
  const rows: SheetSpec['rows'] = v.pillars.map((p, i) => {
    const row = i + 2;
    const key = `$A${row}`;
    return {
      cells: [
        p.heading,
        { formula: `COUNTIF(${PILLAR},${key})`, result: p.summary.count },
        { formula: `COUNTIFS(${PILLAR},${key},${NEW},"${w.get('new-mark')}")`, result: p.summary.newCount },
        { formula: `SUMIF(${PILLAR},${key},${BUDGET})`, result: p.summary.budgetTotal ?? 0 },
        // a count per achievement value, in the order of v.achievements (resolve/results.ts)
        ...p.summary.achievements.map((count, k) => ({
          formula: `COUNTIFS(${PILLAR},${key},${CATEGORY},${cellRef(1, 5 + k).replace(/(\d+)$/, '$$$1')})`,
          result: count,
        })),
      ],
    };
  });
  const last = v.pillars.length + 1;
  const total = (col: number, result: number) => ({ formula: `SUM(${cellRef(2, col)}:${cellRef(last, col)})`, result });
  rows.push({
    kind: 'total',
    cells: [
      w.get('summary-total'),
      total(2, v.total.count),
      total(3, v.total.newCount),
      total(4, v.total.budgetTotal ?? 0),
      ...v.total.achievements.map((a, k) => total(5 + k, a)),
    ],
  });
  const widths = printWidths(
    [
      fitWidth(
        v.pillars.map((p) => p.heading),
        10,
        27,
      ),
      7,
      7,
      13,
      ...v.achievements.map((a) => fitWidth([a], 8, 16)),
    ],
    header,
    [],
    undefined,
    rows.map((x) => x.cells),
  );
  return {
    name,
    widths,
    numFmts: [undefined, '#,##0', '#,##0', '#,##0', ...v.achievements.map(() => '#,##0')],
    header,
    headerHeights: headerHeights(header, widths),
    rows: rows.map((x) => ({ ...x, height: rowHeight(x.cells, widths) })),
    freeze: { rows: 1, cols: 1 },
    autoFilter: true,
    footer: r.words.workbook.get('footer', { title: w.get('summary-title', { fyLong: v.fyLong }) }),
    ...draftHeader(r, v),
  };
}

const PROGRESS_SHEET_OMITS = new Set(['code', 'id', 'name', 'initiative', 'seq', 'fy', 'baseline-unit', 'progress-status']);

/**
 * 指標の進ちょく: the open data's table, with 達成率 and 達成状況 as formulas of the row's own cells
 * (a corrected actual updates them). A row whose 達成率 cannot be computed from its cells (no
 * baseline, another unit, a baseline already at the target) keeps its reason as text: a formula
 * there would print a number that looks right.
 */
function progressSheet(r: Resolved): SheetSpec {
  // the open data's columns a reader compares: not those for machines or the same on every row
  // (the local government's code and name, the row and initiative IDs, the sequence, the Western
  // year, the baseline's unit, the report's status, which the printed header carries): with all
  // 26 the sheet printed on 6 A3 pages, the last ones without a row label
  const full = indicatorProgressTable(r);
  const kept = full.columns.map((c, i) => ({ c, i })).filter(({ c }) => !PROGRESS_SHEET_OMITS.has(c.key));
  const t = { ...full, columns: kept.map(({ c }) => c), rows: full.rows.map((row) => kept.map(({ i }) => row[i]!)) };
  const p = r.progress!;
  const col = (key: string) => t.columns.findIndex((c) => c.key === key) + 1;
  const BASE = col('baseline-number');
  const TARGET = col('year-target');
  const ACTUAL = col('actual');
  const RATE = col('rate');
  const LEVEL = col('level');
  const settings = { levels: p.levels, mins: r.progress!.levelMins };
  const unanswered = r.words.opendata.get('unanswered');
  const rows = p.initiatives.flatMap((i) => i.indicators.flatMap((ind) => ind.years.map((y) => ({ ind, y }))));
  const data = t.rows.map((cells, k) => {
    const { ind, y } = rows[k]!; // the table has a row per indicator year, in this order (documents/data/tables.ts)
    const out: CellValue[] = cells.map((v) => (v === '' ? null : v));
    const row = k + 2;
    const b = cellRef(row, BASE);
    const tg = cellRef(row, TARGET);
    const a = cellRef(row, ACTUAL);
    const rt = cellRef(row, RATE);
    // the reasons that stay whatever the actual: no formula
    if (!ind.computable || ('reason' in y.rate && y.rate.reason !== 'no-actual')) return out;
    const rate = p.method === 'progress' ? `(${a}-${b})/(${tg}-${b})*100` : ind.direction === '増やす' ? `${a}/${tg}*100` : `${tg}/${a}*100`;
    out[RATE - 1] = { formula: `IF(${a}="","${unanswered}",ROUND(${rate},1))`, result: 'value' in y.rate ? y.rate.value : unanswered };
    // the levels from the top: the first whose lower bound the rate reaches
    const level = settings.levels.reduceRight<string>(
      (rest, label, i) => (settings.mins[i] === undefined ? `"${label}"` : `IF(${rt}>=${settings.mins[i]},"${label}",${rest})`),
      '""',
    );
    out[LEVEL - 1] = { formula: `IF(ISNUMBER(${rt}),${level},"")`, result: y.level ?? '' };
    return out;
  });
  const widths = printWidths(
    t.columns.map((c, i) => (c.type === 'number' ? 9 : fitWidth([c.header, ...t.rows.map((x) => String(x[i]))], 6, 30))),
    [t.columns.map((c) => c.header)],
    [],
    undefined,
    data,
  );
  return {
    name: t.sheet,
    widths,
    numFmts: t.columns.map((c) => (c.key === 'rate' ? '0.0' : undefined)),
    header: [t.columns.map((c) => c.header)],
    headerHeights: headerHeights([t.columns.map((c) => c.header)], widths),
    rows: data.map((cells) => ({ cells, height: rowHeight(cells, widths) })),
    freeze: { rows: 1, cols: 0 },
    autoFilter: true,
    footer: r.words.workbook.get('footer', { title: p.title }),
    // an unfinished year's sheet carries the report's mark in its printed header (& starts a code in Excel)
    ...(p.draft ? { header_text: `&R${r.words.progress.get('draft-mark', p.draft).replace(/&/g, '&&')}` } : {}),
  };
}

export function appendixWorkbook(r: Resolved, pages: Map<string, number> | undefined): WorkbookSpec {
  const sheets: SheetSpec[] = [];
  if (r.list) sheets.push(listSheet(r, pages));
  const many = r.results.length > 1;
  for (const v of r.results) {
    const fyLabel = v.fyLabel;
    const data = r.words.workbook.get('results-sheet', { fyLabel });
    sheets.push(resultsSheet(r, v, data));
    sheets.push(summarySheet(r, v, data, r.words.workbook.get('summary-sheet', { fyLabel: many ? fyLabel : '' })));
  }
  if (r.progress) sheets.push(progressSheet(r));
  return { title: r.title, creator: r.issuer, date: r.allYearsDate, sheets };
}

// 主な取組一覧 as pdfmake nodes: one table per run of group rows and the initiative rows
// under them, so that the group rows are that table's header rows and keepWithHeaderRows
// keeps them with their first initiative (a group row is never last on a page). The
// column header is drawn by the page header on every list page.
import type { InitiativeListView, ListRow } from '../resolve/initiative-list.js';
import type { Wording } from '../templates/index.js';
import { arrow } from './layouts.js';
import { estimatedHeight } from './text-width.js';
import { inlineText, keepTail } from './pdf-text.js';

type Node = Record<string, unknown>;

export const LIST_FONT_SIZE = 7.5;

export interface ListGeometry {
  widths: number[];
  yearWidth: number;
}

/** Column widths for a landscape A4 page with the given content width. */
export function listGeometry(years: number, contentWidth: number): ListGeometry {
  // 掲載頁 is as wide as its header (three characters), so that the header does not break
  const fixed = { no: 18, name: 150, goals: 88, indicators: 166, marks: 26, page: 24 };
  // pdfmake widths are inner widths: each column adds its padding and a rule
  const inner = contentWidth - (years + 6) * CELL_EXTRA - RULE;
  const rest = inner - Object.values(fixed).reduce((a, b) => a + b, 0);
  const yearWidth = Math.floor((rest / years) * 100) / 100;
  return {
    widths: [fixed.no, fixed.name, ...Array(years).fill(yearWidth), fixed.goals, fixed.indicators, fixed.marks, fixed.page],
    yearWidth,
  };
}

/**
 * Height of the column header: two rows of one line of 7.5 pt bold text (lineHeight 1.15;
 * the two-line cells span both rows), padding 2 + 2 and a rule each. The page
 * headers that repeat it are placed so that it ends where the body begins.
 */
export const LIST_HEADER_HEIGHT = 7.5 * 1.15 * 2 + 4 * 2 + 0.5 * 3;

/** padding left + right and one rule, as in the 'grid' layout */
export const CELL_EXTRA = 6.5;
const RULE = 0.5;

const GROUP_FILL = ['#dbe5f1', '#e9eff7', '#f4f7fb'];

export function listHeaderTable(view: InitiativeListView, words: Wording, geo: ListGeometry): Node {
  const n = view.years.length;
  const h = (text: string, extra: Node = {}) => ({ text, style: 'listHead', ...extra });
  const row1 = [
    h(words.get('col-no'), { rowSpan: 2 }),
    h(words.get('col-name'), { rowSpan: 2 }),
    h(words.get('col-schedule'), { colSpan: n }),
    ...Array(n - 1).fill({}),
    h(words.get('col-goals'), { rowSpan: 2 }),
    h(words.get('col-indicators'), { rowSpan: 2 }),
    h(words.get('col-marks'), { rowSpan: 2 }),
    h(words.get('col-page'), { rowSpan: 2 }),
  ];
  const row2 = [{}, {}, ...view.years.map((y) => h(y.label)), {}, {}, {}, {}];
  // page headers are made per page, out of render's reach: their widths must be their own (pdfmake rewrites them)
  return { table: { widths: [...geo.widths], body: [row1, row2] }, layout: 'grid' };
}

/** 掲載頁: a printed number known in advance, or a reference pdfmake fills in at render. */
export type PageCell = Map<string, number> | 'reference';

function itemRow(r: Extract<ListRow, { kind: 'item' }>, words: Wording, geo: ListGeometry, pages?: PageCell): Node[] {
  const cells: Node[] = [];
  cells.push({ text: String(r.no), alignment: 'center' });
  cells.push({
    stack: [
      { text: [...(r.relisted ? [words.get('relisted')] : []), ...(keepTail(r.title) as Node[])] },
      { text: keepTail(words.get('owner', { owner: r.owner })) },
    ],
    // the 事業名 heads its row (tagged TH, Scope Row)
    tag: 'TH',
  });
  for (const c of r.schedule) {
    if (c.label) {
      // schedule cells are narrow: no unbreakable runs that could overflow them
      cells.push({
        stack: [{ text: keepTail(inlineText([{ text: c.label }], { keeps: false }), 2) }, arrow(geo.yearWidth * c.span + CELL_EXTRA * (c.span - 1) - 2)],
        colSpan: c.span,
        // the arrow's meaning, for a reader of the tags
        alt: words.get('schedule-alt', c),
      });
      for (let i = 1; i < c.span; i++) cells.push({});
    } else cells.push({ text: '' });
  }
  cells.push({ text: keepTail(r.goals.join('\n')) });
  cells.push({ stack: r.indicators.map((i) => ({ text: keepTail([i.name, i.baseline, i.target].join('\n')), margin: [0, 0, 0, 2] })) });
  cells.push({ text: r.marks.join(''), alignment: 'center' });
  if (pages === 'reference') cells.push({ text: '', pageReference: r.anchor, noWrap: true, alignment: 'center' });
  else {
    const page = pages?.get(r.anchor);
    cells.push({ text: page === undefined ? '' : String(page), alignment: 'center' });
  }
  return cells;
}

function groupRow(r: Extract<ListRow, { kind: 'group' }>, columns: number): Node[] {
  return [
    {
      text: `${r.label}${r.depth === 1 ? ' ' : ''}${r.title}`,
      colSpan: columns,
      style: `listGroup${r.depth}`,
      fillColor: GROUP_FILL[r.depth - 1] ?? GROUP_FILL[2],
      tag: 'TH',
    },
    ...Array(columns - 1).fill({}),
  ];
}

/** The list's tables (content nodes). `pages` maps an entry's anchor to its printed page. */
export function listTables(view: InitiativeListView, words: Wording, geo: ListGeometry, pages?: PageCell): Node[] {
  const columns = geo.widths.length;
  const nodes: Node[] = [];
  let groups: Node[][] = [];
  let items: Node[][] = [];
  const flush = (keep = true) => {
    if (groups.length === 0 && items.length === 0) return;
    nodes.push({
      table: { widths: geo.widths, headerRows: groups.length, keepWithHeaderRows: groups.length ? 1 : 0, dontBreakRows: keep, body: [...groups, ...items] },
      layout: 'grid',
      style: 'listTable',
      // the runs are one table to a reader of the tags; their header rows are group rows, not column headers
      tableId: 'list',
      tablePart: 'body',
    });
    groups = [];
    items = [];
  };
  // pdfmake loses a row kept together that is taller than a page: such a row breaks instead
  const tall = (r: Extract<ListRow, { kind: 'item' }>) =>
    Math.max(
      estimatedHeight(`${r.title}\n${r.owner}`, geo.widths[1], LIST_FONT_SIZE, 1.2),
      estimatedHeight(r.goals.join('\n'), geo.widths[geo.widths.length - 4], LIST_FONT_SIZE, 1.2),
      estimatedHeight(r.indicators.map((i) => `${i.name}\n${i.baseline}\n${i.target}`).join('\n'), geo.widths[geo.widths.length - 3], LIST_FONT_SIZE, 1.2),
    ) > 420;
  for (const r of view.rows) {
    if (r.kind === 'group') {
      if (items.length) flush();
      groups.push(groupRow(r, columns));
    } else if (tall(r)) {
      flush();
      items.push(itemRow(r, words, geo, pages));
      flush(false);
    } else items.push(itemRow(r, words, geo, pages));
  }
  flush();
  return nodes;
}

// 主な取組一覧 as pdfmake nodes: one table per run of initiative rows, whose header rows are
// the groups it stands in (see listTables). The column header is drawn by the page header on
// every list page.
import type { InitiativeListView, ListRow } from '../../resolve/initiative-list.js';
import type { Wording } from '../../templates/index.js';
import { arrow } from './layouts.js';
import { estimatedHeight } from '../text-width.js';
import { inlineText, keepTail, textOf } from './pdf-text.js';

import type { PdfNode as Node, TableCell, TableNode } from '../../render/pdf/nodes.js';

export const LIST_FONT_SIZE = 7.5;

export interface ListGeometry {
  widths: number[];
  yearWidth: number;
  /** the widths of the columns that are not years, by name */
  fixed: { no: number; name: number; goals: number; indicators: number; marks: number; page: number };
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
    widths: [fixed.no, fixed.name, ...new Array<number>(years).fill(yearWidth), fixed.goals, fixed.indicators, fixed.marks, fixed.page],
    yearWidth,
    fixed,
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

/** a last group of at most this many initiatives is kept on one page with the note under the list */
const KEPT_RUN = 3;
/** of a longer last group, this many initiatives (as a paragraph keeps two lines on each side of a break) */
const KEPT_TAIL = 2;

const GROUP_FILL = ['#dbe5f1', '#e9eff7', '#f4f7fb'];

export function listHeaderTable(view: InitiativeListView, words: Wording, geo: ListGeometry): TableNode {
  const n = view.years.length;
  const h = (text: string, extra: { rowSpan?: number; colSpan?: number } = {}): TableCell => ({ text, style: 'listHead', ...extra });
  // the cells a span covers are one shared `{}` (as pdfmake's own examples have them)
  const row1: TableCell[] = [
    h(words.get('col-no'), { rowSpan: 2 }),
    h(words.get('col-name'), { rowSpan: 2 }),
    h(words.get('col-schedule'), { colSpan: n }),
    ...new Array<TableCell>(n - 1).fill({}),
    h(words.get('col-goals'), { rowSpan: 2 }),
    h(words.get('col-indicators'), { rowSpan: 2 }),
    h(words.get('col-marks'), { rowSpan: 2 }),
    h(words.get('col-page'), { rowSpan: 2 }),
  ];
  const row2: TableCell[] = [{}, {}, ...view.years.map((y) => h(y.label)), {}, {}, {}, {}];
  // page headers are made per page, out of render's reach: their widths must be their own (pdfmake rewrites them)
  return { table: { widths: [...geo.widths], body: [row1, row2] }, layout: 'grid' };
}

/** 掲載頁: a printed number known in advance, or a reference pdfmake fills in at render. */
export type PageCell = Map<string, number> | 'reference';

function itemRow(r: Extract<ListRow, { kind: 'item' }>, words: Wording, geo: ListGeometry, pages?: PageCell): TableCell[] {
  const cells: TableCell[] = [];
  cells.push({ text: String(r.no), alignment: 'center' });
  cells.push({
    stack: [{ text: [...(r.relisted ? [words.get('relisted')] : []), ...keepTail(r.title)] }, { text: keepTail(words.get('owner', { owner: r.owner })) }],
    // the 事業名 heads its row (tagged TH, Scope Row)
    tag: 'TH',
  });
  for (const c of r.schedule) {
    if (c.label) {
      // schedule cells are narrow: no unbreakable runs that could overflow them, and a last
      // line of three characters where a line holds four or more (two where it holds less)
      const width = geo.yearWidth * c.span + CELL_EXTRA * (c.span - 1) - 2;
      cells.push({
        stack: [{ text: keepTail(inlineText([{ text: c.label }], { keeps: false }), width >= 4 * LIST_FONT_SIZE + CELL_EXTRA ? 3 : 2, 0) }, arrow(width)],
        colSpan: c.span,
        // the arrow's meaning, for a reader of the tags: 「H29〜H32 運用」
        actualText: words.get('schedule-alt', c),
      });
      for (let i = 1; i < c.span; i++) cells.push({});
    } else cells.push({ text: '' });
  }
  cells.push({ text: keepTail(textOf(r.goals.join('\n'))) });
  cells.push({ stack: r.indicators.map((i): Node => ({ text: keepTail(textOf([i.name, i.baseline, i.target].join('\n'))), margin: [0, 0, 0, 2] })) });
  cells.push({ text: r.marks.join(''), alignment: 'center' });
  if (pages === 'reference')
    cells.push({ text: '', pageReference: r.anchor, noWrap: true, alignment: 'center', contents: words.get('page-link', { no: r.no }) });
  else {
    const page = pages?.get(r.anchor);
    cells.push({ text: page === undefined ? '' : String(page), alignment: 'center' });
  }
  return cells;
}

type Group = Extract<ListRow, { kind: 'group' }>;

function groupRow(r: Group, columns: number): TableCell[] {
  return [
    {
      text: `${r.label}${r.depth === 1 ? ' ' : ''}${r.title}`,
      colSpan: columns,
      style: `listGroup${r.depth}`,
      fillColor: GROUP_FILL[r.depth - 1] ?? GROUP_FILL[2],
      tag: 'TH',
      // the rows under it name it as their header (render/pdf/tags.ts)
      groupLevel: r.depth,
    },
    ...new Array<TableCell>(columns - 1).fill({}),
  ];
}

/**
 * The list's tables (content nodes). `pages` maps an entry's anchor to its printed page;
 * `trailer` (the note under the list) is kept on the page of the last initiative, never alone.
 *
 * A page that continues the list begins with the column header (the page header) and every
 * group level its first initiative belongs to (目標 › 取組の基本方向 › 施策), in the booklet and
 * the standalone list alike. Each run of initiatives is its own table (a table's header rows are
 * what pdfmake repeats), and its header rows are the whole chain of groups it stands in: first
 * the enclosing levels an earlier run printed (context rows, see render/pdf/context-rows.ts: printed
 * only at the top of a page, where the reader has not seen them), then the groups the run opens
 * (printed where the run starts, and kept with its first initiative, so that a group row is never
 * last on a page). Drawing the missing levels in the page header instead would need room above
 * the body reserved before layout knows how many levels a page needs.
 */
export function listTables(view: InitiativeListView, words: Wording, geo: ListGeometry, pages?: PageCell, trailer?: Node): Node[] {
  const columns = geo.widths.length;
  const nodes: Node[] = [];
  /** the groups the next row stands in, outermost first */
  let chain: Group[] = [];
  /** groups opened since the last table (printed by the next one) */
  let fresh: Group[] = [];
  let items: TableCell[][] = [];
  const flush = (keep = true) => {
    if (fresh.length === 0 && items.length === 0) return;
    const context = chain.filter((g) => !fresh.includes(g));
    nodes.push({
      table: {
        widths: geo.widths,
        headerRows: context.length + fresh.length,
        contextRows: context.length,
        // a row that may break (taller than a page) is not kept with the rows above it
        keepWithHeaderRows: keep && items.length ? 1 : 0,
        dontBreakRows: keep,
        // every table gets its own group cells: a node must not stand in two tables
        body: [...[...context, ...fresh].map((g) => groupRow(g, columns)), ...items],
      },
      layout: 'grid',
      style: 'listTable',
      // the runs are one table to a reader of the tags; their header rows are group rows, not column headers
      tableId: 'list',
      tablePart: 'body',
    });
    fresh = [];
    items = [];
  };
  // pdfmake loses a row kept together that is taller than a page: such a row breaks instead
  const tall = (r: Extract<ListRow, { kind: 'item' }>) =>
    Math.max(
      estimatedHeight(`${r.title}\n${r.owner}`, geo.fixed.name, LIST_FONT_SIZE, 1.2),
      estimatedHeight(r.goals.join('\n'), geo.fixed.goals, LIST_FONT_SIZE, 1.2),
      estimatedHeight(r.indicators.map((i) => `${i.name}\n${i.baseline}\n${i.target}`).join('\n'), geo.fixed.indicators, LIST_FONT_SIZE, 1.2),
    ) > 420;
  // the trailer is kept with the last group's initiatives when they are few (a page does not
  // end the list with one row under its headings), else with its last two: a longer group may
  // begin on the page before (kept whole, it left that page a quarter empty and stood alone)
  const lastRun = view.rows.slice(view.rows.map((r) => r.kind).lastIndexOf('group') + 1) as Extract<ListRow, { kind: 'item' }>[];
  const tail = lastRun.slice(-KEPT_TAIL);
  const kept = !trailer
    ? undefined
    : lastRun.length <= KEPT_RUN && !lastRun.some(tall)
      ? lastRun[0]
      : tail.length === KEPT_TAIL && !tail.some(tall)
        ? tail[0]
        : lastRun.length && !tall(lastRun.at(-1)!)
          ? lastRun.at(-1)
          : undefined;
  for (const r of view.rows) {
    if (r.kind === 'group') {
      if (items.length) flush();
      chain = [...chain.filter((g) => g.depth < r.depth), r];
      fresh.push(r);
    } else if (tall(r)) {
      if (items.length) flush();
      items.push(itemRow(r, words, geo, pages));
      flush(false);
    } else {
      if (r === kept && items.length) flush();
      items.push(itemRow(r, words, geo, pages));
    }
  }
  flush();
  const last = nodes.at(-1);
  // kept names an initiative of the last run, so a table holds it: the last node is that table
  if (trailer && kept && last) nodes.splice(-1, 1, { stack: [last, trailer], unbreakable: true });
  else if (trailer) nodes.push(trailer);
  return nodes;
}

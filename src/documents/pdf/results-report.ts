// 事業実施結果: A4 landscape; a summary computed from the data (table and bar chart drawn
// as SVG), then one table per pillar with its header row repeated on every page.
import type { ResultsView } from '../../resolve/results.js';
import type { Resolved } from '../../resolve/index.js';
import { yen } from '../../templates/index.js';
import { A4, REPORT_MARGINS, landscapeReport } from './layouts.js';
import { textOf, keepTail } from './pdf-text.js';
import { estimatedHeight } from '../text-width.js';

import type { ColumnNode, ColumnsNode, PdfDocument, PdfNode as Node, PdfStyles, TableCell, TableNode } from '../../render/pdf/nodes.js';
const MARGINS = REPORT_MARGINS;
const CONTENT_WIDTH = A4.height - MARGINS[0] - MARGINS[2];
const CELL_EXTRA = 6.5; // padding left + right and a rule ('grid' layout)
// 整理番号 and 新規 hold a number and a mark: as wide as their headers (unbroken), no wider;
// 目標の達成度 holds sentences as long as 「目標60,600千人に対し実績52,763千人」 and is no
// longer the narrowest
const FIXED = [30, 17, 92, 160, 58, 77, 0, 54, 62] as const;
/** the outcome column takes the rest of the page */
const OUTCOME_WIDTH = CONTENT_WIDTH - FIXED.reduce<number>((a, b) => a + b, 0) - FIXED.length * CELL_EXTRA - 0.5;
/** column widths of a pillar table */
export const RESULT_WIDTHS = FIXED.map((w) => w || OUTCOME_WIDTH);
/** left edge of each column, for tests that read a column back */
let edge = MARGINS[0];
export const RESULT_COLUMN_EDGES = [edge, ...RESULT_WIDTHS.map((w) => (edge = edge + w + CELL_EXTRA))];

export const BAR_PALETTE = ['#2f6db5', '#58a55c', '#f0a030', '#d9534f', '#8e6cb8', '#6c757d', '#17a2b8'];

/** A stacked bar chart's legend (the results and the progress report): a swatch in each part's colour and its label, from `left` points in. */
export function barLegend(labels: string[], style: string, left: number): ColumnsNode {
  return {
    columns: labels.map((a, i): ColumnNode => ({
      width: 'auto',
      columns: [
        {
          svg: `<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9" fill="${BAR_PALETTE[i % BAR_PALETTE.length]}"/></svg>`,
          width: 9,
          margin: [0, 1, 0, 0],
        },
        { text: a, style, width: 'auto', margin: [3, 0, 12, 0] },
      ],
    })),
    margin: [left, 6, 0, 0],
  };
}

const styles = {
  title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
  issued: { fontSize: 10.5, alignment: 'right', margin: [0, 0, 0, 8] },
  label: { fontSize: 11, bold: true, margin: [0, 4, 0, 4] },
  p: { fontSize: 10, lineHeight: 1.6, margin: [0, 0, 0, 4], leadingIndent: 10 },
  h1: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 6] },
  h2: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
  th: { bold: true, alignment: 'center', fillColor: '#e6ecf4', fontSize: 7.5 },
  cell: { fontSize: 7.5 },
  num: { fontSize: 7.5, alignment: 'right' },
  note: { fontSize: 7.5, margin: [0, 4, 0, 8] },
  sumHead: { bold: true, alignment: 'center', fillColor: '#e6ecf4', fontSize: 8.5 },
  sum: { fontSize: 8.5 },
  sumNum: { fontSize: 8.5, alignment: 'right' },
  footer: { fontSize: 8, alignment: 'center' },
  draft: { fontSize: 9, bold: true, color: '#c00000', alignment: 'right' },
} satisfies PdfStyles;

/** A horizontal stacked bar as SVG (no text inside: labels stay in the PDF's own fonts). */
export function barSvg(counts: number[], max: number, width: number, height: number): string {
  let x = 0;
  const rects = counts
    .map((c, i) => {
      const w = max > 0 ? (c / max) * width : 0;
      const r = w > 0 ? `<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${height}" fill="${BAR_PALETTE[i % BAR_PALETTE.length]}"/>` : '';
      x += w;
      return r;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rects}</svg>`;
}

function summary(view: ResultsView, r: Resolved): Node[] {
  const w = r.words.results;
  const ctx = { fyLong: view.fyLong };
  const head = [w.get('summary-pillar'), w.get('summary-count'), w.get('summary-new'), w.get('summary-budget'), ...view.achievements].map((t): TableCell => ({
    text: t,
    style: 'sumHead',
  }));
  const row = (label: string, s: ResultsView['total'], bold = false): TableCell[] => [
    { text: label, style: 'sum', bold, tag: 'TH' },
    { text: String(s.count), style: 'sumNum', bold },
    { text: String(s.newCount), style: 'sumNum', bold },
    { text: yen(s.budgetTotal), style: 'sumNum', bold },
    ...s.achievements.map((n): TableCell => ({ text: String(n), style: 'sumNum', bold })),
  ];
  const table: TableNode = {
    table: {
      headerRows: 1,
      widths: [180, 40, 40, 80, ...view.achievements.map(() => '*')],
      body: [head, ...view.pillars.map((p) => row(p.heading, p.summary)), row(w.get('summary-total'), view.total, true)],
    },
    layout: 'grid',
    margin: [0, 0, 0, 10],
  };
  const barWidth = 420;
  const max = Math.max(1, ...view.pillars.map((p) => p.summary.count));
  const chart: TableNode = {
    table: {
      widths: [180, barWidth, '*'],
      body: view.pillars.map((p, k): TableCell[] => [
        { text: p.heading, style: 'sum' },
        { svg: barSvg(view.texts.chart.counts[k]!, max, barWidth, 12), width: barWidth },
        // the count stands clear of the end of its bar
        { text: String(p.summary.count), style: 'sum', margin: [4, 0, 0, 0] },
      ]),
    },
    layout: 'plain',
  };
  const legend = barLegend(view.texts.chart.labels, 'sum', 180);
  return [
    { text: w.get('summary-title', ctx), style: 'h2', id: 'summary', outline: true, headlineLevel: 1, tag: 'H', level: 2 },
    table,
    // what the totals leave out while the year is not finished
    ...(view.draft ? [{ text: w.get('draft-note', view.draft), style: 'note' } satisfies Node] : []),
    { text: w.get('chart-title'), style: 'h2', id: 'chart', headlineLevel: 1, tag: 'H', level: 2 },
    // the chart is one figure to a reader of the tags; its numbers are in the table above and in the alternative text
    { stack: [chart, legend], tag: 'Figure', alt: view.texts.chartAlt },
  ];
}

/** Height a row may have and still be kept on one page (the page less the header row). */
const KEEPABLE = A4.width - MARGINS[1] - MARGINS[3] - 60;
const rowHeight = (row: ResultsView['pillars'][number]['rows'][number]) =>
  Math.max(
    ...(
      [
        [row.title, FIXED[2]],
        [row.description, FIXED[3]],
        [row.achievement, FIXED[5]],
        [row.outcome, OUTCOME_WIDTH],
        [row.divisions.join('\n'), FIXED[8]],
      ] as const
    ).map(([t, w]) => estimatedHeight(t, w, 7.5, 1.25)),
  ) + 4;

/**
 * A pillar's table. Rows are never split across pages, except a row taller than a page:
 * it gets a table of its own that starts on a new page and may break, with the header
 * repeated on every page it continues on.
 */
function pillarTables(p: ResultsView['pillars'][number], view: ResultsView, r: Resolved): Node[] {
  const w = r.words.results;
  const ctx = { fyLong: view.fyLong, fyNendo: view.fyShort };
  const head = ['col-no', 'col-new', 'col-name', 'col-description', 'col-budget', 'col-achievement', 'col-outcome', 'col-department', 'col-division'].map(
    (k): TableCell => ({
      text: w.get(k, ctx),
      style: 'th',
    }),
  );
  // a fresh node per cell: pdfmake writes its layout into the nodes it is given
  const unanswered = (): TableCell => ({ text: w.get('unanswered-cell'), style: 'cell', color: '#c00000' });
  const tables: Node[] = [];
  let run: ResultsView['pillars'][number]['rows'] = [];
  const table = (rows: typeof run, tall: boolean, newPage = tall): TableNode => ({
    table: {
      headerRows: 1,
      dontBreakRows: !tall,
      widths: RESULT_WIDTHS,
      body: [
        head,
        ...rows.map((row): TableCell[] => [
          { text: String(row.no), style: 'num', alignment: 'center' },
          { text: row.isNew ? w.get('new-mark') : '', style: 'cell', alignment: 'center' },
          // no cell ends on a line of one character (keepTail)
          { text: keepTail(textOf(row.title)), style: 'cell', tag: 'TH' },
          { text: keepTail(textOf(row.description)), style: 'cell' },
          row.missing.includes('budget') ? unanswered() : { text: row.budgetText, style: 'num' },
          row.missing.includes('achievement') ? unanswered() : { text: keepTail(textOf(row.achievement)), style: 'cell' },
          row.missing.includes('outcome') ? unanswered() : { text: keepTail(textOf(row.outcome)), style: 'cell' },
          { text: keepTail(row.department), style: 'cell' },
          { text: keepTail(row.divisions.join('\n')), style: 'cell' },
        ]),
      ],
    },
    layout: 'grid',
    ...(newPage ? { pageBreak: 'before' as const } : {}),
  });
  for (const row of p.rows) {
    if (rowHeight(row) <= KEEPABLE) {
      run.push(row);
      continue;
    }
    if (run.length) tables.push(table(run, false));
    // the pillar's heading already opens a page when this is its first row
    tables.push(table([row], true, tables.length > 0));
    run = [];
  }
  if (run.length || tables.length === 0) tables.push(table(run, false));
  return tables;
}

/** The report's sentences (its title, the face's date and issuer, the 【活動概要】), as printed: the 正誤表 compares them too. */
export function resultsProse(view: ResultsView, w: Resolved['words']['results']): { title: string; issued: string; overview: string[] } {
  const texts = view.texts;
  return { title: texts.title, issued: texts.issued, overview: [w.get('overview-1', view), w.get('overview-2', { pillars: texts.pillars })] };
}

export function resultsDocument(view: ResultsView, r: Resolved): PdfDocument {
  const w = r.words.results;
  const prose = resultsProse(view, w);
  const title = prose.title;
  const content: Node[] = [
    { text: keepTail(textOf(title)), style: 'title', tag: 'H', level: 1 },
    { text: prose.issued, style: 'issued' },
    { text: w.get('overview-label'), style: 'label', tag: 'H', level: 2 },
    ...prose.overview.map((t): Node => ({ text: textOf(t), style: 'p' })),
    ...summary(view, r),
  ];
  view.pillars.forEach((p, i) => {
    content.push({
      text: p.heading,
      style: 'h1',
      id: `pillar-${p.id}`,
      outline: true,
      headlineLevel: 1,
      pageBreak: 'before',
      tag: 'H',
      level: 2,
    });
    // the published report explains 目標の達成度※ under the first pillar's heading, before its table
    if (i === 0) content.push({ text: w.get('note'), style: 'note' });
    content.push(...pillarTables(p, view, r));
  });
  return landscapeReport({
    title,
    author: r.issuer,
    date: view.date,
    styles,
    content,
    draft: view.draft ? w.get('draft-mark', view.draft) : undefined,
    footer: (page, pages) => w.get('footer', { title, page, pages }),
  });
}

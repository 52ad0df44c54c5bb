// 進ちょく状況 (progress.pdf): A4 landscape, like the results report. A summary per 重点目標 /
// 取組の基本方向 (table and bar chart, from the resolved counts), then per initiative its
// indicators' years (target, actual, 達成率, level) and its self-evaluations. Nothing is
// computed here: every number and reason comes from resolve/progress.ts.
import type { Resolved } from '../../resolve/index.js';
import type { ProgressView, IndicatorProgress, InitiativeProgress } from '../../resolve/progress.js';
import { landscapeReport } from './layouts.js';
import { textOf, keepTail } from './pdf-text.js';
import { barLegend, barSvg, BAR_PALETTE } from './results-report.js';

import type { PdfDocument, PdfNode as Node, PdfStyles, TableCell, TableNode, TextNode } from '../../render/pdf/nodes.js';

const styles = {
  title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
  issued: { fontSize: 10.5, alignment: 'right', margin: [0, 0, 0, 8] },
  p: { fontSize: 9.5, lineHeight: 1.5, margin: [0, 0, 0, 4] },
  h1: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 6] },
  h2: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
  h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 2] },
  th: { bold: true, alignment: 'center', fillColor: '#e6ecf4', fontSize: 8 },
  cell: { fontSize: 8 },
  num: { fontSize: 8, alignment: 'right' },
  small: { fontSize: 8, margin: [0, 2, 0, 2] },
  note: { fontSize: 7.5, margin: [0, 4, 0, 8] },
  footer: { fontSize: 8, alignment: 'center' },
  draft: { fontSize: 9, bold: true, color: '#c00000', alignment: 'right' },
} satisfies PdfStyles;
const RED = '#c00000';

function summary(view: ProgressView, r: Resolved): Node[] {
  const w = r.words.progress;
  const th = (t: string): TextNode => ({ text: t, style: 'th' });
  const levelCols = [...view.levels, w.get('summary-uncomputable-head'), w.get('summary-unanswered')];
  const gradeCols = [...view.grades.map((g) => g.label), w.get('summary-ungraded')];
  const head1: TableCell[] = [
    { ...th(w.get('summary-group')), rowSpan: 2 },
    { ...th(w.get('summary-levels-head')), colSpan: levelCols.length + 1 },
    ...levelCols.map((): TableCell => ({})),
    { ...th(w.get('summary-grades-head')), colSpan: gradeCols.length + 1 },
    ...gradeCols.map((): TableCell => ({})),
  ];
  const head2: TableCell[] = [{}, th(w.get('summary-indicators')), ...levelCols.map(th), th(w.get('summary-initiatives')), ...gradeCols.map(th)];
  const row = (label: string, s: ProgressView['total'], depth: number, bold = false): TableCell[] => [
    { text: label, style: 'cell', bold, tag: 'TH', margin: [depth > 1 ? 10 : 0, 0, 0, 0] },
    ...[s.indicators, ...s.levels, s.uncomputable, s.unanswered, s.initiatives, ...s.grades, s.ungraded].map((n): TableCell => ({
      text: String(n),
      style: 'num',
      bold,
    })),
  ];
  const table: TableNode = {
    table: {
      headerRows: 2,
      widths: [230, ...new Array<string>(levelCols.length + gradeCols.length + 2).fill('*')],
      body: [head1, head2, ...view.groups.map((g) => row(w.get('group-heading', g), g.summary, g.depth)), row(w.get('summary-total'), view.total, 1, true)],
    },
    layout: 'grid',
    margin: [0, 0, 0, 4],
  };
  const tops = view.groups.filter((g) => g.depth === 1);
  const barWidth = 420;
  const max = Math.max(1, ...tops.map((g) => g.summary.indicators));
  const chart: TableNode = {
    table: {
      widths: [230, barWidth, '*'],
      body: tops.map((g): TableCell[] => [
        { text: w.get('group-heading', g), style: 'cell' },
        { svg: barSvg([...g.summary.levels, g.summary.uncomputable, g.summary.unanswered], max, barWidth, 12), width: barWidth },
        { text: String(g.summary.indicators), style: 'cell', margin: [4, 0, 0, 0] },
      ]),
    },
    layout: 'plain',
  };
  const legend = barLegend(levelCols, 'cell', 230);
  return [
    { text: w.get('summary-title', { fyLong: view.lastFyLong }), style: 'h2', id: 'summary', outline: true, headlineLevel: 1, tag: 'H', level: 2 },
    table,
    { text: w.get('grades-legend', { grades: view.grades }), style: 'note' },
    // the note explains the table's 未回答 column: under a year's summary that has none it is not said
    ...(view.total.unanswered > 0 ? [{ text: w.get('draft-note'), style: 'note' } satisfies Node] : []),
    { text: w.get('chart-title', { fyLong: view.lastFyLong }), style: 'h2', id: 'chart', headlineLevel: 1, tag: 'H', level: 2 },
    { stack: [chart, legend], tag: 'Figure', alt: view.chartAlt },
  ];
}

/** The years' chart of an indicator: each year's 達成率 as a bar beside its number, 0 to 150 %, with a mark at 100 %. */
const RATE_BAR = 80;
function rateBar(value: number): string {
  const at = (v: number) => (Math.max(0, Math.min(150, v)) / 150) * RATE_BAR;
  const full = at(100).toFixed(2);
  // decoration only (tagged as an artifact): the number beside it is the text
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${RATE_BAR}" height="8" viewBox="0 0 ${RATE_BAR} 8"><rect x="0" y="1" width="${at(value).toFixed(2)}" height="6" fill="${BAR_PALETTE[0]}"/><line x1="${full}" y1="0" x2="${full}" y2="8" stroke="#404040" stroke-width="0.6"/></svg>`;
}

function indicatorBlock(ind: IndicatorProgress, r: Resolved): Node[] {
  const w = r.words.progress;
  const th = (k: string): TextNode => ({ text: w.get(k), style: 'th' });
  const body: TableCell[][] = [
    ['col-year', 'col-target', 'col-actual', 'col-rate', 'col-level', 'col-note'].map(th),
    ...ind.years.map((y): TableCell[] => {
      const notes = [y.finalTarget ? w.get('final-target-note') : '', 'value' in y.rate && y.rate.metEarly ? w.get('met-early') : '', y.note ?? '']
        .filter(Boolean)
        .join('　');
      return [
        { text: y.fyLabel, style: 'cell', tag: 'TH' },
        { text: y.targetText, style: 'num' },
        { text: y.actualText, style: 'num', ...(y.missing ? { color: RED, alignment: 'center' } : {}) },
        'value' in y.rate
          ? {
              columns: [
                { svg: rateBar(y.rate.value), width: RATE_BAR, tag: 'Artifact', margin: [0, 2, 0, 0] },
                { text: y.rateText, style: 'num', width: '*' },
              ],
              columnGap: 4,
            }
          : { text: y.rateText, style: 'cell', ...(y.missing ? { color: RED } : {}) },
        { text: y.level ?? '', style: 'cell', alignment: 'center' },
        { text: keepTail(textOf(notes)), style: 'cell' },
      ];
    }),
  ];
  return [
    {
      stack: [
        { text: w.get('indicator-head', { name: ind.name, unit: ind.unit, direction: w.get(`direction-${ind.direction}`) }), style: 'small', bold: true },
        {
          text: w.get('baseline-line', { asOf: ind.baselineAsOf, baseline: ind.baselineText, targetAsOf: ind.targetAsOf, target: ind.targetText }),
          style: 'small',
        },
        { table: { headerRows: 1, dontBreakRows: true, widths: [60, 70, 70, 150, 60, '*'], body }, layout: 'grid', margin: [0, 2, 0, 6] },
      ],
      unbreakable: true,
    },
  ];
}

function initiativeBlock(x: InitiativeProgress, r: Resolved): Node[] {
  const w = r.words.progress;
  const th = (k: string): TextNode => ({ text: w.get(k), style: 'th' });
  const evals: TableNode = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [60, 60, '*', 90],
      body: [
        ['col-year', 'col-grade', 'col-reason', 'col-outlook'].map(th),
        ...x.evaluations.map((e): TableCell[] => [
          { text: e.fyLabel, style: 'cell', tag: 'TH' },
          e.missing
            ? { text: w.get('unanswered'), style: 'cell', color: RED, alignment: 'center' }
            : { text: e.grade ? `${e.grade}${e.gradeMeaning ? `（${e.gradeMeaning}）` : ''}` : '', style: 'cell', alignment: 'center' },
          { text: keepTail(textOf(e.reason)), style: 'cell' },
          { text: e.outlook, style: 'cell', alignment: 'center' },
        ]),
      ],
    },
    layout: 'grid',
    margin: [0, 0, 0, 8],
  };
  const heading: Node[] = [
    { text: w.get('initiative-heading', x), style: 'h3', tag: 'H', level: 3 },
    { text: w.get('initiative-owner', { department: x.department, divisions: x.divisions.join('・') }), style: 'small' },
  ];
  // the heading stays with the first indicator (it was left alone at the foot of a page, its
  // tables on the next), and the evaluation with the last: never alone at the top of a page
  const blocks = x.indicators.map((ind) => indicatorBlock(ind, r));
  if (blocks.length <= 1) return [{ stack: [...heading, ...(blocks[0] ?? []), evals], unbreakable: true }];
  return [{ stack: [...heading, ...blocks[0]!], unbreakable: true }, ...blocks.slice(1, -1).flat(), { stack: [...blocks.at(-1)!, evals], unbreakable: true }];
}

export function progressDocument(view: ProgressView, r: Resolved): PdfDocument {
  const w = r.words.progress;
  const title = view.title;
  const content: Node[] = [
    { text: title, style: 'title', tag: 'H', level: 1 },
    { text: view.issued, style: 'issued' },
    { text: textOf(w.get('about', { years: view.fyLongLabels.join('・') })), style: 'p' },
    { text: textOf(w.get(`method-${view.method}`)), style: 'p' },
    ...summary(view, r),
  ];
  for (const top of view.tops) {
    content.push({
      text: w.get('group-heading', top),
      style: 'h1',
      id: `top-${top.id}`,
      outline: true,
      headlineLevel: 1,
      pageBreak: 'before',
      tag: 'H',
      level: 2,
    });
    for (const x of view.initiatives.filter((i) => i.topId === top.id)) content.push(...initiativeBlock(x, r));
  }
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

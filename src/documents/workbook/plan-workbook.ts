// The plan workbook: the plan's own fields (titles, descriptions, sections, schedules, 指標,
// 従たる目標, 官民データ marks, 新規, 再掲) as tables a department edits in Excel. One book per
// 部局 for the 照会, or one for the whole plan. A cover sheet (照会文, 期限, 問い合わせ先, how to
// fill it in, 記入例), then 事業, スケジュール and 指標, one row per thing, with empty rows for new
// ones. ids and a snapshot of the locked cells travel in a very hidden, protected sheet.
import type { Model, Initiative } from '../../model/schema.js';
import type { Resolved } from '../../resolve/index.js';
import type { Wording } from '../../templates/index.js';
import type { CellValue, SheetSpec, WorkbookSpec } from '../../render/xlsx.js';
import { dateLong, fiscalYearShort } from '../../era/index.js';
import { walkSections } from '../../validate/index.js';
import { PLAN, initiativeColumns } from '../../plan-book/columns.js';
import { scheduleCells } from '../../plan-book/schedule-cells.js';
import { asOfText, divisionText, relistingsText, sectionChoice } from '../../plan-book/field-text.js';
import { wrappedLines, fitWidth } from '../text-width.js';

export interface PlanRow {
  id: string;
  initiative: Initiative;
}

const INPUT_FILL = 'FFFFF2CC';
const LINE = 13.5;
const SIDE_MARGIN = 0.3;

/** The initiatives of each 部局 (or of the whole plan under ''), in section and number order. */
export function planRows(model: Model, whole: boolean): Map<string, PlanRow[]> {
  const order = new Map<string, number>();
  walkSections(model.dataset.sections, (s) => void order.set(s.id, order.size));
  const sorted = [...model.initiatives].sort(
    (a, b) => (order.get(a.data.section) ?? 0) - (order.get(b.data.section) ?? 0) || a.data.no - b.data.no || (a.id < b.id ? -1 : 1),
  );
  const out = new Map<string, PlanRow[]>();
  for (const { id, data } of sorted) {
    const key = whole ? '' : data.department;
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push({ id, initiative: data });
  }
  return out;
}

/** The 節 drop-down: every section of the data set, as 「1-1-1 見出し」. */
export function sectionChoices(model: Model): string[] {
  const out: string[] = [];
  walkSections(model.dataset.sections, (s) => void out.push(sectionChoice(s.id, s.title)));
  return out;
}

const heightOf = (cells: CellValue[], widths: number[], min = 1) =>
  Math.ceil(Math.max(min, ...cells.map((c, k) => (typeof c === 'string' ? wrappedLines(c, widths[k] ?? 10) : 1))) * LINE + 4);
const range = (n: number) => [...Array(n).keys()];

function coverSheet(model: Model, words: Wording, ctx: Record<string, unknown>): SheetSpec {
  const plan = model.dataset.planSurvey;
  const label = {
    request: words.get('cover-request-label'),
    deadline: words.get('cover-deadline-label'),
    contact: words.get('cover-contact-label'),
    how: words.get('cover-how-label'),
  };
  const first = fitWidth([...Object.values(label), words.get('example-head-column')], 14, 24);
  const widths: [number, number, number] = [first, 44, 70 - (first - 14)];
  const wide = (label: string, text: string) => {
    const cells: CellValue[] = [label, text, null];
    return { cells, merges: [[1, 2]] as [number, number][], height: heightOf([label, text], [widths[0], widths[1] + widths[2]]) };
  };
  const example = (k: string) => {
    const cells: CellValue[] = [words.get(`example-${k}-column`), words.get(`example-${k}`), words.get(`example-${k}-note`)];
    return { cells, height: heightOf(cells, widths) };
  };
  const deadline = plan?.deadline ? `${dateLong(plan.deadline)}（${plan.deadline.replaceAll('-', '/')}）` : '';
  const head = (label: string) => ({
    cells: [label, null, null] as CellValue[],
    kind: 'group' as const,
    merges: [[0, 2]] as [number, number][],
    height: LINE + 6,
  });
  return {
    name: words.get('cover-sheet'),
    widths,
    header: [[words.get('cover-title', ctx), null, null]],
    headerMerges: [[1, 1, 1, 3]],
    headerHeights: [LINE * 2 + 6],
    rows: [
      // what the books are for: the plan's last event as its history writes it (策定 for a plan new-plan made, 改定…)
      wide(label.request, words.get('cover-request', { ...ctx, request: plan?.request, event: model.dataset.history?.at(-1)?.event })),
      wide(label.deadline, words.get('cover-deadline', { deadline })),
      wide(label.contact, words.get('cover-contact', { contact: plan?.contact, issuer: model.dataset.issuer, issuerUnit: model.dataset.issuerUnit })),
      wide(label.how, words.get('cover-how', { clear: words.get('clear-mark'), retire: words.get('retire-mark'), arrow: words.get('arrow') })),
      head(words.get('cover-example-label')),
      example('head'),
      ...['title', 'section', 'division', 'relisted', 'goals', 'measure', 'schedule', 'schedule-again', 'schedule-gap', 'at', 'new-row', 'retire', 'clear'].map(
        example,
      ),
    ],
    protect: true,
    sideMargin: SIDE_MARGIN,
    footer: words.get('footer', ctx),
  };
}

export function planWorkbook(model: Model, r: Resolved, words: Wording, department: string, rows: PlanRow[]): WorkbookSpec {
  const { period } = model.dataset;
  const ctx = { title: r.title, department: department || words.get('whole-plan'), whole: !department };
  const clear = words.get('clear-mark');
  const mark = words.get('mark');
  const c = initiativeColumns(model.dataset);
  const choices = sectionChoices(model);
  const sectionTitle = new Map<string, string>();
  walkSections(model.dataset.sections, (s) => void sectionTitle.set(s.id, s.title));
  const blank = range(PLAN.blankRows);
  const common = {
    protect: true,
    rowsGrow: true,
    sideMargin: SIDE_MARGIN,
    footer: words.get('footer', ctx),
    header_text: words.get('title', ctx),
    autoFilter: true,
  };
  const markRule = {
    type: 'list' as const,
    allowBlank: true,
    formulae: [`"${mark},${clear}"`],
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    error: words.get('err-mark-dv', { mark, clear }),
  };

  // 事業
  const iWidths = [6, 6, 24, 12, 12, 18, 44, 6, 12, 10, ...c.measures.map(() => 5), 8];
  const iHeader: CellValue[] = [
    words.get('col-id'),
    words.get('col-no'),
    words.get('col-title'),
    words.get('col-department'),
    words.get('col-division'),
    words.get('col-section'),
    words.get('col-description'),
    words.get('col-new'),
    words.get('col-relisted'),
    words.get('col-goals'),
    ...c.measures.map((m) => words.get('col-measure', m)),
    words.get('col-handling'),
  ];
  const iRows = rows.map(({ id, initiative: i }) => {
    const cells: CellValue[] = [
      id,
      i.no,
      i.title,
      i.department,
      divisionText(i.division),
      sectionChoice(i.section, sectionTitle.get(i.section) ?? ''),
      i.description ?? null,
      i.isNew ? mark : null,
      relistingsText(i.relistedIn) || null,
      (i.secondaryGoals ?? []).join('\n') || null,
      ...c.measures.map((m) => ((i.policyMeasures ?? []).includes(m.id) ? mark : null)),
      null,
    ];
    return { cells, height: heightOf(cells, iWidths, 2) };
  });
  const iInputs = range(iWidths.length).filter((k) => k >= c.title - 1);
  const initiativeSheet: SheetSpec = {
    name: words.get('sheet-initiatives'),
    widths: iWidths,
    align: [
      undefined,
      'center',
      ...range(c.isNew - 3).map(() => undefined),
      'center',
      undefined,
      undefined,
      ...c.measures.map(() => 'center' as const),
      'center',
    ],
    numFmts: iWidths.map((_, k) => (k === c.id - 1 || k === c.no - 1 ? undefined : '@')),
    header: [iHeader],
    headerHeights: [LINE * 3 + 6],
    rows: [...iRows, ...blank.map(() => ({ cells: [] as CellValue[], height: LINE * 2 + 4 }))],
    freeze: { rows: 1, cols: 3 },
    unlocked: iInputs,
    fills: iWidths.map((_, k) => (iInputs.includes(k) ? INPUT_FILL : undefined)),
    validations: {
      [c.section - 1]: {
        type: 'list',
        allowBlank: true,
        formulae: [`'${PLAN.metaSheet}'!$B$1:$B$${choices.length}`],
        showErrorMessage: true,
        errorStyle: 'stop',
        error: words.get('err-section-dv'),
        showInputMessage: true,
        prompt: words.get('section-prompt'),
      },
      [c.isNew - 1]: markRule,
      ...Object.fromEntries(c.measures.map((m) => [m.col - 1, markRule])),
      [c.handling - 1]: {
        type: 'list',
        allowBlank: true,
        formulae: [`"${words.get('retire-mark')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        error: words.get('err-handling-dv'),
        showInputMessage: true,
        prompt: words.get('handling-prompt'),
      },
    },
    ...common,
  };

  // スケジュール
  const years = range(period.to - period.from + 1).map((k) => period.from + k);
  const s = PLAN.schedule;
  const sWidths = [6, 6, 30, ...years.map(() => 16)];
  const sRows = rows.map(({ id, initiative: i }) => {
    const cells: CellValue[] = [id, i.no, i.title, ...scheduleCells(i.schedule, period.from, period.to)];
    return { cells, height: heightOf(cells, sWidths, 2) };
  });
  const yearCols = years.map((_, k) => s.firstYear - 1 + k);
  const scheduleSheet: SheetSpec = {
    name: words.get('sheet-schedule'),
    widths: sWidths,
    align: [undefined, 'center', undefined, ...years.map(() => 'center' as const)],
    numFmts: sWidths.map((_, k) => (k >= s.name - 1 ? '@' : undefined)),
    header: [
      [
        words.get('col-id'),
        words.get('col-no'),
        words.get('col-title'),
        ...years.map((fy) => words.get('col-year', { western: fy, short: fiscalYearShort(fy, r.rule) })),
      ],
    ],
    headerHeights: [LINE * 2 + 6],
    rows: [...sRows, ...blank.map(() => ({ cells: [] as CellValue[], height: LINE * 2 + 4, unlocked: [s.name - 1, ...yearCols] }))],
    freeze: { rows: 1, cols: 3 },
    unlocked: yearCols,
    fills: sWidths.map((_, k) => (yearCols.includes(k) ? INPUT_FILL : undefined)),
    validations: Object.fromEntries(
      yearCols.map((k) => [
        k,
        {
          type: 'custom' as const,
          allowBlank: true,
          formulae: ['TRUE'],
          showInputMessage: true,
          prompt: words.get('schedule-prompt', { arrow: words.get('arrow') }),
        },
      ]),
    ),
    ...common,
  };

  // 指標
  const d = PLAN.indicator;
  const dWidths = [6, 28, 30, 16, 14, 16, 14];
  const indicatorRows = rows.flatMap(({ id, initiative: i }) => (i.indicators ?? []).map((x, k) => ({ id, i, x, index: k + 1 })));
  const dRows = indicatorRows.map(({ id, i, x }) => {
    const cells: CellValue[] = [id, i.title, x.name, x.baseline.value, asOfText(x.baseline.asOf), x.target.value, asOfText(x.target.asOf)];
    return { cells, height: heightOf(cells, dWidths, 1) };
  });
  const dInputs = [d.indicator, d.baseline, d.baselineAt, d.target, d.targetAt].map((k) => k - 1);
  const atRule = { type: 'custom' as const, allowBlank: true, formulae: ['TRUE'], showInputMessage: true, prompt: words.get('at-prompt') };
  const indicatorSheet: SheetSpec = {
    name: words.get('sheet-indicators'),
    widths: dWidths,
    numFmts: dWidths.map((_, k) => (k >= d.name - 1 ? '@' : undefined)),
    header: [
      [
        words.get('col-id'),
        words.get('col-title'),
        words.get('col-indicator'),
        words.get('col-baseline'),
        words.get('col-baseline-at'),
        words.get('col-target'),
        words.get('col-target-at'),
      ],
    ],
    headerHeights: [LINE * 2 + 6],
    rows: [...dRows, ...blank.map(() => ({ cells: [] as CellValue[], height: LINE + 6, unlocked: [d.name - 1, ...dInputs] }))],
    freeze: { rows: 1, cols: 2 },
    unlocked: dInputs,
    fills: dWidths.map((_, k) => (dInputs.includes(k) ? INPUT_FILL : undefined)),
    validations: { [d.baselineAt - 1]: atRule, [d.targetAt - 1]: atRule },
    ...common,
  };

  // the hidden sheet: what was sent, row by row
  const m = PLAN.meta;
  const n = Math.max(3, choices.length, rows.length, indicatorRows.length);
  const metaRows = range(n).map((k) => {
    const cells: CellValue[] = [k === 0 ? model.dataset.id : k === 1 ? department : k === 2 ? PLAN.version : null, choices[k] ?? null];
    const row = rows[k];
    if (row) {
      cells[m.initiative.id - 1] = row.id;
      cells[m.initiative.no - 1] = String(row.initiative.no);
      cells[m.schedule.id - 1] = row.id;
      cells[m.schedule.no - 1] = String(row.initiative.no);
      cells[m.schedule.name - 1] = row.initiative.title;
    }
    const x = indicatorRows[k];
    if (x) {
      cells[m.indicator.id - 1] = x.id;
      cells[m.indicator.name - 1] = x.i.title;
      cells[m.indicator.index - 1] = x.index;
    }
    return { cells };
  });
  const meta: SheetSpec = { name: PLAN.metaSheet, widths: [20, 30, 8, 8, 8, 8, 30, 8, 30, 8], header: [], rows: metaRows, hidden: true, protect: true };
  const cover = coverSheet(model, words, ctx);
  return { title: words.get('title', ctx), creator: r.issuer, date: plan0(model), sheets: [cover, initiativeSheet, scheduleSheet, indicatorSheet, meta] };
}

/** The book's date: the data's own (never the clock): the 照会's deadline, or the plan's first year. */
const plan0 = (model: Model) => model.dataset.planSurvey?.deadline ?? `${model.dataset.period.from}-04-01`;

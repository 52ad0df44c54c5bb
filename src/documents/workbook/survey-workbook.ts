// One survey workbook per 部局: a cover sheet (照会文, 回答期限, 問い合わせ先, how to fill it in,
// 記入例), then its initiatives with the cells to fill for one fiscal year and last year's values
// beside them. The ids, the data set, the year and a snapshot of the protected fields travel in
// a very hidden, protected sheet, so the import compares with what the department was sent.
import { isNewIn } from '../../resolve/new-mark.js';
import type { Model, Initiative } from '../../model/schema.js';
import type { Resolved } from '../../resolve/index.js';
import type { Wording } from '../../templates/index.js';
import type { CellValue, SheetSpec, WorkbookSpec } from '../../render/xlsx.js';
import { dateLong, fiscalYearLong, fiscalYearShortWithNendo } from '../../era/index.js';
import { SURVEY } from '../../survey/columns.js';
import { BASE_KEYS, answerValues, fingerprint } from '../../survey/base-values.js';
import { a4Capacity } from '../../render/xlsx.js';
import { yearDateOf, yearRuleOf } from '../../resolve/document-dates.js';
import { fitWidth } from '../text-width.js';
import { indicatorSheets } from './survey-indicators.js';
import { asksResults, surveyCoverOf, type IndicatorInitiative, type SurveyRow } from '../../resolve/survey-rows.js';
import { INPUT_FILL, REFERENCE_FILL, REFERENCE_TEXT, SIDE_MARGIN, columnFloors, fillWidths } from './survey-layout.js';
import { rowHeight, headerHeights, ONE_LINE, avoidLoneEnds } from './sheet-layout.js';

/**
 * Column shares for A4 landscape: the widths fill the printable width (0.3-inch side margins)
 * at 100 % in the sheet font's units, in these proportions, each column at least as wide as
 * its header's words as they print (「事業番号」 never breaks as 「事業／番号」); the text
 * columns give way. tests/workbook-print.test.ts prints them through LibreOffice.
 */
const SHARES = [5, 9, 18, 9, 12, 12, 28, 6, 12, 12, 21];

/** The 目標の達成度 drop-down: the data set's summary categories (never free text), then the clear mark. */
export function achievementChoices(model: Model, clear: string): string[] {
  return [...(model.dataset.documents.results?.achievementCategories ?? []).map((c) => c.label), clear];
}

const divisions = (i: Initiative) => (Array.isArray(i.division) ? i.division.join('\n') : i.division);
const heightOf = (cells: CellValue[], widths: number[], min = 1) => rowHeight(cells, widths, min);

function coverSheet(model: Model, words: Wording, department: string, ctx: Record<string, unknown>): SheetSpec {
  const survey = surveyCoverOf(model).cover;
  const clear = words.get('clear-mark');
  const categories = (model.dataset.documents.results?.achievementCategories ?? []).map((c) => c.label);
  const exampleColumns = {
    budget: words.get('col-budget', ctx).replace(/\n/g, ' '),
    outcome: words.get('col-outcome', ctx).replace(/\n/g, ' '),
    isNew: words.get('col-new').replace(/\n/g, ''),
  };
  const labels = ['cover-request-label', 'cover-deadline-label', 'cover-contact-label', 'cover-how-label', 'example-head-column', 'col-achievement'].map((k) =>
    words.get(k),
  );
  // the label column as wide as its longest label (「平成29年度 事業費(千円) ※当初予算」 on one line), the notes column gives way
  const first = fitWidth([...labels, ...Object.values(exampleColumns)], 14, 24);
  const widths: [number, number, number] = [first, 32, 56 - (first - 14)];
  const wide = (label: string, text: string) => {
    const cells: CellValue[] = [label, text, null];
    return { cells, merges: [[1, 2]] as [number, number][], height: heightOf([label, text], [widths[0], widths[1] + widths[2]]) };
  };
  const example = (column: string, value: string, note: string) => {
    const cells: CellValue[] = [column, value, note];
    return { cells, height: heightOf(cells, widths) };
  };
  // a real date: in the era in force on that day, whatever the book's own date
  const deadline = survey?.deadline ? `${dateLong(survey.deadline)}（${survey.deadline.replaceAll('-', '/')}）` : '';
  const head = (label: string) => ({
    cells: [label, null, null] as CellValue[],
    kind: 'group' as const,
    merges: [[0, 2]] as [number, number][],
    height: ONE_LINE + 3,
  });
  const examples = [
    head(words.get('cover-example-label')),
    example(words.get('example-head-column'), words.get('example-head-value'), words.get('example-head-note')),
    example(exampleColumns.budget, words.get('example-budget'), words.get('example-budget-note')),
    example(
      words.get('col-achievement'),
      words.get('example-achievement', { first: categories[0] ?? '' }),
      words.get('example-achievement-note', { choices: categories.join('、') }),
    ),
    example(exampleColumns.outcome, words.get('example-outcome'), words.get('example-outcome-note')),
    example(exampleColumns.isNew, words.get('example-new'), words.get('example-new-note')),
    example(exampleColumns.outcome, clear, words.get('example-clear-note')),
  ];
  const header: CellValue[][] = [[words.get('cover-title', ctx), null, null]];
  const headerMerges: [number, number, number, number][] = [[1, 1, 1, 3]];
  return {
    name: words.get('cover-sheet'),
    widths,
    header,
    headerMerges,
    headerHeights: headerHeights(header, widths, headerMerges),
    rows: [
      wide(words.get('cover-request-label'), words.get('cover-request', { ...ctx, request: survey?.request, sheet: words.get('sheet') })),
      wide(words.get('cover-deadline-label'), words.get('cover-deadline', { deadline })),
      wide(
        words.get('cover-contact-label'),
        words.get('cover-contact', { contact: survey?.contact, issuer: model.dataset.issuer, issuerUnit: model.dataset.issuerUnit }),
      ),
      wide(words.get('cover-how-label'), words.get('cover-how', { clear, indicatorSheet: ctx.indicatorSheet, results: ctx.results })),
      // the examples are of the results sheet's columns
      ...(ctx.results ? examples : []),
    ],
    protect: true,
    sideMargin: SIDE_MARGIN,
    footer: words.get('footer', { department }),
  };
}

/** `words`: the survey wording under the year's era rule (yearRuleOf). */
/** `indicators`: the 部局's rows of the 指標 sheet, with the common wording (time points) under the same rule; none, no such sheet. */
export function surveyWorkbook(
  model: Model,
  r: Resolved,
  words: Wording,
  fy: number,
  department: string,
  rows: SurveyRow[],
  indicators?: { list: IndicatorInitiative[]; common: Wording },
): WorkbookSpec {
  // the book is written on its year's date (the report's), and names the years as they were then
  const rule = yearRuleOf(model.dataset, fy);
  const fyLong = fiscalYearLong(fy, rule);
  const withIndicators = Boolean(indicators?.list.length);
  const ctx = {
    fyLong,
    fyNendo: fiscalYearShortWithNendo(fy, rule),
    prevNendo: fiscalYearShortWithNendo(fy - 1, rule),
    title: r.title,
    department,
    indicatorSheet: withIndicators ? words.get('ind-sheet') : undefined,
    // a progress data set without a results report: its book has the 指標 sheet only
    results: asksResults(model),
  };
  const clear = words.get('clear-mark');
  const choices = achievementChoices(model, clear);
  const c = SURVEY.col;
  const header: [CellValue[], ...CellValue[][]] = [
    [
      words.get('col-id'),
      words.get('col-no'),
      words.get('col-name'),
      words.get('col-division'),
      words.get('col-budget', ctx),
      words.get('col-achievement'),
      words.get('col-outcome', ctx),
      words.get('col-new'),
      words.get('col-prev-budget', ctx),
      words.get('col-prev-achievement', ctx),
      words.get('col-prev-outcome', ctx),
    ],
  ];
  const cellsOf = ({ initiative: i, id }: SurveyRow): CellValue[] => {
    const res = i.results?.[String(fy)];
    const prev = i.results?.[String(fy - 1)];
    const isNew = isNewIn(i, fy);
    return [
      id,
      i.no,
      i.title,
      divisions(i),
      res?.budget ?? null,
      res?.achievement ?? null,
      res?.outcome ?? null,
      isNew ? words.get('new-mark') : null,
      prev?.budget ?? null,
      prev?.achievement ?? null,
      prev?.outcome ?? null,
    ];
  };
  const all = rows.map(cellsOf);
  const capacity = a4Capacity(SIDE_MARGIN);
  const floors = columnFloors(header[0], all, [c.id - 1, c.no - 1]);
  const widths = avoidLoneEnds(fillWidths(SHARES, floors, capacity), floors, capacity, all);
  // an estimate for today's text; the row has no fixed height, so Excel grows it as text is typed
  const data = all.map((cells) => ({ cells, height: heightOf(cells, widths, 2) }));
  const fills: (string | undefined)[] = [];
  const colors: (string | undefined)[] = [];
  for (const k of [c.budget, c.achievement, c.outcome, c.isNew]) fills[k - 1] = INPUT_FILL;
  for (const k of [c.prevBudget, c.prevAchievement, c.prevOutcome]) {
    fills[k - 1] = REFERENCE_FILL;
    colors[k - 1] = REFERENCE_TEXT;
  }
  const visible: SheetSpec = {
    name: words.get('sheet'),
    widths,
    numFmts: [undefined, undefined, undefined, undefined, '#,##0', undefined, undefined, undefined, '#,##0'],
    align: [undefined, 'center', undefined, undefined, 'right', undefined, undefined, 'center', 'right'],
    header,
    headerHeights: headerHeights(header, widths),
    rows: data,
    freeze: { rows: 1, cols: 3 },
    autoFilter: true,
    protect: true,
    unlocked: [c.budget - 1, c.achievement - 1, c.outcome - 1, c.isNew - 1],
    fills,
    colors,
    rowsGrow: true,
    sideMargin: SIDE_MARGIN,
    footer: words.get('footer', { department }),
    header_text: words.get('title', ctx),
    validations: {
      // a whole number ≥ 0, or the clear mark ({cell}: the first cell of the range)
      [c.budget - 1]: {
        type: 'custom',
        allowBlank: true,
        showErrorMessage: true,
        errorStyle: 'stop',
        error: words.get('err-budget-dv', { clear }),
        showInputMessage: true,
        prompt: words.get('budget-prompt'),
        formulae: [`OR({cell}="${clear}",AND(ISNUMBER({cell}),{cell}>=0,INT({cell})={cell}))`],
      },
      [c.achievement - 1]: {
        type: 'list',
        allowBlank: true,
        formulae: [`'${SURVEY.metaSheet}'!$B$1:$B$${choices.length}`],
        showErrorMessage: false,
        showInputMessage: true,
        prompt: words.get('achievement-prompt', { clear }),
      },
      [c.isNew - 1]: {
        type: 'list',
        allowBlank: true,
        formulae: [`"${words.get('new-mark')},${clear}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        error: words.get('err-new'),
      },
    },
  };
  const metaRows: SheetSpec['rows'] = [];
  const n = Math.max(SURVEY.firstIdRow - 1 + rows.length, choices.length);
  const s = SURVEY.snapshot;
  for (let k = 1; k <= n; k++) {
    const row = rows[k - SURVEY.firstIdRow];
    const cells: CellValue[] = [
      k === 1 ? model.dataset.id : k === 2 ? fy : k === 3 ? department : k === 4 ? SURVEY.version : (row?.id ?? null),
      choices[k - 1] ?? null,
    ];
    if (row && k >= SURVEY.firstIdRow) {
      cells[s.no - 1] = String(row.initiative.no);
      cells[s.name - 1] = row.initiative.title;
      cells[s.division - 1] = divisions(row.initiative);
      // what the answer cells were filled in with, for the import to tell a department's change from a stale value
      const values = answerValues(row.initiative, fy);
      for (const key of BASE_KEYS) cells[SURVEY.base[key] - 1] = fingerprint(values[key]);
    }
    metaRows.push({ cells });
  }
  const meta: SheetSpec = { name: SURVEY.metaSheet, widths: [20, 30, 8, 40, 20, 18, 18, 18, 18], header: [], rows: metaRows, hidden: true, protect: true };
  const cover = coverSheet(model, words, department, ctx);
  // the 指標 sheet after the results sheet (the returns' tests find that one second), the hidden sheets last
  const [indicatorSheet, indicatorMeta] = withIndicators ? indicatorSheets(model, words, indicators!.common, fy, department, indicators!.list, ctx) : [];
  const sheets = [cover, ctx.results ? visible : undefined, indicatorSheet, meta, indicatorMeta].filter((s): s is SheetSpec => s !== undefined);
  return { title: words.get('title', ctx), creator: r.issuer, date: yearDateOf(model.dataset, fy), sheets };
}

// One survey workbook per 部局: its initiatives with the cells to fill for one fiscal year.
// The ids, the data set and the year travel in a very hidden, protected sheet.
import type { Model, Initiative } from '../model/schema.js';
import type { Resolved } from '../resolve/index.js';
import type { Wording } from '../templates/index.js';
import type { CellValue, SheetSpec, WorkbookSpec } from '../render/xlsx.js';
import { fiscalYearLong, fiscalYearShortWithNendo } from '../era/index.js';
import { SURVEY } from '../survey/columns.js';
import { fitWidth, wrappedLines } from './text-width.js';

export interface SurveyRow {
  id: string;
  initiative: Initiative;
}

/** Initiatives asked about in `fy`: those whose schedule covers it, or all when there are no schedules. */
export function surveyRows(model: Model, fy: number): Map<string, SurveyRow[]> {
  const byDept = new Map<string, SurveyRow[]>();
  const sorted = [...model.initiatives].sort((a, b) => (a.data.section === b.data.section ? a.data.no - b.data.no : a.id < b.id ? -1 : 1));
  for (const { id, data } of sorted) {
    const spans = data.schedule ?? [];
    if (spans.length && !spans.some((s) => s.from <= fy && fy <= s.to)) continue;
    if (!byDept.has(data.department)) byDept.set(data.department, []);
    byDept.get(data.department)!.push({ id, initiative: data });
  }
  return byDept;
}

/** The 目標の達成度 values used in the data set, most used first (the drop-down list). */
export function achievementChoices(model: Model): string[] {
  const count = new Map<string, number>();
  for (const i of model.initiatives)
    for (const r of Object.values(i.data.results ?? {})) if (r.achievement && !r.achievement.includes('\n') && r.achievement.length <= 30) count.set(r.achievement, (count.get(r.achievement) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

export function surveyWorkbook(model: Model, r: Resolved, words: Wording, fy: number, department: string, rows: SurveyRow[]): WorkbookSpec {
  const fyLong = fiscalYearLong(fy, r.rule);
  const ctx = { fyLong, fyNendo: fiscalYearShortWithNendo(fy, r.rule), title: r.title, department };
  const choices = achievementChoices(model);
  const divisions = (i: Initiative) => (Array.isArray(i.division) ? i.division.join('\n') : i.division);
  const widths = [
    fitWidth(rows.map((x) => x.id), 6, 10),
    8,
    fitWidth(rows.map((x) => x.initiative.title), 20, 40),
    fitWidth(rows.map((x) => divisions(x.initiative)), 10, 20),
    14,
    fitWidth(choices, 16, 30),
    50,
    8,
  ];
  const header: CellValue[][] = [[
    words.get('col-id'), words.get('col-no'), words.get('col-name'), words.get('col-division'),
    words.get('col-budget', ctx), words.get('col-achievement'), words.get('col-outcome', ctx), words.get('col-new'),
  ]];
  const data = rows.map(({ initiative: i, id }) => {
    const res = i.results?.[String(fy)];
    const isNew = res?.isNew ?? i.isNew ?? false;
    const cells: CellValue[] = [id, i.no, i.title, divisions(i), res?.budget ?? null, res?.achievement ?? null, res?.outcome ?? null, isNew ? words.get('new-mark') : null];
    const lines = Math.max(...cells.map((c, k) => (typeof c === 'string' ? wrappedLines(c, widths[k]) : 1)), 2);
    return { cells, height: Math.ceil(lines * 13.5 + 4) };
  });
  const c = SURVEY.col;
  const visible: SheetSpec = {
    name: words.get('sheet'),
    widths,
    numFmts: [undefined, undefined, undefined, undefined, '#,##0'],
    align: [undefined, 'center', undefined, undefined, 'right', undefined, undefined, 'center'],
    header,
    headerHeights: [13.5 * 3 + 6],
    rows: data,
    freeze: { rows: 1, cols: 3 },
    autoFilter: true,
    protect: true,
    unlocked: [c.budget - 1, c.achievement - 1, c.outcome - 1, c.isNew - 1],
    footer: words.get('footer', { department }),
    header_text: words.get('title', ctx),
    validations: {
      [c.budget - 1]: { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, errorStyle: 'stop', error: words.get('err-budget'), showInputMessage: true, prompt: words.get('budget-prompt') },
      [c.achievement - 1]: { type: 'list', allowBlank: true, formulae: [`'${SURVEY.metaSheet}'!$B$1:$B$${Math.max(1, choices.length)}`], showErrorMessage: false, showInputMessage: true, prompt: words.get('achievement-prompt') },
      [c.isNew - 1]: { type: 'list', allowBlank: true, formulae: [`"${words.get('new-mark')}"`], showErrorMessage: true, errorStyle: 'stop', error: words.get('err-new') },
    },
  };
  const metaRows: SheetSpec['rows'] = [];
  const ids = rows.map((x) => x.id);
  const n = Math.max(SURVEY.firstIdRow - 1 + ids.length, choices.length);
  for (let k = 1; k <= n; k++) {
    const a = k === 1 ? model.dataset.id : k === 2 ? fy : k === 3 ? department : k >= SURVEY.firstIdRow ? (ids[k - SURVEY.firstIdRow] ?? null) : null;
    metaRows.push({ cells: [a, choices[k - 1] ?? null] });
  }
  const meta: SheetSpec = { name: SURVEY.metaSheet, widths: [20, 30], header: [], rows: metaRows, hidden: true, protect: true };
  return { title: words.get('title', ctx), creator: r.issuer, date: `${fy + 1}-04-01`, sheets: [visible, meta] };
}

// Who is asked what in a year's survey (the rules the survey workbook and the survey commands
// share): per 部局, the initiatives of the results sheet and those of the 指標 sheet, in one order.
import type { Model, Initiative, Indicator } from '../model/schema.js';
import { isNumeric } from '../model/progress-answers.js';

export interface SurveyRow {
  id: string;
  initiative: Initiative;
}

export interface IndicatorInitiative {
  id: string;
  initiative: Initiative;
  /** its numeric indicators, with their index in `indicators` (the place the import writes to) */
  indicators: { index: number; indicator: Indicator }[];
}

/** The order of the survey's rows: by section as the data lists them, then by 事業番号. */
export const surveyOrder = <T extends { id: string; data: Initiative }>(list: T[]): T[] =>
  [...list].sort((a, b) => (a.data.section === b.data.section ? a.data.no - b.data.no : a.id < b.id ? -1 : 1));

/**
 * Per 部局, the initiatives with numeric indicators, asked in every survey year of a data set
 * with documents.progress — whatever their schedule, as the progress report and its draft mark
 * follow every numeric indicator.
 */
export function indicatorRows(model: Model): Map<string, IndicatorInitiative[]> {
  const byDept = new Map<string, IndicatorInitiative[]>();
  if (!model.dataset.documents.progress) return byDept;
  for (const { id, data } of surveyOrder(model.initiatives)) {
    const indicators = (data.indicators ?? []).flatMap((indicator, index) => (isNumeric(indicator) ? [{ index, indicator }] : []));
    if (!indicators.length) continue;
    if (!byDept.has(data.department)) byDept.set(data.department, []);
    byDept.get(data.department)!.push({ id, initiative: data, indicators });
  }
  return byDept;
}

/**
 * Whether the survey asks for a year's results (事業費・達成度・実績): a data set with a results
 * report, or one without a progress report (a plan surveyed for its appendix). A progress data
 * set without a results report asks for its 指標 only: nothing would print the results, and
 * new-year gives its initiatives no results entry, so every row would stay 「未回答」.
 */
export const asksResults = (model: Model): boolean => Boolean(model.dataset.documents.results) || !model.dataset.documents.progress;

/**
 * The survey books' cover (照会文・回答期限・問い合わせ先) and where the data set keeps it: with its
 * results report, else (a progress data set without one) with its progress report.
 */
export function surveyCoverOf(model: Model): { cover: NonNullable<Model['dataset']['documents']['progress']>['survey']; at: string[] } {
  const { results, progress } = model.dataset.documents;
  return results || !progress
    ? { cover: results?.survey, at: ['documents', 'results', 'survey'] }
    : { cover: progress.survey, at: ['documents', 'progress', 'survey'] };
}

/** Initiatives asked about in `fy`: those whose schedule covers it, or all when there are no schedules. */
export function surveyRows(model: Model, fy: number): Map<string, SurveyRow[]> {
  const byDept = new Map<string, SurveyRow[]>();
  if (!asksResults(model)) return byDept;
  for (const { id, data } of surveyOrder(model.initiatives)) {
    const spans = data.schedule ?? [];
    if (spans.length && !spans.some((s) => s.from <= fy && fy <= s.to)) continue;
    if (!byDept.has(data.department)) byDept.set(data.department, []);
    byDept.get(data.department)!.push({ id, initiative: data });
  }
  return byDept;
}

/** The 部局 asked in `fy`, each with its rows of the results sheet and of the 指標 sheet (either may be empty). */
export function surveyDepartments(model: Model, fy: number): Map<string, { rows: SurveyRow[]; indicators: IndicatorInitiative[] }> {
  const out = new Map<string, { rows: SurveyRow[]; indicators: IndicatorInitiative[] }>();
  for (const [d, rows] of surveyRows(model, fy)) out.set(d, { rows, indicators: [] });
  for (const [d, indicators] of indicatorRows(model)) out.set(d, { rows: out.get(d)?.rows ?? [], indicators });
  return out;
}

// 未回答・要確認一覧: per 部局, the initiatives asked in a year with no answer, a 目標の達成度
// outside the summary categories, or a budget that moved by more than FACTOR from last year;
// with documents.progress also the indicators still without the year's actual, the initiatives
// without its self-evaluation, and actuals that look mistyped (moved by FACTOR from last year,
// a percentage beyond 100). Reads the same rules as validation and the draft mark
// (model/results-answers.ts, model/progress-answers.ts).
import type { Model } from '../model/schema.js';
import { categoryOf, missingAnswers, type AnswerField } from '../model/results-answers.js';
import { surveyDepartments } from '../resolve/survey-rows.js';
import type { Indicator } from '../model/schema.js';
import { actualMissing, evaluationMissing, fiscalYearOfAsOf } from '../model/progress-answers.js';
import { sameUnit } from './indicator-cells.js';
import { countsWholeThings } from '../model/count-units.js';

/** A budget this many times last year's, or this fraction of it, is asked about. */
export const BUDGET_FACTOR = 3;

/** A budget that moved by BUDGET_FACTOR or more from last year's (both known, last year's above 0; a cut to 0 is such a move). */
export const budgetMoved = (prev: unknown, now: unknown): prev is number =>
  typeof prev === 'number' && typeof now === 'number' && prev > 0 && now >= 0 && (now >= prev * BUDGET_FACTOR || now * BUDGET_FACTOR <= prev);

/**
 * A budget left blank (printed 「—」, no budget) in a row otherwise answered, where last year's was
 * above 0: a blank is how the book says 「なし」, but it is also how a forgotten cell looks.
 */
export const budgetLeftBlank = (prev: unknown, now: unknown): prev is number => typeof prev === 'number' && prev > 0 && (now === null || now === undefined);

export type StatusItem =
  | { kind: 'unanswered'; fields: AnswerField[] }
  | { kind: 'no-entry' }
  | { kind: 'uncategorised'; achievement: string }
  | { kind: 'budget'; prev: number; now: number }
  | { kind: 'budget-blank'; prev: number }
  | { kind: 'no-actual'; indicator: string }
  | { kind: 'no-grade' }
  | { kind: 'actual-jump'; indicator: string; prev: number; now: number; unit: string; fromBaseline: boolean }
  | { kind: 'percent-over'; indicator: string; now: number }
  | { kind: 'count-fraction'; indicator: string; now: number; unit: string };

/** Unanswered items: the row counts as unanswered. */
export const UNANSWERED: StatusItem['kind'][] = ['unanswered', 'no-entry', 'no-actual', 'no-grade'];

/** The year's actual of an indicator, if any, and what it looks odd against. */
function actualChecks(ind: Indicator, fy: number): StatusItem[] {
  const now = ind.actuals?.[String(fy)]?.value;
  if (typeof now !== 'number') return [];
  const items: StatusItem[] = [];
  // last year's actual, or the baseline when last year is the baseline's (counted in the same unit)
  const last = ind.actuals?.[String(fy - 1)]?.value;
  const baseline =
    fiscalYearOfAsOf(ind.baseline.asOf) === fy - 1 && (ind.baseline.unit === undefined || ind.baseline.unit === ind.unit) ? ind.baseline.number : undefined;
  const prev = typeof last === 'number' ? last : baseline;
  if (prev !== undefined && prev > 0 && now > 0 && (now >= prev * BUDGET_FACTOR || now * BUDGET_FACTOR <= prev))
    items.push({ kind: 'actual-jump', indicator: ind.name, prev, now, unit: ind.unit!, fromBaseline: typeof last !== 'number' });
  if (sameUnit(ind.unit!, '%') && now > 100) items.push({ kind: 'percent-over', indicator: ind.name, now });
  if (!Number.isInteger(now) && countsWholeThings(ind.unit)) items.push({ kind: 'count-fraction', indicator: ind.name, now, unit: ind.unit! });
  return items;
}

export interface StatusRow {
  id: string;
  file: string;
  no: number;
  title: string;
  division: string;
  items: StatusItem[];
}

export interface DepartmentStatus {
  department: string;
  asked: number;
  /** initiatives with something unanswered */
  unanswered: number;
  /** initiatives with something to check (one may be counted in both) */
  check: number;
  rows: StatusRow[];
}

export function surveyStatusView(model: Model, fy: number): DepartmentStatus[] {
  const categories = model.dataset.documents.results?.achievementCategories;
  const fileOf = new Map(model.initiatives.map((i) => [i.id, i.file]));
  const out: DepartmentStatus[] = [];
  for (const [department, { rows, indicators }] of surveyDepartments(model, fy)) {
    const listed: StatusRow[] = [];
    // the results sheet's initiatives, then those asked on the 指標 sheet only
    const inResults = new Set(rows.map((r) => r.id));
    const numeric = new Map(indicators.map((x) => [x.id, x.indicators]));
    const all = [...rows, ...indicators.filter((x) => !inResults.has(x.id))];
    for (const { id, initiative: i } of all) {
      const items: StatusItem[] = [];
      const r = i.results?.[String(fy)];
      if (!inResults.has(id)) {
        // asked about its indicators only
      } else if (!r) items.push({ kind: 'no-entry' });
      else {
        const missing = missingAnswers(r);
        if (missing.length) items.push({ kind: 'unanswered', fields: missing });
        if (categories && r.achievement?.trim() && categoryOf(r.achievement, categories) === undefined)
          items.push({ kind: 'uncategorised', achievement: r.achievement });
        const prev = i.results?.[String(fy - 1)]?.budget;
        const now = r.budget;
        if (budgetMoved(prev, now)) items.push({ kind: 'budget', prev, now: now! });
        // only in a row answered otherwise: an unanswered row is listed as such already
        else if (!missing.length && budgetLeftBlank(prev, now)) items.push({ kind: 'budget-blank', prev });
      }
      for (const { indicator } of numeric.get(id) ?? []) {
        if (actualMissing(indicator, fy)) items.push({ kind: 'no-actual', indicator: indicator.name });
        items.push(...actualChecks(indicator, fy));
      }
      if (numeric.has(id) && evaluationMissing(i, fy)) items.push({ kind: 'no-grade' });
      if (items.length) listed.push({ id, file: fileOf.get(id)!, no: i.no, title: i.title, division: [i.division].flat().join('、'), items });
    }
    // a row with both (unanswered, and a budget that moved) counts under each: the heading's 要確認
    // must not say 0 while a 【事業費の増減】 is listed below it
    const unanswered = listed.filter((x) => x.items.some((t) => UNANSWERED.includes(t.kind))).length;
    const check = listed.filter((x) => x.items.some((t) => !UNANSWERED.includes(t.kind))).length;
    out.push({ department, asked: all.length, unanswered, check, rows: listed });
  }
  return out;
}

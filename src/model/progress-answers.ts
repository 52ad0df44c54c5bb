// Which indicator actuals and self-evaluations a progress year still waits for. Shared by
// validation (the warnings that list them) and resolve (the draft mark), so both read the
// data the same way, as src/model/results-answers.ts does for the results.
import type { AsOf, Indicator, Initiative } from './schema.js';

/** An indicator has the numeric form once its unit is written. */
export const isNumeric = (ind: Indicator): boolean => ind.unit !== undefined;

/** The fiscal year (April–March) a time point falls in: 2019-03 and 2018年度末 are both FY2018. */
export function fiscalYearOfAsOf(a: AsOf): number {
  if ('month' in a) {
    // YYYY-MM by the schema; NaN (never <= 3) keeps a month-less text at its year, as before
    const [y = NaN, m = NaN] = a.month.split('-').map(Number);
    return m <= 3 ? y - 1 : y;
  }
  if ('fiscalYear' in a) return a.fiscalYear;
  // a calendar year's average stands for the fiscal year it mostly covers
  return a.year;
}

/** A year's actual is asked for once the baseline's year is over (the baseline is that year's value). */
export const expectsActual = (ind: Indicator, fy: number): boolean => isNumeric(ind) && fy > fiscalYearOfAsOf(ind.baseline.asOf);

export const actualMissing = (ind: Indicator, fy: number): boolean => expectsActual(ind, fy) && (ind.actuals?.[String(fy)]?.value ?? null) === null;

/** An initiative with numeric indicators is evaluated every progress year: a blank grade is unanswered. */
export const evaluationMissing = (i: Initiative, fy: number): boolean =>
  (i.indicators ?? []).some(isNumeric) && !(i.evaluation?.[String(fy)]?.grade ?? '').trim();

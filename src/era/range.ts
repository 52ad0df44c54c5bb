// What the era arithmetic can write: real calendar dates from the first day of 昭和 on, and
// four-digit years. Anything else would print as plausible nonsense (昭和-25年度, 平成NaN年),
// so the era functions refuse it with an EraInputError and validation refuses it first.

/** 昭和元年 began on this day; there is no era name for an earlier date. */
export const FIRST_DATE = '1926-12-25';
/** Calendar and fiscal years the era names cover: 1926 is 昭和元年 (its last days are 昭和). */
export const FIRST_YEAR = 1926;
/** ISO dates have four-digit years. */
export const LAST_YEAR = 9999;

export type EraInputKind = 'date' | 'month' | 'year';

/** Input the era functions cannot write; `kind` says what was expected. */
export class EraInputError extends Error {
  constructor(
    readonly kind: EraInputKind,
    readonly input: unknown,
  ) {
    super(`era: not a supported ${kind}: ${String(input).slice(0, 40)}`);
    this.name = 'EraInputError';
  }
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** "2019-03-01": a real calendar date (no 2019-02-30) within the supported range. */
export function isSupportedDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // four digits: never beyond LAST_YEAR
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && s >= FIRST_DATE;
}

/** "2018-03": a real month whose last day has an era name. */
export function isSupportedMonth(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  // four digits: never beyond LAST_YEAR
  return mo >= 1 && mo <= 12 && s >= FIRST_DATE.slice(0, 7);
}

/** A calendar or fiscal year as an integer within the supported range. */
export function isSupportedYear(y: unknown): y is number {
  // Stryker disable next-line ConditionalExpression: Number.isInteger refuses what is no number too; this line is for the type checker
  if (typeof y !== 'number') return false;
  return Number.isInteger(y) && y >= FIRST_YEAR && y <= LAST_YEAR;
}

export function checkDate(s: unknown): string {
  if (!isSupportedDate(s)) throw new EraInputError('date', s);
  return s;
}
export function checkMonth(s: unknown): string {
  if (!isSupportedMonth(s)) throw new EraInputError('month', s);
  return s;
}
export function checkYear(y: unknown): number {
  if (!isSupportedYear(y)) throw new EraInputError('year', y);
  return y;
}

// 達成率 of one indicator in one year, computed here and nowhere else (documents print it, the
// appendix recomputes it with a formula from the same cells). A value that cannot be computed is
// never 0 % or a number that looks right: it is a reason, which every document prints as such.

export type Method = 'progress' | 'ratio';
export type Direction = '増やす' | '減らす';

/** Why a 達成率 cannot be given (the words are in templates/progress-report.hbs, `reason-<key>`). */
export type RateReason =
  | 'no-actual' // 未回答
  | 'before-baseline' // the year is the baseline's year or before it: nothing to measure yet
  | 'no-baseline' // progress from a baseline that is not there
  | 'unit-mismatch' // the baseline is counted in another unit than the target
  | 'baseline-meets-target' // the baseline already meets the target: no distance to cover
  | 'zero-target' // actual ÷ 0
  | 'zero-actual'; // target ÷ 0 (a 減らす indicator at 0: the ratio has no value)

export type Rate = { value: number; metEarly: boolean } | { reason: RateReason };

export interface RateInput {
  method: Method;
  direction: Direction;
  /** the year measured and the years of the baseline and of the final target */
  year: number;
  baselineYear: number;
  targetYear: number;
  baseline?: number;
  /** the baseline's own unit when it differs from the indicator's */
  baselineUnit?: string;
  unit: string;
  /** the final target (target.number) */
  target: number;
  /** this year's target (yearlyTargets), when the data set gives one */
  yearTarget?: number;
  actual: number | null | undefined;
}

/** Rounded to 0.1 %, half away from zero (as Excel's ROUND, which the appendix's formula uses). */
export function roundRate(x: number): number {
  const r = Math.round(Math.abs(x) * 10 + 1e-9) / 10;
  return x < 0 && r !== 0 ? -r : r;
}

/** Whether `value` meets `target` in the indicator's direction. */
export const meets = (value: number, target: number, direction: Direction) => (direction === '増やす' ? value >= target : value <= target);

export function achievementRate(i: RateInput): Rate {
  if (i.year <= i.baselineYear) return { reason: 'before-baseline' };
  if (i.actual === null || i.actual === undefined) return { reason: 'no-actual' };
  const actual = i.actual;
  const target = i.yearTarget ?? i.target;
  let raw: number;
  if (i.method === 'progress') {
    if (i.baseline === undefined) return { reason: 'no-baseline' };
    if (i.baselineUnit !== undefined && i.baselineUnit !== i.unit) return { reason: 'unit-mismatch' };
    // a target the baseline already meets has no distance to cover (and would divide by 0 or by the wrong sign)
    if (meets(i.baseline, target, i.direction)) return { reason: 'baseline-meets-target' };
    raw = ((actual - i.baseline) / (target - i.baseline)) * 100;
  } else if (i.direction === '増やす') {
    if (target === 0) return { reason: 'zero-target' };
    raw = (actual / target) * 100;
  } else {
    if (actual === 0) return { reason: 'zero-actual' };
    raw = (target / actual) * 100;
  }
  // the final target met before its year
  const metEarly = i.year < i.targetYear && meets(actual, i.target, i.direction);
  return { value: roundRate(raw), metEarly };
}

/** The first level (from the top) whose lower bound the rate reaches; the last has none and takes the rest. */
export function levelOf(rate: number, levels: { label: string; min?: number }[]): string | undefined {
  return levels.find((l) => l.min === undefined || rate >= l.min)?.label;
}

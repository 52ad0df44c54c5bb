// 達成率 and the 達成状況 level against values computed by hand, for the cases a keeper meets:
// increasing and decreasing indicators, a target met early, no baseline, a baseline in another
// unit, a baseline that already meets the target, a year not yet measured. Pure functions: fast.
import { describe, it, expect } from 'vitest';
import { achievementRate, levelOf, roundRate, type RateInput } from '../src/resolve/achievement.js';

const base: RateInput = {
  method: 'progress',
  direction: '増やす',
  year: 2019,
  baselineYear: 2018,
  targetYear: 2020,
  baseline: 5,
  unit: '市町村',
  target: 35,
  actual: 12,
};
const LEVELS = [{ label: '達成', min: 100 }, { label: '概ね達成', min: 80 }, { label: '未達成' }];

describe('達成率, progress from the baseline toward the target', () => {
  it('an increasing indicator: (12 − 5) ÷ (35 − 5) = 23.3 %', () => {
    expect(achievementRate(base)).toEqual({ value: 23.3, metEarly: false });
  });
  it('against the year’s own target when there is one: (12 − 5) ÷ (15 − 5) = 70 %', () => {
    expect(achievementRate({ ...base, yearTarget: 15 })).toEqual({ value: 70, metEarly: false });
  });
  it('a decreasing indicator: 120 → 90 minutes against 60: (90 − 120) ÷ (60 − 120) = 50 %', () => {
    expect(achievementRate({ ...base, direction: '減らす', baseline: 120, target: 60, actual: 90, unit: '分' })).toEqual({ value: 50, metEarly: false });
  });
  it('a decreasing indicator that got worse is a negative rate, not 0: (130 − 120) ÷ (60 − 120) = −16.7 %', () => {
    expect(achievementRate({ ...base, direction: '減らす', baseline: 120, target: 60, actual: 130 })).toEqual({ value: -16.7, metEarly: false });
  });
  it('the final target met before its year: 38 in 2019 against 35 for 2020 → 110 %, met early', () => {
    expect(achievementRate({ ...base, actual: 38 })).toEqual({ value: 110, metEarly: true });
  });
  it('met in the target year itself is not early', () => {
    expect(achievementRate({ ...base, year: 2020, actual: 35 })).toEqual({ value: 100, metEarly: false });
  });
  it('no baseline: a reason, not a number', () => {
    expect(achievementRate({ ...base, baseline: undefined })).toEqual({ reason: 'no-baseline' });
  });
  it('a baseline counted in 市 against a target in 市町村: a reason', () => {
    expect(achievementRate({ ...base, baselineUnit: '市' })).toEqual({ reason: 'unit-mismatch' });
    // the same unit written out is no mismatch
    expect(achievementRate({ ...base, baselineUnit: '市町村' })).toEqual({ value: 23.3, metEarly: false });
  });
  it('a baseline that already meets the target (reached before the baseline year): a reason, never a division by 0', () => {
    expect(achievementRate({ ...base, baseline: 35 })).toEqual({ reason: 'baseline-meets-target' });
    expect(achievementRate({ ...base, baseline: 40 })).toEqual({ reason: 'baseline-meets-target' });
    expect(achievementRate({ ...base, direction: '減らす', baseline: 50, target: 60 })).toEqual({ reason: 'baseline-meets-target' });
  });
  it('the baseline’s own year and before: nothing to measure; no actual: 未回答', () => {
    expect(achievementRate({ ...base, year: 2018 })).toEqual({ reason: 'before-baseline' });
    expect(achievementRate({ ...base, actual: null })).toEqual({ reason: 'no-actual' });
    expect(achievementRate({ ...base, actual: undefined })).toEqual({ reason: 'no-actual' });
  });
});

describe('達成率, actual ÷ target', () => {
  const ratio: RateInput = { ...base, method: 'ratio' };
  it('increasing: 12 ÷ 35 = 34.3 %, with or without a baseline', () => {
    expect(achievementRate(ratio)).toEqual({ value: 34.3, metEarly: false });
    expect(achievementRate({ ...ratio, baseline: undefined, baselineUnit: '市' })).toEqual({ value: 34.3, metEarly: false });
  });
  it('decreasing: target ÷ actual, 60 ÷ 90 = 66.7 %', () => {
    expect(achievementRate({ ...ratio, direction: '減らす', baseline: 120, target: 60, actual: 90 })).toEqual({ value: 66.7, metEarly: false });
  });
  it('a target of 0, or a decreasing actual of 0: a reason', () => {
    expect(achievementRate({ ...ratio, target: 0 })).toEqual({ reason: 'zero-target' });
    expect(achievementRate({ ...ratio, direction: '減らす', target: 10, actual: 0 })).toEqual({ reason: 'zero-actual' });
  });
});

describe('rounding and levels', () => {
  it('rounds half away from zero to 0.1 (Excel’s ROUND)', () => {
    expect([roundRate(23.25), roundRate(-23.25), roundRate(79.95), roundRate(0.04), roundRate(-0.04)]).toEqual([23.3, -23.3, 80, 0, 0]);
  });
  it('the first level whose min the rate reaches; the last takes the rest', () => {
    expect([120, 100, 99.9, 80, 79.9, -5].map((r) => levelOf(r, LEVELS))).toEqual(['達成', '達成', '概ね達成', '概ね達成', '未達成', '未達成']);
  });
});

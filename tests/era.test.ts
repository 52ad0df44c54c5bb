import { describe, it, expect } from 'vitest';
import * as era from '../src/era/index.js';

const march2019 = { asOf: '2019-03-01' };
const current = {};

describe('和暦 and 年度', () => {
  it('writes fiscal years as a plan of March 2019 did (平成 continues)', () => {
    expect(era.fiscalYearLong(2017, march2019)).toBe('平成29年度');
    expect(era.fiscalYearShort(2017, march2019)).toBe('H29');
    expect(era.fiscalYearLong(2020, march2019)).toBe('平成32年度');
    expect(era.fiscalYearShort(2020, march2019)).toBe('H32');
    expect(era.monthLong('2021-03', march2019)).toBe('平成33年3月');
    expect(era.monthShort('2021-03', march2019)).toBe('H33年3月');
  });

  it('writes every date in its own era without asOf, with 元年', () => {
    expect(era.fiscalYearLong(2019, current)).toBe('令和元年度');
    expect(era.fiscalYearShortWithNendo(2019, current)).toBe('R元年度');
    expect(era.fiscalYearShort(2019, current)).toBe('R1');
    expect(era.fiscalYearLong(2020, current)).toBe('令和2年度');
    expect(era.fiscalYearShort(2021, current)).toBe('R3');
    expect(era.yearLong(2019, current)).toBe('令和元年');
    expect(era.fiscalYearLong(2018, current)).toBe('平成30年度');
  });

  it('puts the era boundary between April and May 2019', () => {
    expect(era.monthLong('2019-04', current)).toBe('平成31年4月');
    expect(era.monthLong('2019-05', current)).toBe('令和元年5月');
    expect(era.dateLong('2019-04-30')).toBe('平成31年4月30日');
    expect(era.dateLong('2019-05-01')).toBe('令和元年5月1日');
    expect(era.monthWithWestern('2019-03')).toBe('平成31年(2019年)3月');
  });

  it('follows asOf on both sides of 1 May 2019', () => {
    expect(era.fiscalYearLong(2019, { asOf: '2019-04-30' })).toBe('平成31年度');
    expect(era.fiscalYearLong(2019, { asOf: '2019-05-01' })).toBe('令和元年度');
    expect(era.monthLong('2019-05', { asOf: '2019-04-30' })).toBe('平成31年5月');
  });

  it('knows 昭和 and 平成元年', () => {
    expect(era.fiscalYearLong(1988, current)).toBe('昭和63年度');
    expect(era.yearLong(1989, current)).toBe('平成元年');
  });

  it('counts the year of a plan and its fiscal years', () => {
    expect(era.yearOfPeriod(2017, { from: 2015 })).toBe(3);
    expect(era.fiscalYears({ from: 2021, to: 2025 })).toEqual([2021, 2022, 2023, 2024, 2025]);
  });
});

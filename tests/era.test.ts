import { describe, it, expect } from 'vitest';
import * as era from '../src/era/index.js';
import { isoDateOf, westernYear } from '../src/era/parse.js';

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

// Closes the mutants the mutation check (npm run mutation) found alive in src/era/.
describe('the edges of the era arithmetic', () => {
  it('gives each caller its own copy of a remembered answer, keyed by the date and by asOf', () => {
    const a = era.eraOfDate('2020-06-01', current);
    a.era = '改ざん';
    expect(era.eraOfDate('2020-06-01', current)).toEqual({ era: '令和', abbr: 'R', year: 2 });
    // the same date under another asOf, and another date, are not the remembered answer
    expect(era.eraOfDate('2020-06-01', march2019)).toEqual({ era: '平成', abbr: 'H', year: 32 });
    expect(era.eraOfDate('2020-06-02', current)).toEqual({ era: '令和', abbr: 'R', year: 2 });
    expect(era.eraOfDate('1990-06-02', current)).toEqual({ era: '平成', abbr: 'H', year: 2 });
  });

  it('decides a month by its last day, and a year by its last day (1926 and 1989 began two eras late in the year or month)', () => {
    expect(era.monthLong('1989-01', current)).toBe('平成元年1月');
    expect(era.monthShort('1989-01', current)).toBe('H元年1月');
    expect(era.monthLong('1926-12', current)).toBe('昭和元年12月');
    expect(era.monthWithWestern('1989-01')).toBe('平成元年(1989年)1月');
    expect(era.yearLong(1926, current)).toBe('昭和元年');
    expect(era.fiscalYearShortWithNendo(1988, current)).toBe('S63年度');
    expect(era.dateLong('1989-01-07')).toBe('昭和64年1月7日');
    expect(era.dateLong('1989-01-08')).toBe('平成元年1月8日');
    // a document of 1988 knows no 平成: 1990 is 昭和65年度 there
    expect(era.fiscalYearLong(1990, { asOf: '1988-04-01' })).toBe('昭和65年度');
  });

  it('writes the open data time points', () => {
    expect(era.monthEndIso('2019-04')).toBe('2019-04-30');
    expect(era.fiscalYearEndIso(2019)).toBe('2020-03-31');
    expect(era.fiscalYearIso(2019)).toBe('2019-04/2020-03');
    expect(era.fiscalYears({ from: 2020, to: 2020 })).toEqual([2020]);
  });

  it('takes only real dates, months and years within 昭和元年12月25日 to 9999', () => {
    const dates: [unknown, boolean][] = [
      ['2019-03-01', true],
      ['2020-02-29', true],
      ['2019-02-29', false],
      ['2019-04-31', false],
      ['2019-01-31', true],
      ['2019-12-31', true],
      ['2019-00-10', false],
      ['2019-13-01', false],
      ['2019-01-00', false],
      ['1926-12-24', false],
      ['1926-12-25', true],
      ['9999-12-31', true],
      ['x2019-03-01', false],
      ['2019-03-01x', false],
      ['2019-3-1', false],
      ['20190301', false],
      [20190301, false],
      [undefined, false],
      // an array reads as its one element's text, and would compare like it
      [['2019-03-01'], false],
    ];
    for (const [d, want] of dates) expect(era.isSupportedDate(d), String(d)).toBe(want);
    const months: [unknown, boolean][] = [
      ['2018-03', true],
      ['2018-00', false],
      ['2018-13', false],
      ['2018-12', true],
      ['2018-01', true],
      ['1926-11', false],
      ['1926-12', true],
      ['9999-12', true],
      ['x2018-03', false],
      ['2018-03x', false],
      ['2018-3', false],
      [201803, false],
      [['2018-03'], false],
    ];
    for (const [m, want] of months) expect(era.isSupportedMonth(m), String(m)).toBe(want);
    const years: [unknown, boolean][] = [
      [1926, true],
      [1925, false],
      [9999, true],
      [10000, false],
      [2019.5, false],
      ['2019', false],
      [NaN, false],
    ];
    for (const [y, want] of years) expect(era.isSupportedYear(y), String(y)).toBe(want);
  });

  it('refuses what it cannot write with an EraInputError that says what was expected and what came', () => {
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as era.EraInputError;
      }
      throw new Error('not thrown');
    };
    const y = thrown(() => era.fiscalYearLong(1925, current));
    expect(y).toBeInstanceOf(era.EraInputError);
    expect([y.name, y.kind, y.input, y.message]).toEqual(['EraInputError', 'year', 1925, 'era: not a supported year: 1925']);
    const d = thrown(() => era.dateLong(`2019-02-30${'x'.repeat(50)}`));
    expect([d.kind, d.message]).toEqual(['date', `era: not a supported date: 2019-02-30${'x'.repeat(30)}`]);
    expect(thrown(() => era.monthLong('2019-13', current)).kind).toBe('month');
    expect(thrown(() => era.fiscalYearIso(10000)).kind).toBe('year');
    expect(thrown(() => era.eraOfDate('2019-01-01', { asOf: '2019-02-30' })).kind).toBe('date');
  });
});

describe('a year as people write it on forms, as the Western year', () => {
  it('reads era years, Western years and bare years, and nothing else', () => {
    const cases: [unknown, number | undefined][] = [
      ['平成31', 2019],
      ['H31', 2019],
      ['h31年度', 2019],
      ['令和元', 2019],
      ['令和元年度', 2019],
      ['R2年', 2020],
      ['r2', 2020],
      ['昭和64', 1989],
      ['S1', 1926],
      ['s63年', 1988],
      ['平成 31 年度', 2019],
      [' 平成３１ ', 2019],
      ['２０１９年度', 2019],
      ['2019', 2019],
      ['2019年', 2019],
      ['31', 2019],
      ['2年度', 2020],
      ['20', 2008],
      ['19', 2037],
      ['平成123', undefined],
      ['x平成31', undefined],
      ['平成31年度x', undefined],
      ['12345', undefined],
      ['123', undefined],
      ['abc', undefined],
      ['', undefined],
      ['平成', undefined],
      [31, 2019],
      [2, 2020],
      [20, 2008],
      [19, 2037],
      [99, 2087],
      [1, 2019],
      [0, undefined],
      [100, undefined],
      [-1, undefined],
      [1.5, undefined],
      [null, undefined],
      [undefined, undefined],
    ];
    for (const [w, want] of cases) expect(westernYear(w), JSON.stringify(w)).toBe(want);
  });
});

describe('a date as people write it, as the ISO date', () => {
  it('reads slashes, dots, 年月日 and era years, and only days of the calendar', () => {
    const cases: [string, string | undefined][] = [
      ['2019/8/30', '2019-08-30'],
      ['2019.8.30', '2019-08-30'],
      ['2019-8-3', '2019-08-03'],
      ['2019年8月30日', '2019-08-30'],
      ['2019年8月30', '2019-08-30'],
      ['令和元年8月30日', '2019-08-30'],
      ['令和元年 8月 30日', '2019-08-30'],
      ['R1.8.30', '2019-08-30'],
      ['r1/8/30', '2019-08-30'],
      ['平成30年6月1日', '2018-06-01'],
      ['H30.6.1', '2018-06-01'],
      ['２０１９／８／３０', '2019-08-30'],
      ['2019/12/31', '2019-12-31'],
      ['2020/2/29', '2020-02-29'],
      ['2019/2/29', undefined],
      ['2019/13/1', undefined],
      ['2019/0/1', undefined],
      ['2019/1/0', undefined],
      ['2019/4/31', undefined],
      ['19/8/30', undefined],
      ['2019/8', undefined],
      ['2019/8/30/1', undefined],
      ['x2019/8/30', undefined],
      ['2019/8/30x', undefined],
      ['大正5年1月1日', undefined],
      ['', undefined],
    ];
    expect(cases.map(([w]) => [w, isoDateOf(w)])).toEqual(cases);
  });
});

// The cross-checks of validate/bounds.ts on small in-memory data: what each file allows on its own
// but the documents cannot hold. Each refusal names the file, the place and what was found.
import { describe, it, expect } from 'vitest';
import { checkBounds } from '../src/validate/bounds.js';
import type { Dataset, Model } from '../src/model/schema.js';

const MAX = Number.MAX_SAFE_INTEGER;
type Found = [file: string, message: string, path: (string | number)[]];

const dataset = (fiscalYears?: number[]) => ({ documents: fiscalYears ? { results: { fiscalYears } } : {} }) as unknown as Dataset;
const initiative = (file: string, data: Record<string, unknown>) => ({ file, data }) as unknown as Model['initiatives'][number];

function bounds(ds: Dataset, initiatives: Model['initiatives'], complete = true): Found[] {
  const found: Found[] = [];
  checkBounds(ds, initiatives, complete, (file, message, path) => found.push([file, message, path]));
  return found;
}

describe('results years', () => {
  const with2017 = [initiative('initiatives/a.json', { results: { '2017': { budget: 1 } } }), initiative('initiatives/b.json', {})];

  it('takes a data set without a results report, and years some initiative has results for', () => {
    expect(bounds(dataset(), with2017)).toEqual([]);
    expect(bounds(dataset([2017]), with2017)).toEqual([]);
  });

  it('refuses a year written twice, at its second place', () => {
    expect(bounds(dataset([2017, 2017]), with2017)).toEqual([['dataset.json', '2017年度が二度書かれています', ['documents', 'results', 'fiscalYears', 1]]]);
  });

  it('refuses a year no initiative has results for, unless some initiative file could not be read', () => {
    const said = '2018年度の実績（results."2018"）がどの事業にもないため、事業実施結果を作れません（npm run new-year で実績欄を追加してください）';
    expect(bounds(dataset([2017, 2018]), with2017)).toEqual([['dataset.json', said, ['documents', 'results', 'fiscalYears', 1]]]);
    expect(bounds(dataset([2017, 2018]), with2017, false)).toEqual([]);
  });
});

describe('relisting', () => {
  it('refuses a section named twice, in either form, at the place of the second', () => {
    const twice = (relistedIn: unknown[]) => bounds(dataset(), [initiative('initiatives/a.json', { relistedIn })]);
    expect(twice(['2-1', '3-1'])).toEqual([]);
    expect(twice(['2-1', { section: '3-1' }, '2-1'])).toEqual([['initiatives/a.json', '再掲先の節 "2-1" が二度書かれています', ['relistedIn', 2]]]);
    expect(twice(['2-1', { section: '2-1' }])).toEqual([['initiatives/a.json', '再掲先の節 "2-1" が二度書かれています', ['relistedIn', 1, 'section']]]);
    // each file on its own: the same section in two initiatives is fine
    expect(bounds(dataset(), [initiative('initiatives/a.json', { relistedIn: ['2-1'] }), initiative('initiatives/b.json', { relistedIn: ['2-1'] })])).toEqual(
      [],
    );
  });
});

describe('budget totals', () => {
  const budgets = (...list: [string, Record<string, number | undefined>][]) =>
    bounds(
      dataset(),
      list.map(([file, years]) => initiative(file, { results: Object.fromEntries(Object.entries(years).map(([fy, budget]) => [fy, { budget }])) })),
    );

  it('takes a total of exactly Number.MAX_SAFE_INTEGER, years summed apart, and results without a budget', () => {
    expect(budgets(['a', { '2017': MAX - 1 }], ['b', { '2017': 1, '2018': MAX }], ['c', { '2017': undefined, '2018': undefined }])).toEqual([]);
  });

  it('refuses the file whose budget takes the total beyond exact integers, once per year', () => {
    const said = '2017年度の事業費の合計が 9,007,199,254,740,991 千円を超え、正しく計算できません';
    expect(budgets(['a', { '2017': MAX }], ['b', { '2017': 1 }], ['c', { '2017': 1 }])).toEqual([['b', said, ['results', '2017', 'budget']]]);
    expect(budgets(['a', { '2017': MAX - 1 }], ['b', { '2017': undefined }], ['c', { '2017': 2 }]).map((f) => f[0])).toEqual(['c']);
  });
});

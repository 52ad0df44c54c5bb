// Issue 17: inputs that validate accepted and build then crashed on, or that printed
// plausible nonsense. Each is now refused by validation with its file and place (or built).
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseJsonFile, type RawDataset } from '../src/load/index.js';
import { validate } from '../src/validate/index.js';
import { checkBounds } from '../src/validate/bounds.js';
import { checkDataset } from '../src/pipeline.js';
import { jsonPathText, formatProblem, type Problem } from '../src/problem.js';
import * as era from '../src/era/index.js';
import type { Dataset, Model } from '../src/model/schema.js';
import { original, mutate, refusedOrBuilt } from './helpers/mutate.js';
import { runCli } from './helpers/cli.js';

const ROOT = path.join(__dirname, '..');
const MINI = path.join(ROOT, 'tests/fixtures/mini');

/** mini, changed in memory: JSON files by a function on their value, texts replaced. */
function changed(json: Record<string, (v: any) => void> = {}, texts: Record<string, string> = {}): RawDataset {
  const raw = mutate(original(MINI), { kind: 'remove-file', file: 'nothing' });
  for (const [rel, edit] of Object.entries(json)) {
    const v = structuredClone(raw.json.get(rel)!.value);
    edit(v);
    raw.json.set(rel, parseJsonFile(rel, JSON.stringify(v, null, 2), [])!);
  }
  for (const [rel, t] of Object.entries(texts)) raw.texts.set(rel, t);
  return raw;
}

const errorsOf = (raw: RawDataset) => validate(raw).problems.filter((p) => p.severity === 'error');

/** The one error validation reports, with its text for the assertion message. */
function theError(raw: RawDataset): Problem {
  const errors = errorsOf(raw);
  expect(errors, errors.map((p) => formatProblem(p)).join('\n')).toHaveLength(1);
  return errors[0];
}

const text = (body: string) => changed({}, { 'text/1-1.md.hbs': body });

const cli = runCli;

/** A copy of mini on disk, changed by `change`, removed after `use`. */
function onDisk(change: (dir: string) => void, use: (dir: string) => void) {
  const work = mkdtempSync(path.join(tmpdir(), 'hostile-'));
  const dir = path.join(work, 'mini');
  try {
    cpSync(MINI, dir, { recursive: true });
    change(dir);
    use(dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
const editJson = (dir: string, rel: string, edit: (v: any) => void) => {
  const v = JSON.parse(readFileSync(path.join(dir, rel), 'utf8'));
  edit(v);
  writeFileSync(path.join(dir, rel), JSON.stringify(v, null, 2));
};

describe('6. valid by validate but fatal to build: now refused with the place', () => {
  it('a results year that no initiative has results for', () => {
    const e = theError(changed({ 'dataset.json': (d) => d.documents.results.fiscalYears.push(2018) }));
    expect(e.file).toBe('dataset.json');
    expect(jsonPathText(e.path)).toBe('documents.results.fiscalYears[1]');
    expect(e.line).toBeGreaterThan(0);
    expect(e.message).toContain('2018年度の実績（results."2018"）がどの事業にもない');
  });

  it('the same fiscal year twice', () => {
    const e = theError(changed({ 'dataset.json': (d) => d.documents.results.fiscalYears.push(2017) }));
    expect(jsonPathText(e.path)).toBe('documents.results.fiscalYears[1]');
    expect(e.message).toBe('2017年度が二度書かれています');
  });

  it('the same section twice in relistedIn, in either form', () => {
    const e = theError(changed({ 'initiatives/001.json': (d) => d.relistedIn.push({ section: '2-1' }) }));
    expect(e.file).toBe('initiatives/001.json');
    expect(jsonPathText(e.path)).toBe('relistedIn[1].section');
    expect(e.message).toBe('再掲先の節 "2-1" が二度書かれています');
  });

  it('an era.asOf before 昭和 (the first day the era module can write is 1926-12-25)', () => {
    for (const asOf of ['1920-01-01', '1926-12-24']) {
      const e = theError(changed({ 'dataset.json': (d) => (d.era.asOf = asOf) }));
      expect(jsonPathText(e.path)).toBe('era.asOf');
      expect(e.message).toContain('1926-12-25（昭和元年12月25日）以降');
    }
    expect(errorsOf(changed({ 'dataset.json': (d) => (d.era.asOf = '1926-12-25') }))).toEqual([]);
  });

  const templateCases: [string, string, number, number, string][] = [
    ['an unknown partial', 'a\nb {{> x}}', 2, 3, '部分テンプレート「x」は定義されていません'],
    ['an unknown helper', '{{foo 1}}', 1, 1, '「foo」という関数（ヘルパー）はありません'],
    ['an unknown helper inside ( )', '{{fy (foo 1)}}', 1, 6, '「foo」という関数（ヘルパー）はありません'],
    // an Object method's name is no helper (it was looked up among inherited keys)
    ['an Object method called as a helper', '{{hasOwnProperty 1}}', 1, 1, '「hasOwnProperty」という関数（ヘルパー）はありません'],
    ['an Object method as a block', '{{#valueOf}}x{{/valueOf}}', 1, 1, '{{#valueOf}} は使えません'],
    ['{{#each}} without an argument', 'x {{#each}}y{{/each}}', 1, 3, '{{#each}} には引数を 1 個書いてください（0 個あります）'],
    ['{{fy}} without an argument', '{{fy}}', 1, 1, '{{fy}} には引数を 1 個書いてください（0 個あります）'],
    ['a self-recursive inline partial', '{{#*inline "p"}}{{> p}}{{/inline}}{{> p}}', 1, 17, '部分テンプレート「p」が自分自身を呼び出しています'],
    [
      'partials calling each other',
      '{{#*inline "a"}}{{> b}}{{/inline}}{{#*inline "b"}}{{#if 1}}{{> a}}{{/if}}{{/inline}}',
      1,
      60,
      '部分テンプレート「a」が自分自身を呼び出しています',
    ],
    ['{{log}}, which writes to the standard output', 'a {{log "x"}}', 1, 3, '「log」は本文では使えません'],
    ['{{lookup}}', '{{lookup dataset "title"}}', 1, 1, '「lookup」は本文では使えません'],
    ['a way into JavaScript objects', '{{dataset.constructor.name}}', 1, 3, '「constructor」は使えない名前です'],
    ['a block form of a text helper', '{{#fy 2017}}x{{/fy}}', 1, 1, '「fy」は {{#fy}} の形では使えません'],
    ['blocks nested too deep for the parser', '{{#if 1}}'.repeat(5000) + '{{/if}}'.repeat(5000), 1, 271, '{{#…}} や ( ) の入れ子が深すぎます'],
    ['{{else if}} chained too long', '{{#if 1}}' + '{{else if 1}}'.repeat(5000) + '{{/if}}', 1, 387, '{{#…}} や ( ) の入れ子が深すぎます'],
    // parsed, but overflowed the stack of validation itself
    ['( ) nested 5000 deep', `x\n{{fy ${'(add 1 '.repeat(5000)}1${')'.repeat(5000)}}}`, 2, 1, '{{#…}} や ( ) の入れ子が深すぎます'],
    ['too many {{ }} for a bounded parse', '{{fy 2017}}'.repeat(2001), 1, 22001, '{{ }} が多すぎます（2000 個まで）'],
    // a group of values printed [object Object] (issue 23)
    [
      '{{this}} at the top (the whole data)',
      '本文は\n{{this}}です',
      2,
      1,
      '{{this}} は一つの文字や数ではなく項目のまとまりなので、そのままでは書けません（[object Object] のように印刷されます）',
    ],
    [
      '{{this}} of an item that is not one value',
      '{{#each dataset.history}}{{event}}、{{this}}{{/each}}',
      1,
      36,
      '{{this}} は一つの文字や数ではなく項目のまとまり',
    ],
    ['a group of values by name', 'a {{period}}', 1, 3, '{{period}} は一つの文字や数ではなく項目のまとまり'],
    ['a list by name', '{{dataset.sections}}', 1, 1, '{{dataset.sections}} は一つの文字や数ではなく一覧なので'],
  ];
  for (const [what, body, line, column, message] of templateCases) {
    it(`a data text with ${what}`, () => {
      const e = theError(text(body));
      expect(e.file).toBe('text/1-1.md.hbs');
      expect([e.line, e.column]).toEqual([line, column]);
      expect(e.message).toContain(message);
    });
  }

  it('a partial that expands without end in length (each call ten times the last)', () => {
    let s = '{{#*inline "p0"}}xxxxxxxxxx{{/inline}}';
    for (let i = 1; i < 30; i++) s += `{{#*inline "p${i}"}}${`{{> p${i - 1}}}`.repeat(10)}{{/inline}}`;
    const t0 = performance.now();
    const e = theError(text(s + '{{> p29}}'));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e.message).toContain('展開すると長くなりすぎます');
  });

  it('"001" relisted in "2-1" and "001-2" in "1" no longer share one anchor (pdfmake: Node id already exists)', async () => {
    const raw = changed();
    const other = { ...(raw.json.get('initiatives/002.json')!.value as object), no: 3, section: '1' };
    raw.json.set('initiatives/001-2.json', parseJsonFile('initiatives/001-2.json', JSON.stringify(other, null, 2), [])!);
    expect(errorsOf(raw)).toEqual([]);
    expect(await refusedOrBuilt(raw)).toBeUndefined();
  });

  it('what the data texts may use still passes and builds', async () => {
    const raw = text(
      '{{#each dataset.sections}}{{title}}{{else}}なし{{/each}} {{#with dataset}}{{title}}{{/with}} {{#if period}}{{fy period.from}}{{else if title}}b{{/if}}\n\n' +
        '{{#*inline "p"}}{{fyShort 2018}}{{/inline}}{{> p}} {{join (fy 2017) "、"}} {{{title}}} {{date "2019-02-28"}} {{month "2019-05"}} {{yen 1234}} {{add 1 2}}\n\n' +
        // {{this}} of a list of plain values is one value each time
        '{{#each dataset.history}}{{#with event}}{{this}}{{/with}}{{/each}} {{#with period}}{{this.from}}{{/with}}',
    );
    expect(errorsOf(raw).map((p) => formatProblem(p))).toEqual([]);
    expect(await refusedOrBuilt(raw)).toBeUndefined();
  });
});

describe('7. very long text: refused quickly by its length', () => {
  // 3,000,000 characters of 3 bytes: a 9 MB file, just under the 10 MB a JSON file may have
  for (const [field, line, message] of [
    ['title', 3, '200文字以内で書いてください（3000000文字あります）'],
    ['description', 10, '20000文字以内で書いてください（3000000文字あります）'],
  ] as const) {
    it(`a 3,000,000-character ${field} is refused in under 2 s (load included), with the place and the limit`, () => {
      onDisk(
        (dir) => editJson(dir, 'initiatives/001.json', (d) => (d[field] = 'あ'.repeat(3_000_000))),
        (dir) => {
          const t0 = performance.now();
          const { problems } = checkDataset(dir);
          expect(performance.now() - t0).toBeLessThan(2000);
          const errors = problems.filter((p) => p.severity === 'error');
          expect(errors.map((p) => [p.file, jsonPathText(p.path), p.line, p.message])).toEqual([['initiatives/001.json', field, line, message]]);
        },
      );
    });
  }

  it('a text file of 333,333 characters (1 MB) is refused in under 2 s by its length; a larger one by its size, unread', () => {
    onDisk(
      (dir) => writeFileSync(path.join(dir, 'text/1-1.md.hbs'), 'あ'.repeat(333_333)),
      (dir) => {
        const t0 = performance.now();
        const { problems } = checkDataset(dir);
        expect(performance.now() - t0).toBeLessThan(2000);
        expect(problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.message])).toEqual([
          ['text/1-1.md.hbs', '本文ファイルが長すぎます（333333 文字。200000 文字までにしてください）'],
        ]);
      },
    );
    onDisk(
      (dir) => writeFileSync(path.join(dir, 'text/1-1.md.hbs'), 'あ'.repeat(10 * 1024 * 1024)),
      (dir) => {
        const t0 = performance.now();
        const { problems } = checkDataset(dir);
        expect(performance.now() - t0).toBeLessThan(2000);
        expect(problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.message.split('。')[0]])).toEqual([
          ['text/1-1.md.hbs', 'text/1-1.md.hbs は大きすぎます（31.5 MB'],
        ]);
      },
    );
  });

  it('one paragraph of a text longer than 20,000 characters (its layout grows with the square of its length)', () => {
    const e = theError(text('# 見出し\n\n' + 'あいうえおかきくけこ。'.repeat(2000)));
    expect([e.file, e.line, e.column]).toEqual(['text/1-1.md.hbs', 3, 1]);
    expect(e.message).toBe('段落「あいうえおかきくけこ。あいうえおかきくけ…」が長すぎます（22000 文字。20000 文字までに分けてください）');
    expect(errorsOf(text('あいうえおかきくけこ。'.repeat(1800) + '\n\n' + 'あいうえおかきくけこ。'.repeat(1800)))).toEqual([]);
  });

  it('Markdown nested thousands deep (> or *), which overflowed marked at build', () => {
    for (const body of ['a\n\n' + '> '.repeat(3000) + 'x', 'a\n\n' + '*'.repeat(6000) + 'x' + '*'.repeat(6000)]) {
      const e = theError(text(body));
      expect([e.file, e.line, e.column, e.message]).toEqual(['text/1-1.md.hbs', 3, 1, 'Markdown を読めません（> や * などの入れ子が深すぎます）']);
    }
  });

  it('outcome, achievement and glossary definitions have the prose limit (20,000), titles and names 200', () => {
    const long = 'あ'.repeat(20_001);
    const e = theError(changed({ 'initiatives/001.json': (d) => (d.results['2017'].outcome = long) }));
    expect([jsonPathText(e.path), e.message]).toEqual(['results.2017.outcome', '20000文字以内で書いてください（20001文字あります）']);
    expect(jsonPathText(theError(changed({ 'initiatives/001.json': (d) => (d.results['2017'].achievement = long) })).path)).toBe('results.2017.achievement');
    expect(jsonPathText(theError(changed({ 'glossary.json': (d) => (d[0].definition = long) })).path)).toBe('[0].definition');
    expect(jsonPathText(theError(changed({ 'dataset.json': (d) => (d.sections[0].title = 'あ'.repeat(201)) })).path)).toBe('sections[0].title');
    expect(errorsOf(changed({ 'initiatives/001.json': (d) => ((d.results['2017'].outcome = 'あ'.repeat(20_000)), (d.title = 'あ'.repeat(200))) }))).toEqual([]);
  });
});

describe('8. impossible dates and years are refused, not printed as plausible text', () => {
  it('the era functions throw EraInputError instead of writing 平成13年度 or 平成NaN年', () => {
    const rule = {};
    expect(() => era.fiscalYearLong(Number('abc'), rule)).toThrow(era.EraInputError);
    expect(() => era.dateLong('not-a-date')).toThrow(era.EraInputError);
    expect(() => era.dateLong('2019-02-30')).toThrow(era.EraInputError);
    expect(() => era.fiscalYearLong(1900, rule)).toThrow(era.EraInputError);
    expect(() => era.monthLong('2019-13', rule)).toThrow(era.EraInputError);
    expect(() => era.monthLong('1926-11', rule)).toThrow(era.EraInputError);
    expect(() => era.fiscalYearLong(2017, { asOf: '1920-01-01' })).toThrow(era.EraInputError);
    expect(era.fiscalYearLong(1926, rule)).toBe('昭和元年度');
    expect(era.dateLong('1926-12-25')).toBe('昭和元年12月25日');
    expect(era.dateLong('2020-02-29')).toBe('令和2年2月29日');
  });

  it('the open data writes a time point in ISO 8601 (once it called the year helper with nothing: 平成13年年平成13年1月月末), and refuses an impossible one', () => {
    expect(era.monthEndIso('2018-03')).toBe('2018-03-31');
    expect(era.monthEndIso('2020-02')).toBe('2020-02-29');
    expect(era.fiscalYearEndIso(2018)).toBe('2019-03-31');
    expect(era.fiscalYearIso(2017)).toBe('2017-04/2018-03');
    expect(() => era.monthEndIso('2019-13')).toThrow(era.EraInputError);
    expect(() => era.fiscalYearEndIso(Number('abc'))).toThrow(era.EraInputError);
  });

  it('{{fy "abc"}} and {{date "not-a-date"}} in a text, with their places', () => {
    const errors = errorsOf(text('本文\n{{fy "abc"}} と {{date "not-a-date"}}'));
    expect(errors.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 6, 'テンプレート（{{ }}）: {{fy …}} には 1926〜9999 の西暦の年を渡してください（"abc" が渡されました）'],
      [2, 23, 'テンプレート（{{ }}）: {{date …}} には暦にある日付を "2019-03-01" の形で（1926-12-25 以降）渡してください（"not-a-date" が渡されました）'],
    ]);
  });

  it('a helper given a value from the data that is no year, found by expanding the text once', () => {
    const e = theError(text('本文\n\n{{fy title}}'));
    expect([e.line, e.column]).toEqual([3, 1]);
    expect(e.message).toContain('{{fy …}} には 1926〜9999 の西暦の年を渡してください（"テスト県ICT推進プラン" が渡されました）');
  });

  it('a period 1900–1903 (which printed 昭和-25年度)', () => {
    const errors = errorsOf(changed({ 'dataset.json': (d) => (d.period = { from: 1900, to: 1903 }) }));
    expect(errors.find((p) => jsonPathText(p.path) === 'period.from')?.message).toBe('1926年（昭和元年）以降の年を書いてください');
  });

  it('2019-02-30 as a date, 2019-13 as a month', () => {
    const e = theError(changed({ 'dataset.json': (d) => (d.documents.results.publishedOn = '2019-02-30') }));
    expect(jsonPathText(e.path)).toBe('documents.results.publishedOn');
    expect(e.message).toContain('暦にある日付を');
    expect(jsonPathText(theError(changed({ 'dataset.json': (d) => (d.history[0].date = '1900-03') })).path)).toBe('history[0].date');
    const m = theError(changed({ 'dataset.json': (d) => (d.history[0].date = '2019-13') }));
    expect(m.message).toBe('"2018-03" の形（年-月）で書いてください');
  });
});

describe('9. odd acceptances', () => {
  it('a title of spaces (half or full width) is an error, not an empty heading', () => {
    for (const t of ['   ', '　　']) {
      const e = theError(changed({ 'initiatives/002.json': (d) => (d.title = t) }));
      expect([e.file, jsonPathText(e.path), e.message]).toEqual(['initiatives/002.json', 'title', '空白だけの文字列は使えません']);
    }
  });

  it('a heading of a data text with no words (it printed as a bare number)', () => {
    const e = theError(text('# 背景\n\n#   \n\n本文'));
    expect([e.file, e.line, e.column, e.message]).toEqual(['text/1-1.md.hbs', 3, 1, '見出し（#）に文字がありません']);
  });

  it('a budget above 10^12 千円 is refused', () => {
    const e = theError(changed({ 'initiatives/001.json': (d) => (d.results['2017'].budget = 1_000_000_000_001) }));
    expect(jsonPathText(e.path)).toBe('results.2017.budget');
    expect(e.message).toBe('事業費は 1,000,000,000,000 千円以下で書いてください（合計が正しく計算できなくなります）');
  });

  it('a year whose budget total would pass 2^53 is refused at the initiative that passes it', () => {
    const initiatives = Array.from({ length: 9008 }, (_, i) => ({
      id: String(i),
      file: `initiatives/${i}.json`,
      data: { results: { 2017: { budget: 1_000_000_000_000 } } },
    })) as unknown as Model['initiatives'];
    const found: [string, string, string][] = [];
    checkBounds({ documents: {} } as Dataset, initiatives, true, (file, message, p) => found.push([file, jsonPathText(p), message]));
    expect(found).toEqual([
      ['initiatives/9007.json', 'results.2017.budget', '2017年度の事業費の合計が 9,007,199,254,740,991 千円を超え、正しく計算できません'],
    ]);
  });
});

describe('through the command line: exit 1 with the place, never 3 with a stack', () => {
  it('validate and build refuse an unknown partial', () => {
    onDisk(
      (dir) => writeFileSync(path.join(dir, 'text/1-1.md.hbs'), 'a\nb {{> x}}'),
      (dir) => {
        for (const command of ['validate', 'build']) {
          const out = path.join(dir, '..', 'out');
          const r = cli([command, '--data', dir, ...(command === 'build' ? ['--out', out] : [])]);
          expect(r.code, r.stderr).toBe(1);
          expect(r.stderr).toMatch(/エラー .*mini\/text\/1-1\.md\.hbs:2:3: テンプレート（\{\{ \}\}）: 部分テンプレート「x」は定義されていません/);
          expect(r.stderr).not.toMatch(/内部エラー|\n\s+at /);
          expect(existsSync(out)).toBe(false);
        }
      },
    );
  });

  it('build refuses an era.asOf before 昭和 and the same fiscal year twice', () => {
    onDisk(
      (dir) => editJson(dir, 'dataset.json', (d) => ((d.era.asOf = '1920-01-01'), d.documents.results.fiscalYears.push(2017))),
      (dir) => {
        const r = cli(['build', '--data', dir, '--out', path.join(dir, '..', 'out')]);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(/dataset\.json:\d+:\d+ era\.asOf: 暦にある日付を 1926-12-25/);
        expect(r.stderr).not.toMatch(/内部エラー|\n\s+at /);
      },
    );
  });

  it('{{log}} in a text no longer writes to the standard output of build --json', () => {
    onDisk(
      (dir) => writeFileSync(path.join(dir, 'text/1-1.md.hbs'), '{{log "LOGGED"}}'),
      (dir) => {
        const r = cli(['build', '--json', '--data', dir, '--out', path.join(dir, '..', 'out')]);
        expect(r.code).toBe(1);
        expect(r.stdout).not.toContain('LOGGED');
        expect(JSON.parse(r.stdout).ok).toBe(false);
      },
    );
  });
});

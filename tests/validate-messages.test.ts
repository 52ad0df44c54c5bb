// Validation messages a data keeper can act on: the Western year to write, the budget to write,
// the key meant, the comma to delete, the department meant; printed by file then place; no
// unused-term warnings when a file that uses the terms could not be read.
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDataset } from '../src/pipeline.js';
import { formatProblem } from '../src/problem.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');

/** Problems of the mini data set after `change` edits a copy of it, as printed. */
function problemsAfter(change: (dir: string) => void): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'msg-'));
  try {
    cpSync(MINI, dir, { recursive: true });
    change(dir);
    return checkDataset(dir).problems.map((p) => formatProblem(p));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const edit = (dir: string, rel: string, from: string, to: string) => {
  const f = path.join(dir, rel);
  const t = readFileSync(f, 'utf8');
  expect(t).toContain(from);
  writeFileSync(f, t.replace(from, to));
};
const INIT = 'initiatives/001.json';

describe('validation messages', () => {
  it('a plan dated in 令和 that still writes 平成32年 (carried from the March 2019 plan) is told the year meant, in text and data', () => {
    const carried = (asOf: string) =>
      problemsAfter((d) => {
        edit(d, 'dataset.json', '"asOf": "2019-03-01"', `"asOf": "${asOf}"`);
        edit(d, INIT, '"description": "災害時にICTを活用して情報を伝えます。"', '"description": "平成33年3月までに、災害時にICTを活用して情報を伝えます。"');
        writeFileSync(path.join(d, 'text', 'intro.md.hbs'), `${readFileSync(path.join(d, 'text', 'intro.md.hbs'), 'utf8')}\n平成32年度までの計画です。\n`);
      });
    const ps = carried('2019-08-30');
    expect(ps).toContainEqual(
      expect.stringMatching(
        /^警告 initiatives\/001\.json:\d+:\d+ description: 「平成33年」は令和3年（2021年）です。この計画の日付（era\.asOf 2019-08-30）は令和なので、ほかの年は令和で書かれます。令和3年と書いてください$/,
      ),
    );
    expect(ps).toContainEqual(
      expect.stringMatching(
        /^警告 text\/intro\.md\.hbs:\d+:1: 「平成32年」は令和2年（2020年）です。.*本文では \{\{year 2020\}\} と書くと、計画の日付の元号で書かれます（年度は \{\{fy 2020\}\}）$/,
      ),
    );
    // the March 2019 plan itself rightly names them in 平成: nothing is said
    expect(carried('2019-03-01').join('\n')).not.toContain('は令和');
  });

  it('a results key in 和暦 says which Western year to write', () => {
    const ps = problemsAfter((d) => edit(d, INIT, '"2017": {', '"平成29": {'));
    expect(ps).toContainEqual(
      expect.stringMatching(/^エラー initiatives\/001\.json:46:5 results\.平成29: 実績の年度は西暦で書いてください: "平成29" ではなく "2017"$/),
    );
    expect(ps.join('\n')).not.toContain('Invalid key');
  });

  it.each([
    ['"平成31"', 2019],
    ['"R2"', 2020],
    ['31', 2019],
  ])('a year written %s says to write %d', (written, year) => {
    const ps = problemsAfter((d) => edit(d, INIT, '"from": 2019', `"from": ${written}`));
    expect(ps.find((p) => p.includes('schedule（2番目）.from'))).toMatch(new RegExp(`年度は西暦で書いてください: .* ではなく ${year}$`));
  });

  it.each([
    ['"135,304"', '135304'],
    ['"1943682円"', '1943682'],
  ])('a budget written %s says to write %s', (written, digits) => {
    const ps = problemsAfter((d) => edit(d, INIT, '"budget": 1000', `"budget": ${written}`));
    expect(ps.find((p) => p.includes('results.2017.budget'))).toMatch(new RegExp(`「,」「円」を付けずに書いてください: .* ではなく ${digits}$`));
  });

  it('full-width digits where a number goes, a 和暦 date where a fiscal year goes, and a 和暦 year in an indicator 時点 each say what to write, at their own key', () => {
    const ps = problemsAfter((d) => {
      edit(d, INIT, '"no": 1,', '"no": "１７",');
      edit(d, INIT, '"from": 2019', '"from": "令和元年5月1日"');
      edit(d, INIT, '"month": "2018-03"', '"fiscalYear": "平成30年度", "point": "end"');
    });
    expect(ps).toContainEqual(expect.stringMatching(/^エラー initiatives\/001\.json:2:3 no: 数値は「"」を付けず半角で書いてください: "１７" ではなく 17$/));
    expect(ps).toContainEqual(
      expect.stringMatching(
        /^エラー initiatives\/001\.json:\d+:\d+ schedule（2番目）\.from: 年度は西暦で書いてください: 「令和元年5月1日」は 2019年度です。2019 と書いてください$/,
      ),
    );
    // at the key inside the 時点, not at the 時点 as a whole
    expect(ps).toContainEqual(
      expect.stringMatching(
        /^エラー initiatives\/001\.json:\d+:\d+ indicators（1番目）\.baseline\.asOf\.fiscalYear: 年度は西暦で書いてください: 「平成30年度」 ではなく 2018$/,
      ),
    );
  });

  it('a misspelt key is reported at the key with the key meant, and not also as missing', () => {
    const ps = problemsAfter((d) => edit(d, INIT, '"title":', '"titel":'));
    expect(ps).toEqual(['エラー initiatives/001.json:3:3 titel: 知らない項目 "titel" があります。"title" のことですか']);
  });

  it('a trailing comma is reported where it is, saying to delete it', () => {
    const ps = problemsAfter((d) =>
      edit(
        d,
        INIT,
        '"isNew": false,\n  "results": {\n    "2017": {\n      "budget": 1000,\n      "achievement": "計画どおり実施",\n      "outcome": "運用した。"',
        '"isNew": false,\n  "results": {\n    "2017": {\n      "budget": 1000,\n      "achievement": "計画どおり実施",\n      "outcome": "運用した。",',
      ),
    );
    expect(ps).toContainEqual('エラー initiatives/001.json:49:25: JSONの書き方の誤り: 最後の項目の後に「,」があります。この「,」を消してください');
  });

  it('a character JSON cannot take is named, with what to type, once: a full-width space, sign or digit, a tab, a number with separators', () => {
    const syntax = (from: string, to: string) => problemsAfter((d) => edit(d, INIT, from, to)).filter((p) => p.includes('JSONの書き方の誤り'));
    expect(syntax('"budget": 1000', '"budget":\u30001000')).toEqual([
      expect.stringMatching(
        /^エラー initiatives\/001\.json:\d+:\d+: JSONの書き方の誤り: 全角スペース（U\+3000）があります。半角スペースにするか、消してください$/,
      ),
    ]);
    expect(syntax('"budget": 1000', '"budget": １０００')).toEqual([expect.stringContaining('全角の「１」（U+FF11）があります。半角の「1」にしてください')]);
    expect(syntax('"budget": 1000', '"budget"： 1000')).toEqual([expect.stringContaining('全角の「：」（U+FF1A）があります。半角の「:」にしてください')]);
    expect(syntax('"budget": 1000', '“budget”: 1000')).toEqual([expect.stringContaining('全角の「“」（U+201C）があります。半角の「"」にしてください')]);
    expect(syntax('"budget": 1000', '"budget": 1,000')).toEqual([
      expect.stringContaining('数値 1,000 に区切りの「,」があります。数値は 1000 と書いてください'),
    ]);
    expect(syntax('"outcome": "運用した。"', '"outcome": "運用\tした。"')).toEqual([
      expect.stringContaining('文字列の中にタブ文字があります。消すか、半角スペースにしてください'),
    ]);
  });

  it('a date written another way (2019/3/1, 平成31年3月1日) says the date to write; a day not in the calendar, the form', () => {
    const asOf = (typed: string) =>
      problemsAfter((d) => edit(d, 'dataset.json', '"asOf": "2019-03-01"', `"asOf": "${typed}"`)).filter((p) => p.startsWith('エラー'));
    expect(asOf('2019/3/1')).toEqual([expect.stringMatching(/^エラー dataset\.json:\d+:\d+ era\.asOf: "2019-03-01" と書いてください（年-月-日の形）$/)]);
    expect(asOf('平成31年3月1日')).toEqual([expect.stringContaining('era.asOf: "2019-03-01" と書いてください')]);
    expect(asOf('2019/2/30')).toEqual([expect.stringContaining('era.asOf: "2019-03-01" の形（年-月-日）で書いてください')]);
  });

  it('a section that does not exist names the nearest and the sections an initiative can be in; a term defined twice names the first', () => {
    const section = problemsAfter((d) => edit(d, INIT, '"section": "1-1"', '"section": "1-9"')).filter((p) => p.startsWith('エラー'));
    expect(section).toEqual([expect.stringMatching(/section: 節 "1-9" は dataset\.json の sections にありません。"1-\d" のことですか。事業を置ける節: 1-1、/)]);
    const twice = problemsAfter((d) => {
      const f = path.join(d, 'glossary.json');
      const g = JSON.parse(readFileSync(f, 'utf8'));
      writeFileSync(f, JSON.stringify([...g, { ...g[0], definition: '二度目の定義。' }], null, 2));
    }).filter((p) => p.startsWith('エラー'));
    expect(twice).toEqual([
      expect.stringMatching(
        /^エラー glossary\.json:\d+:\d+ （\d+番目）\.term: 用語「.+」は1番目（3行目）にもあります。一つにまとめて、もう一方を消してください$/,
      ),
    ]);
  });

  it('prints problems by file, then by place, and a file that fails to parse gives no unused-term warnings', () => {
    const ps = problemsAfter((d) => {
      writeFileSync(path.join(d, 'glossary.json'), '[ { "term": "ICT", "definition": "情報通信技術。" }, { "term": "防災情報", "definition": "x" } ]');
      edit(d, 'initiatives/002.json', '"no": 2', '"no": "2"');
      edit(d, INIT, '"budget": 1000', '"budget": "1,000"');
      edit(d, INIT, '"from": 2019', '"from": "H31"');
    });
    // 防災情報 is used by 001's title, which could not be checked
    expect(ps.join('\n')).not.toContain('本文のどこにも出てきません');
    const places = ps.map((p) => /^エラー (\S+?):(\d+):(\d+)/.exec(p)!.slice(1));
    expect(places.map((p) => p[0])).toEqual(['initiatives/001.json', 'initiatives/001.json', 'initiatives/002.json']);
    expect(Number(places[0][1])).toBeLessThan(Number(places[1][1]));
  });

  it('a department not in dataset.json departments is an error with the nearest name', () => {
    const ps = problemsAfter((d) => {
      edit(d, 'dataset.json', '"numbering"', '"departments": ["総務部", "商工労働部", "保健福祉部"],\n  "numbering"');
      edit(d, INIT, '"department": "総務部"', '"department": "商工労動部"');
    });
    expect(ps).toContainEqual(
      expect.stringMatching(
        /^エラー initiatives\/001\.json:4:\d+ department: 部局「商工労動部」は dataset\.json の departments にありません。「商工労働部」のことですか$/,
      ),
    );
    // without the list, any department is accepted
    expect(problemsAfter((d) => edit(d, INIT, '"department": "総務部"', '"department": "商工労動部"')).join('\n')).not.toContain('departments');
  });
});

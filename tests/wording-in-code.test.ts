// The Japanese a user reads lives in templates/*.hbs (src/templates/words.ts, Wording.load), not in
// code: a Japanese string in src/ fails here unless its file is listed below with the reason it
// stays in code. Strings are found with the TypeScript parser, so comments and regular expressions
// (which read the data, 令和 or 円) are not looked at; nor are the arguments of zod's .describe()
// (the data format's field descriptions, which make the JSON Schema and are checked against
// docs/data-format.md), nor punctuation alone (「」・、〜).
import { describe, it, expect } from 'vitest';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { ROOT } from './helpers/data.js';
import { wordsOf } from '../src/templates/words.js';

/** kana and kanji (not the marks of U+3000–U+303F, nor ・ー of U+30FB–U+30FF alone) */
const JAPANESE = /[\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff]/;

/** The files where Japanese strings stay in code, and why. */
const ALLOWED: Record<string, string> = {
  // said before the wording can be read
  'src/cli.ts': 'the last word when even the error text (src/error-text.ts and its wording) cannot be loaded',
  'src/paths.ts': 'said when the project folder, and with it templates/, cannot be found',
  'src/templates/index.ts': "the wording loader's own message when a piece of wording is missing",
  // the calendar and the data format: values, not sentences
  'src/era/index.ts': 'the calendar: the era names and the units 年・月・日 that dates are written with',
  'src/era/parse.ts': 'the calendar: 元 (the first year) read in a year as written',
  'src/model/schema.ts': "the data format's values of an indicator's direction (増やす・減らす)",
  'src/resolve/achievement.ts': "the data format's values of an indicator's direction (増やす・減らす)",
  'src/resolve/progress.ts': "the data format's values of an indicator's direction (増やす・減らす)",
  'src/documents/workbook/appendix.ts': "the data format's values of an indicator's direction (増やす・減らす)",
  'src/plan/convert-indicators.ts': "the data format's values of an indicator's direction (増やす・減らす)",
  'src/survey/book-parts.ts': 'Excel number formats (yyyy"年"m"月") that Excel reads, not sentences',
  'src/render/sheet-text.ts': 'the characters that may not begin a line (line breaking rules), not a sentence',
  'src/render/fonts.ts': "the embedded font's family name",
  // not moved yet: messages of the tool's own defects and document text outside validation
  'src/render/pdf/anchors.ts': 'not moved yet (src/render/pdf/ is reworked elsewhere): a defect of the tool',
  'src/render/pdf/index.ts': 'not moved yet (src/render/pdf/ is reworked elsewhere): a defect of the tool',
  'src/render/pdf/loss-guard.ts': 'not moved yet (src/render/pdf/ is reworked elsewhere): a defect of the tool',
  'src/render/switches.ts': 'the note of a development switch: it names the environment variable, for developers only',
  'src/render/pdf/tags.ts': 'not moved yet (src/render/pdf/ is reworked elsewhere): a defect of the tool or a pdfkit version',
  'src/render/pdf/xmp.ts': 'not moved yet (src/render/pdf/ is reworked elsewhere): a pdfkit version',
  'src/render/csv.ts': 'not moved yet: a defect of the tool',
  'src/render/xlsx-thread.ts': 'not moved yet: a defect of the tool',
  'src/resolve/link-names.ts': 'not moved yet: a defect of the tool',
  'src/resolve/references.ts': 'not moved yet: a defect of the tool',
  'src/documents/web/blocks.ts': 'not moved yet: a defect of the tool',
  'src/plan-book/field-text.ts': "not moved yet: an indicator's time point as the plan workbook writes it",
};

/** Every Japanese string in a TypeScript source, with its line. */
export function japaneseStrings(file: string, source: string): { line: number; text: string }[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const describes = (n: ts.Node) =>
    ts.isCallExpression(n.parent) && ts.isPropertyAccessExpression(n.parent.expression) && n.parent.expression.name.text === 'describe';
  const visit = (n: ts.Node): void => {
    if (
      (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) &&
      JAPANESE.test(n.text) &&
      !describes(ts.isTemplateHead(n) ? n.parent : n)
    )
      found.push({ line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: n.text });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

const sources = fg.sync('src/**/*.ts', { cwd: ROOT }).sort();
const inCode = new Map(sources.map((f) => [f, japaneseStrings(f, readFileSync(path.join(ROOT, f), 'utf8'))]));

describe('wording in code', () => {
  it('no Japanese string in src/ outside the files listed with their reason (wording goes to templates/*.hbs)', () => {
    expect(sources.length).toBeGreaterThan(100);
    const stray = [...inCode].filter(([f]) => !(f in ALLOWED)).flatMap(([f, xs]) => xs.map((x) => `${f}:${x.line} ${x.text}`));
    expect(stray).toEqual([]);
  });

  it('every file of the list still holds Japanese (the list says only what is true)', () => {
    expect(Object.keys(ALLOWED).filter((f) => !inCode.get(f)?.length)).toEqual([]);
  });

  it('finds strings and template pieces, and passes over comments, regular expressions, .describe() and punctuation (the check itself)', () => {
    const source = [
      '// 日本語のコメント',
      '/* 計画 */ const re = /令和|平成/;',
      "const a = '事業費';",
      'const b = `${a}年度`;',
      'const c = `計画`;',
      "const d = x.describe('節の見出し');",
      "const e = xs.join('・') + '「」、〜';",
      'const f = `${a} の ${b} です`;',
    ].join('\n');
    expect(japaneseStrings('x.ts', source)).toEqual([
      { line: 3, text: '事業費' },
      { line: 4, text: '年度' },
      { line: 5, text: '計画' },
      { line: 8, text: ' の ' },
      { line: 8, text: ' です' },
    ]);
  });

  it('refuses a value named like a helper, which the template would call instead of printing', () => {
    const w = wordsOf('validate');
    expect(w('year-twice', { fiscalYear: 2017 })).toBe('2017年度が二度書かれています');
    expect(() => w('year-twice', { year: 2017 })).toThrow(/"year" has the name of a helper/);
    expect(() => w('year-twice', { each: [] })).toThrow(/"each"/);
  });
});

// load: reads a data set folder as it is on disk. JSON is parsed with jsonc-parser so that
// every value keeps its offset: syntax errors and later validation problems can name the
// line and column. Nothing is interpreted here.
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';

export interface JsonFile {
  rel: string;
  text: string;
  value: unknown;
  tree: jsonc.Node | undefined;
}

export interface RawDataset {
  dir: string;
  /** dataset.json, initiatives/*.json, glossary.json, sites.json that parsed */
  json: Map<string, JsonFile>;
  /** text files (text/**), by relative path */
  texts: Map<string, string>;
  /** figures/** as bytes, by relative path: nothing outside the data set is ever read */
  figures: Map<string, Buffer>;
  problems: Problem[];
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

const syntaxMessages: Record<string, string> = {
  InvalidSymbol: '使えない文字があります',
  InvalidNumberFormat: '数値の書き方が正しくありません',
  PropertyNameExpected: '項目名（"…"）が必要です',
  ValueExpected: '値が必要です',
  ColonExpected: '「:」が必要です',
  CommaExpected: '「,」が必要です',
  CloseBraceExpected: '「}」で閉じてください',
  CloseBracketExpected: '「]」で閉じてください',
  EndOfFileExpected: 'ファイルの終わりの後に余分な文字があります',
  InvalidCommentToken: 'JSONにコメントは書けません',
  UnexpectedEndOfComment: 'JSONにコメントは書けません',
  UnexpectedEndOfString: '文字列が「"」で閉じられていません',
  UnexpectedEndOfNumber: '数値が途中で終わっています',
  InvalidUnicode: 'Unicodeエスケープが正しくありません',
  InvalidEscapeCharacter: 'エスケープ文字（\\）の使い方が正しくありません',
  InvalidCharacter: '文字列の中に改行などの制御文字があります（\\n と書いてください）',
};

export function parseJsonFile(rel: string, raw: string, problems: Problem[]): JsonFile | undefined {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0) {
    for (const e of errors) {
      const { line, column } = lineColumn(text, e.offset);
      const code = jsonc.printParseErrorCode(e.error);
      problems.push({ severity: 'error', file: rel, line, column, message: `JSONの書き方の誤り: ${syntaxMessages[code] ?? code}` });
    }
    return undefined;
  }
  return { rel, text, value: tree ? jsonc.getNodeValue(tree) : undefined, tree };
}

export function loadDataset(dir: string): RawDataset {
  const problems: Problem[] = [];
  const json = new Map<string, JsonFile>();
  const texts = new Map<string, string>();
  const figures = new Map<string, Buffer>();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    problems.push({ severity: 'error', file: '', message: 'データセットのフォルダが見つかりません' });
    return { dir, json, texts, figures, problems };
  }
  if (!existsSync(path.join(dir, 'dataset.json'))) {
    problems.push({ severity: 'error', file: 'dataset.json', message: 'dataset.json がありません（データセットの名称・期間・節の構成を書くファイル）' });
  }
  const jsonFiles = fg.sync(['dataset.json', 'glossary.json', 'sites.json', 'initiatives/*.json'], { cwd: dir, onlyFiles: true });
  for (const rel of jsonFiles.sort()) {
    const f = parseJsonFile(rel, readFileSync(path.join(dir, rel), 'utf8'), problems);
    if (f) json.set(rel, f);
  }
  for (const rel of fg.sync(['text/**/*'], { cwd: dir, onlyFiles: true }).sort()) {
    texts.set(rel, readFileSync(path.join(dir, rel), 'utf8'));
  }
  for (const rel of fg.sync(['figures/**/*'], { cwd: dir, onlyFiles: true }).sort()) {
    figures.set(rel, readFileSync(path.join(dir, rel)));
  }
  return { dir, json, texts, figures, problems };
}

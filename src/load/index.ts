// load: reads a data set folder as it is on disk. JSON is parsed with jsonc-parser so that
// every value keeps its offset: syntax errors and later validation problems can name the
// line and column. Nothing is interpreted here, and nothing outside the data set is read
// (inside.ts: links and anything but plain files are refused with their names).
import { existsSync, statSync } from 'node:fs';
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { DatasetFolder } from './inside.js';
import { tooDeepAt, duplicateKeys, MAX_JSON_DEPTH } from './json-checks.js';
import { loadMessages } from './messages.js';

/** A figure larger than this is not read: a booklet's figures are well under 1 MB each. */
export const MAX_FIGURE_BYTES = 20e6;

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

/** The offset of a comma followed only by spaces and a closing } or ], when the error is there. */
function trailingComma(text: string, offset: number): number {
  if (text[offset] !== '}' && text[offset] !== ']') return -1;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : -1;
}

export function parseJsonFile(rel: string, raw: string, problems: Problem[]): JsonFile | undefined {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  // before parsing: the parser itself overflows the stack on very deep input
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    problems.push({ severity: 'error', file: rel, ...lineColumn(text, deep), message: loadMessages.tooDeep(MAX_JSON_DEPTH) });
    return undefined;
  }
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0) {
    // a comma after the last item is reported where it is (the parser stops at the next line)
    const comma = trailingComma(text, errors[0].offset);
    if (comma >= 0) {
      problems.push({ severity: 'error', file: rel, ...lineColumn(text, comma), message: loadMessages.trailingComma });
      return undefined;
    }
    for (const e of errors) {
      const { line, column } = lineColumn(text, e.offset);
      const code = jsonc.printParseErrorCode(e.error);
      problems.push({ severity: 'error', file: rel, line, column, message: `JSONの書き方の誤り: ${syntaxMessages[code] ?? code}` });
    }
    return undefined;
  }
  // the file is still checked further (the last value wins there); the error keeps it from a build
  for (const key of duplicateKeys(tree))
    problems.push({ severity: 'error', file: rel, path: jsonc.getNodePath(key), ...lineColumn(text, key.offset), message: loadMessages.duplicateKey(key.value) });
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
  const folder = new DatasetFolder(dir, problems);
  const jsonFiles: string[] = [];
  for (const rel of ['dataset.json', 'glossary.json', 'sites.json']) {
    const kind = folder.kind(rel);
    if (kind === 'missing') {
      if (rel === 'dataset.json')
        problems.push({ severity: 'error', file: rel, message: 'dataset.json がありません（データセットの名称・期間・節の構成を書くファイル）' });
    } else if (kind === 'link') folder.refuseLink(rel);
    else jsonFiles.push(rel);
  }
  if (folder.folder('initiatives')) {
    for (const { rel, kind } of folder.list('initiatives/*')) {
      if (!/\.json$/i.test(rel)) continue;
      if (!rel.endsWith('.json')) problems.push({ severity: 'error', file: rel, message: loadMessages.upperCaseJson(rel) });
      else if (kind === 'link') folder.refuseLink(rel);
      else jsonFiles.push(rel);
    }
  }
  for (const rel of jsonFiles.sort()) {
    const bytes = folder.read(rel);
    const f = bytes && parseJsonFile(rel, bytes.toString('utf8'), problems);
    if (f) json.set(rel, f);
  }
  // text/** and figures/**: folders below are listed (not followed if links), everything else is read
  const files = (top: string, take: (rel: string, bytes: Buffer) => void, maxBytes?: number) => {
    if (!folder.folder(top)) return;
    for (const { rel, kind } of folder.list(`${top}/**/*`)) {
      if (kind === 'folder') continue;
      if (kind === 'link') folder.refuseLink(rel);
      else {
        const bytes = folder.read(rel, maxBytes);
        if (bytes) take(rel, bytes);
      }
    }
  };
  files('text', (rel, b) => texts.set(rel, b.toString('utf8')));
  files('figures', (rel, b) => figures.set(rel, b), MAX_FIGURE_BYTES);
  return { dir, json, texts, figures, problems };
}

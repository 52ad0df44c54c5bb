// load: reads a data set folder as it is on disk. JSON is parsed with jsonc-parser so that
// every value keeps its offset: syntax errors and later validation problems can name the
// line and column. Nothing is interpreted here, and nothing outside the data set is read
// (inside.ts: links and anything but plain files are refused with their names).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { nearest } from '../nearest.js';
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { DatasetFolder } from './inside.js';
import { tooDeepAt, duplicateKeys, MAX_JSON_DEPTH } from './json-checks.js';
import { loadMessages, type SizedKind } from './messages.js';

// Files larger than these are refused by their size before they are opened: reading a file of
// hundreds of MB as text or JSON ran Node out of memory (exit 134) before any check could speak.
/** A figure larger than this is not read: a booklet's figures are well under 1 MB each. */
export const MAX_FIGURE_BYTES = 20e6;
/** The largest JSON file of the bundled data is 15 kB. */
export const MAX_JSON_BYTES = 10e6;
/** Above any text the length check (TEXT_FILE_MAX characters, at most 4 bytes each) lets through. */
export const MAX_TEXT_BYTES = 1e6;

export interface JsonFile {
  rel: string;
  text: string;
  value: unknown;
  /** made when first asked for (see jsonFile) */
  readonly tree: jsonc.Node | undefined;
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

/**
 * The line and column (from 1) of `offset`, as an editor shows them: a line ends at CR LF
 * (Windows), at CR alone (old Mac) and at LF alike.
 */
/** Whether the loader refused this file by name (a link, a pipe, too large…): it is there, but not read. */
export const refusedAtLoad = (raw: RawDataset, rel: string) => raw.problems.some((p) => p.severity === 'error' && p.file === rel);

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** One leading BOM (Notepad writes one) is not part of the text: positions count from after it. */
export const withoutBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/**
 * A text file as the rest of the pipeline reads it: without a BOM, and with CR LF and CR line
 * ends as LF. Lines and columns stay those of the file (a line end is one character at the end of
 * its line either way), and the Markdown, template and placement checks see one kind of line.
 */
export const textOf = (s: string) => withoutBom(s).replace(/\r\n?/g, '\n');

/** The offset of a comma followed only by spaces and a closing } or ], when the error is there. */
function trailingComma(text: string, offset: number): number {
  if (text[offset] !== '}' && text[offset] !== ']') return -1;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text.charAt(i))) i--;
  return text[i] === ',' ? i : -1;
}

/** The ASCII character to type for one a Japanese keyboard gives where JSON wants ASCII (NFKC's, and the curly quotes'). */
function halfOf(ch: string): string | undefined {
  if (ch === '“' || ch === '”') return '"';
  const half = ch.normalize('NFKC');
  return half !== ch && /^[\x20-\x7e]$/.test(half) ? half : undefined;
}

/**
 * What the first syntax error is, where the parser's own words would not show it: a full-width
 * space or sign (unseen in an editor), full-width digits, a tab inside a text, a number written
 * with its thousands separators (「135,304」). Undefined for the rest.
 */
function syntaxHint(text: string, offset: number): { at: number; message: string } | undefined {
  // the first character the parser could not take, at or just before the error (it may stop after it)
  for (const at of [offset, offset - 1]) {
    const ch = text.charAt(at);
    const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    if (ch === '\t') return { at, message: loadMessages.tab() };
    const half = halfOf(ch);
    if (half !== undefined) return { at, message: loadMessages.fullWidth(ch, half, code) };
  }
  // a tab inside a text: the parser names the string, the tab is further on in it
  const tab = /^"[^"\n]*?\t/.exec(text.slice(offset, offset + 2000));
  if (tab) return { at: offset + tab[0].length - 1, message: loadMessages.tab() };
  // a number with its separators: the parser stops at the comma or the digits after it
  const n = /:\s*(\d{1,3}(?:,\d{3})+)(?=\s*[,}\]\n])/.exec(text.slice(Math.max(0, offset - 40), offset + 12))?.[1];
  if (n) return { at: offset, message: loadMessages.separators(n, n.replace(/,/g, '')) };
  return undefined;
}

export function parseJsonFile(rel: string, raw: string, problems: Problem[]): JsonFile | undefined {
  // the text is kept as written (new-year and survey:import edit it in place): only a BOM goes
  const text = withoutBom(raw);
  // before parsing: the parser itself overflows the stack on very deep input
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    problems.push({ severity: 'error', file: rel, ...lineColumn(text, deep), message: loadMessages.tooDeep(MAX_JSON_DEPTH) });
    return undefined;
  }
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const [firstError] = errors;
  if (firstError) {
    // a comma after the last item is reported where it is (the parser stops at the next line)
    const comma = trailingComma(text, firstError.offset);
    if (comma >= 0) {
      problems.push({ severity: 'error', file: rel, ...lineColumn(text, comma), message: loadMessages.trailingComma() });
      return undefined;
    }
    // the first error only: the parser's later ones follow from it (「値が必要です」 after a full-width space)
    const hint = syntaxHint(text, firstError.offset);
    const { line, column } = lineColumn(text, hint?.at ?? firstError.offset);
    problems.push({ severity: 'error', file: rel, line, column, message: hint?.message ?? loadMessages.syntax(jsonc.printParseErrorCode(firstError.error)) });
    return undefined;
  }
  // the file is still checked further (the last value wins there); the error keeps it from a build
  for (const key of duplicateKeys(tree))
    problems.push({
      severity: 'error',
      file: rel,
      path: jsonc.getNodePath(key),
      ...lineColumn(text, key.offset),
      message: loadMessages.duplicateKey(key.value),
    });
  return jsonFile(rel, text, tree ? jsonc.getNodeValue(tree) : undefined);
}

/**
 * A parsed file whose parse tree (the offsets a problem's place is read from) is made again when
 * a problem asks for it, and not kept from loading: for the 10,300 initiatives of a ×100 data set
 * the trees held over 100 MiB through the whole build, and a valid file never needs one.
 */
function jsonFile(rel: string, text: string, value: unknown): JsonFile {
  let tree: jsonc.Node | undefined | null = null;
  return {
    rel,
    text,
    value,
    get tree() {
      if (tree === null) tree = jsonc.parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
      return tree;
    },
  };
}

/**
 * dataset.json's value read as the loader reads it (a BOM dropped, a pipe or a huge file never
 * read), for a command that needs only that (errata's data set id); undefined if it cannot be.
 */
export function datasetJsonValue(dir: string): unknown {
  const ignored: Problem[] = [];
  try {
    const bytes = new DatasetFolder(dir, ignored).read('dataset.json', MAX_JSON_BYTES, 'json');
    return bytes && parseJsonFile('dataset.json', bytes.toString('utf8'), ignored)?.value;
  } catch {
    return undefined; // no such folder: the command says so where it loads the data set
  }
}

/**
 * The data set folder probably meant by one that is not there: the same name under data/ (typed
 * from the tool's folder without it), or the nearest name of a data set beside where it was looked for.
 */
function folderMeant(dir: string): string | undefined {
  const isSet = (d: string) => existsSync(path.join(d, 'dataset.json'));
  const under = path.join(process.cwd(), 'data', path.basename(dir));
  if (path.resolve(under) !== path.resolve(dir) && isSet(under)) return path.relative(process.cwd(), under);
  const parent = path.dirname(path.resolve(dir));
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => isSet(path.join(parent, n)));
  } catch {
    return undefined;
  }
  const name = nearest(path.basename(dir), names);
  return name === undefined ? undefined : path.relative(process.cwd(), path.join(parent, name)) || name;
}

export function loadDataset(dir: string): RawDataset {
  const problems: Problem[] = [];
  const json = new Map<string, JsonFile>();
  const texts = new Map<string, string>();
  const figures = new Map<string, Buffer>();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    problems.push({ severity: 'error', file: '', message: loadMessages.noFolder(folderMeant(dir)) });
    return { dir, json, texts, figures, problems };
  }
  const folder = new DatasetFolder(dir, problems);
  const jsonFiles: string[] = [];
  for (const rel of ['dataset.json', 'glossary.json', 'sites.json']) {
    const kind = folder.kind(rel);
    if (kind === 'missing') {
      if (rel === 'dataset.json') problems.push({ severity: 'error', file: rel, message: loadMessages.noDataset() });
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
    const bytes = folder.read(rel, MAX_JSON_BYTES, 'json');
    const f = bytes && parseJsonFile(rel, bytes.toString('utf8'), problems);
    if (f) json.set(rel, f);
  }
  // text/** and figures/**: folders below are listed (not followed if links), everything else is
  // read (read() refuses what is not a plain file, by name)
  const files = (top: string, take: (rel: string, bytes: Buffer) => void, maxBytes: number, sized: SizedKind) => {
    if (!folder.folder(top)) return;
    for (const { rel, kind } of folder.list(`${top}/**/*`)) {
      if (kind === 'folder') continue;
      if (kind === 'link') folder.refuseLink(rel);
      else {
        const bytes = folder.read(rel, maxBytes, sized);
        if (bytes) take(rel, bytes);
      }
    }
  };
  files('text', (rel, b) => texts.set(rel, textOf(b.toString('utf8'))), MAX_TEXT_BYTES, 'text');
  files('figures', (rel, b) => figures.set(rel, b), MAX_FIGURE_BYTES, 'figure');
  return { dir, json, texts, figures, problems };
}

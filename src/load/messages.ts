// What the loader says about files it will not read (wording in templates/load.hbs).
import { createHandlebars, Wording } from '../templates/index.js';
import { TEXT_FILE_MAX } from '../model/limits.js';

let words: Wording | undefined;
const wording = () => (words ??= Wording.load(createHandlebars({}), 'load'));
const w = (name: string, context: object = {}) => wording().get(name, context);
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Which kind of file was too large: each has its own advice. */
export type SizedKind = 'json' | 'text' | 'figure';

export const loadMessages = {
  noFolder: (meant?: string) => w('no-folder', { meant }),
  noDataset: () => w('no-dataset'),
  linkOutside: (rel: string, target: string) => w('link-outside', { rel, target }),
  linkDangling: (rel: string, target: string) => w('link-dangling', { rel, target }),
  linkInside: (rel: string, target: string) => w('link-inside', { rel, target }),
  folderNotFile: (rel: string) => w('folder-not-file', { rel }),
  fileNotFolder: (rel: string) => w('file-not-folder', { rel }),
  notRegular: (rel: string) => w('not-regular', { rel }),
  unreadable: (rel: string, code: string) => w('unreadable', { rel, code }),
  upperCaseJson: (rel: string) => w('upper-case-json', { renamed: rel.replace(/\.json$/i, '.json') }),
  tooLarge: (rel: string, bytes: number, limit: number, kind: SizedKind) =>
    w('too-large', { rel, size: mb(bytes), limit: limit / 1e6 }) + w(`too-large-${kind}`, { chars: TEXT_FILE_MAX.toLocaleString('en-US') }),
  trailingComma: () => w('trailing-comma'),
  fullWidth: (ch: string, half: string, code: string) => w('syntax-full-width', { ch, half, code, space: ch === '\u3000' }),
  tab: () => w('syntax-tab'),
  separators: (typed: string, plain: string) => w('syntax-separators', { typed, plain }),
  tooDeep: (limit: number) => w('too-deep', { limit }),
  duplicateKey: (key: string) => w('duplicate-key', { key }),
  /** a jsonc-parser error code, in words when it has them */
  syntax: (code: string) => w('syntax', { what: wording().has(`syntax-${code}`) ? w(`syntax-${code}`) : code }),
};

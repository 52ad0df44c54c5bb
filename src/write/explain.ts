// The Japanese explanation of an output problem (wording in templates/output.hbs): which path,
// what is wrong, what to do.
import path from 'node:path';
import Handlebars from 'handlebars';
import { Wording } from '../templates/index.js';
import type { OutputProblem } from './output-error.js';

let words: Wording | undefined;
function outputWords(): Wording {
  if (!words) {
    const hb = Handlebars.create();
    hb.registerHelper('join', (xs: unknown[], sep: unknown) => (Array.isArray(xs) ? xs.join(typeof sep === 'string' ? sep : '、') : ''));
    words = Wording.load(hb, 'output');
  }
  return words;
}

// the same problem under the names different systems give it
const KIND: Record<string, string> = { ENOTDIR: 'ENOTDIR', EEXIST: 'ENOTDIR', EISDIR: 'EISDIR', EACCES: 'EACCES', EPERM: 'EACCES', EROFS: 'EROFS', ENOSPC: 'ENOSPC', EDQUOT: 'ENOSPC' };

/** A path as the user typed it where it lies under the working folder, else in full. */
function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

export function explainOutputProblem(p: OutputProblem): string {
  const w = outputWords();
  const kind = KIND[p.code] ?? 'other';
  const lines = [
    w.get('problem', { path: shown(p.path), what: w.get(`what-${kind}`, { detail: p.detail }) }) + w.get('code', { code: p.code }),
    w.get(`todo-${kind}`),
    ...(p.kept ? [w.get('kept')] : []),
  ];
  return lines.join('\n');
}

export function droppedLine(id: string, names: string[]): string {
  return outputWords().get('dropped', { id, names });
}

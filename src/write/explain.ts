// The Japanese explanation of an output problem (wording in templates/output.hbs): which path,
// what is wrong, what to do.
import Handlebars from 'handlebars';
import { Wording } from '../templates/index.js';
import type { OutputProblem } from './output-error.js';
import { shown } from '../shown-path.js';

let words: Wording | undefined;
function outputWords(): Wording {
  if (!words) {
    const hb = Handlebars.create();
    hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    hb.registerHelper('join', (xs: unknown[], sep: unknown) => (Array.isArray(xs) ? xs.join(typeof sep === 'string' ? sep : '、') : ''));
    words = Wording.load(hb, 'output');
  }
  return words;
}

// the same problem under the names different systems give it
const KIND: Record<string, string> = {
  ENOTDIR: 'ENOTDIR',
  EEXIST: 'ENOTDIR',
  EISDIR: 'EISDIR',
  EACCES: 'EACCES',
  EPERM: 'EACCES',
  EROFS: 'EROFS',
  ENOSPC: 'ENOSPC',
  EDQUOT: 'ENOSPC',
  ENOTOURS: 'ENOTOURS',
  EOVERLAP: 'EOVERLAP',
  EINSET: 'EINSET',
};
/** the user's files in the way are named up to this many, then counted */
const NAMED = 10;

export function explainOutputProblem(p: OutputProblem): string {
  const w = outputWords();
  const kind = KIND[p.code] ?? 'other';
  const lines = [
    w.get('problem', {
      path: shown(p.path),
      what: w.get(`what-${kind}`, { detail: p.detail, overlap: p.overlap && { ...p.overlap, folder: shown(p.overlap.folder) } }),
    }) + w.get('code', { code: p.code }),
    ...(p.foreign?.length ? [w.get('foreign', { foreign: p.foreign.slice(0, NAMED).map(shown), more: Math.max(0, p.foreign.length - NAMED) })] : []),
    w.get(`todo-${kind}`),
    ...(p.kept ? [w.get('kept')] : []),
  ];
  return lines.join('\n');
}

export function droppedLine(id: string, names: string[]): string {
  return outputWords().get('dropped', { id, names });
}

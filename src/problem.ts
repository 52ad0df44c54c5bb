// Errors are values with a place until the CLI prints them (ARCHITECTURE.md); how they are
// printed is worded in templates/problem.hbs.
import { wordsOf } from './templates/words.js';

const words = wordsOf('problem');
export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** path relative to the data set folder (or absolute for files outside it) */
  file: string;
  /** JSON path inside the file */
  path?: (string | number)[];
  line?: number;
  column?: number;
  message: string;
  /** the folder `file` is in when it is not the data set being worked on (a published version) */
  base?: string;
  /** what kind of problem, where a command acts on it (renumber mends duplicate numbers) */
  code?: 'duplicate-no' | 'number-order';
  /** warnings of one kind about one thing (the unanswered rows of a year, `unanswered-2018`): the command line shows a few and counts the rest */
  group?: string;
}

/** Shown of a group of warnings before the rest are counted. */
export const GROUP_SHOWN = 3;

/**
 * The problems as the command line prints them: every error, and of a group of more than a few
 * warnings (the 103 unanswered rows of a year just opened) the first few, then `more(group, n)`.
 * The full list stays in the data (--json, survey:status).
 */
export function problemLines(problems: Problem[], label: string | undefined, more: (group: string, rest: number) => string): string[] {
  const sizes = new Map<string, number>();
  for (const p of problems) if (p.group) sizes.set(p.group, (sizes.get(p.group) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (const p of problems) {
    const size = p.group ? sizes.get(p.group)! : 0;
    if (!p.group || p.severity === 'error' || size <= GROUP_SHOWN + 2) {
      out.push(formatProblem(p, label));
      continue;
    }
    const n = (seen.get(p.group) ?? 0) + 1;
    seen.set(p.group, n);
    if (n <= GROUP_SHOWN) out.push(formatProblem(p, label));
    if (n === size) out.push(more(p.group, size - GROUP_SHOWN));
  }
  return out;
}

export function jsonPathText(path: (string | number)[] | undefined): string {
  if (!path || path.length === 0) return '';
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}

// The place as a keeper reads it: positions in a list counted from 1, as people count rows
// (`schedule（2番目）.from` is the second schedule row; jsonPathText's `schedule[1]` is the program's count).
/** エラー or 警告, as a printed problem begins */
export const severityMark = (severity: Severity) => words(severity);

export function readerPathText(path: (string | number)[] | undefined): string {
  if (!path || path.length === 0) return '';
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += words('nth', { n: p + 1 });
    else out += out ? `.${p}` : p;
  }
  return out;
}

/** `initiatives/009.json:12:5 schedule（2番目）.to: 〜` */
export function formatProblem(p: Problem, datasetLabel?: string): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined, p.column !== undefined ? String(p.column) : undefined].filter(Boolean).join(':');
  const path = readerPathText(p.path);
  const mark = severityMark(p.severity);
  // a file of another folder is named under that folder, never glued to the data set's name
  // and a file outside the data set (../x, /x) is named as it is
  const outside = /^(\.\.[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(p.file);
  const label = p.base ?? (outside ? undefined : datasetLabel);
  const place = label ? (where ? `${label.replace(/\/+$/, '')}/${where}` : label) : where;
  return `${mark} ${place}${path ? ` ${path}` : ''}: ${p.message}`;
}

export const hasErrors = (ps: Problem[]) => ps.some((p) => p.severity === 'error');

// Errors are values with a place until the CLI prints them (ARCHITECTURE.md).
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

/** `initiatives/009.json:12:5 schedule[1].to: 〜` */
export function formatProblem(p: Problem, datasetLabel?: string): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined, p.column !== undefined ? String(p.column) : undefined]
    .filter(Boolean)
    .join(':');
  const path = jsonPathText(p.path);
  const mark = p.severity === 'error' ? 'エラー' : '警告';
  // a file of another folder is named under that folder, never glued to the data set's name
  // and a file outside the data set (../x, /x) is named as it is
  const outside = /^(\.\.[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(p.file);
  const label = p.base ?? (outside ? undefined : datasetLabel);
  const place = label ? (where ? `${label.replace(/\/+$/, '')}/${where}` : label) : where;
  return `${mark} ${place}${path ? ` ${path}` : ''}: ${p.message}`;
}

export const hasErrors = (ps: Problem[]) => ps.some((p) => p.severity === 'error');

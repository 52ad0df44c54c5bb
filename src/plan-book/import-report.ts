// What plan:import prints: problems, then per book (部局) every change — new initiatives,
// fields changed with old → new, retired ones — and whether it was written. Returns the exit code.
import { formatProblem, hasErrors, severityMark } from '../problem.js';
import { Wording, createHandlebars } from '../templates/index.js';
import type { PlanImportResult } from './import.js';
import { asOfText } from './field-text.js';
import type { AsOf } from '../model/schema.js';

/**
 * A field's value as the change list shows it: a text quoted as it is, the rest as the book
 * writes it (a schedule as its years and labels, indicators by name and values, lists with 、),
 * never as JSON (「[{"from":2017,…}]」).
 */
function shown(field: string, v: unknown, words: Wording): string {
  if (v === null || v === undefined || v === false || (Array.isArray(v) && v.length === 0)) return words.get('show-none');
  if (v === true) return words.get('show-mark');
  if (typeof v === 'string') return JSON.stringify(v);
  if (!Array.isArray(v)) return JSON.stringify(v);
  const item = (x: unknown): string => {
    if (typeof x === 'string') return x;
    const o = x as Record<string, unknown>;
    // a label of two lines (運用⏎拡充) stays on the change's one line: its break written \n, as the texts' are
    if (field === 'schedule') return words.get('show-span', { ...o, label: String(o.label ?? '').replace(/\r?\n/g, '\\n') });
    // with its 時点 as the book writes them: a change of a 時点 alone shows
    if (field === 'indicators') {
      const at = (p: unknown) => asOfText((p as { asOf: AsOf }).asOf);
      return words.get('show-indicator', { ...o, baselineAt: at(o.baseline), targetAt: at(o.target) });
    }
    if (field === 'relistedIn') return words.get('show-relisting', o);
    return JSON.stringify(x);
  };
  return v.map(item).join(words.get('show-separator'));
}

/** the fields of a new initiative shown under its line (title, 節, number and 部局 are on the line itself) */
const NEW_FIELDS = ['division', 'isNew', 'description', 'relistedIn', 'secondaryGoals', 'policyMeasures', 'schedule', 'indicators'] as const;

export function printPlanImport(r: PlanImportResult, dataLabel: string, out: (s: string) => void, err: (s: string) => void): number {
  const words = Wording.load(createHandlebars({}), 'plan');
  // a problem of the data set itself (no file: its folder is missing) is named by the data set
  for (const p of r.problems) err(p.path || p.line || !p.file ? formatProblem(p, dataLabel) : `${severityMark(p.severity)} ${p.file}: ${p.message}`);
  if (hasErrors(r.problems)) {
    if (!r.partial?.length) err(words.get('report-failed'));
    return 1;
  }
  for (const book of r.books) {
    const label = book.department || words.get('whole-plan');
    out(words.get('report-book', { department: label, book: book.file }));
    const mine = r.changes.filter((c) => c.book === label);
    // the changes indented under their book
    const line = (s: string) => out(`  ${s}`);
    if (!mine.length) line(words.get('report-none'));
    for (const c of mine) {
      if (c.kind === 'new') {
        line(words.get('report-new', { file: c.file, title: c.data.title, section: c.data.section, no: c.data.no, department: c.data.department }));
        // what else it writes, as the change lines show fields (the book's own words)
        for (const field of NEW_FIELDS) {
          const v = (c.data as Record<string, unknown>)[field];
          if (v === undefined || v === false || (Array.isArray(v) && v.length === 0)) continue;
          const value = field === 'division' && Array.isArray(v) ? v.join(words.get('show-separator')) : shown(field, v, words);
          // indented under its 新規 line
          line(`  ${words.get('report-new-field', { field: words.get(`field-${field}`), value })}`);
        }
      } else if (c.kind === 'retire') line(words.get('report-retire', c));
      else
        line(words.get('report-change', { ...c, field: words.get(`field-${c.field}`), from: shown(c.field, c.from, words), to: shown(c.field, c.to, words) }));
    }
  }
  const count = r.changes.length;
  const added = r.changes.filter((c) => c.kind === 'new').length;
  const retired = r.changes.filter((c) => c.kind === 'retire').length;
  out(words.get(r.written || !count ? 'report-done' : 'report-dry', { count, added, retired }));
  if (count && r.renumber) out(words.get('report-renumber', { data: dataLabel, written: r.written, added }));
  return 0;
}

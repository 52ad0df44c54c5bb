// What plan:import prints: problems, then per book (部局) every change — new initiatives,
// fields changed with old → new, retired ones — and whether it was written. Returns the exit code.
import { formatProblem, hasErrors, severityMark } from '../problem.js';
import { Wording, createHandlebars } from '../templates/index.js';
import type { PlanImportResult } from './import.js';

const shown = (v: unknown) => JSON.stringify(v ?? null);

export function printPlanImport(r: PlanImportResult, dataLabel: string, out: (s: string) => void, err: (s: string) => void): number {
  const words = Wording.load(createHandlebars({}), 'plan');
  for (const p of r.problems) err(p.path || p.line ? formatProblem(p, dataLabel) : `${severityMark(p.severity)} ${p.file}: ${p.message}`);
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
      if (c.kind === 'new')
        line(words.get('report-new', { file: c.file, title: c.data.title, section: c.data.section, no: c.data.no, department: c.data.department }));
      else if (c.kind === 'retire') line(words.get('report-retire', c));
      else line(words.get('report-change', { ...c, field: words.get(`field-${c.field}`), from: shown(c.from), to: shown(c.to) }));
    }
  }
  const count = r.changes.length;
  const added = r.changes.filter((c) => c.kind === 'new').length;
  const retired = r.changes.filter((c) => c.kind === 'retire').length;
  out(words.get(r.written || !count ? 'report-done' : 'report-dry', { count, added, retired }));
  return 0;
}

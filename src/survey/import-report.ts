// What survey:import prints: problems, every value changed (cleared ones named as such), and
// the per-部局 summary. Returns the exit code.
import { formatProblem, hasErrors, severityMark } from '../problem.js';
import { Wording, createHandlebars } from '../templates/index.js';
import type { ImportResult } from './import.js';

export function printImport(
  r: ImportResult,
  dataLabel: string,
  out: (s: string) => void,
  err: (s: string) => void,
  opts: { correction?: boolean } = {},
): number {
  const words = Wording.load(createHandlebars({}), 'survey');
  // a problem of the data set itself (no file: its folder is missing) is named by the data set
  for (const p of r.problems) err(p.path || p.line || !p.file ? formatProblem(p, dataLabel) : `${severityMark(p.severity)} ${p.file}: ${p.message}`);
  if (hasErrors(r.problems)) {
    // after a failed rename some files hold new values: the message above names them
    if (!r.partial?.length) err(words.get('import-unchanged'));
    return 1;
  }
  // a value as it was typed (a text quoted, so that its spaces show), a blank one in words, 新規 as its mark (not `true`)
  const show = (v: unknown) => (v === null || v === undefined ? words.get('show-blank') : v === true ? words.get('show-new') : JSON.stringify(v));
  for (const c of r.changes)
    out(
      c.cleared
        ? words.get('cleared-line', { ...c, from: show(c.from), mark: words.get('clear-mark') })
        : words.get('change-line', { ...c, from: show(c.from), to: show(c.to) }),
    );
  // a book with nothing written in it (the workbook as it was sent out, returned): said on its line, not left to 未回答 alone
  for (const s of r.summary) out(words.get('summary-line', { ...s, blank: s.changed + s.unchanged + s.changedUnanswered === 0 && s.unanswered > 0 }));
  if (r.missing.length) out(words.get(opts.correction ? 'summary-missing-correction' : 'summary-missing', { departments: r.missing.join('、') }));
  // a correction changes only what its books hold: the others keep the answers published
  if (r.earlier?.length)
    out(
      opts.correction
        ? words.get('summary-earlier-correction', { departments: r.earlier.map((e) => e.department).join('、') })
        : words.get('summary-earlier', { departments: r.earlier.map((e) => words.get('earlier-department', e)).join('、') }),
    );
  out(words.get('done', { count: r.changes.length, cleared: r.changes.filter((c) => c.cleared).length }));
  // a correction of a published year is published by rebuilding and a 正誤表: said where the import ends
  if (opts.correction && r.changes.length) out(words.get('after-correction', { data: dataLabel }));
  return 0;
}

// What survey:import prints: problems, every value changed (cleared ones named as such), and
// the per-部局 summary. Returns the exit code.
import { formatProblem, hasErrors, severityMark } from '../problem.js';
import { Wording, createHandlebars } from '../templates/index.js';
import { commonEnds } from '../common-ends.js';
import { shownValue } from './shown-value.js';
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
  const show = (v: unknown) => shownValue(v, words);
  for (const c of r.changes) {
    if (c.cleared) {
      out(words.get('cleared-line', { ...c, from: show(c.from), mark: words.get('clear-mark') }));
      continue;
    }
    const [from, to] = shownChange(c.from, c.to, show);
    out(words.get('change-line', { ...c, from, to }));
  }
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

/** a text longer than this, or of several lines, is shown by the part that changed */
const LONG = 60;
/** characters shown either side of the change */
const CONTEXT = 12;

/**
 * A change of a long or many-lined text shown by the part that changed, with a few characters either
 * side and 「…」 where it is cut (a one-character correction in a paragraph was lost in the whole of it,
 * printed twice); any other change shown whole.
 */
export function shownChange(from: unknown, to: unknown, show: (v: unknown) => string): [string, string] {
  if (typeof from !== 'string' || typeof to !== 'string' || (from.length <= LONG && to.length <= LONG && !/\n/.test(from + to))) return [show(from), show(to)];
  const { head: p, tail: s } = commonEnds(from, to);
  // never half of a character written as two code units (a surrogate pair)
  const low = (t: string, i: number) => i > 0 && i < t.length && /[\uDC00-\uDFFF]/.test(t[i]!);
  let start = Math.max(0, p - CONTEXT);
  if (low(from, start)) start--;
  const part = (t: string) => {
    let end = Math.min(t.length, t.length - s + CONTEXT);
    if (low(t, end)) end++;
    return `${start > 0 ? '…' : ''}${show(t.slice(start, end))}${end < t.length ? '…' : ''}`;
  };
  return [part(from), part(to)];
}

// npm run renumber: Numbers the initiatives in the booklet's order.
import path from 'node:path';
import { hasErrors } from '../problem.js';
import { printProblems, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  if (!a.data) throw new UsageError(commandWords().get('need-data'));
  const { renumber } = await import('../plan/renumber.js');
  const { numberTable } = await import('../plan/table.js');
  const { planWords } = await import('../plan/words.js');
  const { PUBLISHED_ROOT } = await import('../publish/record.js');
  const r = renumber(path.resolve(a.data), { dryRun: a.dryRun, correction: a.correction, publishedRoot: path.resolve(a.published ?? PUBLISHED_ROOT) });
  const w = planWords();
  const out = (s: string) => process.stdout.write(s + '\n');
  if (r.order.length) {
    const changed = r.order.filter((n) => n.no !== n.expected);
    if (changed.length) {
      out(w.get('renumber-head', { rule: w.get('order-rule', { global: r.global }) }));
      for (const line of numberTable(changed)) out(line);
    } else out(w.get('renumber-none'));
  }
  printProblems(r.problems, a.data, a.data);
  if (hasErrors(r.problems)) return 1;
  if (r.changed.length) {
    out(w.get(a.dryRun ? 'renumber-dry' : 'renumber-done', { count: r.changed.length }));
    out(w.get('renumber-ids'));
    if (r.written && r.published.length) out(w.get('renumber-correction'));
  }
  return 0;
}

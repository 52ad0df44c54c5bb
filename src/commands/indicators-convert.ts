// npm run indicators:convert: Reads numbers and units out of indicator texts (「5市」), and writes them with --yes.
import path from 'node:path';
import { hasErrors } from '../problem.js';
import { printProblems, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  if (!a.data) throw new UsageError(commandWords().get('need-data'));
  const { convertIndicators, convertWords } = await import('../plan/convert-indicators.js');
  const r = convertIndicators(path.resolve(a.data), { write: !!a.yes });
  const w = convertWords();
  const out = (s: string) => process.stdout.write(s + '\n');
  if (r.conversions.length) {
    out(w.get('head', { count: r.conversions.length }));
    for (const c of r.conversions) out(w.get('conversion', c));
  } else if (!hasErrors(r.problems)) out(w.get('none'));
  if (r.unconverted.length) {
    out(w.get('unconverted-head', { count: r.unconverted.length }));
    for (const u of r.unconverted) out(w.get(`why-${u.why}`, u));
  }
  printProblems(r.problems, a.data, a.data);
  if (hasErrors(r.problems)) return 1;
  if (r.conversions.length) out(w.get(r.written ? 'done' : 'dry', { count: r.conversions.length }));
  return 0;
}

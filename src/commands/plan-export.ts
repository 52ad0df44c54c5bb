// npm run plan:export: Writes each 部局's plan workbook (and the whole plan's with --whole).
import path from 'node:path';
import { hasErrors } from '../problem.js';
import { guardPlaces } from '../write/places.js';
import { printProblems, inOutputFolder, dataRead, logOf, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  const log = logOf(a);
  if (!a.data || !a.out) throw new UsageError(commandWords().get('need-data-out'));
  guardPlaces([path.resolve(a.out)], dataRead([path.resolve(a.data)]));
  const { planExport } = await import('../plan-book/export.js');
  const r = await planExport(path.resolve(a.data), path.resolve(a.out), { whole: a.whole });
  printProblems(inOutputFolder(r.problems), a.data, a.data);
  if (hasErrors(r.problems)) return 1;
  for (const f of r.files) log(`${path.relative(process.cwd(), f.file)}`);
  log(commandWords().get('plan-export-done', { count: r.files.length }));
  return 0;
}

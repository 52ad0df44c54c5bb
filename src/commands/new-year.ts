// npm run new-year: Opens a fiscal year's results in every initiative.
import path from 'node:path';
import { hasErrors } from '../problem.js';
import { printProblems, logOf, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  const log = logOf(a);
  if (!a.data || !a.fiscalYear) throw new UsageError(commandWords().get('need-data-year'));
  const { newYear } = await import('../yearly/new-year.js');
  const r = newYear(path.resolve(a.data), a.fiscalYear);
  printProblems(r.problems, a.data, a.data);
  if (hasErrors(r.problems)) return 1;
  for (const f of r.opened) log(commandWords().get('new-year-opened', { file: f, westernYear: a.fiscalYear }));
  for (const c of r.dataset)
    log(c.value === undefined ? commandWords().get('new-year-removed', { path: c.path, was: c.was }) : `dataset.json: ${c.path} = ${JSON.stringify(c.value)}`);
  if (r.opened.length) log(commandWords().get('new-year-done', { westernYear: a.fiscalYear, count: r.opened.length }));
  else if (!r.dataset.length) log(commandWords().get('new-year-none'));
  return 0;
}

// npm run survey:export: Writes each 部局's survey workbook for a fiscal year.
import path from 'node:path';
import { hasErrors } from '../problem.js';
import { guardPlaces } from '../write/places.js';
import { printProblems, inOutputFolder, dataRead, logOf, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  const log = logOf(a);
  if (!a.data || !a.fiscalYear || !a.out) throw new UsageError(commandWords().get('need-survey-export'));
  guardPlaces([path.resolve(a.out)], dataRead([path.resolve(a.data)]));
  const { surveyExport } = await import('../survey/export.js');
  const r = await surveyExport(path.resolve(a.data), a.fiscalYear, path.resolve(a.out));
  // a book in the output folder is named from here, not from the data set
  printProblems(inOutputFolder(r.problems), a.data, a.data);
  if (hasErrors(r.problems)) return 1;
  for (const f of r.files) log(`${path.relative(process.cwd(), f.file)}`);
  log(commandWords().get('survey-export-done', { count: r.files.length }));
  return 0;
}

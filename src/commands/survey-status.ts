// npm run survey:status: Lists what each 部局 has not answered (and writes the list as a workbook with --out).
import path from 'node:path';
import { guardPlaces } from '../write/places.js';
import { dataRead, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  if (!a.data || !a.fiscalYear) throw new UsageError(commandWords().get('need-data-year'));
  if (a.out) guardPlaces([path.resolve(a.out)], dataRead([path.resolve(a.data)]));
  const { surveyStatus } = await import('../survey/status.js');
  return surveyStatus(
    path.resolve(a.data),
    a.fiscalYear,
    a.out ? path.resolve(a.out) : undefined,
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
  );
}

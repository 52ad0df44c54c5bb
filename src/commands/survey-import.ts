// npm run survey:import: Reads returned survey workbooks into the data set, all or nothing.
import path from 'node:path';
import { commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  const [returns] = a.rest; // the one folder of returned books
  if (!a.data || a.rest.length !== 1 || returns === undefined || !a.fiscalYear) throw new UsageError(commandWords().get('need-survey-import'));
  const { surveyImport } = await import('../survey/import.js');
  const { printImport } = await import('../survey/import-report.js');
  const r = await surveyImport(path.resolve(a.data), path.resolve(returns), { fiscalYear: a.fiscalYear, correction: a.correction });
  return printImport(
    r,
    a.data,
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
    { correction: !!a.correction },
  );
}

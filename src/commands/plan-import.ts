// npm run plan:import: Shows what returned plan workbooks change, and writes it with --yes.
import path from 'node:path';
import { guardPlaces } from '../write/places.js';
import { commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  const [returns] = a.rest; // the one folder of returned books
  if (!a.data || a.rest.length !== 1 || returns === undefined) throw new UsageError(commandWords().get('need-plan-import'));
  if (a.yes && a.dryRun) throw new UsageError(commandWords().get('yes-and-dry-run'));
  // the import writes into the data set: the returned books must lie elsewhere
  guardPlaces([path.resolve(a.data)], [{ path: path.resolve(returns), what: commandWords().get('read-returns') }], { intoData: true });
  const { PUBLISHED_ROOT } = await import('../publish/record.js');
  const { planImport } = await import('../plan-book/import.js');
  const { printPlanImport } = await import('../plan-book/import-report.js');
  const r = await planImport(path.resolve(a.data), path.resolve(returns), {
    write: !!a.yes,
    correction: a.correction,
    publishedRoot: path.resolve(a.published ?? PUBLISHED_ROOT),
  });
  return printPlanImport(
    r,
    a.data,
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
  );
}

// npm run validate: Checks data sets without building anything: every problem with its file and place.
import path from 'node:path';
import { hasErrors } from '../problem.js';
import { datasetsOf, printProblems, sameIds, logOf, commandWords } from './common.js';
import type { Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  const log = logOf(a);
  const dirs = datasetsOf(a);
  let failed = await sameIds(dirs);
  for (const dir of dirs) {
    const label = path.relative(process.cwd(), dir) || dir;
    const { checkDataset } = await import('../pipeline.js');
    const { problems, model } = checkDataset(dir);
    printProblems(problems, label, label);
    if (hasErrors(problems)) {
      failed = true;
      process.stderr.write(commandWords().get('validate-errors', { label, count: problems.filter((p) => p.severity === 'error').length }) + '\n');
    } else {
      log(commandWords().get('validate-ok', { label, initiatives: model!.initiatives.length, warnings: problems.length }));
    }
  }
  return failed ? 1 : 0;
}

// npm run errata: Makes the 正誤表 of a data set against a published version.
import { isoDateMeant } from '../date-meant.js';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { hasErrors } from '../problem.js';
import { guardPlaces, type Read } from '../write/places.js';
import { ROOT, printProblems, dataRead, logOf, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';
import { isIsoDate } from '../iso-date.js';

export default async function run(a: Args): Promise<number> {
  const log = logOf(a);
  const against = a.against;
  if (!a.data || !against) throw new UsageError(commandWords().get('need-errata'));
  const { errata, errataWords } = await import('../errata/index.js');
  if (a.date !== undefined && !isIsoDate(a.date)) throw new UsageError(errataWords().get('bad-date', { value: a.date, meant: isoDateMeant(a.date) }));
  const { PUBLISHED_ROOT } = await import('../publish/record.js');
  const outRoot = path.resolve(a.out ?? path.join(ROOT, 'output'));
  const reads: Read[] = [
    ...dataRead([path.resolve(a.data)]),
    { path: path.resolve(a.published ?? PUBLISHED_ROOT), what: commandWords().get('read-published-records') },
  ];
  if (existsSync(against)) reads.push({ path: path.resolve(against), what: commandWords().get('read-published') });
  guardPlaces([outRoot], reads);
  const r = await errata(path.resolve(a.data), against, outRoot, log, a.published ? path.resolve(a.published) : undefined, {
    data: a.data,
    out: a.out,
    date: a.date,
  });
  printProblems(r.problems, a.data, a.data);
  if (hasErrors(r.problems)) return 1;
  const v = r.view!;
  log(commandWords().get('errata-done', { entries: v.entries.length, moved: v.moved.length }));
  for (const f of r.files) log(path.relative(process.cwd(), f.file));
  return 0;
}

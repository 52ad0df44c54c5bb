// npm run publish: Records the built documents and the data as a published version.
import path from 'node:path';
import { hasErrors } from '../problem.js';
import { guardPlaces } from '../write/places.js';
import { shown } from '../shown-path.js';
import { ROOT, printProblems, dataRead, logOf, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  const log = logOf(a);
  if (!a.data || !a.label || !a.date) throw new UsageError(commandWords().get('need-publish'));
  const { publish, publishWords } = await import('../publish/index.js');
  const { PUBLISHED_ROOT } = await import('../publish/record.js');
  const outRoot = path.resolve(a.out ?? path.join(ROOT, 'output'));
  const publishedRoot = path.resolve(a.published ?? PUBLISHED_ROOT);
  guardPlaces([publishedRoot], [...dataRead([path.resolve(a.data)]), { path: outRoot, what: commandWords().get('read-output') }]);
  const r = await publish(path.resolve(a.data), a.label, a.date, outRoot, publishedRoot, a.data);
  if (r.usage) throw new UsageError(r.usage);
  printProblems(r.problems, a.data, a.data);
  if (hasErrors(r.problems) || !r.folder) return 1;
  const w = publishWords();
  for (const d of r.dated ?? [])
    log(
      w.get(d.progress ? 'dated-progress' : 'dated', {
        westernYear: d.fiscalYear,
        on: a.date,
        face: d.face,
        out: shown(path.join(outRoot, r.publication!.dataset)),
      }),
    );
  log(w.get('recorded', { label: a.label, on: a.date, folder: shown(r.folder), files: r.publication!.files.join('、') }));
  log(w.get('commit-hint', { data: a.data, label: a.label, out: a.out, published: a.published }));
  return 0;
}

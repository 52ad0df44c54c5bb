// npm run watch: Builds again what a saved data file or template affects, until stopped.
import path from 'node:path';
import { guardPlaces } from '../write/places.js';
import { ROOT, datasetsOf, dataRead, sameIds } from './common.js';
import type { Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  const outRoot = path.resolve(a.out ?? path.join(ROOT, 'output'));
  guardPlaces([outRoot], dataRead(datasetsOf(a)));
  const { watch } = await import('../yearly/watch.js');
  const dirs = datasetsOf(a);
  if (await sameIds(dirs)) return 1;
  await watch(dirs, outRoot, (line) => process.stderr.write(line + '\n'), undefined, a.debug);
  return 0;
}

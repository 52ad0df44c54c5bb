// The output of a data set is output/<id>/, id from its dataset.json: two data sets of one build
// with the same id would write one folder, the second silently replacing the first. Found from
// the dataset.json files alone, before anything is built.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface SharedId {
  id: string;
  dirs: string[];
}

/** Ids named by more than one of `dirs` (a dataset.json that cannot be read is left to validation). */
export function sharedIds(dirs: string[]): SharedId[] {
  const byId = new Map<string, string[]>();
  for (const dir of dirs) {
    let id: unknown;
    try {
      id = (JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8')) as { id?: unknown })?.id;
    } catch {
      continue;
    }
    if (typeof id !== 'string') continue;
    byId.set(id, [...(byId.get(id) ?? []), dir]);
  }
  return [...byId].filter(([, ds]) => ds.length > 1).map(([id, ds]) => ({ id, dirs: ds }));
}

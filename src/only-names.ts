// `--only`: every name given must be a document some data set of the run publishes (or its web
// edition or open data, `web/` and `data/`); a name none of them publishes is a usage error, said
// before anything is built.
import path from 'node:path';
import { checkDataset, documentNames } from './pipeline.js';
import { WEB, DATA } from './document-names.js';
import { hasErrors } from './problem.js';

export interface OnlyCheck {
  /** names no data set publishes */
  unknown: string[];
  /** what each data set publishes, by its folder's name */
  published: { dataset: string; names: string[] }[];
  /** the data sets as checked, to build without checking again */
  checked: Map<string, ReturnType<typeof checkDataset>>;
}

export function checkOnly(dirs: string[], only: string[]): OnlyCheck {
  const checked = new Map(dirs.map((d) => [d, checkDataset(d)]));
  // a data set with errors publishes nothing this time: the build reports its errors instead
  if ([...checked.values()].some((c) => !c.model || hasErrors(c.problems))) return { unknown: [], published: [], checked };
  const published = dirs.map((d) => ({ dataset: path.basename(d), names: [...documentNames(checked.get(d)!.model!), WEB, DATA] }));
  const all = new Set(published.flatMap((p) => p.names));
  return { unknown: only.filter((n) => !all.has(n)), published, checked };
}

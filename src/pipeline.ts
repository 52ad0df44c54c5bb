// load → validate → resolve → compose → render → write, and nothing else.
import path from 'node:path';
import { loadDataset } from './load/index.js';
import { validate } from './validate/index.js';
import type { Problem } from './problem.js';
import { hasErrors } from './problem.js';
import type { Model } from './model/schema.js';

export function checkDataset(dir: string): { model?: Model; problems: Problem[] } {
  return validate(loadDataset(dir));
}

export interface BuildOptions { log: (s: string) => void }

export async function buildDataset(dir: string, outRoot: string, opts: BuildOptions): Promise<{ problems: Problem[]; files: string[] }> {
  const t0 = performance.now();
  const { model, problems } = checkDataset(dir);
  if (!model || hasErrors(problems)) return { problems, files: [] };
  const outDir = path.join(outRoot, model.dataset.id);
  opts.log(`${model.dataset.id}: 検証 OK（${Math.round(performance.now() - t0)} ms）→ ${outDir}`);
  return { problems, files: [] };
}

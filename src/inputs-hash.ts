// The hash of everything a data set's documents are built from: its files (data, texts, figures)
// and the fixed inputs (templates, fonts, the tool's code and locked libraries). Light on purpose:
// a build of unchanged inputs (write/kept-set.ts) computes it before any heavy module is loaded.
import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawDataset } from './load/index.js';
import { FONT_DIR, TEMPLATE_DIR } from './paths.js';
import { cachedHash } from './fixed-inputs-cache.js';

let fixedInputs: string | undefined;
/**
 * Templates, fonts and the tool itself (its code, compiled in dist/ or as sources in src/, and the
 * locked versions of the libraries it uses): inputs of every document too. A build of unchanged
 * inputs is skipped (write/up-to-date.ts, write/kept-set.ts), so a new version of the tool must change this.
 */
export function fixedInputsHash(): string {
  if (fixedInputs) return fixedInputs;
  const code = path.dirname(fileURLToPath(import.meta.url));
  const lock = path.join(code, '..', 'package-lock.json');
  // each file by its path in its folder, in that order: [folder, path in it]
  const files: [string, string][] = [];
  // templates/web/ is a folder of templates too
  for (const dir of [TEMPLATE_DIR, FONT_DIR, code])
    for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      // path.relative(dir, path.join(e.parentPath, e.name)), by hand: it ran for every build (about 5 ms)
      .map((e) => (e.parentPath === dir ? e.name : `${e.parentPath.slice(dir.length + 1)}${path.sep}${e.name}`))
      .sort())
      if (dir !== code || /\.(ts|js|mjs)$/.test(f)) files.push([dir, f]);
  const hashAll = () => {
    const h = createHash('sha256');
    if (existsSync(lock)) h.update(readFileSync(lock)).update('\0');
    for (const [dir, f] of files)
      h.update(f)
        .update('\0')
        .update(readFileSync(path.join(dir, f)))
        .update('\0');
    return h.digest('hex');
  };
  // read again only when a file's stat information changed (fixed-inputs-cache.ts)
  const all = [...(existsSync(lock) ? [lock] : []), ...files.map(([dir, f]) => `${dir}${path.sep}${f}`)];
  return (fixedInputs = cachedHash(all, hashAll));
}

/** The hash fixedInputsHash() gives, taken by the command that started this build process (commands/build.ts): the same files, read once. */
export function useFixedInputsHash(hash: string): void {
  fixedInputs = hash;
}

export function inputsHash(raw: RawDataset): string {
  const h = createHash('sha256').update(fixedInputsHash());
  // each file by its path, in path order; the figures' images are printed too: a replaced image is a changed input
  const add = (files: Iterable<[string, string | Buffer]>) => {
    for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(rel).update('\0').update(content).update('\0');
  };
  add([...raw.json].map(([rel, f]) => [rel, f.text]));
  add(raw.texts);
  add(raw.figures);
  return h.digest('hex');
}

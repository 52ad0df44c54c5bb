// Speed: compiling a template (Handlebars parses it and generates JavaScript) is 0.1–0.2 s of
// CPU in every build process, for the same wording each time. What it yields is the template
// specification that Handlebars' own precompiler writes (`handlebars -f`): JavaScript source that
// `template()` runs as it is. It is kept here, one file a template, named by a hash of Handlebars'
// version, the compile options and the template text: an edited template is another name, so an
// old entry is never used for it. The folder is the usual home of a tool's caches,
// node_modules/.cache (outside the output folder, which holds only what the tool writes there, and
// outside dist/ and src/, whose hash says whether the tool changed). It is a cache and nothing
// more: an entry that cannot be read, parsed or written is compiled as before, and the folder may
// be deleted at any time. ICT_NO_TEMPLATE_CACHE=1 leaves it unused (to measure against).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR } from '../paths.js';
import { writeCacheFile } from '../cache-file.js';

export const COMPILED_CACHE_DIR = path.join(CACHE_DIR, 'handlebars');
/** beyond this many entries (a few kB each), a process that writes one deletes the older half */
const KEEP = 4000;

const off = () => process.env.ICT_NO_TEMPLATE_CACHE === '1';
const fileOf = (dir: string, key: string) => path.join(dir, `${key}.js`);

/** the entry's name: the Handlebars version, the options as compile() completes them, and the text */
export function compiledKey(version: string, options: object, input: string): string {
  return createHash('sha256').update(`${version}\0${JSON.stringify(options)}\0${input}`).digest('hex').slice(0, 40);
}

/** The specification's source kept under `key`, or undefined. */
export function readCompiled(key: string, dir = COMPILED_CACHE_DIR): string | undefined {
  if (off()) return undefined;
  try {
    return readFileSync(fileOf(dir, key), 'utf8');
  } catch {
    return undefined;
  }
}

/** folders looked over by this thread: once each */
const pruned = new Set<string>();
/** Keeps `source` under `key`: written whole or not at all (renamed into place), never an error. */
export function writeCompiled(key: string, source: string, dir = COMPILED_CACHE_DIR): void {
  if (off()) return;
  if (!writeCacheFile(fileOf(dir, key), source)) return;
  if (!pruned.has(dir)) {
    pruned.add(dir);
    prune(dir);
  }
}

/** each edit of a data set's own text adds an entry: past KEEP, the older half goes */
function prune(dir: string): void {
  try {
    const names = readdirSync(dir).filter((n) => n.endsWith('.js'));
    if (names.length <= KEEP) return;
    const byAge = names.map((n) => ({ n, t: statSync(path.join(dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
    for (const { n } of byAge.slice(0, names.length - KEEP / 2)) rmSync(path.join(dir, n), { force: true });
  } catch {
    // another process pruned at the same time: nothing lost but cache
  }
}

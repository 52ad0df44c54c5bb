// What in an output place is the tool's own. The set swap (set.ts) replaces and removes only
// what it can prove it wrote: a folder whose manifest.json lists every file in it, each with the
// size and SHA-256 written. A memo, a spreadsheet or photos put beside the PDFs, a document
// edited by hand, a folder of the user's that happens to bear the data set's name (or the data
// set itself, after a mistyped --out) are not, and the command stops before touching anything.
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_TOOL, readManifestOf, sha256, type Manifest } from './index.js';
import { OutputError } from './output-error.js';

/** A version folder's name in the store: its number, then the process and thread that made it. */
export const VERSION_NAME = /^(\d+)-(\d+-\d+)$/;
/** Folders a run makes in the store while it writes or swaps (removed when their maker is gone). */
export const WORK_NAME = /^(staging|old)-(\d+-\d+)$/;

/** The entry's lstat, or undefined when nothing is there. */
export function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * The entries of a folder that its manifest does not account for (by their path under it):
 * files not listed or not as written, links, and folders no listed file lies in. A folder
 * without a readable manifest is foreign as a whole (['.']).
 */
export function foreignIn(dir: string, manifest: Manifest | undefined = readManifestOf(dir)): string[] {
  // a manifest of another program (or, before the tool named itself in it, none at all: older sets are recognised by their content alone)
  // (its files are named, so that the user sees which are theirs; an empty folder is named itself)
  if (!manifest || (manifest.tool !== undefined && manifest.tool !== MANIFEST_TOOL)) {
    const names = readdirSync(dir).sort();
    return names.length ? names : ['.'];
  }
  const listed = new Map(manifest.files.map((f) => [f.file, f]));
  const folders = new Set(
    manifest.files.flatMap((f) =>
      f.file
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  const foreign: string[] = [];
  const walk = (rel: string) => {
    for (const n of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${n}` : n;
      const s = lstatSync(path.join(dir, r));
      if (s.isDirectory() && folders.has(r)) walk(r);
      else if (r === 'manifest.json' && s.isFile()) continue;
      else {
        const entry = listed.get(r);
        // the size first: a changed document is told without reading it
        if (!entry || !s.isFile() || s.size !== entry.bytes || sha256(readFileSync(path.join(dir, r))) !== entry.sha256) foreign.push(r);
      }
    }
  };
  walk('');
  return foreign;
}

const refuse = (at: string, foreign: string[], detail: string) => new OutputError({ code: 'ENOTOURS', path: at, detail, kept: true, foreign });

/**
 * Throws ENOTOURS unless everything at <out>/<id> and <out>/.<id> is the tool's own: the set
 * is absent, a link to a version of the store, or (where links cannot be made) a folder its
 * manifest accounts for; the store holds only version and work folders.
 */
export function checkOwnership(outRoot: string, id: string): void {
  const setPath = path.join(outRoot, id);
  const store = path.join(outRoot, `.${id}`);
  const s = lstatOrUndefined(store);
  if (s && !s.isDirectory()) throw refuse(store, [store], 'the store is not a folder');
  if (s) {
    const odd = readdirSync(store).filter((n) => !((VERSION_NAME.test(n) || WORK_NAME.test(n)) && lstatSync(path.join(store, n)).isDirectory()));
    if (odd.length)
      throw refuse(
        store,
        odd.map((n) => path.join(store, n)),
        'the store holds what the tool did not make',
      );
  }
  const set = lstatOrUndefined(setPath);
  if (!set) return;
  let dir = setPath;
  if (set.isSymbolicLink()) {
    const to = readlinkSync(setPath);
    const target = path.resolve(outRoot, to);
    if (path.dirname(target) !== path.resolve(store) || !VERSION_NAME.test(path.basename(target)))
      throw refuse(setPath, [`${setPath} → ${to}`], 'a link elsewhere');
    if (!lstatOrUndefined(target)) return; // a swap cut short: the store's newest version is current
    dir = target;
  } else if (!set.isDirectory()) return; // a file: told as ENOTDIR by the caller
  const foreign = foreignIn(dir);
  if (foreign.length)
    throw refuse(
      setPath,
      foreign.map((f) => (f === '.' ? setPath : path.join(setPath, f))),
      "not the tool's own",
    );
}

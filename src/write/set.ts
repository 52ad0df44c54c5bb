// A data set's output folder changes as a whole: a reader of output/<id>/ sees the old set or
// the new one, never a mix, and a failure or a kill at any moment leaves the old set whole.
//
//   output/<id>            a symbolic link to the current version, e.g. `.<id>/7-4242-0`
//   output/.<id>/7-4242-0/ the current version (number, then the process and thread that made it):
//                          the documents and manifest.json
//   output/.<id>/staging-<pid>-<thread>/   the next version while it is written
//
// The next version is written in full (documents kept from the current version are hard
// links, or copies where the file system has none), flushed to the disk, renamed to its
// number, and then a new link is renamed over output/<id>: rename() replaces a link in one
// step, which it cannot do for a folder that has files. Where links cannot be made (Windows
// without the right to, some USB file systems) output/<id> is a plain folder: the old one is
// renamed away and the new one in, and between those two renames the folder is briefly
// missing (a reader finds nothing, never a mix). A folder from an older version of the tool
// is taken over the same way, once.
//
// Only what the tool made is ever replaced or removed (ownership.ts): whatever else stands at
// output/<id> or output/.<id> — the user's own folder or files, a document changed by hand, a
// link elsewhere, the data set after a mistyped --out — stops the command before anything is
// written, and it says what is in the way.
import {
  mkdirSync,
  readdirSync,
  rmSync,
  renameSync,
  lstatSync,
  statSync,
  readlinkSync,
  symlinkSync,
  linkSync,
  copyFileSync,
  utimesSync,
  readFileSync,
  openSync,
  fsyncSync,
  closeSync,
  unlinkSync,
  accessSync,
  constants,
} from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { writeSynced, fsyncDir, manifestText, readManifestOf, sha256, MANIFEST_TOOL, type BuildRecord, type Written } from './index.js';
import { OutputError, asOutputError } from './output-error.js';
import { checkOwnership, foreignIn, lstatOrUndefined, VERSION_NAME, WORK_NAME } from './ownership.js';
import { alive } from '../process-alive.js';

export interface NewFile {
  name: string;
  bytes: Buffer;
  pages?: number;
  sheets?: string[];
  inputs: string;
}

export interface SetChange {
  /** the documents written this time */
  files: NewFile[];
  /** which other files of the current set stay in the new one */
  keep: (name: string) => boolean;
  /** manifest.inputs of the new set; the current set's when not given */
  inputs?: string;
  /** the order of the manifest's entries; names not listed follow, by name */
  order?: string[];
  /** false: never make a link, always swap plain folders (the fallback, for tests) */
  links?: boolean;
  /** a build of the whole set: said in the manifest, with its warnings (kept-set.ts reads them) */
  build?: BuildRecord;
  /**
   * the files written only join the set's documents, which are all carried over as they are
   * (the 正誤表): the set before's record of its whole build stays, so that the next build of
   * unchanged data still keeps the set at once (kept-build.ts)
   */
  keepsBuild?: boolean;
  /** called before each file is written into the staging folder (a seam for tests to inject faults) */
  beforeWrite?: (file: string) => void;
}

export interface Published {
  /** the documents written this time, by their path under output/<id>/ */
  files: Written[];
  /** the documents carried over from the set before */
  kept: Written[];
  /** the files of the set before that are not in the new set */
  dropped: string[];
}

const tag = () => `${process.pid}-${threadId}`;
const storeOf = (outRoot: string, id: string) => path.join(outRoot, `.${id}`);
/** A version folder's number and maker (`7-4242-0`), or undefined for any other name. */
function versionOf(name: string): { n: number; maker: string } | undefined {
  const m = name.match(VERSION_NAME);
  // both groups take part in every match
  return m ? { n: Number(m[1]), maker: m[2]! } : undefined;
}
const versionNo = (name: string) => versionOf(name)?.n;

/** Made by this very thread, or by a process that is gone (a run that was killed). */
const notInFlight = (maker: string) => maker === tag() || !alive(Number(maker.split('-')[0]));

/** A work folder (staging-…, old-…) of a run that was killed, or of this very thread. */
function leftover(name: string): boolean {
  const m = name.match(WORK_NAME);
  return m ? notInFlight(m[2]!) : false; // the group takes part in every match
}

/**
 * Checks, before anything is rendered, that the set can be written at all, making nothing: the
 * nearest existing folder on the way to the output folder can be written, and neither
 * output/<id> nor output/.<id> is a file.
 */
export function checkOutputPlace(outRoot: string, id: string): void {
  const notAFolder = (p: string) => Object.assign(new Error(`not a folder: ${p}`), { code: 'ENOTDIR', syscall: 'lstat', path: p });
  let at = outRoot;
  try {
    let existing = path.resolve(outRoot);
    while (!lstatOrUndefined(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
    at = existing;
    if (!statSync(existing).isDirectory()) throw notAFolder(existing);
    accessSync(existing, constants.W_OK);
    // --out typed as a data set's own output folder (output/<id>), or a folder inside one: a set written
    // there would sit in that set, which its next build cannot replace without deleting it
    for (let d = path.resolve(outRoot); ; d = path.dirname(d)) {
      if (readManifestOf(d)?.tool === MANIFEST_TOOL)
        throw new OutputError({
          code: 'EINSET',
          path: outRoot,
          detail: d,
          kept: true,
          overlap: { how: d === path.resolve(outRoot) ? 'same' : 'inside', folder: d, what: '' },
        });
      if (path.dirname(d) === d) break;
    }
    for (const p of [path.join(outRoot, id), storeOf(outRoot, id)]) {
      at = p;
      const s = lstatOrUndefined(p);
      if (s && !s.isDirectory() && !s.isSymbolicLink()) throw notAFolder(p);
    }
    checkOwnership(outRoot, id);
  } catch (e) {
    throw asOutputError(e, at, true);
  }
}

interface Current {
  kind: 'none' | 'link' | 'folder';
  dir?: string;
}

/** Where the current set is. A missing output/<id> beside finished versions is a swap cut short: the newest one is current. */
function currentSet(outRoot: string, id: string): Current {
  const setPath = path.join(outRoot, id);
  const s = lstatOrUndefined(setPath);
  if (s?.isSymbolicLink()) {
    const dir = path.resolve(outRoot, readlinkSync(setPath));
    try {
      return statSync(dir).isDirectory() ? { kind: 'link', dir } : { kind: 'link' };
    } catch {
      return { kind: 'link' };
    }
  }
  if (s?.isDirectory()) return { kind: 'folder', dir: setPath };
  if (s) throw Object.assign(new Error(`not a folder: ${setPath}`), { code: 'ENOTDIR', syscall: 'lstat', path: setPath });
  const store = storeOf(outRoot, id);
  const newest = readdirSync(store)
    .filter((n) => versionOf(n))
    .sort((a, b) => versionNo(b)! - versionNo(a)!)[0];
  return newest ? { kind: 'none', dir: path.join(store, newest) } : { kind: 'none' };
}

/** Removes what killed runs left: staging folders, folders moved aside, links not yet renamed. */
function cleanLeftovers(outRoot: string, id: string): void {
  const store = storeOf(outRoot, id);
  for (const n of readdirSync(store)) if (leftover(n)) rmSync(path.join(store, n), { recursive: true, force: true });
  // a link not yet renamed over output/<id> (never a file or folder of that name: not ours)
  const prefix = `.${id}.link-`;
  for (const n of readdirSync(outRoot)) {
    const maker = n.startsWith(prefix) ? n.slice(prefix.length) : '';
    if (/^\d+-\d+$/.test(maker) && notInFlight(maker) && lstatSync(path.join(outRoot, n)).isSymbolicLink()) unlinkSync(path.join(outRoot, n));
  }
}

/** The same file under a second name (a hard link), or a copy with the same time where links cannot be made. */
function carry(from: string, to: string): void {
  try {
    linkSync(from, to);
    return;
  } catch (e) {
    if (!['EPERM', 'EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
  }
  copyFileSync(from, to);
  const s = statSync(from);
  utimesSync(to, s.atime, s.mtime);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The set's files by their name under it (web/index.html), folders looked into: a command that rebuilds some documents carries all the others, web/ and data/ included. */
function entriesOf(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const n of readdirSync(path.join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${n}` : n;
    if (lstatSync(path.join(dir, rel)).isDirectory()) out.push(...entriesOf(dir, rel));
    else out.push(rel);
  }
  return out;
}

/** Builds the next version of output/<id>/ beside the current one and swaps it in. */
export function publishSet(outRoot: string, id: string, change: SetChange): Published {
  const setPath = path.join(outRoot, id);
  const store = storeOf(outRoot, id);
  const staging = path.join(store, `staging-${tag()}`);
  let at = outRoot;
  let swapped = false;
  let version: string | undefined;
  let movedAside: string | undefined;
  try {
    // checked before the rendering too; again here, just before anything is changed
    checkOwnership(outRoot, id);
    mkdirSync(store, { recursive: true });
    cleanLeftovers(outRoot, id);
    const current = currentSet(outRoot, id);
    const before = current.dir ? readManifestOf(current.dir) : undefined;
    const listed = new Map((before?.files ?? []).map((f) => [f.file, f]));

    at = staging;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    const rewritten = new Set(change.files.map((f) => f.name));
    // a document may lie in a folder of the set (web/index.html): the folders it needs
    const folders = new Set(
      change.files.flatMap((f) =>
        f.name
          .split('/')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
      ),
    );
    for (const d of [...folders].sort()) mkdirSync(path.join(staging, d), { recursive: true });
    const kept: Written[] = [];
    const dropped: string[] = [];
    for (const name of current.dir ? entriesOf(current.dir) : []) {
      if (name === 'manifest.json' || rewritten.has(name)) continue;
      const from = path.join(current.dir!, name);
      if (!change.keep(name) || !lstatSync(from).isFile()) {
        dropped.push(name);
        continue;
      }
      at = path.join(staging, name);
      change.beforeWrite?.(at);
      // a folder only documents carried over lie in (web/ when errata writes)
      for (const d of name
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')))
        if (!folders.has(d)) {
          folders.add(d);
          mkdirSync(path.join(staging, d), { recursive: true });
        }
      carry(from, at);
      const entry = listed.get(name);
      const bytes = entry ? undefined : readFileSync(from);
      kept.push(entry ? { ...entry, file: path.join(setPath, name) } : { file: path.join(setPath, name), sha256: sha256(bytes!), bytes: bytes!.length });
    }
    const files: Written[] = [];
    for (const f of change.files) {
      at = path.join(staging, f.name);
      change.beforeWrite?.(at);
      writeSynced(at, f.bytes);
      files.push({ file: path.join(setPath, f.name), sha256: sha256(f.bytes), bytes: f.bytes.length, pages: f.pages, sheets: f.sheets, inputs: f.inputs });
    }
    const order = change.order ?? [];
    const rank = (f: Written) => {
      const i = order.indexOf(path.basename(f.file));
      return i < 0 ? order.length : i;
    };
    const all = [...files, ...kept].sort((a, b) => rank(a) - rank(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    at = path.join(staging, 'manifest.json');
    change.beforeWrite?.(at);
    const carried =
      change.keepsBuild && !dropped.length && before?.complete && Array.isArray(before.warnings)
        ? { complete: true as const, warnings: before.warnings }
        : undefined;
    writeSynced(at, manifestText(setPath, id, change.inputs ?? before?.inputs ?? files[0]?.inputs ?? '', all, change.build ?? carried));
    for (const d of [...folders].sort().reverse()) fsyncDir(path.join(staging, d));
    fsyncDir(staging);

    // the finished version gets the next number (another process may take one at the same time)
    at = store;
    const n = Math.max(0, ...readdirSync(store).map((x) => versionNo(x) ?? 0)) + 1;
    const name = `${n}-${tag()}`;
    renameSync(staging, path.join(store, name));
    version = path.join(store, name);
    fsyncDir(store);

    at = setPath;
    const aside = path.join(store, `old-${tag()}`);
    const link = path.join(outRoot, `.${id}.link-${tag()}`);
    let linked = false;
    if (change.links !== false) {
      rmSync(link, { force: true });
      try {
        symlinkSync(path.join(`.${id}`, name), link, 'dir');
        linked = true;
      } catch (e) {
        // no links here (the folder itself was just written, so it is not a matter of rights on it)
        if (!['EPERM', 'ENOSYS', 'EINVAL', 'ENOTSUP', 'EOPNOTSUPP'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      }
    }
    if (current.kind === 'folder') {
      renameSync(setPath, aside);
      movedAside = aside;
    } else if (current.kind === 'link' && !linked) unlinkSync(setPath);
    renameSync(linked ? link : version, setPath);
    swapped = true;
    fsyncDir(outRoot);

    // the new set is in place: what is left of the old one is removed, failures here lose nothing
    // (a version another live process made may be about to be linked: it is that process's to remove)
    try {
      rmSync(aside, { recursive: true, force: true });
      for (const x of readdirSync(store)) {
        const v = versionOf(x);
        // a version holding anything its manifest does not list (a file put there by hand) stays
        if (v && x !== name && notInFlight(v.maker) && foreignIn(path.join(store, x)).length === 0)
          rmSync(path.join(store, x), { recursive: true, force: true });
      }
    } catch {
      // a stale version is cleaned by the next build
    }
    return { files, kept, dropped };
  } catch (e) {
    if (!swapped)
      try {
        // the old set goes back where it was before anything of the new one is removed
        if (movedAside) renameSync(movedAside, setPath);
        rmSync(staging, { recursive: true, force: true });
        if (version) rmSync(version, { recursive: true, force: true });
      } catch {
        // what is left is cleaned by the next build; the error that matters is the first one
      }
    const err = asOutputError(e, at, !swapped);
    // the user knows output/<id>/<file>, not the staging folder beside it
    if (err instanceof OutputError && err.problem.path.startsWith(staging + path.sep))
      err.problem.path = path.join(setPath, path.relative(staging, err.problem.path));
    throw err;
  }
}

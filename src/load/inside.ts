// Reading confined to the data set's folder. Every entry is looked at with lstat before it is
// opened, and every file is opened without following a final link and checked by realpath
// to lie inside the folder's own realpath: a link (to a file or a folder, inside or out) or
// anything but a plain file is a problem naming it, never a silent skip or a read elsewhere.
// Links inside the set are refused too: one rule is easier to trust than a list of exceptions.
import { lstatSync, openSync, fstatSync, readFileSync, closeSync, readlinkSync, realpathSync, constants, type Stats } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import type { Problem } from '../problem.js';
import { loadMessages as m, type SizedKind } from './messages.js';

export type EntryKind = 'missing' | 'file' | 'folder' | 'link' | 'other';

// O_NOFOLLOW: a link swapped in after the lstat is not followed either; O_NONBLOCK: a named
// pipe swapped in after the lstat does not hang the open (it is refused just after)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export class DatasetFolder {
  /** the folder's realpath: everything read must lie under it */
  readonly real: string;

  constructor(
    readonly dir: string,
    private readonly problems: Problem[],
  ) {
    // the C library's realpath: the same answer as Node's JavaScript one, which lstats each folder on the way anew for every file
    this.real = realpathSync.native(dir);
  }

  private err(file: string, message: string) {
    this.problems.push({ severity: 'error', file, message });
  }

  private abs(rel: string) {
    return path.join(this.dir, ...rel.split('/'));
  }

  isInside(real: string): boolean {
    return real === this.real || real.startsWith(this.real + path.sep);
  }

  kind(rel: string): EntryKind {
    let st: Stats;
    try {
      st = lstatSync(this.abs(rel));
    } catch {
      return 'missing';
    }
    return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  }

  /** The problem a link is: where it points decides the words. */
  refuseLink(rel: string): void {
    const abs = this.abs(rel);
    let target = '';
    try {
      target = readlinkSync(abs);
    } catch {
      /* gone since the lstat: still a link we will not follow */
    }
    let real: string | undefined;
    try {
      real = realpathSync.native(abs);
    } catch {
      real = undefined;
    }
    if (real === undefined) this.err(rel, m.linkDangling(rel, target));
    else if (!this.isInside(real)) this.err(rel, m.linkOutside(rel, target));
    else this.err(rel, m.linkInside(rel, target));
  }

  /** A folder of the set (text, figures, initiatives): true if it may be listed. */
  folder(rel: string): boolean {
    const k = this.kind(rel);
    if (k === 'missing') return false;
    if (k === 'link') this.refuseLink(rel);
    else if (k !== 'folder') this.err(rel, m.fileNotFolder(rel));
    return k === 'folder';
  }

  /** Entries below a folder (already checked by folder()), links not followed, sorted. */
  list(pattern: string): { rel: string; kind: EntryKind }[] {
    let entries: fg.Entry[];
    try {
      entries = fg.sync([pattern], { cwd: this.dir, onlyFiles: false, followSymbolicLinks: false, objectMode: true, dot: false });
    } catch (e) {
      const top = pattern.split('/')[0]!; // split gives at least one piece
      this.err(top, m.unreadable(top, (e as NodeJS.ErrnoException).code ?? String(e)));
      return [];
    }
    return entries
      .map((e) => ({
        rel: e.path,
        kind: (e.dirent.isSymbolicLink() ? 'link' : e.dirent.isDirectory() ? 'folder' : e.dirent.isFile() ? 'file' : 'other') as EntryKind,
      }))
      .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  }

  /**
   * The bytes of a plain file inside the set, or undefined with the problem recorded. What it is
   * and how large is decided by lstat before the file is opened: a named pipe or a device is
   * never opened (a pipe can hang a read, a device can do anything on open), and a file over
   * `maxBytes` is never read. The same checks run again on the opened file, in case it was swapped.
   */
  read(rel: string, maxBytes: number, kind: SizedKind): Buffer | undefined {
    const abs = this.abs(rel);
    let before: Stats;
    try {
      before = lstatSync(abs);
    } catch (e) {
      return void this.err(rel, m.unreadable(rel, (e as NodeJS.ErrnoException).code ?? String(e)));
    }
    if (before.isSymbolicLink()) return void this.refuseLink(rel);
    const refused = this.refusal(rel, before, maxBytes, kind);
    if (refused) return void this.err(rel, refused);
    let fd: number;
    try {
      fd = openSync(abs, OPEN_FLAGS);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      if (code === 'ELOOP' || this.kind(rel) === 'link') this.refuseLink(rel);
      else this.err(rel, m.unreadable(rel, code));
      return undefined;
    }
    try {
      const again = this.refusal(rel, fstatSync(fd), maxBytes, kind);
      if (again) return void this.err(rel, again);
      // a folder on the way may have been a link: the file's own realpath decides
      if (!this.isInside(realpathSync.native(abs))) return void this.err(rel, m.linkOutside(rel, realpathSync.native(abs)));
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Why a file with these stats is not read, if it is not. */
  private refusal(rel: string, st: Stats, maxBytes: number, kind: SizedKind): string | undefined {
    if (st.isDirectory()) return m.folderNotFile(rel);
    if (!st.isFile()) return m.notRegular(rel);
    if (st.size > maxBytes) return m.tooLarge(rel, st.size, maxBytes, kind);
    return undefined;
  }
}

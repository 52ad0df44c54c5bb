// Writing the files one survey import changes, all or nothing. Every new text is first written
// to a temporary file next to its target and flushed to disk; if any of these fails, the
// temporary files are removed and no target has changed. Then a journal listing the
// temporary → target pairs is written (itself atomically), the temporary files are renamed
// into place, and the journal is removed. A run killed or failing during the renames leaves
// the journal, and the next run completes it: by then every temporary file is whole.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { writeSynced, fsyncDir } from '../write/index.js';
import { createHash } from 'node:crypto';
import path from 'node:path';
import fg from 'fast-glob';

/** In the data set folder; a dot file, so the loader never reads it. */
export const JOURNAL = '.survey-import.journal.json';
const TEMP_SUFFIX = '.survey-import.tmp';

/** The temporary file of a target, in the same folder (a rename never crosses file systems). */
export const tempOf = (rel: string) => path.posix.join(path.posix.dirname(rel), `.${path.posix.basename(rel)}${TEMP_SUFFIX}`);

/** The file system steps that can fail; a seam for tests to inject faults. */
export interface CommitIo {
  write(file: string, text: string): void;
  rename(from: string, to: string): void;
  /** removes a file (plan:import retiring an initiative); rmSync unless given */
  remove?(file: string): void;
}

const writeDurably = (file: string, text: string) => writeSynced(file, text, 'w');

export const fileIo: CommitIo = { write: writeDurably, rename: renameSync };

/** A file to replace with its temporary file, or (plan:import) to remove. */
type JournalEntry = { target: string; temp: string; sha256: string; remove?: undefined } | { target: string; remove: true };

const removeFile = (file: string) => {
  try {
    rmSync(file, { force: true });
  } catch {
    /* not a file (a folder in the way): not ours to remove */
  }
};
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const reason = (e: unknown) => (e as NodeJS.ErrnoException)?.code ?? String((e as Error)?.message ?? e);

export type CommitResult =
  | { ok: true; files: string[] }
  /** nothing changed */
  | { ok: false; stage: 'staging'; failed: { file: string; temp: string; reason: string }[]; files: string[] }
  /** `done` have their new text, `pending` not yet; the journal stays for the next run */
  | { ok: false; stage: 'renaming'; done: string[]; pending: string[]; reason: string };

/** Writes `texts` (data set relative path → new text) into `dir` and removes `removals`, all or
 *  nothing. `command` is the command writing (survey:import, plan:import, renumber): a journal left behind names it. */
export function commitAll(dir: string, texts: Map<string, string>, io: CommitIo = fileIo, removals: string[] = [], command = 'survey:import'): CommitResult {
  const files = [...texts.keys()].sort();
  const failed: { file: string; temp: string; reason: string }[] = [];
  const written: string[] = [];
  for (const rel of files) {
    const temp = path.join(dir, tempOf(rel));
    try {
      io.write(temp, texts.get(rel)!);
      written.push(temp);
    } catch (e) {
      failed.push({ file: rel, temp: tempOf(rel), reason: reason(e) });
      removeFile(temp); // a partly written file; a folder in the way stays
    }
  }
  const journal: JournalEntry[] = [
    ...files.map((rel) => ({ target: rel, temp: tempOf(rel), sha256: sha(texts.get(rel)!) })),
    ...[...removals].sort().map((rel) => ({ target: rel, remove: true as const })),
  ];
  if (failed.length === 0) {
    // the temporary files' names too must be on disk before a journal promises them
    for (const d of new Set(written.map((t) => path.dirname(t)))) fsyncDir(d);
    try {
      const jtemp = path.join(dir, JOURNAL + '.tmp');
      // version 2 only when it removes files: a journal of writes alone stays what earlier versions read
      io.write(jtemp, JSON.stringify({ version: removals.length ? 2 : 1, command, files: journal }, null, 2) + '\n');
      io.rename(jtemp, path.join(dir, JOURNAL));
      fsyncDir(dir);
    } catch (e) {
      failed.push({ file: JOURNAL, temp: JOURNAL + '.tmp', reason: reason(e) });
      removeFile(path.join(dir, JOURNAL + '.tmp'));
    }
  }
  if (failed.length) {
    for (const t of written) removeFile(t);
    return { ok: false, stage: 'staging', failed, files };
  }
  const r = renameAll(dir, journal, io);
  const all = journal.map((e) => e.target);
  return r.ok ? { ok: true, files: all } : { ok: false, stage: 'renaming', done: r.done, pending: r.pending, reason: r.reason };
}

function renameAll(dir: string, entries: JournalEntry[], io: CommitIo): { ok: true } | { ok: false; done: string[]; pending: string[]; reason: string } {
  const done: string[] = [];
  for (const [k, e] of entries.entries()) {
    if (e.remove) {
      // removing a file that is gone already (a run stopped after it) is done
      try {
        if (existsSync(path.join(dir, e.target))) (io.remove ?? ((f: string) => rmSync(f)))(path.join(dir, e.target));
        done.push(e.target);
        continue;
      } catch (err) {
        return { ok: false, done, pending: entries.slice(k).map((x) => x.target), reason: reason(err) };
      }
    }
    const temp = path.join(dir, e.temp);
    // a rename done before a kill: the temporary file is gone and the target holds the new text
    if (!existsSync(temp) && existsSync(path.join(dir, e.target)) && sha(readFileSync(path.join(dir, e.target))) === e.sha256) {
      done.push(e.target);
      continue;
    }
    try {
      io.rename(temp, path.join(dir, e.target));
      done.push(e.target);
    } catch (err) {
      return { ok: false, done, pending: entries.slice(k).map((x) => x.target), reason: reason(err) };
    }
  }
  for (const d of new Set(entries.map((e) => path.dirname(path.join(dir, e.target))))) fsyncDir(d);
  rmSync(path.join(dir, JOURNAL), { force: true });
  fsyncDir(dir);
  return { ok: true };
}

export type Recovery =
  | { kind: 'none' }
  /** the journal of a run that stopped during its renames, completed */
  | { kind: 'completed'; files: string[] }
  /** temporary files of a run that stopped before its journal, removed: nothing had changed */
  | { kind: 'rolled-back'; files: string[] }
  /** a journal that cannot be completed now: `kept` when a later run can still complete it
   *  (a rename failed), otherwise it is removed and `pending` keep their earlier text */
  | { kind: 'failed'; done: string[]; pending: string[]; reason: string; kept: boolean };

/** Finishes what a run stopped in the middle left behind (a journal, temporary files). */
export function recover(dir: string, io: CommitIo = fileIo): Recovery {
  const journalFile = path.join(dir, JOURNAL);
  const leftovers = () => fg.sync([`**/.*${TEMP_SUFFIX}`, `${JOURNAL}.tmp`], { cwd: dir, dot: true, onlyFiles: true, followSymbolicLinks: false }).sort();
  if (!existsSync(journalFile)) {
    const temps = leftovers();
    for (const t of temps) removeFile(path.join(dir, t));
    return temps.length ? { kind: 'rolled-back', files: temps } : { kind: 'none' };
  }
  let entries: JournalEntry[] | undefined;
  try {
    const j = JSON.parse(readFileSync(journalFile, 'utf8')) as { version?: number; files?: JournalEntry[] };
    // the journal names only files of this data set and their own temporary files
    const inside = (rel: unknown) => typeof rel === 'string' && !path.isAbsolute(rel) && !path.relative(dir, path.resolve(dir, rel)).startsWith('..');
    const entryOk = (e: JournalEntry) =>
      inside(e?.target) &&
      (e.remove === true ? j.version === 2 && /^initiatives\/[^/]+\.json$/.test(e.target) : e.temp === tempOf(e.target) && typeof e.sha256 === 'string');
    if ((j.version === 1 || j.version === 2) && Array.isArray(j.files) && j.files.every(entryOk)) entries = j.files;
  } catch {
    entries = undefined;
  }
  if (!entries) {
    rmSync(journalFile, { force: true });
    for (const t of leftovers()) removeFile(path.join(dir, t));
    return { kind: 'failed', done: [], pending: [], reason: 'journal', kept: false };
  }
  // a temporary file that is missing or not the text the journal promised cannot be completed
  const broken = entries.filter((e) => {
    if (e.remove) return false;
    const temp = path.join(dir, e.temp);
    if (existsSync(temp)) return sha(readFileSync(temp)) !== e.sha256;
    const target = path.join(dir, e.target);
    return !existsSync(target) || sha(readFileSync(target)) !== e.sha256;
  });
  const whole = entries.filter((e) => !broken.includes(e));
  const r = renameAll(dir, whole, io);
  if (!r.ok) return { kind: 'failed', done: r.done, pending: r.pending, reason: r.reason, kept: true };
  if (broken.length) {
    rmSync(journalFile, { force: true });
    for (const e of broken) if (!e.remove) removeFile(path.join(dir, e.temp));
    return { kind: 'failed', done: whole.map((e) => e.target), pending: broken.map((e) => e.target), reason: 'temp', kept: false };
  }
  return { kind: 'completed', files: entries.map((e) => e.target) };
}

/** Whether a survey import stopped during its renames (its journal is still there): the data
 *  set is then half changed, and nothing should be built from it until survey:import completes it. */
export const importPending = (dir: string) => existsSync(path.join(dir, JOURNAL));

/** The command whose journal is left (survey:import when the journal does not say, or cannot be read). */
export function pendingCommand(dir: string): string {
  try {
    const c = (JSON.parse(readFileSync(path.join(dir, JOURNAL), 'utf8')) as { command?: unknown }).command;
    return c === 'renumber' ? c : 'survey:import';
  } catch {
    return 'survey:import';
  }
}

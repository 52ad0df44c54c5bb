// write: files that are whole once they are visible, and the manifest. A data set's output is
// changed as a whole by set.ts; writeAtomic is for single files (survey books, data edits).
import { mkdirSync, renameSync, rmSync, readFileSync, openSync, writeSync, fsyncSync, closeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Problem } from '../problem.js';

export interface Written {
  file: string;
  sha256: string;
  bytes: number;
  pages?: number;
  sheets?: string[];
  /** hash of the data, templates and fonts the file was built from */
  inputs?: string;
}

export const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

/**
 * Writes and flushes to the disk: after a crash the file holds these bytes or is not there.
 * `flag` 'wx' (a new file, never one already there) unless told 'w' (a journal rewritten in place).
 */
export function writeSynced(file: string, bytes: Buffer | string, flag: 'wx' | 'w' = 'wx'): void {
  const fd = openSync(file, flag);
  try {
    const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    for (let at = 0; at < buf.length;) at += writeSync(fd, buf, at, buf.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (new names, renames); not every platform can open a folder. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder; its renames are flushed by the file system itself
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeAtomic(file: string, bytes: Buffer | string): Written {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    rmSync(tmp, { force: true });
    writeSynced(tmp, bytes);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return { file, sha256: sha256(buf), bytes: buf.length };
}

export interface ManifestEntry {
  file: string;
  sha256: string;
  bytes: number;
  inputs: string;
  pages?: number;
  sheets?: string[];
}
export interface Manifest {
  tool?: string;
  dataset?: string;
  inputs: string;
  /** the whole set was built from `inputs` in one build (not only some of its documents) */
  complete?: boolean;
  /** that build's warnings about the data: said again when the set is kept as it is (kept-set.ts) */
  warnings?: Problem[];
  files: ManifestEntry[];
}

/** What a build of the whole set records beside its files. */
export interface BuildRecord {
  complete: true;
  warnings: Problem[];
}

/** The tool's name in every manifest: what marks an output folder as the tool's own (ownership.ts). */
export const MANIFEST_TOOL = 'ict-plan-publisher';

/** The manifest's text: `files` carry paths relative to `outDir`. */
export function manifestText(outDir: string, dataset: string, inputsHash: string, files: Written[], build?: BuildRecord): string {
  const manifest: Manifest = {
    tool: MANIFEST_TOOL,
    dataset,
    inputs: inputsHash,
    ...(build ? { complete: build.complete, warnings: build.warnings } : {}),
    files: files.map((f) => ({
      // the same name on every system: web/index.html
      file: path.relative(outDir, f.file).split(path.sep).join('/'),
      sha256: f.sha256,
      bytes: f.bytes,
      inputs: f.inputs ?? inputsHash,
      ...(f.pages !== undefined ? { pages: f.pages } : {}),
      ...(f.sheets ? { sheets: f.sheets } : {}),
    })),
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** The manifest of an output folder, or undefined when it has none (or none that can be read). */
export function readManifestOf(outDir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    return Array.isArray(m?.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

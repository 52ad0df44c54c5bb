// The publication record: a data set as it was published, kept by the project in
// published/<id>/<label>/ (committed by the user), so that a later 正誤表 can be made against
// it by its label alone, with no knowledge of git:
//   published/<id>/<label>/publication.json   label, date, the inputs hash of the build
//   published/<id>/<label>/data/               the data set's files as published
//   published/<id>/<label>/output/             the documents as published, with manifest.json
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { OutputError, asOutputError } from '../write/output-error.js';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export const PUBLISHED_ROOT = path.join(PROJECT_ROOT, 'published');

export interface Publication {
  label: string;
  /** ISO date of publication (YYYY-MM-DD) */
  date: string;
  dataset: string;
  /** manifest.inputs of the recorded outputs */
  inputs: string;
  files: string[];
}

/** Characters a folder name cannot hold on the systems staff use, or that would leave the folder. */
export function badLabel(label: string): boolean {
  // a folder name is at most 255 bytes on most file systems: 60 Japanese characters are 180
  // eslint-disable-next-line no-control-regex -- control characters are what a folder name may not hold
  return label.trim() === '' || label === '.' || label === '..' || /[\\/:*?"<>|\u0000-\u001f]/.test(label) || label !== label.trim() || [...label].length > 60;
}

export const recordFolder = (root: string, id: string, label: string) => path.join(root, id, label);

/** The record of a label, or undefined when the data set has none by that name. */
export function findPublication(root: string, id: string, label: string): { folder: string; publication: Publication } | undefined {
  if (badLabel(label)) return undefined;
  const folder = recordFolder(root, id, label);
  const file = path.join(folder, 'publication.json');
  if (!existsSync(file)) return undefined;
  return { folder, publication: JSON.parse(readFileSync(file, 'utf8')) as Publication };
}

/** The labels recorded for a data set, oldest first. */
export function publications(root: string, id: string): Publication[] {
  const dir = path.join(root, id);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((l) => findPublication(root, id, l)?.publication)
    .filter((p): p is Publication => !!p)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Copies data and outputs into a new record; the record appears whole or not at all. */
/** A folder of the label's name without a record is someone's own: never replaced, even when empty (checked before publish changes anything). */
export function checkRecordPlace(root: string, id: string, label: string): void {
  const folder = recordFolder(root, id, label);
  if (lstatOrUndefined(folder))
    throw new OutputError({ code: 'ENOTOURS', path: folder, detail: 'a folder of the label is there without a record', kept: true, foreign: [folder] });
}

export function writeRecord(root: string, id: string, dataDir: string, outputDir: string, p: Publication): string {
  const folder = recordFolder(root, id, p.label);
  checkRecordPlace(root, id, p.label);
  mkdirSync(path.join(root, id), { recursive: true });
  // a name no other run and no user has: only this run's own staging folder is ever removed
  const staging = mkdtempSync(path.join(root, id, '.staging-'));
  try {
    // a temporary folder is made for its owner alone (drwx------); the record is a folder like any other
    chmodSync(staging, 0o777 & ~process.umask());
    // the data as read by the tool: no hidden files (an interrupted import's journal is refused earlier)
    cpSync(dataDir, path.join(staging, 'data'), {
      recursive: true,
      dereference: false,
      filter: (src) => !path.basename(src).startsWith('.') || src === dataDir,
    });
    mkdirSync(path.join(staging, 'output'));
    for (const f of ['manifest.json', ...p.files]) cpSync(path.join(outputDir, f), path.join(staging, 'output', f));
    writeFileSync(path.join(staging, 'publication.json'), JSON.stringify(p, null, 2) + '\n');
    renameSync(staging, folder);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    // a disk full or a folder that cannot be written is the user's to fix (exit 4), not a defect
    throw asOutputError(e, folder, true);
  }
  return folder;
}

export const isFolder = (p: string) => existsSync(p) && statSync(p).isDirectory();

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

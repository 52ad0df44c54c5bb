// The folder of returned books: what is read, and every other entry named with what to do.
// A return saved as .ods or .xls, or left open in Excel (its ~$ file), was skipped without a
// word and its 部局 then reported as having sent nothing. Only regular .xlsx files are read:
// a link may point anywhere, and a named pipe or a device can block a read for ever.
import path from 'node:path';
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readdirSync, type Dirent } from 'node:fs';

/** Why an entry of the folder is not read; the key of its message in templates/survey.hbs is `skip-${kind}`. */
export type Skipped =
  | { name: string; kind: 'other-format'; ext: string }
  | { name: string; kind: 'csv' }
  | { name: string; kind: 'lock'; app: string }
  | { name: string; kind: 'link' }
  | { name: string; kind: 'special' }
  | { name: string; kind: 'folder' }
  | { name: string; kind: 'other' };

/** Entries that may hold a department's answers: the import stops until they are dealt with.
 *  A folder or an unrelated file (a memo, Thumbs.db) is only named. */
export const refusesImport = (s: Skipped) => s.kind !== 'folder' && s.kind !== 'other';

// spreadsheets a department may have saved its answers in; Excel (.xlsx) brings them back
const OTHER_FORMATS = new Set(['.xls', '.xlsm', '.xlsb', '.xltx', '.xltm', '.ods', '.fods', '.ots', '.numbers', '.et', '.ett']);
const TEXT_TABLES = new Set(['.csv', '.tsv']);

function kindOf(dir: string, e: Dirent): Skipped | 'book' {
  const name = e.name;
  // the type as the folder listing says, or as lstat says where the listing does not know it
  const s =
    e.isFile() || e.isDirectory() || e.isSymbolicLink() || e.isFIFO() || e.isSocket() || e.isBlockDevice() || e.isCharacterDevice()
      ? e
      : lstatSync(path.join(dir, name));
  if (s.isSymbolicLink()) return { name, kind: 'link' };
  if (s.isDirectory()) return { name, kind: 'folder' };
  if (!s.isFile()) return { name, kind: 'special' };
  // Excel's owner file (~$総務部.xlsx) and LibreOffice's (.~lock.総務部.xlsx#): the book is open
  if (name.startsWith('~$')) return { name, kind: 'lock', app: 'Excel' };
  if (name.startsWith('.~lock.')) return { name, kind: 'lock', app: 'LibreOffice' };
  // Excel and other systems may write the extension in capitals (.XLSX)
  const ext = path.extname(name).toLowerCase();
  if (ext === '.xlsx') return 'book';
  if (OTHER_FORMATS.has(ext)) return { name, kind: 'other-format', ext };
  if (TEXT_TABLES.has(ext)) return { name, kind: 'csv' };
  return { name, kind: 'other' };
}

/** The books to read (sorted) and every other entry of the folder. */
export function listReturns(dir: string): { books: string[]; skipped: Skipped[] } {
  const books: string[] = [];
  const skipped: Skipped[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const k = kindOf(dir, e);
    if (k === 'book') books.push(e.name);
    else skipped.push(k);
  }
  return { books, skipped };
}

/**
 * The bytes of a book, read only if it is still a regular file when opened: the entry could
 * have been replaced by a link or a pipe since the folder was listed. O_NONBLOCK keeps the
 * open of a pipe from waiting for a writer; O_NOFOLLOW refuses a link (both are 0 where the
 * system has no such flag, on Windows, where neither can be made by a department anyway).
 */
export function readRegular(file: string): Buffer | 'special' | 'link' {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') return 'link';
    throw e;
  }
  try {
    if (!fstatSync(fd).isFile()) return 'special';
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

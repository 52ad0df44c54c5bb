// The names of the survey's books: the export names each by its 部局, the import recognises them.

/** A file name that every system accepts, keeping the Japanese name of the 部局. */
export const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

/** Two file names that name the same file on Windows and macOS: case and Unicode normal form aside. */
export const sameName = (a: string, b: string) => a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();

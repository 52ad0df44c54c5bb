// How a path is named to the user in a message: as it would be typed from the working folder
// where it lies under it, else in full (a path beginning with ../ is harder to read than the whole).
import path from 'node:path';

export function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

// Every file of an output set by its name under it (web/index.html): the set holds folders.
import { readdirSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

export const filesOf = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => !lstatSync(path.join(dir, f)).isDirectory())
    .map((f) => f.split(path.sep).join('/'))
    .sort();

/** Every file of a folder with its bytes' hash: equal before and after means nothing was written. */
export function folderHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      h.update(path.relative(dir, p));
      if (statSync(p).isDirectory()) walk(p);
      else h.update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

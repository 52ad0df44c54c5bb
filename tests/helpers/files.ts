// Every file of an output set by its name under it (web/index.html): the set holds folders.
import { readdirSync, lstatSync } from 'node:fs';
import path from 'node:path';

export const filesOf = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => !lstatSync(path.join(dir, f)).isDirectory())
    .map((f) => f.split(path.sep).join('/'))
    .sort();

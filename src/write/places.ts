// Where a command may write: one rule for every command that writes (build, watch, errata,
// publish, survey:export, survey:status --out). A slip of the hand in --out or --published
// (`--out data`, `--out /`, a link to the data's parent) must never put the tool's output on top
// of the data it reads: every place written is compared with every folder read, after links and
// spellings are resolved (`../data`, `data/./x`, a link to data/), and an overlap either way —
// the same folder, inside it, or one of its parents — is refused before anything is made.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { OutputError } from './output-error.js';
import { wordsOf } from '../templates/words.js';

/** A path with every link and `..` resolved, also where its last parts do not exist yet. */
export function realPath(p: string): string {
  const rest: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync.native(at), ...rest.reverse());
    } catch {
      const up = path.dirname(at);
      if (up === at) return path.join(at, ...rest.reverse());
      rest.push(path.basename(at));
      at = up;
    }
  }
}

// Windows and macOS compare names without case: Data\X and data\x are one folder there
const fold = (p: string) => (process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p);

/** Whether `inner` is `outer` or lies inside it (both already real). */
export function within(inner: string, outer: string): boolean {
  const [i, o] = [fold(inner), fold(outer)];
  if (i === o) return true;
  const rel = path.relative(o, i);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export interface Read {
  /** the folder (or file) the command reads */
  path: string;
  /** what it is, in the user's words (データセット, 公表版の記録, 回答ブックのフォルダ) */
  what: string;
}

/**
 * Refuses (OutputError 'EOVERLAP', exit 4) a place to write that is a folder read by the
 * command, lies inside one, or holds one. `places` are every path the command may create or
 * change (for a build: the output folder itself, since <out>/<id> and <out>/.<id> are made in it).
 */
export function guardPlaces(places: string[], reads: Read[], opts: { intoData?: boolean } = {}): void {
  for (const place of places) {
    const w = realPath(place);
    // nor inside any other data set (a folder holding dataset.json, up from the place): `--out data/x`
    // typed for `--out output` would put documents among another set's files. A command that writes
    // a data set itself says so (`intoData`: plan:import into its data, new-plan its new set).
    if (!opts.intoData)
      for (let d = w; ; d = path.dirname(d)) {
        if (existsSync(path.join(d, 'dataset.json'))) {
          const how = d === w ? 'same' : 'inside';
          throw new OutputError({
            code: 'EOVERLAP',
            path: place,
            detail: `${how} ${d}`,
            kept: true,
            overlap: { how, folder: d, what: wordsOf('commands')('read-dataset') },
          });
        }
        if (path.dirname(d) === d) break;
      }
    for (const r of reads) {
      const d = realPath(r.path);
      const how = w === d || fold(w) === fold(d) ? 'same' : within(w, d) ? 'inside' : within(d, w) ? 'holds' : undefined;
      if (how) throw new OutputError({ code: 'EOVERLAP', path: place, detail: `${how} ${r.path}`, kept: true, overlap: { how, folder: r.path, what: r.what } });
    }
  }
}

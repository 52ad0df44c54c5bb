// Speed: the fixed inputs' hash (inputs-hash.ts) reads and hashes about 20 MB every build — the
// four fonts and the compiled tool — for about 35 ms of CPU, the same files each time. Here the
// hash is kept with the files' stat information, as git's index keeps a file's: a file whose
// size, modification and change times, inode and device are all as they were is taken to hold
// what it held. The change time cannot be set back by copying or touching, so only an edit made
// within the file system's clock tick of the hash being taken could go unseen (git's "racily
// clean" case): a hash is therefore kept only when every file is older than FRESH_MS, and taken
// again otherwise. It is a cache and nothing more: an entry that cannot be read or written is
// hashed as before, and the file may be deleted at any time. ICT_NO_INPUTS_CACHE=1 leaves it
// unused (to measure against, and in the test that proves a changed file is seen).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR } from './paths.js';
import { writeCacheFile } from './cache-file.js';

export const FIXED_INPUTS_CACHE = path.join(CACHE_DIR, 'fixed-inputs.json');
/** a file changed this recently may change again within the same clock tick: not kept */
const FRESH_MS = 2000;

const off = () => process.env.ICT_NO_INPUTS_CACHE === '1';

/** the files' stat information, in the order given: a key that changes when any file does */
function statKey(files: string[], freshMs: number): { key: string; fresh: boolean } {
  const h = createHash('sha256');
  const now = BigInt(Date.now()) * 1_000_000n;
  const freshNs = BigInt(freshMs) * 1_000_000n;
  let fresh = false;
  for (const f of files) {
    const s = statSync(f, { bigint: true });
    h.update(`${f}\0${s.size}\0${s.mtimeNs}\0${s.ctimeNs}\0${s.ino}\0${s.dev}\0`);
    // (a time in this millisecond reads as after `now`, which has milliseconds only: fresh too)
    if (freshMs > 0 && (now - s.mtimeNs < freshNs || now - s.ctimeNs < freshNs)) fresh = true;
  }
  return { key: h.digest('hex'), fresh };
}

/** `compute()`, or what it gave before for these files unchanged (`freshMs` 0: kept however recent the files, as tests ask) */
export function cachedHash(files: string[], compute: () => string, file = FIXED_INPUTS_CACHE, freshMs = FRESH_MS): string {
  if (off()) return compute();
  let key: string;
  let fresh: boolean;
  try {
    ({ key, fresh } = statKey(files, freshMs));
  } catch {
    return compute(); // a file went while listed: hashed as before, which says so
  }
  try {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; hash?: unknown };
    if (kept.key === key && typeof kept.hash === 'string') return kept.hash;
  } catch {
    // no entry yet, or a spoilt one: hashed below
  }
  const hash = compute();
  if (!fresh) writeCacheFile(file, JSON.stringify({ key, hash }));
  return hash;
}

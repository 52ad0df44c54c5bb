// One survey:import at a time per data set. Two runs at once would each read the initiative
// files, and the later rename would silently drop the earlier run's values (or complete the
// other's journal under it). The lock is a file created exclusively (O_EXCL) in the data set
// folder, holding the pid and host of its run; a lock whose process has ended on this host is
// taken over, and any other is refused, naming the process.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { alive } from '../process-alive.js';

/** In the data set folder; a dot file, so the loader never reads it. */
export const LOCK = '.survey-import.lock';

interface Holder {
  pid: number;
  host: string;
}

export type LockResult =
  | { kind: 'taken'; release(): void; staleFrom?: Holder }
  /** another run holds it; `holder` undefined when the file cannot be read as a lock */
  | { kind: 'held'; holder?: Holder }
  /** the lock cannot be created (a read-only folder): `reason` is the error code */
  | { kind: 'failed'; reason: string };

function readHolder(file: string): Holder | undefined {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return Number.isInteger(j.pid) && typeof j.host === 'string' ? { pid: j.pid!, host: j.host } : undefined;
  } catch {
    return undefined;
  }
}

function create(file: string, me: Holder): 'ok' | 'exists' | string {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return code === 'EEXIST' ? 'exists' : code;
  }
  try {
    writeSync(fd, JSON.stringify(me) + '\n');
  } finally {
    closeSync(fd);
  }
  return 'ok';
}

/** Takes the data set's import lock; `release` removes it only while it is still this run's. */
export function takeLock(dir: string): LockResult {
  const file = path.join(dir, LOCK);
  const me: Holder = { pid: process.pid, host: hostname() };
  const taken = (staleFrom?: Holder): LockResult => ({
    kind: 'taken',
    staleFrom,
    release: () => {
      const h = readHolder(file);
      if (h && h.pid === me.pid && h.host === me.host) rmSync(file, { force: true });
    },
  });
  const first = create(file, me);
  if (first === 'ok') return taken();
  if (first !== 'exists') return { kind: 'failed', reason: first };
  const holder = readHolder(file);
  // a process on another host (a shared folder) cannot be checked: it is taken as running
  if (!holder || holder.host !== me.host || alive(holder.pid)) return { kind: 'held', holder };
  // stale: removed only if it is still the same lock (another run may have taken it over meanwhile)
  const again = readHolder(file);
  if (!again || again.pid !== holder.pid || again.host !== holder.host) return { kind: 'held', holder: again };
  rmSync(file, { force: true });
  const second = create(file, me);
  if (second === 'ok') return taken(holder);
  return second === 'exists' ? { kind: 'held', holder: readHolder(file) } : { kind: 'failed', reason: second };
}

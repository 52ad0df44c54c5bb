// One entry of a cache (node_modules/.cache/ict-plan-publisher): written whole or not at all, so
// that a process reading it at the same time never sees half of it, and never an error — a cache
// that cannot be written is only slower.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/** Writes `data` to `file` by a temporary file renamed into place; false when it could not. */
export function writeCacheFile(file: string, data: string | Uint8Array): boolean {
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the folder itself cannot be reached: nothing was written
    }
    return false;
  }
}

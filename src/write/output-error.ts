// A problem of the output path (not of the data, not a defect of the tool): which path and
// which system error code. The CLI explains it in Japanese (explain.ts) with its own exit code.
// It is plain data so that it crosses the worker-thread boundary unchanged.
import { lstatSync } from 'node:fs';
import path from 'node:path';

export interface OutputProblem {
  /** the system error code (ENOSPC, EROFS, EISDIR, ENOTDIR, EACCES, EPERM, EEXIST, …) */
  code: string;
  /** the path that is in the way or cannot be written */
  path: string;
  /** the system's own message, for anything the explanation does not cover */
  detail: string;
  /** whether the set that was there before is still there whole */
  kept: boolean;
  /** EOVERLAP: the place written is the same as, inside, or holds a folder the command reads */
  overlap?: { how: 'same' | 'inside' | 'holds'; folder: string; what: string };
  /** ENOTOURS: what stands in the tool's place and is not its own (the user's files, a link elsewhere) */
  foreign?: string[];
}

export class OutputError extends Error {
  constructor(readonly problem: OutputProblem) {
    super(`${problem.code} ${problem.path}: ${problem.detail}`);
    this.name = 'OutputError';
  }
}

const isSystemError = (e: unknown): e is NodeJS.ErrnoException =>
  e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';

/** The first folder on the way to `p` that is a file (a file where a folder should be). */
function fileInTheWay(p: string): string | undefined {
  const parts: string[] = [];
  for (let d = path.resolve(p); ; d = path.dirname(d)) {
    parts.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of parts) {
    try {
      if (!lstatSync(d).isDirectory() && !lstatSync(d).isSymbolicLink()) return d;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function isFolder(p: string): boolean {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A system error met while writing the output, as an OutputError naming the path; any other
 * error as it was (it is a defect of the tool). `where` is the path being written when the
 * error itself names none.
 */
export function asOutputError(e: unknown, where: string, kept: boolean): unknown {
  if (e instanceof OutputError || !isSystemError(e)) return e;
  let code = e.code!;
  let at = e.path ?? where;
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const file = fileInTheWay(at);
    if (file) [code, at] = ['ENOTDIR', file];
    else if (isFolder(at)) code = 'EISDIR';
  }
  return new OutputError({ code, path: at, detail: e.message, kept });
}

/** Errors as messages between a build process (or thread) and the CLI, keeping what kind they are. */
export type ErrorMessage = { output: OutputProblem } | { internal: { message: string; stack?: string } };

export function errorToMessage(e: unknown): ErrorMessage {
  if (e instanceof OutputError) return { output: e.problem };
  const err = e instanceof Error ? e : new Error(String(e));
  return { internal: { message: err.message, stack: err.stack } };
}

export function errorFromMessage(m: ErrorMessage): Error {
  if ('output' in m) return new OutputError(m.output);
  const e = new Error(m.internal.message);
  e.stack = m.internal.stack;
  return e;
}

// One run of a command of the tool in its own process, measured from outside: wall time from a
// monotonic clock around the child, CPU time (user + sys, every thread) and peak RSS from the
// child's own rusage as GNU time reports it on wait4 — so a commit that reports nothing about
// itself is measured the same way as the current one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchWords } from './options.js';
import type { Run } from './stats.js';

const TIME = '/usr/bin/time';

export interface Measured extends Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `%U %S %M` of GNU time: user and system seconds, maximum resident set in KiB (last line: a failed command adds one before it) */
export function parseTimeOutput(text: string): { cpuMs: number; maxRssKiB: number } {
  const last = text.trim().split('\n').pop() ?? '';
  const m = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last.trim());
  if (!m) throw new Error(benchWords().get('err-time-output', { text: JSON.stringify(text) }));
  return { cpuMs: Math.round((Number(m[1]) + Number(m[2])) * 1000), maxRssKiB: Number(m[3]) };
}

export function hasGnuTime(): boolean {
  return existsSync(TIME);
}

export function measure(cwd: string, nodeArgs: string[]): Measured {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-time-'));
  const file = path.join(dir, 'time.txt');
  try {
    const t0 = performance.now();
    const r = spawnSync(TIME, ['-f', '%U %S %M', '-o', file, process.execPath, ...nodeArgs], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const wallMs = Math.round(performance.now() - t0);
    if (r.error) throw r.error;
    return { wallMs, ...parseTimeOutput(readFileSync(file, 'utf8')), status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

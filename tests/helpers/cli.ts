// Runs the command-line tool as `npm run` does (scripts/run.mjs: the compiled sources, compiled
// once by the suite's setup), as a user would, and hands back what it said.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './data.js';

/**
 * `timeout` (ms) bounds a run that could hang: a run it stops has code -1 and `signal` set.
 * `env` is added to this process's environment (npm's variables, for example).
 */
export function runCli(
  args: string[],
  opts: { timeout?: number; env?: Record<string, string> } = {},
): { code: number; stdout: string; stderr: string; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: opts.timeout,
    env: opts.env ? { ...process.env, ...opts.env } : undefined,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

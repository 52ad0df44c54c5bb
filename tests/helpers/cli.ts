// Runs the command-line tool from its sources, as a user would, and hands back what it said.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './data.js';

export function runCli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

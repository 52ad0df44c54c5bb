// Commands: --help and -h print the command's options in Japanese; a mistyped option is refused
// with the option meant (exit code 2).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './helpers/data.js';
import { COMMAND_OPTIONS } from '../src/cli-options.js';
import { formatProblem } from '../src/problem.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('commands', () => {
  it('--help and -h print every option of each command in Japanese', () => {
    for (const [command, flag] of [['build', '--help'], ['errata', '-h'], ['publish', '--help'], ['survey-export', '-h']]) {
      const r = cli(command, flag);
      expect(r.status).toBe(0);
      for (const o of COMMAND_OPTIONS[command]) expect(r.stdout).toMatch(new RegExp(`${o}\\s+\\S*[ぁ-んァ-ヶ一-龠]`));
    }
    expect(cli('publish', '-h').stdout).toContain('公表版の名前');
  });

  it('a mistyped option suggests the right one, and an option of another command is named', () => {
    const r = cli('new-year', '--data', 'data/fukushima-ict-strategy', '--fiscal-yaer', '2018');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--fiscal-yaer は知らないオプションです。--fiscal-year のことですか');
    const r2 = cli('validate', '--label', 'x');
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('--label は validate では使えないオプションです');
  });

  it('a problem of the published version is named under its own folder, not glued to the data set', () => {
    const p = { severity: 'error' as const, file: 'dataset.json', line: 2, column: 3, base: '../fuku-var', message: 'x' };
    expect(formatProblem(p, 'data/fukushima-ict-strategy')).toBe('エラー ../fuku-var/dataset.json:2:3: x');
    expect(formatProblem({ ...p, base: undefined }, 'data/fukushima-ict-strategy/')).toBe('エラー data/fukushima-ict-strategy/dataset.json:2:3: x');
    expect(formatProblem({ ...p, base: undefined, file: '../fuku-var/総務部.xlsx' }, 'data/fukushima-ict-strategy')).toBe('エラー ../fuku-var/総務部.xlsx:2:3: x');
    expect(formatProblem({ ...p, base: undefined, file: '/tmp/回答/総務部.xlsx' }, 'fukushima-ict-strategy')).toBe('エラー /tmp/回答/総務部.xlsx:2:3: x');
  });
});

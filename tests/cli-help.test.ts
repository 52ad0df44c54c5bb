// Commands: --help and -h print the command's options in Japanese; a mistyped option is refused
// with the option meant (exit code 2).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/data.js';
import { COMMAND_OPTIONS, cliWords, optionsOf, scriptOf } from '../src/cli-options.js';
import { formatProblem } from '../src/problem.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('commands', () => {
  it('--help and -h print every option of each command in Japanese', () => {
    for (const [command, flag] of [
      ['build', '--help'],
      ['errata', '-h'],
      ['publish', '--help'],
      ['survey-export', '-h'],
    ]) {
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

  it("an Object method's name (toString, constructor) is an unknown command, not an internal error", () => {
    expect(optionsOf('toString')).toBeUndefined();
    expect(optionsOf('build')).toEqual(COMMAND_OPTIONS.build);
    const help = cli('toString', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toBe(`${cliWords().get('usage')}\n`); // the help of all commands, as for any unknown name
    const r = cli('constructor', '--data', 'x');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('知らないコマンドです: constructor');
    expect(r.stderr).not.toContain('内部エラー');
  });

  it('a problem of the published version is named under its own folder, not glued to the data set', () => {
    const p = { severity: 'error' as const, file: 'dataset.json', line: 2, column: 3, base: '../fuku-var', message: 'x' };
    expect(formatProblem(p, 'data/fukushima-ict-strategy')).toBe('エラー ../fuku-var/dataset.json:2:3: x');
    expect(formatProblem({ ...p, base: undefined }, 'data/fukushima-ict-strategy/')).toBe('エラー data/fukushima-ict-strategy/dataset.json:2:3: x');
    expect(formatProblem({ ...p, base: undefined, file: '../fuku-var/総務部.xlsx' }, 'data/fukushima-ict-strategy')).toBe(
      'エラー ../fuku-var/総務部.xlsx:2:3: x',
    );
    expect(formatProblem({ ...p, base: undefined, file: '/tmp/回答/総務部.xlsx' }, 'fukushima-ict-strategy')).toBe('エラー /tmp/回答/総務部.xlsx:2:3: x');
  });
});

// issue 23 item 11: what a newcomer meets first
describe('a forgotten -- after the npm script name', () => {
  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('a bare argument a command does not take is refused, with the -- to write', () => {
    const r = run(['validate', 'data/fukushima-ict-strategy']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('「data/fukushima-ict-strategy」');
    expect(r.err).toContain('npm run validate -- --data data/fukushima-ict-strategy');
    // nothing was validated
    expect(r.err).not.toContain('OK（');
    expect(run(['survey-status', '--data', 'data/x', '--fiscal-year', '2018', 'extra']).err).toContain('「extra」');
    expect(run(['schema', 'x']).code).toBe(2);
  });

  it('--fiscal-year written in the era (H30, 平成30年度, R1) is refused with the Western year to type', () => {
    for (const [typed, meant] of [
      ['H30', 2018],
      ['平成30年度', 2018],
      ['R1', 2019],
      ['令和元年度', 2019],
    ] as const) {
      const r = run(['survey-status', '--data', 'data/fukushima-ict-strategy', '--fiscal-year', typed]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--fiscal-year には西暦の年度（例: 2018）を指定してください（「${typed}」なら --fiscal-year ${meant}）`);
    }
    // something that is no year gets the form alone
    expect(run(['survey-status', '--data', 'data/x', '--fiscal-year', 'abc']).err).not.toContain('なら --fiscal-year');
  });

  it('`npm run validate --data data/x`: npm keeps --data (npm_config_data) and passes data/x; that is said', () => {
    const r = run(['validate', 'data/fukushima-ict-strategy'], { npm_lifecycle_event: 'validate', npm_config_data: 'true' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('npm が --data を受け取ってしまい');
    expect(r.err).toContain('npm run validate -- --data data/fukushima-ict-strategy');
    // --data=x: npm keeps the value too, and the tool gets nothing at all
    const eq = run(['validate'], { npm_lifecycle_event: 'validate', npm_config_data: 'data/fukushima-ict-strategy' });
    expect(eq.code).toBe(2);
    expect(eq.err).toContain('npm run validate -- --data data/fukushima-ict-strategy');
    // values go back to their options by their form, whatever order npm kept them in
    const ny = run(['new-year', '2018', 'data/fukushima-ict-strategy'], {
      npm_lifecycle_event: 'new-year',
      npm_config_data: 'true',
      npm_config_fiscal_year: 'true',
    });
    expect(ny.err).toContain('npm が --data、--fiscal-year を受け取ってしまい');
    expect(ny.err).toContain('npm run new-year -- --data data/fukushima-ict-strategy --fiscal-year 2018');
    const si = run(['survey-import', 'data/x', '2018', 'returned'], {
      npm_lifecycle_event: 'survey:import',
      npm_config_data: 'true',
      npm_config_fiscal_year: 'true',
      npm_config_correction: 'true',
    });
    expect(si.err).toContain('npm run survey:import -- --data data/x --fiscal-year 2018 --correction returned');
  });

  it("npm variables of another script (the test runner's own npm run) are not taken for this command's", () => {
    const r = run(['validate', '--data', 'tests/fixtures/mini'], { npm_lifecycle_event: 'test', npm_config_data: 'true' });
    expect([r.code, r.err]).toEqual([0, 'tests/fixtures/mini: OK（事業 2 件）\n']);
  });

  it('an empty npm variable the machine carries of its own (npm_config_yes=) is not taken for an option npm kept', () => {
    const r = run(['validate', '--data', 'tests/fixtures/mini'], { npm_lifecycle_event: 'validate', npm_config_yes: '', npm_config_data: '' });
    expect([r.code, r.err]).toEqual([0, 'tests/fixtures/mini: OK（事業 2 件）\n']);
  });

  it('a relative path is read from the folder the npm script was typed in (INIT_CWD), not from the tool folder npm runs it in', () => {
    const data = path.join(ROOT, 'data');
    const typed = run(['validate', '--data', 'fukushima-ict-strategy'], { npm_lifecycle_event: 'validate', INIT_CWD: data });
    expect([typed.code, typed.err]).toEqual([0, 'fukushima-ict-strategy: OK（事業 103 件）\n']);
    // npm's folder of another script (the test runner's own npm run) is not taken for this command's
    const other = run(['validate', '--data', 'fukushima-ict-strategy'], { npm_lifecycle_event: 'test', INIT_CWD: data });
    expect(other.code).toBe(1);
    expect(other.err).toContain('データセットのフォルダが見つかりません');
  });

  it('--data given a file is refused before anything is read, naming the data set folder that holds it', () => {
    for (const file of ['data/fukushima-ict-strategy/dataset.json', 'data/fukushima-ict-strategy/initiatives/1-01.json']) {
      const r = run(['build', '--data', file, '--out', path.join(tmpdir(), 'never-written')]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(
        `--data ${file} はファイルです。データセットのフォルダ（dataset.json のあるフォルダ）を指定してください（--data data/fukushima-ict-strategy）`,
      );
    }
    const lone = path.join(mkdtempSync(path.join(tmpdir(), 'lone-')), 'notes.txt');
    writeFileSync(lone, 'x');
    const r = run(['validate', '--data', lone]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--data ${lone} はファイルです。データセットのフォルダ（dataset.json のあるフォルダ）を指定してください\n`);
    rmSync(path.dirname(lone), { recursive: true, force: true });
  });

  it('every command is an npm script of the same name (survey-x as survey:x)', () => {
    const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const command of Object.keys(COMMAND_OPTIONS)) expect(scripts[scriptOf(command)], command).toBe(`node scripts/run.mjs ${command}`);
  });
});

describe('help and progress say what they mean', () => {
  it("bench --help and -h print the bench's options and start nothing; an unknown option is refused", () => {
    const bench = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools/bench/index.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    for (const flag of ['--help', '-h']) {
      const r = bench(flag);
      expect([r.status, r.signal]).toEqual([0, null]);
      for (const o of ['--scale', '--only', '--compare', '--baseline', '--runs', '--profile', '--json'])
        expect(r.stdout).toMatch(new RegExp(`${o}\\b.*[ぁ-んァ-ヶ一-龠]`));
      expect(r.stderr).toBe('');
    }
    const bad = bench('--scal', '1');
    expect([bad.status, bad.signal]).toEqual([2, null]);
    expect(bad.stderr).toContain('--scal は知らないオプションです。--scale のことですか');
  });

  it('survey:status --help calls its --out a workbook file, not a folder', () => {
    const line = cli('survey-status', '--help')
      .stdout.split('\n')
      .find((l) => l.trim().startsWith('--out'))!;
    expect(line).toContain('ファイル');
    expect(line).not.toContain('フォルダ');
    expect(cli('build', '--help').stdout).toMatch(/--out\s+出力先のフォルダ/);
  });

  it("build progress shows each document's own time, and ends with a line for the data set, warnings or not", () => {
    const work = mkdtempSync(path.join(tmpdir(), 'progress-'));
    try {
      const data = path.join(work, 'mini');
      cpSync(path.join(__dirname, 'fixtures', 'mini'), data, { recursive: true });
      // a term no text uses: a warning
      writeFileSync(
        path.join(data, 'glossary.json'),
        '[ { "term": "ICT", "definition": "情報通信技術。" }, { "term": "未使用語", "definition": "使われない。" } ]',
      );
      const r = cli('build', '--data', data, '--out', path.join(work, 'out'));
      expect(r.status).toBe(0);
      const lines = r.stderr.trimEnd().split('\n');
      const own = lines
        .map((l) => /^mini: \S+ .*（(\d+) ms）$/.exec(l))
        .filter((m) => m)
        .map((m) => Number(m![1]));
      const total = Number(/^mini: (\d+) 件を .* に書き出しました（計 (\d+) ms）$/m.exec(r.stderr)![2]);
      const written = Number(/^mini: (\d+) 件を/m.exec(r.stderr)![1]);
      expect(own.length).toBeGreaterThanOrEqual(6);
      // each line its own share of the build: together no more than the whole (running totals were more)
      expect(own.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(total);
      expect(lines.filter((l) => l.startsWith('警告'))).toHaveLength(1);
      // named like its problems and its failure line: by the folder as given (from the working folder)
      expect(lines.at(-1)).toBe(`${path.relative(ROOT, data)}: 作成しました（ファイル ${written} 件、警告 1 件）`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

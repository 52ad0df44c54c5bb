// A corpus of broken data sets: each is the small valid fixture `mini` with a few files
// replaced (tests/fixtures/broken/<case>/) and an expect.json naming the file, place and
// message validation must report, and the exit code.
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { checkDataset } from '../src/pipeline.js';
import { jsonPathText, formatProblem } from '../src/problem.js';
import { runCli } from './helpers/cli.js';

const FIXTURES = path.join(__dirname, 'fixtures');
const BROKEN = path.join(FIXTURES, 'broken');
const ROOT = path.join(__dirname, '..');

interface Expect {
  file: string;
  path?: string;
  line?: number;
  message: string;
  severity: 'error' | 'warning';
  exit: number;
  remove?: string[];
}

function brokenCopy(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `broken-${name}-`));
  cpSync(path.join(FIXTURES, 'mini'), dir, { recursive: true });
  cpSync(path.join(BROKEN, name), dir, { recursive: true, filter: (src) => path.basename(src) !== 'expect.json' });
  const exp: Expect = JSON.parse(readFileSync(path.join(BROKEN, name, 'expect.json'), 'utf8'));
  for (const rel of exp.remove ?? []) rmSync(path.join(dir, rel));
  return dir;
}

function cli(args: string[]): { code: number; stderr: string } {
  try {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, stdio: 'pipe' });
    return { code: 0, stderr: '' };
  } catch (e) {
    const err = e as { status: number; stderr: Buffer };
    return { code: err.status, stderr: err.stderr.toString() };
  }
}

const cases = readdirSync(BROKEN).sort();

describe('validation of broken data sets', () => {
  it('has a corpus of at least 15 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it('accepts the valid fixtures and both bundled data sets', () => {
    for (const dir of [
      path.join(FIXTURES, 'mini'),
      path.join(FIXTURES, 'reiwa-plan'),
      path.join(ROOT, 'data/miyagi-ict-plan'),
      path.join(ROOT, 'data/fukushima-ict-strategy'),
    ]) {
      const { problems } = checkDataset(dir);
      expect(problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p))).toEqual([]);
    }
  });

  for (const name of cases) {
    it(`reports ${name} with its file and place`, () => {
      const exp: Expect = JSON.parse(readFileSync(path.join(BROKEN, name, 'expect.json'), 'utf8'));
      const dir = brokenCopy(name);
      try {
        const { problems } = checkDataset(dir);
        const hit = problems.find((p) => p.file === exp.file && p.message.includes(exp.message));
        expect(hit, `${name}: ${problems.map((p) => formatProblem(p)).join('\n')}`).toBeDefined();
        expect(hit!.severity).toBe(exp.severity);
        if (exp.path !== undefined) expect(jsonPathText(hit!.path)).toBe(exp.path);
        if (exp.line !== undefined) expect(hit!.line).toBe(exp.line);
        if (hit!.path?.length) expect(hit!.line, 'a JSON problem names its line').toBeGreaterThan(0);
        expect(problems.some((p) => p.severity === 'error')).toBe(exp.exit !== 0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('reports every problem in one run, not only the first', () => {
    const dir = brokenCopy('schedule-overlap');
    try {
      cpSync(path.join(BROKEN, 'unknown-policy-measure', 'initiatives', '002.json'), path.join(dir, 'initiatives', '003.json'));
      const { problems } = checkDataset(dir);
      const files = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
      expect(files).toEqual(new Set(['initiatives/002.json', 'initiatives/003.json']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI exits 1 on errors, printing file:line and the message in Japanese', () => {
    const dir = brokenCopy('schedule-outside-period');
    try {
      const r = cli(['validate', '--data', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/エラー .*initiatives\/002\.json:\d+:\d+ schedule（1番目）\.from: 2016年度は計画期間（2017〜2020年度）の外です/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI exits 0 when there are only warnings, and 2 on a usage error', () => {
    const dir = brokenCopy('unused-glossary-term');
    try {
      const r = cli(['validate', '--data', dir]);
      expect(r.code).toBe(0);
      expect(cli(['validate', '--nonsense']).code).toBe(2);
      expect(existsSync(dir)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('initiatives without a schedule in a plan with a 主な取組一覧', () => {
  // a next plan whose departments fill their schedules in: once one has its schedule, the list is
  // built, and an initiative without one prints a row of empty years
  const copy = (drop: number) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'no-schedule-'));
    cpSync(path.join(ROOT, 'data', 'miyagi-ict-plan'), dir, { recursive: true });
    const files = readdirSync(path.join(dir, 'initiatives')).sort();
    for (const f of files.slice(0, drop)) {
      const file = path.join(dir, 'initiatives', f);
      const j = JSON.parse(readFileSync(file, 'utf8'));
      delete j.schedule;
      writeFileSync(file, JSON.stringify(j, null, 2) + '\n');
    }
    return { dir, files };
  };

  it('warns at each such initiative, naming its department; says nothing while no initiative has one, or when every one has', () => {
    const some = copy(2);
    const none = copy(1000);
    try {
      const warned = checkDataset(some.dir).problems.filter((p) => p.message.startsWith('スケジュール（schedule）がありません'));
      expect(warned.map((p) => [p.severity, p.file])).toEqual(some.files.slice(0, 2).map((f) => ['warning', `initiatives/${f}`]));
      expect(warned[0]!.message).toContain('主な取組一覧のこの事業の行は、年度の欄が空になります（総務部）');
      expect(checkDataset(none.dir).problems.filter((p) => p.message.startsWith('スケジュール（schedule）がありません'))).toEqual([]);
      expect(checkDataset(path.join(ROOT, 'data', 'miyagi-ict-plan')).problems.filter((p) => p.message.startsWith('スケジュール'))).toEqual([]);
      // many are counted after the first few, with the command that makes the departments' books
      const many = copy(20);
      try {
        const r = runCli(['validate', '--data', many.dir]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toMatch(
          /^警告 …ほか 17 件の事業にもスケジュールがありません（部局に書いてもらうブックは npm run plan:export -- --data .* --out <フォルダ> で作れます）$/m,
        );
      } finally {
        rmSync(many.dir, { recursive: true, force: true });
      }
    } finally {
      rmSync(some.dir, { recursive: true, force: true });
      rmSync(none.dir, { recursive: true, force: true });
    }
  });
});

describe('a data set folder that is not there', () => {
  it('names the folder probably meant: the same name under data/, or the nearest data set beside it', () => {
    const bare = runCli(['validate', '--data', 'fukushima-ict-strategy']);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain(
      'データセットのフォルダが見つかりません（data/fukushima-ict-strategy のことですか。--data data/fukushima-ict-strategy と指定します）',
    );
    const typo = runCli(['validate', '--data', 'data/miyagi-ict-pla']);
    expect(typo.stderr).toContain('（data/miyagi-ict-plan のことですか');
    const far = runCli(['validate', '--data', path.join(tmpdir(), 'no-such-place', 'x')]);
    expect(far.stderr).toMatch(/データセットのフォルダが見つかりません\n/);
  });
});

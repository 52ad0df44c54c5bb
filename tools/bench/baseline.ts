// npm run bench -- --baseline <git-rev>: the same builds, run by the current tree and by another
// commit checked out beside it, taken in turns (current, baseline, current, baseline, …) so that a
// shared machine's load falls on both alike; each side's medians and the median of the pair-by-pair
// ratios are printed as a Markdown table and written to .tmp/bench/bench.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENTS, documentLabel, selected } from './documents.js';
import { markdownTable } from './markdown-table.js';
import { BenchError, argValue, benchWords, runsOf, scalesOf } from './options.js';
import { hasGnuTime, measure } from './measure.js';
import { compare, type Comparison, type Run } from './stats.js';
import { synthesize } from './synth.js';

interface Side {
  key: 'current' | 'baseline';
  label: string;
  dir: string;
}
interface Build {
  key: string;
  name: string;
  scale?: number;
  dataset?: string;
  document?: string;
  args: (out: string, side: Side['key']) => string[];
  /** the current tree is asked for the web edition and the open data as well (see below) */
  withFolders?: boolean;
}

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const tryGit = (cwd: string, args: string[]) => {
  try {
    return git(cwd, args);
  } catch {
    return undefined;
  }
};

/** the commit checked out under .tmp/bench/baseline-<short>/, reused when it is already there */
function prepareWorktree(root: string, dir: string, sha: string): void {
  if (existsSync(dir)) {
    // a folder inside this tree answers with this tree's HEAD unless it is a worktree of its own
    const top = tryGit(dir, ['rev-parse', '--show-toplevel']);
    if (top && realpathSync(top) === realpathSync(dir) && tryGit(dir, ['rev-parse', 'HEAD']) === sha) return;
    tryGit(root, ['worktree', 'remove', '--force', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(path.dirname(dir), { recursive: true });
  // --force: the path may still be registered from a folder removed by hand
  git(root, ['worktree', 'add', '--force', '--detach', dir, sha]);
}

/** the same lock file shares this tree's node_modules; another one gets its own `npm ci` */
function installDependencies(root: string, dir: string, rev: string): void {
  const w = benchWords();
  const lock = (d: string) => (existsSync(path.join(d, 'package-lock.json')) ? readFileSync(path.join(d, 'package-lock.json')) : undefined);
  const mine = lock(root);
  const theirs = lock(dir);
  const nm = path.join(dir, 'node_modules');
  const linked = isSymlink(nm);
  if (mine && theirs && mine.equals(theirs)) {
    if (!linked && !existsSync(nm)) symlinkSync(path.join(root, 'node_modules'), nm, 'dir');
    return;
  }
  if (linked) unlinkSync(nm);
  else if (existsSync(path.join(nm, '.package-lock.json'))) return; // installed by an earlier run
  process.stderr.write(w.get('progress-npm-ci', { dir: path.relative(root, dir) }) + '\n');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new BenchError(w.get('err-run', { side: w.get('side-baseline', { rev }), dir, command: 'npm ci', status: r.status }));
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

const tail = (s: string, n = 15) => s.trim().split('\n').slice(-n).join('\n');

/** one run; a failure, or a build that ignored `--only`, stops the comparison with what happened */
function runOnce(root: string, side: Side, build: Build, out: string, check: boolean): Run {
  const w = benchWords();
  const args = build.args(out, side.key);
  const r = measure(side.dir, ['scripts/run.mjs', ...args]);
  const where = { side: side.label, dir: path.relative(root, side.dir) || '.', command: args.join(' ') };
  if (r.status !== 0) throw new BenchError(w.get('err-run', { ...where, status: r.status, tail: tail(r.stderr || r.stdout) }));
  if (check && build.document && build.dataset) {
    // a commit that does not know a flag either refuses it (above) or builds more than asked
    const setDir = path.join(out, build.dataset);
    const file = path.join(setDir, build.document);
    if (!existsSync(file)) throw new BenchError(w.get('err-only-missing', { ...where, file: path.relative(root, file) }));
    const others = DOCUMENTS[build.dataset].filter((d) => d !== build.document && existsSync(path.join(setDir, d)));
    if (others.length) throw new BenchError(w.get('err-only-ignored', { ...where, document: build.document, others: others.join('、') }));
  }
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssKiB: r.maxRssKiB };
}

export interface BaselineRow extends Comparison {
  name: string;
  scale?: number;
  dataset?: string;
  document?: string;
  runs: { current: Run[]; baseline: Run[] };
}

export async function runBaseline(root: string, argv: string[]): Promise<void> {
  const w = benchWords();
  const work = path.join(root, '.tmp', 'bench');
  const rev = argValue(argv, '--baseline')!;
  const scales = scalesOf(argv);
  const only = argValue(argv, '--only')?.split(',').filter(Boolean);
  const runs = runsOf(argv, 5);
  if (!hasGnuTime()) throw new BenchError(w.get('err-no-time'));
  const sha = tryGit(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (!sha) throw new BenchError(w.get('err-rev', { rev }));
  const short = git(root, ['rev-parse', '--short', sha]);
  const dir = path.join(work, `baseline-${short}`);
  process.stderr.write(w.get('progress-prepare', { rev, sha: short, dir: path.relative(root, dir) }) + '\n');
  prepareWorktree(root, dir, sha);
  installDependencies(root, dir, rev);
  if (!existsSync(path.join(dir, 'scripts', 'run.mjs'))) throw new BenchError(w.get('err-no-runner', { rev, dir: path.relative(root, dir) }));

  const sides: Side[] = [
    { key: 'current', label: w.get('side-current'), dir: root },
    { key: 'baseline', label: w.get('side-baseline', { rev }), dir },
  ];
  // the default build reads each tree's own data/; the documents' builds read one synthetic copy made from this tree's data
  const builds: Build[] = [{ key: 'default', name: w.get('default-build'), args: (out) => ['build', '--quiet', '--out', out] }];
  for (const scale of scales) {
    const made = new Map<string, string>();
    for (const { dataset, document } of selected(only)) {
      if (!made.has(dataset)) made.set(dataset, synthesize(path.join(root, 'data', dataset), path.join(work, `x${scale}`, 'data', dataset), scale));
      const data = made.get(dataset)!;
      builds.push({
        key: `x${scale}-${dataset}-${document}`,
        name: `×${scale} ${documentLabel(dataset, document)}`,
        scale,
        dataset,
        document,
        args(out, side) {
          return ['build', '--quiet', '--data', data, '--out', out, '--only', side === 'current' && this.withFolders ? `${document},web,data` : document];
        },
      });
    }
  }

  const rows: BaselineRow[] = [];
  for (const build of builds) {
    const outOf = (side: Side) => path.join(work, 'ratio', side.key, build.key);
    // a warm-up each (the first run also compiles that tree's dist/), checked for what it built
    for (const side of sides) {
      rmSync(outOf(side), { recursive: true, force: true });
      runOnce(root, side, build, outOf(side), true);
    }
    // a commit from before `--only` left out the web edition and the open data makes them with any
    // document: the current tree is asked for them too, so that both sides do the same work
    const web = (side: Side) => build.dataset !== undefined && existsSync(path.join(outOf(side), build.dataset, 'web'));
    if (!web(sides[0]!) && web(sides[1]!)) {
      build.withFolders = true;
      rmSync(outOf(sides[0]!), { recursive: true, force: true });
      runOnce(root, sides[0]!, build, outOf(sides[0]!), true);
    }
    const got: Record<Side['key'], Run[]> = { current: [], baseline: [] };
    for (let i = 1; i <= runs; i++) {
      for (const side of sides) {
        // the default build into an empty folder each time: into the last run's outputs it would keep them (kept-build.ts) and build nothing
        if (build.key === 'default') rmSync(outOf(side), { recursive: true, force: true });
        const r = runOnce(root, side, build, outOf(side), false);
        got[side.key].push(r);
        process.stderr.write(
          w.get('progress-run', { name: build.name, side: side.label, round: i, wall: r.wallMs, cpu: r.cpuMs, rss: Math.round(r.maxRssKiB / 1024) }) + '\n',
        );
      }
    }
    rows.push({ name: build.name, scale: build.scale, dataset: build.dataset, document: build.document, ...compare(got.current, got.baseline), runs: got });
  }

  const current = git(root, ['rev-parse', '--short', 'HEAD']);
  const dirty = git(root, ['status', '--porcelain']) !== '';
  process.stdout.write(w.get('baseline-heading', { rev, sha: short, current, dirty, runs }) + '\n\n' + baselineTable(rows) + '\n');
  const file = argValue(argv, '--json') ?? path.join(work, 'bench.json');
  mkdirSync(path.dirname(file), { recursive: true });
  const result = {
    machine: `${process.platform} ${process.arch}, node ${process.version}`,
    baseline: { rev, sha },
    current: { sha: git(root, ['rev-parse', 'HEAD']), dirty },
    runsEach: runs,
    builds: rows,
  };
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  process.stderr.write(w.get('result-written', { file: path.relative(process.cwd(), file) }) + '\n');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
const times = (r: number) => `×${r.toFixed(2)}`;

export function baselineTable(rows: Pick<BaselineRow, 'name' | 'current' | 'baseline' | 'ratio'>[]): string {
  return markdownTable(
    benchWords().get('baseline-header'),
    rows.map((r) => [
      r.name,
      seconds(r.current.wallMs),
      seconds(r.baseline.wallMs),
      times(r.ratio.wallMs),
      seconds(r.current.cpuMs),
      seconds(r.baseline.cpuMs),
      times(r.ratio.cpuMs),
      mib(r.current.maxRssKiB),
      mib(r.baseline.maxRssKiB),
      times(r.ratio.maxRssKiB),
    ]),
    [false, true, true, true, true, true, true, true, true, true],
  );
}

// npm run bench -- --targets: the build times a user waits for, against the performance targets —
// the default build of every bundled data set into an empty output folder, the same build again
// with nothing changed, and `watch` from saving one changed initiative title to its rebuilt line
// (the documents written). Each build is its own process measured by GNU time (measure.ts); the
// watch is one process, timed from the file's save to the line it prints when it has written.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { markdownTable } from './markdown-table.js';
import { hasGnuTime, measure } from './measure.js';
import { BenchError, argValue, benchWords, runsOf } from './options.js';
import { median, type Run } from './stats.js';

/** the targets of issue 26 (wall time, ms) */
export const TARGETS = { fresh: 3000, unchanged: 1000, watch: 1500 } as const;

export interface TargetRow {
  key: keyof typeof TARGETS;
  wallMs: number[];
  cpuMs?: number[];
}

export async function runTargets(root: string, argv: string[]): Promise<void> {
  const w = benchWords();
  if (!hasGnuTime()) throw new BenchError(w.get('err-no-time'));
  const runs = runsOf(argv, 5);
  const work = path.join(root, '.tmp', 'bench', 'targets');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const out = path.join(work, 'output');
  const build = ['scripts/run.mjs', 'build', '--quiet', '--out', out];
  const check = (m: ReturnType<typeof measure>) => {
    if (m.status !== 0)
      throw new BenchError(w.get('err-run', { side: w.get('peer-project'), dir: '.', command: build.join(' '), status: m.status, tail: m.stderr }));
    return m;
  };
  // compiles the tool if a source changed (not measured)
  check(measure(root, build));
  const fresh: Run[] = [];
  const unchanged: Run[] = [];
  for (let i = 1; i <= runs; i++) {
    rmSync(out, { recursive: true, force: true });
    fresh.push(check(measure(root, build)));
    unchanged.push(check(measure(root, build)));
    process.stderr.write(w.get('progress-targets', { round: i, fresh: fresh.at(-1)!.wallMs, unchanged: unchanged.at(-1)!.wallMs }) + '\n');
  }
  const watch = await watchTimes(root, work, runs);
  const rows: TargetRow[] = [
    { key: 'fresh', wallMs: fresh.map((r) => r.wallMs), cpuMs: fresh.map((r) => r.cpuMs) },
    { key: 'unchanged', wallMs: unchanged.map((r) => r.wallMs), cpuMs: unchanged.map((r) => r.cpuMs) },
    { key: 'watch', wallMs: watch },
  ];
  process.stdout.write(w.get('targets-heading', { runs }) + '\n\n' + targetsTable(rows) + '\n');
  const file = argValue(argv, '--json') ?? path.join(root, '.tmp', 'bench', 'targets.json');
  writeFileSync(file, JSON.stringify({ machine: `${process.platform} ${process.arch}, node ${process.version}`, runs, rows }, null, 2) + '\n');
  process.stderr.write(w.get('result-written', { file: path.relative(process.cwd(), file) }) + '\n');
}

export function targetsTable(rows: TargetRow[]): string {
  const w = benchWords();
  const s = (ms: number) => (ms / 1000).toFixed(2);
  return markdownTable(
    w.get('targets-header'),
    rows.map((r) => {
      const wall = median(r.wallMs);
      return [
        w.get(`target-${r.key}`),
        `${s(TARGETS[r.key])} s`,
        `${s(wall)} s`,
        `${s(Math.min(...r.wallMs))}〜${s(Math.max(...r.wallMs))} s`,
        r.cpuMs ? `${s(median(r.cpuMs))} s` : '—',
        w.get(wall <= TARGETS[r.key] ? 'target-met' : 'target-not-met'),
      ];
    }),
    [false, true, true, true, true, false],
  );
}

/** `watch` on a copy of the Miyagi plan: from saving a changed title to the line that says what was rebuilt, `runs` times after one warm-up */
async function watchTimes(root: string, work: string, runs: number): Promise<number[]> {
  const w = benchWords();
  const data = path.join(work, 'watch-data', 'miyagi-ict-plan');
  cpSync(path.join(root, 'data', 'miyagi-ict-plan'), data, { recursive: true });
  const child = spawn(process.execPath, ['scripts/run.mjs', 'watch', '--data', data, '--out', path.join(work, 'watch-output')], { cwd: root });
  let seen = '';
  let wanted: { re: RegExp; done: () => void } | undefined;
  const hear = (d: Buffer) => {
    seen += d.toString('utf8');
    if (wanted?.re.test(seen)) wanted.done();
  };
  child.stdout.on('data', hear);
  child.stderr.on('data', hear);
  const until = (re: RegExp, what: string) =>
    new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new BenchError(w.get('err-targets-watch', { what, tail: seen.slice(-600) }))), 120_000);
      wanted = {
        re,
        done: () => {
          clearTimeout(timer);
          wanted = undefined;
          ok();
        },
      };
      if (re.test(seen)) wanted.done();
    });
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  try {
    await until(/変更を待っています/, 'start');
    await pause(1000);
    const file = path.join(data, 'initiatives', readdirSync(path.join(data, 'initiatives')).sort()[0]!);
    const original = JSON.parse(readFileSync(file, 'utf8')) as { title: string };
    const times: number[] = [];
    // round 0 warms the process up (the first rebuild compiles what the first build did not use) and is not counted
    for (let i = 0; i <= runs; i++) {
      seen = '';
      const t0 = performance.now();
      writeFileSync(file, JSON.stringify({ ...original, title: `${original.title}（改${i}）` }, null, 2));
      await until(/再作成/, 'rebuild');
      if (i > 0) times.push(Math.round(performance.now() - t0));
      process.stderr.write(w.get('progress-targets-watch', { round: i, ms: Math.round(performance.now() - t0) }) + '\n');
      await pause(1000);
    }
    return times;
  } finally {
    child.kill();
  }
}

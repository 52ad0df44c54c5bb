// npm run bench -- --profile: each document's build once under `node --cpu-prof`, its time
// told in buckets (see profile-buckets.ts for the rule) and its top self-time functions, as
// Markdown tables for the README's performance section. A build of one data set (--data) runs in
// the main thread; the default build of several runs one build process per core, and every
// process and thread writes its own .cpuprofile: all files of a run are read and added up.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { documentLabel, selected } from './documents.js';
import { markdownTable } from './markdown-table.js';
import { BenchError, argValue, benchWords, scalesOf } from './options.js';
import { BUCKETS, addProfile, emptyCosts, topSelf, type ProfileCosts } from './profile-buckets.js';
import { sourceMapResolver } from './source-maps.js';
import { synthesize } from './synth.js';

interface Profiled {
  label: string;
  scale?: number;
  document: string;
  wallMs: number;
  profiles: number;
  costs: ProfileCosts;
  dir: string;
}

const ms = (us: number) => Math.round(us / 1000);
const pct = (us: number, of: number) => (of > 0 ? ((us / of) * 100).toFixed(1) : '0.0');
const busyOf = (c: ProfileCosts) => c.totalUs - c.buckets.idle;

export function profileTables(p: Pick<Profiled, 'label' | 'scale' | 'document' | 'wallMs' | 'profiles' | 'costs'>): string {
  const w = benchWords();
  const busy = busyOf(p.costs);
  const buckets = BUCKETS.map((b) => [w.get(`bucket-${b}`), String(ms(p.costs.buckets[b])), pct(p.costs.buckets[b], busy)]);
  const self = topSelf(p.costs, 10).map((s) => [
    `\`${s.functionName}\``,
    s.where,
    w.get(`bucket-${s.bucket}`).replace(/（.*$/, ''),
    String(ms(s.us)),
    pct(s.us, busy),
  ]);
  return [
    p.label,
    '',
    w.get('profile-summary', {
      wall: (p.wallMs / 1000).toFixed(2),
      profiles: p.profiles,
      busy: (busy / 1e6).toFixed(2),
      idle: (p.costs.buckets.idle / 1e6).toFixed(2),
    }),
    '',
    markdownTable(w.get('profile-bucket-header'), buckets, [false, true, true]),
    '',
    markdownTable(w.get('profile-self-header'), self, [false, false, false, true, true]),
  ].join('\n');
}

/** one table of every run: a row per bucket, a column per document and scale */
export function overviewTable(runs: Pick<Profiled, 'label' | 'costs'>[]): string {
  const w = benchWords();
  const header = `| ${w.get('profile-overview-first')} | ${runs.map((r) => r.label.replace(/^#+ /, '')).join(' | ')} |`;
  const rows = BUCKETS.map((b) => [w.get(`bucket-${b}`), ...runs.map((r) => `${ms(r.costs.buckets[b])} ms（${pct(r.costs.buckets[b], busyOf(r.costs))} %）`)]);
  return markdownTable(header, rows, [false, ...runs.map(() => true)]);
}

export async function runProfiles(root: string, argv: string[]): Promise<void> {
  const w = benchWords();
  const work = path.join(root, '.tmp', 'bench');
  const scales = scalesOf(argv);
  const only = argValue(argv, '--only')?.split(',').filter(Boolean);
  const cli = path.join(root, 'dist', 'cli.js');
  // dist/ is profiled directly (a profile of scripts/run.mjs would include its compile check): it is
  // first brought up to date as every command does, so that a source changed since is what is measured
  const compiled = spawnSync(process.execPath, ['scripts/run.mjs', '--help'], { cwd: root, encoding: 'utf8' });
  if (compiled.status !== 0)
    throw new BenchError(w.get('err-run', { side: w.get('side-current'), dir: '.', command: '--help', status: compiled.status, tail: compiled.stderr.trim() }));
  const sourceOf = sourceMapResolver();
  const done: Profiled[] = [];
  const profileOne = (label: string, document: string, scale: number | undefined, key: string, args: string[]) => {
    const dir = path.join(work, 'profile', key);
    const out = path.join(work, 'profile-output', key);
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stderr.write(w.get('progress-profile', { what: label.replace(/^#+ /, '') }) + '\n');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, cli, ...args, '--out', out], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const wallMs = Math.round(performance.now() - t0);
    if (r.status !== 0)
      throw new BenchError(
        w.get('err-run', {
          side: w.get('side-current'),
          dir: '.',
          command: args.join(' '),
          status: r.status,
          tail: (r.stderr || r.stdout).trim().split('\n').slice(-15).join('\n'),
        }),
      );
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort();
    const costs = emptyCosts();
    for (const f of files) addProfile(JSON.parse(readFileSync(path.join(dir, f), 'utf8')), sourceOf, costs);
    const p: Profiled = { label, scale, document, wallMs, profiles: files.length, costs, dir };
    done.push(p);
    process.stdout.write(profileTables(p) + '\n\n' + w.get('profile-written', { dir: path.relative(root, dir) }) + '\n\n');
  };
  // the default build (the data sets in build processes, one per core) once, where every document is asked for
  if (!only) profileOne(`### ${w.get('default-build')}`, w.get('default-build'), undefined, 'default', ['build', '--quiet']);
  for (const scale of scales) {
    const made = new Map<string, string>();
    for (const { dataset, document } of selected(only)) {
      if (!made.has(dataset)) made.set(dataset, synthesize(path.join(root, 'data', dataset), path.join(work, `x${scale}`, 'data', dataset), scale));
      profileOne(w.get('profile-heading', { scale, document: documentLabel(dataset, document) }), document, scale, `x${scale}-${dataset}-${document}`, [
        'build',
        '--quiet',
        '--data',
        made.get(dataset)!,
        '--only',
        document,
      ]);
    }
  }
  if (done.length > 1) process.stdout.write(w.get('profile-overview-heading') + '\n\n' + overviewTable(done) + '\n');
}

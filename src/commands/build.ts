// npm run build: Builds the documents of each data set into the output folder (side by side in build processes when there are several).
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { fork } from 'node:child_process';
import { formatProblem, hasErrors } from '../problem.js';
import type { BuildResult } from '../pipeline.js';
import { errorFromMessage, type ErrorMessage } from '../write/output-error.js';
import { progress } from '../progress.js';
import { guardPlaces } from '../write/places.js';
import { keptBuild } from '../kept-build.js';
import { fixedInputsHash } from '../inputs-hash.js';
import { WORKBOOK_THREAD_FROM } from '../render/xlsx-thread.js';
import { ROOT, datasetsOf, printProblems, dataRead, sameIds, logOf, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

/** A build process ended before its data set was built: said for that set, the others still told. */
class ProcessEnded extends Error {}

/**
 * Builds the data sets in build processes, one per core at most, each taking the next data set
 * when it has finished one (a process per data set would load every module again for each and
 * put three builds on two cores). Every data set ends, built or failed, in the order given.
 *
 * Processes, not worker threads: V8's helper threads (garbage collection, optimising compiler)
 * are a pool per process, four by default, and with two builds on two cores they took the cores
 * from the builds. Each build process has one (`--v8-pool-size=1`, which can only be set when a
 * process starts): the bundled sets built in 4.16 s instead of 4.79 s in threads (CPU 7.88 s
 * instead of 8.89 s; medians of 10 runs alternated). A data set built alone keeps the default
 * pool in the command's own process: with one helper the ×100 results report's peak memory rose
 * by 90 MiB, over 1 GiB.
 */
function inProcesses(
  dirs: string[],
  outRoot: string,
  only: string[] | undefined,
  onLog: (s: string) => void,
  onPeak: (kiB: number) => void,
): Promise<PromiseSettledResult<BuildResult>[]> {
  // compiled (dist/build-worker.js) or from sources, where src/build-worker.mjs loads it through tsx
  const compiled = import.meta.url.endsWith('.js');
  const script = compiled ? path.join(ROOT, 'dist', 'build-worker.js') : path.join(ROOT, 'src', 'build-worker.mjs');
  const settled: PromiseSettledResult<BuildResult>[] = new Array(dirs.length);
  let next = 0;
  let open = 0;
  // the hash of the inputs every set shares (templates, fonts, the tool: 18 MB read and hashed, about
  // 35 ms) is taken here once, while the build processes load their modules, and handed to them
  let fixedInputs: string | undefined;
  return new Promise((resolveAll) => {
    const start = () => {
      // the command's own Node options (a profile, say) and one helper thread; results as structured
      // clones, as a worker thread would have them; the output streams are the command's own
      const execArgv = [...process.execArgv.filter((a) => !a.startsWith('--v8-pool-size')), '--v8-pool-size=1'];
      const w = fork(script, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      open++;
      let current = -1;
      const give = () => {
        if (next >= dirs.length) {
          w.send({ stop: true });
          return;
        }
        current = next++;
        w.send({ dir: dirs[current], outRoot, only, fixedInputs });
      };
      w.on('message', (m: { line?: string; result?: BuildResult; error?: ErrorMessage; maxRssKiB?: number }) => {
        if (m.line) onLog(m.line);
        if (m.maxRssKiB) onPeak(m.maxRssKiB);
        if (m.result) settled[current] = { status: 'fulfilled', value: m.result };
        if (m.error) settled[current] = { status: 'rejected', reason: errorFromMessage(m.error) };
        if (m.result || m.error) give();
      });
      // a process that ended mid-set (killed, out of memory) takes its data set with it; the rest go on in a new one
      w.on('exit', (code, signal) => {
        const dir = dirs[current];
        if (dir !== undefined && !settled[current])
          settled[current] = {
            status: 'rejected',
            reason: new ProcessEnded(commandWords().get('build-process-ended', { dir: path.relative(process.cwd(), dir) || dir, code: code ?? signal })),
          };
        current = -1;
        if (next < dirs.length) {
          const give = start();
          give();
        }
        if (--open === 0) resolveAll(settled);
      });
      return give;
    };
    // every process is started before the hash is taken, and given its first set after
    const gives = Array.from({ length: Math.min(availableParallelism(), dirs.length) }, start);
    fixedInputs = fixedInputsHash();
    for (const give of gives) give();
  });
}

export default async function run(a: Args): Promise<number> {
  const log = logOf(a);
  let failed = false;
  // a build process ended in the middle of a data set (killed, out of memory): exit 3, as an internal error
  let ended = false;
  // the largest build process's peak memory (KiB), for --json
  let peakKiB = 0;
  const summary: unknown[] = [];
  const outRoot = path.resolve(a.out ?? path.join(ROOT, 'output'));
  const dirs = datasetsOf(a);
  guardPlaces([outRoot], dataRead(dirs));
  // before anything is built: one of the two would silently replace the other
  if (await sameIds(dirs)) return 1;
  const report = (dir: string, r: BuildResult) => {
    const label = path.relative(process.cwd(), dir) || dir;
    if (!a.json) printProblems(r.problems, label, label);
    const bad = hasErrors(r.problems);
    if (bad) {
      failed = true;
      if (!a.json) process.stderr.write(commandWords().get('build-refused', { label }) + '\n');
    } else if (!a.json) {
      // the last line says how the data set ended, after its warnings too
      log(
        progress(r.noneAsked ? 'done-none' : r.unchanged ? 'done-unchanged' : 'done', {
          label,
          files: r.files.length,
          warnings: r.problems.filter((p) => p.severity === 'warning').length,
        }),
      );
    }
    summary.push({
      dataset: label,
      ok: !bad,
      problems: r.problems.map((p) => ({ ...p, text: formatProblem(p, label) })),
      files: r.files.map((f) => ({ file: path.relative(process.cwd(), f.file), sha256: f.sha256, pages: f.pages, sheets: f.sheets })),
      timings: r.timings,
    });
  };
  const onLog = a.json ? () => {} : log;
  const only = a.only;
  let checked: Map<string, unknown> | undefined;
  if (only) {
    const { checkOnly } = await import('../only-names.js');
    const c = checkOnly(dirs, only);
    if (c.unknown.length)
      throw new UsageError(
        commandWords().get('only-unknown', {
          names: c.unknown.join('、'),
          published: c.published.map((p) => ({ dataset: p.dataset, names: p.names.join('、') })),
        }),
      );
    checked = c.checked;
  }
  // sets whose inputs have not changed since their last whole build are kept, found here before
  // any build process starts (kept-build.ts: reading and hashing only); the others are built in them
  const kept = new Map<string, BuildResult>();
  if (dirs.length > 1 && !only)
    for (const dir of dirs) {
      const k = keptBuild(dir, outRoot, onLog);
      if (k) kept.set(dir, k);
    }
  const changed = dirs.filter((d) => !kept.has(d));
  if (dirs.length > 1 && changed.length > 0 && availableParallelism() > 1) {
    // data sets are independent: build them side by side, a build process per core
    // every data set finishes (or fails) before the first failure is told
    const settled = await inProcesses(changed, outRoot, only, onLog, (kiB) => (peakKiB = Math.max(peakKiB, kiB)));
    // one outcome per data set, in their order
    dirs.forEach((dir) => {
      const s = kept.has(dir) ? { status: 'fulfilled' as const, value: kept.get(dir)! } : settled[changed.indexOf(dir)];
      if (s?.status === 'fulfilled') report(dir, s.value);
      else if (s?.reason instanceof ProcessEnded) {
        process.stderr.write(`${s.reason.message}\n`);
        ended = true;
      }
    });
    const failure = settled.find((s) => s.status === 'rejected' && !(s.reason instanceof ProcessEnded));
    if (failure) throw (failure as PromiseRejectedResult).reason;
  } else {
    // one data set (or one core, or every set kept): built here, one after another
    const { buildDataset } = changed.length ? await import('../pipeline.js') : { buildDataset: undefined };
    // one large data set: its workbooks are written on the other core while its PDFs are made
    const workbookThread = dirs.length === 1 && availableParallelism() > 1 ? WORKBOOK_THREAD_FROM : undefined;
    for (const dir of dirs)
      report(
        dir,
        kept.get(dir) ??
          (await buildDataset!(dir, outRoot, {
            log: onLog,
            only: only ? new Set(only) : undefined,
            checked: checked?.get(dir) as never,
            workbookThread,
            // found changed above (several sets): not asked again
            changed: dirs.length > 1 && !only,
          })),
      );
  }
  // maxRSS: the peak memory of this process or of the largest build process, in KiB (for the benchmark)
  if (a.json)
    process.stdout.write(JSON.stringify({ ok: !failed, datasets: summary, maxRssKiB: Math.max(process.resourceUsage().maxRSS, peakKiB) }, null, 2) + '\n');
  return ended ? 3 : failed ? 1 : 0;
}

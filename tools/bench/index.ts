// npm run bench: builds synthetic data sets at ×1, ×10, ×100 and reports per document the
// wall time, pages, pages per second, peak memory and the share of time spent before
// rendering; --compare sets the same content with pdfmake alone for the pipeline's ratio.
// Every build runs in its own process, as a user runs it, so memory is the process's peak.
// --baseline <rev> compares with another commit (baseline.ts); --profile takes CPU profiles (profile.ts);
// --peers measures Chromium and Typst on the same content (peers.ts); --targets the build times
// a user waits for against the targets (targets.ts).
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesize } from './synth.js';
import { DOCUMENTS } from './documents.js';
import { BenchError, BenchUsageError, benchWords, checkBenchArgs, wantsBenchHelp } from './options.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORK = path.join(ROOT, '.tmp', 'bench');

interface Row {
  scale: number;
  dataset: string;
  document: string;
  wallMs: number;
  pages?: number;
  pagesPerSecond?: number;
  peakMiB: number;
  /** load, validate, resolve and compose, as a share of the process's own work */
  beforeRenderShare: number;
  direct?: { wallMs: number; peakMiB: number; ratio: number };
  /** pdfmake alone on the definition the pipeline composed: the pipeline's own cost */
  same?: { wallMs: number; peakMiB: number; overhead: number };
}

/** the tool's command (`build` …) as a user runs it, or one of the bench's own (`direct`, `dump`: scripts/bench.mjs) */
function run(args: string[], runner = 'run.mjs'): { wallMs: number; out: string } {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', runner), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { wallMs: Math.round(performance.now() - t0), out };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  if (wantsBenchHelp(process.argv.slice(2))) return void process.stdout.write(benchWords().get('help') + '\n');
  checkBenchArgs(process.argv.slice(2));
  if (process.argv.includes('--baseline')) return (await import('./baseline.js')).runBaseline(ROOT, process.argv.slice(2));
  if (process.argv.includes('--peers')) return (await import('./peers.js')).runPeers(ROOT, process.argv.slice(2));
  if (process.argv.includes('--targets')) return (await import('./targets.js')).runTargets(ROOT, process.argv.slice(2));
  if (process.argv.includes('--profile')) return (await import('./profile.js')).runProfiles(ROOT, process.argv.slice(2));
  const scales = (arg('--scale') ?? '1,10,100').split(',').map(Number);
  const only = arg('--only')?.split(',');
  const compare = process.argv.includes('--compare');
  const rows: Row[] = [];
  const totals: { scale: number; wallMs: number; peakMiB: number }[] = [];
  for (const scale of scales) {
    let total = 0;
    let peak = 0;
    for (const [id, docs] of Object.entries(DOCUMENTS)) {
      const dir = synthesize(path.join(ROOT, 'data', id), path.join(WORK, `x${scale}`, 'data', id), scale);
      const outRoot = path.join(WORK, `x${scale}`, 'output');
      // the whole data set, as `npm run build -- --data` runs it
      const whole = run(['build', '--data', dir, '--out', outRoot, '--json']);
      total += whole.wallMs;
      peak = Math.max(peak, JSON.parse(whole.out).maxRssKiB / 1024);
      for (const doc of docs) {
        if (only && !only.some((o) => doc.startsWith(o))) continue;
        const r = run(['build', '--data', dir, '--out', outRoot, '--json', '--only', doc]);
        const j = JSON.parse(r.out);
        const t = j.datasets[0].timings;
        const d = t.documents.find((x: { name: string }) => x.name === doc);
        const layoutMs = t.documents
          .filter((x: { name: string }) => x.name === 'booklet-layout')
          .reduce((a: number, x: { renderMs: number }) => a + x.renderMs, 0);
        const before = t.loadValidateMs + t.resolveMs + (d?.composeMs ?? 0);
        const work = before + (d?.renderMs ?? 0) + layoutMs;
        const row: Row = {
          scale,
          dataset: id,
          document: doc,
          wallMs: r.wallMs,
          pages: d?.pages,
          pagesPerSecond: d?.pages ? Math.round((d.pages / r.wallMs) * 1000 * 10) / 10 : undefined,
          peakMiB: Math.round(j.maxRssKiB / 1024),
          beforeRenderShare: Math.round((before / Math.max(1, work)) * 1000) / 1000,
        };
        if (compare && doc.endsWith('.pdf') && doc !== 'initiative-list.pdf') {
          const dr = run(['direct', dir, doc], 'bench.mjs');
          const dj = JSON.parse(dr.out);
          row.direct = { wallMs: dr.wallMs, peakMiB: Math.round(dj.maxRssKiB / 1024), ratio: Math.round((r.wallMs / dr.wallMs) * 100) / 100 };
          const defFile = path.join(WORK, `x${scale}`, `${doc}.definition.json`);
          run(['dump', dir, doc, defFile], 'bench.mjs');
          const sr = run(['direct', '--definition', defFile], 'bench.mjs');
          const sj = JSON.parse(sr.out);
          row.same = { wallMs: sr.wallMs, peakMiB: Math.round(sj.maxRssKiB / 1024), overhead: Math.round((r.wallMs / sr.wallMs - 1) * 1000) / 1000 };
        }
        rows.push(row);
        process.stderr.write(
          `×${scale} ${id} ${doc}: ${row.wallMs} ms, ${row.pages ?? '-'} 頁, ${row.pagesPerSecond ?? '-'} 頁/秒, ${row.peakMiB} MiB, 描画前 ${(row.beforeRenderShare * 100).toFixed(1)}%` +
            (row.direct ? `, 簡素な同内容を pdfmake のみ ${row.direct.wallMs} ms（比 ${row.direct.ratio}）` : '') +
            (row.same ? `, 同じ文書定義を pdfmake のみ ${row.same.wallMs} ms（上乗せ ${(row.same.overhead * 100).toFixed(1)}%）` : '') +
            '\n',
        );
      }
    }
    totals.push({ scale, wallMs: total, peakMiB: Math.round(peak) });
    process.stderr.write(`×${scale} 合計（2 データセットの全文書）: ${total} ms, 最大 ${Math.round(peak)} MiB\n`);
  }
  const result = { machine: `${process.platform} ${process.arch}, node ${process.version}`, rows, totals };
  mkdirSync(WORK, { recursive: true });
  const file = arg('--json') ?? path.join(WORK, 'bench.json');
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  process.stderr.write(`結果: ${path.relative(process.cwd(), file)}\n`);
}

main().catch((e) => {
  if (e instanceof BenchUsageError) {
    process.stderr.write(`${e.message}\n${benchWords().get('help')}\n`);
    process.exit(2);
  }
  // a bench error is told as it is (what failed and where); anything else with its stack
  process.stderr.write((e instanceof BenchError ? e.message : String(e?.stack ?? e)) + '\n');
  process.exit(3);
});

// npm run bench -- --peers: the project against the tools a user could pick instead, on the same
// content — Chromium printing the project's own web edition pages (peer-chromium.ts) and Typst on
// a .typ rendering of the same resolved data (typst-source.ts, peer-typst.ts), untagged and tagged.
// Each run is its own process measured from outside by GNU time (measure.ts: CPU user+sys of the
// process and the children it waited for, wall, peak RSS), the sides taken in turns (project,
// Chromium, Typst, Typst tagged, project, …) so that a shared machine's load falls on all alike;
// medians and the median of the round-by-round ratios project/peer (stats.ts) are printed as a
// Markdown table and written to .tmp/bench/peers.json.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkDataset } from '../../src/pipeline.js';
import { resolve, type Resolved } from '../../src/resolve/index.js';
import { webEdition, WEB_DIR } from '../../src/documents/web/index.js';
import { resultsPage } from '../../src/documents/web/tables.js';
import { markdownTable } from './markdown-table.js';
import { hasGnuTime, measure } from './measure.js';
import { BenchError, argValue, benchWords, runsOf } from './options.js';
import { peerWorks, type PeerWork } from './peer-works.js';
import { compare, median, type Run } from './stats.js';
import { synthesize } from './synth.js';
import { bookletTypst, resultsTypst } from './typst-source.js';

const SIDES = ['project', 'chromium', 'typst', 'typstTagged'] as const;
type Side = (typeof SIDES)[number];

export interface PeerRow {
  name: string;
  scale: number;
  dataset: string;
  document: string;
  /** medians of each side */
  median: Record<Side, Run>;
  /** median of the round-by-round ratios project / peer (CPU) */
  cpuRatio: Record<Exclude<Side, 'project'>, number>;
  pages: { project: number; chromium: number; typst: number };
  runs: Record<Side, Run[]>;
}

/** The web edition's pages that hold a document's content, in reading order: the booklet's (contents, chapters, list, sites, 参考資料, 用語解説) or one year's report */
export function peerWebPages(r: Resolved, work: Pick<PeerWork, 'kind' | 'document'>): string[] {
  const files = webEdition(r).pages.map((p) => p.file);
  if (work.kind === 'results') return files.filter((f) => f === resultsPage(Number(/\d{4}/.exec(work.document)![0])));
  const others = new Set([...r.results.map((v) => resultsPage(v.fiscalYear)), ...(r.progress ? files.filter((f) => f.startsWith('progress')) : [])]);
  return files.filter((f) => !others.has(f));
}

/** the .typ source of a work, from the same resolved data the project renders */
export function peerTypstSource(r: Resolved, work: Pick<PeerWork, 'kind' | 'document'>): string {
  if (work.kind === 'booklet') return bookletTypst(r);
  const view = r.results.find((v) => work.document === `results-${v.fiscalYear}.pdf`);
  if (!view) throw new BenchError(benchWords().get('err-peers-no-results', { document: work.document, dataset: r.id }));
  return resultsTypst(r, view);
}

async function pdfPages(files: string[]): Promise<number> {
  const { PDFDocument } = await import('pdf-lib');
  let pages = 0;
  for (const f of files) pages += (await PDFDocument.load(readFileSync(f), { updateMetadata: false })).getPageCount();
  return pages;
}

const tail = (s: string, n = 15) => s.trim().split('\n').slice(-n).join('\n');

export async function runPeers(root: string, argv: string[]): Promise<void> {
  const w = benchWords();
  const work = path.join(root, '.tmp', 'bench');
  const works = peerWorks(argv);
  const runs = runsOf(argv, 3);
  if (!hasGnuTime()) throw new BenchError(w.get('err-no-time'));
  const fonts = path.join(root, 'fonts');
  // both peers are checked before minutes are spent: the browser is unpacked once here (not in a measured run), Typst must load
  const typstVersion = await loadTypst(root, fonts);
  try {
    await (await import('@sparticuz/chromium')).default.executablePath();
  } catch (e) {
    throw new BenchError(w.get('err-peers-chromium', { error: String((e as Error)?.message ?? e) }));
  }
  const labels: Record<Side, string> = {
    project: w.get('peer-project'),
    chromium: w.get('peer-chromium'),
    typst: w.get('peer-typst'),
    typstTagged: w.get('peer-typst-tagged'),
  };
  const t0 = performance.now();
  const rows: PeerRow[] = [];
  for (const job of works) {
    const dir = path.join(work, 'peers', job.key);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const data = synthesize(path.join(root, 'data', job.dataset), path.join(work, `x${job.scale}`, 'data', job.dataset), job.scale);
    const projectOut = path.join(dir, 'project');
    const projectArgs = ['scripts/run.mjs', 'build', '--quiet', '--data', data, '--out', projectOut, '--only', job.document];
    process.stderr.write(w.get('progress-peers-prepare', { name: job.name }) + '\n');
    // the project's first build (not counted: it also compiles the tool when a source changed) writes
    // the web edition Chromium prints; the measured ones make the document alone, as the peers do
    const prepareArgs = [...projectArgs.slice(0, -1), `${job.document},web`];
    check(measure(root, prepareArgs), labels.project, prepareArgs);
    const { model, problems } = checkDataset(data);
    if (!model) throw new BenchError(w.get('err-peers-data', { dir: data, problems: problems.length }));
    const r = resolve(model);
    const typ = path.join(dir, job.document.replace(/\.pdf$/, '.typ'));
    writeFileSync(typ, peerTypstSource(r, job));
    // Chromium reads a copy: the project's measured runs replace the output set while the rounds go on
    const web = path.join(dir, 'web');
    cpSync(path.join(projectOut, model.dataset.id, WEB_DIR), web, { recursive: true });
    const pages = peerWebPages(r, job).map((f) => path.join(web, f));
    const args: Record<Side, string[]> = {
      project: projectArgs,
      chromium: ['scripts/bench.mjs', 'peer-chromium', path.join(dir, 'chromium'), fonts, ...pages],
      typst: ['scripts/bench.mjs', 'peer-typst', typ, path.join(dir, 'typst.pdf'), fonts],
      typstTagged: ['scripts/bench.mjs', 'peer-typst', typ, path.join(dir, 'typst-tagged.pdf'), fonts, '--tagged'],
    };
    const got: Record<Side, Run[]> = { project: [], chromium: [], typst: [], typstTagged: [] };
    let typstPages = 0;
    for (let i = 1; i <= runs; i++) {
      for (const side of SIDES) {
        const m = check(measure(root, args[side]), labels[side], args[side]);
        got[side].push({ wallMs: m.wallMs, cpuMs: m.cpuMs, maxRssKiB: m.maxRssKiB });
        if (side === 'typst') typstPages = JSON.parse(m.stdout).pages;
        process.stderr.write(
          w.get('progress-run', { name: job.name, side: labels[side], round: i, wall: m.wallMs, cpu: m.cpuMs, rss: Math.round(m.maxRssKiB / 1024) }) + '\n',
        );
      }
    }
    const manifest = JSON.parse(readFileSync(path.join(projectOut, model.dataset.id, 'manifest.json'), 'utf8')) as {
      files: { file: string; pages?: number }[];
    };
    const chromiumPdfs = readdirSync(path.join(dir, 'chromium'))
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => path.join(dir, 'chromium', f));
    const row: PeerRow = {
      name: job.name,
      scale: job.scale,
      dataset: job.dataset,
      document: job.document,
      median: Object.fromEntries(SIDES.map((s) => [s, medianRun(got[s])])) as Record<Side, Run>,
      cpuRatio: {
        chromium: compare(got.project, got.chromium).ratio.cpuMs,
        typst: compare(got.project, got.typst).ratio.cpuMs,
        typstTagged: compare(got.project, got.typstTagged).ratio.cpuMs,
      },
      pages: { project: manifest.files.find((f) => f.file === job.document)?.pages ?? 0, chromium: await pdfPages(chromiumPdfs), typst: typstPages },
      runs: got,
    };
    // the Typst source is written to come out at about the project's page count: a count far off would make the comparison unfair
    if (Math.abs(row.pages.typst / row.pages.project - 1) > 0.15) process.stderr.write(w.get('warn-peers-pages', { name: job.name, ...row.pages }) + '\n');
    rows.push(row);
  }
  const file = argValue(argv, '--json') ?? path.join(work, 'peers.json');
  process.stdout.write(
    w.get('peers-heading', { runs, typst: typstVersion }) + '\n\n' + peersTable(rows) + '\n\n' + w.get('peers-note', { typst: typstVersion }) + '\n',
  );
  mkdirSync(path.dirname(file), { recursive: true });
  const result = { machine: `${process.platform} ${process.arch}, node ${process.version}`, typst: typstVersion, runsEach: runs, works: rows };
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  process.stderr.write(w.get('peers-took', { seconds: Math.round((performance.now() - t0) / 1000) }) + '\n');
  process.stderr.write(w.get('result-written', { file: path.relative(process.cwd(), file) }) + '\n');

  function check<T extends { status: number | null; stdout: string; stderr: string }>(m: T, side: string, a: string[]): T {
    if (m.status !== 0) throw new BenchError(w.get('err-run', { side, dir: '.', command: a.join(' '), status: m.status, tail: tail(m.stderr || m.stdout) }));
    return m;
  }
}

const medianRun = (runs: Run[]): Run => ({
  wallMs: median(runs.map((r) => r.wallMs)),
  cpuMs: median(runs.map((r) => r.cpuMs)),
  maxRssKiB: median(runs.map((r) => r.maxRssKiB)),
});

/** Typst's version, from a one-line document compiled here: the package and its prebuilt binary load on this machine */
async function loadTypst(root: string, fonts: string): Promise<string> {
  try {
    const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
    const c = NodeCompiler.create({ workspace: root, fontArgs: [{ fontPaths: [fonts] }] });
    const doc = c.compile({ mainFileContent: '#metadata(str(sys.version)) <v>' }).result;
    const [v] = doc ? (c.query(doc, { selector: '<v>', field: 'value' }) as string[]) : [];
    if (!v) throw new Error('sys.version');
    return v;
  } catch (e) {
    throw new BenchError(benchWords().get('err-peers-typst', { error: String((e as Error)?.message ?? e) }));
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mib = (kib: number) => String(Math.round(kib / 1024));
const times = (r: number) => `×${r.toFixed(2)}`;

export function peersTable(rows: Pick<PeerRow, 'name' | 'median' | 'cpuRatio' | 'pages'>[]): string {
  return markdownTable(
    benchWords().get('peers-header'),
    rows.map((r) => [
      r.name,
      `${seconds(r.median.project.cpuMs)} s`,
      `${seconds(r.median.chromium.cpuMs)} s`,
      times(r.cpuRatio.chromium),
      `${seconds(r.median.typst.cpuMs)} s`,
      times(r.cpuRatio.typst),
      `${seconds(r.median.typstTagged.cpuMs)} s`,
      times(r.cpuRatio.typstTagged),
      SIDES.map((s) => seconds(r.median[s].wallMs)).join(' / '),
      SIDES.map((s) => mib(r.median[s].maxRssKiB)).join(' / '),
      `${r.pages.project} / ${r.pages.chromium} / ${r.pages.typst}`,
    ]),
    [false, true, true, true, true, true, true, true, true, true, true],
  );
}

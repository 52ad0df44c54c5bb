// load → validate → (unchanged? keep the set) → render → write, and nothing else. The rendering
// stages (pdfmake, the documents, exceljs) are in render-dataset.ts, loaded only when something is
// built: a build of unchanged inputs reads, checks and compares, and loads nothing more.
import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDataset, type RawDataset } from './load/index.js';
import { validate } from './validate/index.js';
import type { Problem } from './problem.js';
import { hasErrors } from './problem.js';
import type { Model } from './model/schema.js';
import { hasProgress } from './resolve/progress.js';
import { FONT_DIR } from './render/fonts.js';
import { TEMPLATE_DIR } from './templates/index.js';
import { wordsOf } from './templates/words.js';
import type { Written } from './write/index.js';
import { publishSet, checkOutputPlace } from './write/set.js';
import { guardPlaces } from './write/places.js';
import { upToDateSet } from './write/up-to-date.js';
import { progress } from './progress.js';
import { droppedLine } from './write/explain.js';
import { ERRATA_FILES } from './errata/files.js';
import { JOURNAL, importPending, pendingCommand } from './survey/commit.js';
import { Wording, createHandlebars } from './templates/index.js';

export const PROGRESS_PDF = 'progress.pdf';

export function checkDataset(dir: string): { model?: Model; problems: Problem[]; raw: RawDataset } {
  const raw = loadDataset(dir);
  const checked = validate(raw);
  // a survey import stopped half way: the data holds some of its values and not others
  if (importPending(dir))
    checked.problems.unshift({
      severity: 'error',
      file: JOURNAL,
      message: Wording.load(createHandlebars({}), 'survey').get('err-import-pending', { command: pendingCommand(dir) }),
    });
  return { ...checked, raw };
}

export interface BuildOptions {
  log: (s: string) => void;
  /** build only these documents (file names); the others stay as they are */
  only?: Set<string>;
  /** leave these documents out */
  skip?: Set<string>;
  /** the data set as already loaded and validated (watch has just checked it) */
  checked?: ReturnType<typeof checkDataset>;
  /** write the workbooks in a thread of their own, beside the PDFs (a data set built alone: the second core is free) */
  workbookThread?: boolean;
}

export interface DocumentTiming {
  name: string;
  pages?: number;
  sheets?: string[];
  /** composing the document definition (our code) */
  composeMs: number;
  /** pdfmake / exceljs: layout and output */
  renderMs: number;
}

export interface BuildResult {
  id?: string;
  problems: Problem[];
  files: Written[];
  /** files of the set before that the new set no longer holds */
  dropped?: string[];
  /** the set was already what this build would write (write/up-to-date.ts): nothing was rendered or written */
  unchanged?: boolean;
  timings: { loadValidateMs: number; resolveMs: number; documents: DocumentTiming[]; totalMs: number };
}

export interface Output {
  name: string;
  bytes: Buffer;
  pages?: number;
  sheets?: string[];
}

let fixedInputs: string | undefined;
/**
 * Templates, fonts and the tool itself (its code, compiled in dist/ or as sources in src/, and the
 * locked versions of the libraries it uses): inputs of every document too. A build of unchanged
 * inputs is skipped (write/up-to-date.ts), so a new version of the tool must change this.
 */
function fixedInputsHash(): string {
  if (fixedInputs) return fixedInputs;
  const h = createHash('sha256');
  const code = path.dirname(fileURLToPath(import.meta.url));
  const lock = path.join(code, '..', 'package-lock.json');
  if (existsSync(lock)) h.update(readFileSync(lock)).update('\0');
  // templates/web/ is a folder of templates too
  for (const dir of [TEMPLATE_DIR, FONT_DIR, code])
    for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort())
      if (dir !== code || /\.(ts|js|mjs)$/.test(f))
        h.update(f)
          .update('\0')
          .update(readFileSync(path.join(dir, f)))
          .update('\0');
  return (fixedInputs = h.digest('hex'));
}

export function inputsHash(raw: RawDataset): string {
  const h = createHash('sha256').update(fixedInputsHash());
  for (const [rel, f] of [...raw.json].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(rel).update('\0').update(f.text).update('\0');
  for (const [rel, t] of [...raw.texts].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(rel).update('\0').update(t).update('\0');
  // the figures' images are printed too: a replaced image is a changed input
  for (const [rel, b] of [...raw.figures].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(rel).update('\0').update(b).update('\0');
  return h.digest('hex');
}

/** The documents a data set publishes, by file name. */
export function documentNames(model: Model): string[] {
  const d = model.dataset.documents;
  const hasSchedules = model.initiatives.some((i) => i.data.schedule?.length);
  return [
    ...(d.booklet ? ['plan-booklet.pdf'] : []),
    ...(d.booklet && d.initiativeList && hasSchedules ? ['initiative-list.pdf'] : []),
    ...(d.results?.fiscalYears ?? []).map((fy) => `results-${fy}.pdf`),
    ...(hasProgress(model) ? [PROGRESS_PDF] : []),
    ...(d.appendix ? ['appendix.xlsx'] : []),
  ];
}

export async function buildDataset(dir: string, outRoot: string, opts: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const since = (t: number) => Math.round(performance.now() - t);
  const checked = opts.checked ?? checkDataset(dir);
  const checkMs = opts.checked ? 0 : since(t0);
  // an output folder that cannot be written is said before seconds of rendering
  if (checked.model && !hasErrors(checked.problems)) {
    guardPlaces([outRoot], [{ path: dir, what: wordsOf('commands')('read-dataset') }]);
    checkOutputPlace(outRoot, checked.model.dataset.id);
  }
  // nothing changed since the last build of the whole set: it stays, as written (write/up-to-date.ts)
  if (checked.model && checked.raw && !hasErrors(checked.problems) && !opts.only && !opts.skip) {
    const id = checked.model.dataset.id;
    const kept = upToDateSet(outRoot, id, inputsHash(checked.raw), [...documentNames(checked.model), 'web/', 'data/'], (name) => ERRATA_FILES.includes(name));
    if (kept) {
      const outDir = path.join(outRoot, id);
      opts.log(progress('unchanged', { id, count: kept.files.length, dir: path.relative(process.cwd(), outDir) || outDir, ms: since(t0) }));
      const files = kept.files.map((f) => ({ file: path.join(outDir, f.file), sha256: f.sha256, bytes: f.bytes, pages: f.pages, sheets: f.sheets }));
      return {
        id,
        problems: checked.problems,
        files,
        dropped: [],
        unchanged: true,
        timings: { loadValidateMs: checkMs, resolveMs: 0, documents: [], totalMs: since(t0) },
      };
    }
  }
  const { renderDataset } = await import('./render-dataset.js');
  const { model, raw, problems, outputs, timings: t, resolved } = await renderDataset(dir, { ...opts, checked });
  const timings = { ...t, loadValidateMs: t.loadValidateMs + checkMs };
  if (!model || !resolved || hasErrors(problems)) return { problems, files: [], timings };
  const r = resolved;
  const outDir = path.join(outRoot, model.dataset.id);
  // every document is rendered before anything is written, and the set is swapped in whole
  // (src/write/set.ts): a failure or a kill leaves the earlier outputs as they were
  const inputs = inputsHash(raw);
  const names = documentNames(model);
  const set = publishSet(outRoot, model.dataset.id, {
    files: outputs.map((o) => ({ name: o.name, bytes: o.bytes, pages: o.pages, sheets: o.sheets, inputs })),
    // documents not rebuilt this time stay, with the inputs they were built from; the 正誤表 is the errata command's
    keep: (name) => names.includes(name) || ERRATA_FILES.includes(name),
    inputs,
    order: names,
  });
  if (set.dropped.length) opts.log(droppedLine(r.id, set.dropped));
  opts.log(progress('written', { id: r.id, count: set.files.length, dir: path.relative(process.cwd(), outDir) || outDir, ms: since(t0) }));
  return { id: r.id, problems, files: set.files, dropped: set.dropped, timings: { ...timings, totalMs: since(t0) } };
}

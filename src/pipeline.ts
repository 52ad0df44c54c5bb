// load → validate → (unchanged? keep the set) → render → write, and nothing else. The rendering
// stages (pdfmake, the documents, exceljs) are in render-dataset.ts, loaded only when something is
// built: a build of unchanged inputs reads, checks and compares, and loads nothing more.
import path from 'node:path';
import { hasErrors } from './problem.js';
import { checkDataset } from './check-dataset.js';
import { documentNames, documentOf, WEB, DATA } from './document-names.js';
import type { BuildOptions, BuildResult } from './build-types.js';
import { inputsHash } from './inputs-hash.js';
import { keptBuild, keptResult } from './kept-build.js';
import { wordsOf } from './templates/words.js';
import { publishSet, checkOutputPlace } from './write/set.js';
import { guardPlaces } from './write/places.js';
import { upToDateSet } from './write/up-to-date.js';
import { progress } from './progress.js';
import { droppedLine } from './write/explain.js';
import { readManifestOf } from './write/index.js';
import { ERRATA_FILES } from './errata/files.js';

// for the commands that take them from here
export { inputsHash, checkDataset, documentNames };
export { PROGRESS_PDF } from './document-names.js';
export type { BuildOptions, BuildResult, DocumentTiming, Output } from './build-types.js';

export async function buildDataset(dir: string, outRoot: string, opts: BuildOptions): Promise<BuildResult> {
  const t0 = performance.now();
  const since = (t: number) => Math.round(performance.now() - t);
  // unchanged since the last build of the whole set: kept, told without checking the data again (kept-build.ts)
  const kept = opts.checked || opts.changed || opts.only || opts.skip ? undefined : keptBuild(dir, outRoot, opts.log);
  if (kept) return kept;
  const checked = opts.checked ?? checkDataset(dir);
  const checkMs = opts.checked ? 0 : since(t0);
  // `--only` asks nothing of this data set (another one's document): its data are checked, its output left as it is
  const only = opts.only;
  if (only && checked.model && !hasErrors(checked.problems) && ![...documentNames(checked.model), WEB, DATA].some((n) => only.has(n)))
    return {
      id: checked.model.dataset.id,
      problems: checked.problems,
      files: [],
      noneAsked: true,
      timings: { loadValidateMs: checkMs, resolveMs: 0, documents: [], totalMs: since(t0) },
    };
  // an output folder that cannot be written is said before seconds of rendering
  if (checked.model && !hasErrors(checked.problems)) {
    guardPlaces([outRoot], [{ path: dir, what: wordsOf('commands')('read-dataset') }]);
    checkOutputPlace(outRoot, checked.model.dataset.id);
  }
  // nothing changed since the last build of the whole set (one by an older version of the tool, whose
  // manifest has no warnings): it stays, as written (write/up-to-date.ts)
  if (checked.model && checked.raw && !hasErrors(checked.problems) && !opts.only && !opts.skip) {
    const id = checked.model.dataset.id;
    const kept = upToDateSet(outRoot, id, inputsHash(checked.raw), [...documentNames(checked.model), WEB, DATA], (name) => ERRATA_FILES.includes(name));
    if (kept) return keptResult(outRoot, id, kept, checked.problems, since(t0), opts.log);
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
  // the 正誤表 is the errata command's, made from the data of that day: beside documents built
  // from other data it would contradict them, so it stays only while the data are the same
  const staleErrata = (readManifestOf(outDir)?.files ?? []).filter((f) => ERRATA_FILES.includes(f.file) && f.inputs !== inputs).map((f) => f.file);
  // the web edition or the open data not made this time (`--only` named other documents) stays whole
  const keptFolders = [WEB, DATA].filter((folder) => !outputs.some((o) => o.name.startsWith(folder)));
  const set = publishSet(outRoot, model.dataset.id, {
    files: outputs.map((o) => ({ name: o.name, bytes: o.bytes, pages: o.pages, sheets: o.sheets, inputs })),
    // documents not rebuilt this time stay, with the inputs they were built from
    keep: (name) => names.includes(name) || keptFolders.some((f) => name.startsWith(f)) || (ERRATA_FILES.includes(name) && !staleErrata.includes(name)),
    inputs,
    order: names,
    // the whole set, from these inputs: a later build of the same inputs keeps it and says these warnings again
    ...(opts.only || opts.skip ? {} : { build: { complete: true as const, warnings: problems.filter((p) => p.severity !== 'error') } }),
  });
  const droppedErrata = set.dropped.filter((name) => staleErrata.includes(name));
  const droppedDocuments = set.dropped.filter((name) => !staleErrata.includes(name));
  if (droppedDocuments.length) opts.log(droppedLine(r.id, droppedDocuments));
  if (droppedErrata.length) opts.log(wordsOf('output')('errata-dropped', { id: r.id, names: droppedErrata }));
  // `--only`: the documents left as they were, made from other data, are named (the web edition and the open data as folders)
  if (opts.only) {
    const older = set.kept
      .filter((f) => f.inputs !== undefined && f.inputs !== inputs)
      .map((f) => path.relative(outDir, f.file).split(path.sep).join('/'))
      .filter((name) => !ERRATA_FILES.includes(name))
      .map(documentOf);
    const order = [...names, WEB, DATA];
    const listed = [...new Set(older)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    if (listed.length) opts.log(progress('older-kept', { id: r.id, names: listed.join('、') }));
  }
  opts.log(progress('written', { id: r.id, count: set.files.length, dir: path.relative(process.cwd(), outDir) || outDir, ms: since(t0) }));
  return { id: r.id, problems, files: set.files, dropped: set.dropped, timings: { ...timings, totalMs: since(t0) } };
}

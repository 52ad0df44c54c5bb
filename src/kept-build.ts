// A build of unchanged inputs, told before anything heavy is loaded. When the data set's files, the
// templates, the fonts and the tool are what the whole set in output/<id> was built from (the
// inputs hash in its manifest), that build would write the same bytes again and say the same
// warnings (tests/determinism.test.ts): the set stays as written, and the warnings recorded in its
// manifest are said again. Only reading, hashing and comparing: no validation, no pdfmake, no
// build process. Anything it cannot be sure of (a set built in part, or by an older version of the
// tool, a file missing or changed, an import stopped half way) is left to the full build, which
// checks the data first (pipeline.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as jsonc from 'jsonc-parser';
import { loadDataset } from './load/index.js';
import { hasErrors, type Problem } from './problem.js';
import { inputsHash } from './inputs-hash.js';
import { readManifestOf, type Manifest } from './write/index.js';
import { upToDateSet } from './write/up-to-date.js';
import { ERRATA_FILES } from './errata/files.js';
import { importPending } from './survey/commit.js';
import { progress } from './progress.js';
import type { BuildResult } from './build-types.js';

/** the form dataset.json's id must have (model/schema.ts): anything else is left to validation */
const ID_FORM = /^[0-9A-Za-z][0-9A-Za-z_-]*$/;

export function keptBuild(dir: string, outRoot: string, log: (s: string) => void): BuildResult | undefined {
  const t0 = performance.now();
  if (importPending(dir)) return undefined;
  // the set's record first, from dataset.json's id alone: a first build (no record) reads the data set only once, in the build
  const recorded = recordOf(outRoot, idOf(readJson(path.join(dir, 'dataset.json'))));
  if (!recorded) return undefined;
  const raw = loadDataset(dir);
  if (hasErrors(raw.problems) || idOf(raw.json.get('dataset.json')?.value) !== recorded.id) return undefined;
  const { id, warnings } = recorded;
  // complete: the build that wrote it made every document, so nothing else is expected
  const kept = upToDateSet(outRoot, id, inputsHash(raw), [], (name) => ERRATA_FILES.includes(name));
  if (!kept) return undefined;
  return keptResult(outRoot, id, kept, warnings, Math.round(performance.now() - t0), log);
}

/** dataset.json's id, when it has one of the form an id must have (anything else is left to validation) */
function idOf(json: unknown): string | undefined {
  const id = (json as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && ID_FORM.test(id) ? id : undefined;
}

function readJson(file: string): unknown {
  try {
    return jsonc.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The warnings output/<id>'s manifest records, when it records a whole build and its warnings as a build writes them (a hand-edited one is left to the full check). */
function recordOf(outRoot: string, id: string | undefined): { id: string; warnings: Problem[] } | undefined {
  if (!id) return undefined;
  const manifest = readManifestOf(path.join(outRoot, id));
  const warnings = manifest?.complete ? manifest.warnings : undefined;
  if (!Array.isArray(warnings) || !warnings.every((p) => p?.severity === 'warning' && typeof p.file === 'string' && typeof p.message === 'string'))
    return undefined;
  return { id, warnings };
}

/** A set kept as it is, told as a build's result (here and by pipeline.ts's full check): its files as the manifest lists them. */
export function keptResult(outRoot: string, id: string, manifest: Manifest, problems: Problem[], ms: number, log: (s: string) => void): BuildResult {
  const outDir = path.join(outRoot, id);
  log(progress('unchanged', { id, count: manifest.files.length, dir: path.relative(process.cwd(), outDir) || outDir, ms }));
  return {
    id,
    problems,
    files: manifest.files.map((f) => ({ file: path.join(outDir, f.file), sha256: f.sha256, bytes: f.bytes, pages: f.pages, sheets: f.sheets })),
    dropped: [],
    unchanged: true,
    timings: { loadValidateMs: ms, resolveMs: 0, documents: [], totalMs: ms },
  };
}

// new-year: opens a fiscal year completely. Every initiative whose schedule covers the year
// gets its results entry; dataset.json lists the year in documents.results.fiscalYears; and a
// single publishedOn (one date for every year) becomes one date per year, so that the new
// year's report never carries an earlier year's date. The new year itself gets no date: it is
// published when its date is written. A data set with documents.progress gets the year in its
// progress.fiscalYears too (and only that, when it has no results report). Edits go through jsonc-parser's modify(), so the files
// keep their order and formatting.
import path from 'node:path';
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { validateWords } from '../validate/messages.js';
import { checkDataset } from '../pipeline.js';
import { writeAtomic } from '../write/index.js';
import { editDataset, publishedOnPerYear, type JsonChange } from './dataset-edit.js';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export interface NewYearResult {
  problems: Problem[];
  opened: string[];
  /** what changed in dataset.json, as JSON paths and values */
  dataset: { path: string; value: unknown; was?: unknown }[];
}

export function newYear(dir: string, fy: number): NewYearResult {
  const { model, problems, raw } = checkDataset(dir);
  if (!model || hasErrors(problems)) return { problems, opened: [], dataset: [] };
  const { period } = model.dataset;
  if (fy < period.from || fy > period.to)
    return {
      problems: [{ severity: 'error', file: 'dataset.json', path: ['period'], message: validateWords('year-outside-period', { fiscalYear: fy, ...period }) }],
      opened: [],
      dataset: [],
    };
  const opened: string[] = [];
  const opensResults = !!model.dataset.documents.results || !model.dataset.documents.progress;
  for (const { data, file } of opensResults ? model.initiatives : []) {
    const spans = data.schedule ?? [];
    if (spans.length && !spans.some((s) => s.from <= fy && fy <= s.to)) continue;
    if (data.results?.[String(fy)]) continue;
    const text = raw.json.get(file)!.text;
    const edits = jsonc.modify(text, ['results', String(fy)], { budget: null }, FORMAT);
    writeAtomic(path.join(dir, file), jsonc.applyEdits(text, edits));
    opened.push(file);
  }

  const results = model.dataset.documents.results;
  const progress = model.dataset.documents.progress;
  const changes: JsonChange[] = [];
  // a data set that follows up its plan (documents.progress) opens the year's 進ちょく状況: the new
  // report is dated as a draft until its last year is published (resolve/progress.ts)
  if (progress && !progress.fiscalYears.includes(fy)) {
    changes.push({ path: ['documents', 'progress', 'fiscalYears'], value: [...progress.fiscalYears, fy].sort((a, b) => a - b) });
    // the years published keep their date (one date becomes one per year), so that they stay
    // published: their actuals are then taken only as corrections; the new year has none yet
    if (typeof progress.publishedOn === 'string') changes.push({ path: ['documents', 'progress', 'publishedOn'], value: publishedOnPerYear(progress) });
  }
  // results are opened when the data set reports them, or has no report of its own yet (a plan)
  if (!results && progress) {
    /* a progress-only data set gets no results report */
  } else if (!results) changes.push({ path: ['documents', 'results'], value: { fiscalYears: [fy] } });
  else {
    if (typeof results.publishedOn === 'string') changes.push({ path: ['documents', 'results', 'publishedOn'], value: publishedOnPerYear(results) });
    if (!results.fiscalYears.includes(fy))
      changes.push({ path: ['documents', 'results', 'fiscalYears'], value: [...results.fiscalYears, fy].sort((a, b) => a - b) });
  }
  editDataset(dir, raw.json.get('dataset.json')!.text, changes);
  const before = (p: (string | number)[]) => p.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], model.dataset);
  return {
    problems,
    opened,
    dataset: changes.map((c) => ({ path: c.path.join('.'), value: c.value, ...(c.value === undefined ? { was: before(c.path) } : {}) })),
  };
}

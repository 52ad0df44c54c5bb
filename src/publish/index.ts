// publish: records a data set as published (src/publish/record.ts). The outputs recorded are
// the ones built from the data as it is now: a record never pairs data with other documents.
import path from 'node:path';
import dayjs from 'dayjs';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { checkDataset, documentNames, inputsHash } from '../pipeline.js';
import { readManifestOf } from '../write/index.js';
import { resolve } from '../resolve/index.js';
import { Wording, createHandlebars } from '../templates/index.js';
import { badLabel, findPublication, writeRecord, type Publication } from './record.js';

export const publishWords = () => Wording.load(createHandlebars({}), 'publish');

export interface PublishResult {
  problems: Problem[];
  /** usage problems (label, date): exit code 2 */
  usage?: string;
  folder?: string;
  publication?: Publication;
}

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid() && dayjs(s).format('YYYY-MM-DD') === s;
}

export function publish(dir: string, label: string, date: string, outRoot: string, publishedRoot: string, dataLabel: string): PublishResult {
  const w = publishWords();
  if (badLabel(label)) return { problems: [], usage: w.get('bad-label', { label }) };
  if (!isIsoDate(date)) return { problems: [], usage: w.get('bad-date', { value: date }) };
  const checked = checkDataset(dir);
  if (!checked.model || hasErrors(checked.problems)) return { problems: checked.problems };
  const id = checked.model.dataset.id;
  const refuse = (message: string, file = ''): PublishResult => ({ problems: [...checked.problems, { severity: 'error', file, message }] });
  const existing = findPublication(publishedRoot, id, label);
  if (existing) return refuse(w.get('label-exists', { label, folder: shown(existing.folder) }));
  const outDir = path.join(outRoot, id);
  const manifest = readManifestOf(outDir);
  if (!manifest) return refuse(w.get('not-built', { data: dataLabel }));
  if (manifest.inputs !== inputsHash(checked.raw)) return refuse(w.get('not-current', { data: dataLabel, out: shown(outDir) }));
  // a report still marked 未確定 is not a publication: finish the year (or leave it out of fiscalYears) first
  const drafts = resolve(checked.model).results.filter((v) => v.draft);
  if (drafts.length)
    return refuse(w.get('draft-year', { years: drafts.map((v) => ({ fy: v.fiscalYear, ...v.draft })) }), 'dataset.json');
  const names = documentNames(checked.model);
  const listed = new Set(manifest.files.map((f) => f.file));
  const missing = names.find((n) => !listed.has(n));
  if (missing) return refuse(w.get('missing-document', { name: missing, data: dataLabel }));
  const publication: Publication = { label, date, dataset: id, inputs: manifest.inputs, files: names };
  const folder = writeRecord(publishedRoot, id, dir, outDir, publication);
  return { problems: checked.problems, folder, publication };
}

/** A path as typed under the working folder, else in full. */
export function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

// publish: records a data set as published (src/publish/record.ts). The outputs recorded are
// the ones built from the data as it is now: a record never pairs data with other documents.
// The documents carry the date of the record: a results year without publishedOn is published
// on --date, so publish writes that date into dataset.json and builds again before recording
// (the year's report then shows it, and survey:import takes that year only as a correction);
// a year whose publishedOn is after --date is refused.
import path from 'node:path';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { buildDataset, checkDataset, documentNames, inputsHash } from '../pipeline.js';
import { readManifestOf } from '../write/index.js';
import { shown } from '../shown-path.js';
import { isIsoDate } from '../iso-date.js';
import { checkOutputPlace } from '../write/set.js';
import { resolve } from '../resolve/index.js';
import { Wording, createHandlebars } from '../templates/index.js';
import { publishedOnOf } from '../model/published.js';
import { place } from '../validate/index.js';
import { editDataset, publishedOnPerYear } from '../yearly/dataset-edit.js';
import { badLabel, checkRecordPlace, findPublication, writeRecord, type Publication } from './record.js';

export const publishWords = () => Wording.load(createHandlebars({}), 'publish');

export interface PublishResult {
  problems: Problem[];
  /** usage problems (label, date): exit code 2 */
  usage?: string;
  folder?: string;
  publication?: Publication;
  /** the results years publish dated --date in dataset.json, and their reports' face as rebuilt */
  dated?: { fiscalYear: number; face: string }[];
}

export async function publish(dir: string, label: string, date: string, outRoot: string, publishedRoot: string, dataLabel: string): Promise<PublishResult> {
  const w = publishWords();
  if (badLabel(label)) return { problems: [], usage: w.get('bad-label', { label }) };
  if (!isIsoDate(date)) return { problems: [], usage: w.get('bad-date', { value: date }) };
  let checked = checkDataset(dir);
  if (!checked.model || hasErrors(checked.problems)) return { problems: checked.problems };
  const id = checked.model.dataset.id;
  const refuse = (message: string, file = '', at: Partial<Problem> = {}): PublishResult => ({
    problems: [...checked.problems, { severity: 'error', file, message, ...at }],
  });
  const existing = findPublication(publishedRoot, id, label);
  if (existing) return refuse(w.get('label-exists', { label, folder: shown(existing.folder) }));
  // before a date is written into the data or anything is built
  checkRecordPlace(publishedRoot, id, label);
  const outDir = path.join(outRoot, id);
  let manifest = readManifestOf(outDir);
  if (!manifest) return refuse(w.get('not-built', { data: dataLabel }));
  if (manifest.inputs !== inputsHash(checked.raw)) return refuse(w.get('not-current', { data: dataLabel, out: shown(outDir) }));
  // a report still marked 未確定 is not a publication: finish the year (or leave it out of fiscalYears) first
  const drafts = resolve(checked.model).results.filter((v) => v.draft);
  if (drafts.length) return refuse(w.get('draft-year', { years: drafts.map((v) => ({ fy: v.fiscalYear, ...v.draft })) }), 'dataset.json');
  const names = documentNames(checked.model);
  const missing = names.find((n) => !new Set(manifest!.files.map((f) => f.file)).has(n));
  if (missing) return refuse(w.get('missing-document', { name: missing, data: dataLabel }));

  // the dates the reports carry against the date recorded
  const results = checked.model.dataset.documents.results;
  const years = results?.fiscalYears ?? [];
  const later = years.find((fy) => (publishedOnOf(results, fy) ?? '') > date);
  if (later !== undefined) {
    const at = ['documents', 'results', 'publishedOn', ...(typeof results!.publishedOn === 'string' ? [] : [String(later)])];
    return refuse(w.get('published-later', { westernYear: later, published: publishedOnOf(results, later), on: date }), 'dataset.json', {
      path: at,
      ...place(checked.raw.json.get('dataset.json')!, at),
    });
  }
  let dated: PublishResult['dated'];
  const undated = years.filter((fy) => !publishedOnOf(results, fy));
  if (undated.length) {
    // published today: the year takes --date, and its report is built again to show it
    // an output folder that cannot be written is said before dataset.json changes
    checkOutputPlace(outRoot, id);
    const perYear = { ...publishedOnPerYear(results!), ...Object.fromEntries(undated.map((fy) => [String(fy), date])) };
    editDataset(dir, checked.raw.json.get('dataset.json')!.text, [{ path: ['documents', 'results', 'publishedOn'], value: perYear }]);
    const built = await buildDataset(dir, outRoot, { log: () => {} });
    checked = checkDataset(dir);
    const failed = hasErrors(built.problems) || !checked.model || hasErrors(checked.problems);
    manifest = readManifestOf(outDir);
    if (failed || !manifest || manifest.inputs !== inputsHash(checked.raw))
      return {
        problems: [
          ...built.problems,
          { severity: 'error', file: 'dataset.json', message: w.get('dated-not-built', { years: undated, on: date, data: dataLabel }) },
        ],
      };
    const faces = resolve(checked.model!).results;
    dated = undated.map((fy) => ({ fiscalYear: fy, face: faces.find((v) => v.fiscalYear === fy)?.texts.issued ?? '' }));
  }
  const publication: Publication = { label, date, dataset: id, inputs: manifest.inputs, files: names };
  const folder = writeRecord(publishedRoot, id, dir, outDir, publication);
  return { problems: checked.problems, folder, publication, dated };
}

// publish: records a data set as published (src/publish/record.ts). The outputs recorded are
// the ones built from the data as it is now: a record never pairs data with other documents.
// The documents carry the date of the record: a results year without publishedOn is published
// on --date, so publish writes that date into dataset.json and builds again before recording
// (the year's report then shows it, and survey:import takes that year only as a correction);
// a year whose publishedOn is after --date is refused.
import path from 'node:path';
import { isoDateMeant } from '../date-meant.js';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { buildDataset, checkDataset, documentNames, inputsHash } from '../pipeline.js';
import { readManifestOf } from '../write/index.js';
import { shown } from '../shown-path.js';
import { isIsoDate } from '../iso-date.js';
import { checkOutputPlace } from '../write/set.js';
import { resolve } from '../resolve/index.js';
import { Wording, createHandlebars } from '../templates/index.js';
import { publishedOnOf, type Published } from '../model/published.js';
import { BOOKLET_PDF, PROGRESS_PDF } from '../document-names.js';
import { ERRATA_FILES } from '../errata/files.js';
import { place } from '../validate/index.js';
import { editDataset, publishedOnPerYear } from '../yearly/dataset-edit.js';
import { badLabel, checkRecordPlace, findPublication, publications, writeRecord, type Publication } from './record.js';

export const publishWords = () => Wording.load(createHandlebars({}), 'publish');

export interface PublishResult {
  problems: Problem[];
  /** usage problems (label, date): exit code 2 */
  usage?: string;
  folder?: string;
  publication?: Publication;
  /** the results years publish dated --date in dataset.json, and their reports' face as rebuilt */
  dated?: { fiscalYear: number; face: string; progress?: boolean }[];
}

export async function publish(dir: string, label: string, date: string, outRoot: string, publishedRoot: string, dataLabel: string): Promise<PublishResult> {
  const w = publishWords();
  if (badLabel(label)) return { problems: [], usage: w.get('bad-label', { label }) };
  if (!isIsoDate(date)) return { problems: [], usage: w.get('bad-date', { value: date, meant: isoDateMeant(date) }) };
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
  const resolved = resolve(checked.model);
  const drafts = resolved.results.filter((v) => v.draft);
  if (drafts.length) return refuse(w.get('draft-year', { years: drafts.map((v) => ({ fy: v.fiscalYear, ...v.draft })) }), 'dataset.json');
  // the 進ちょく状況 likewise (its unanswered actuals and self-evaluations)
  if (resolved.progress?.draft) return refuse(w.get('draft-progress', { unanswered: resolved.progress.draft.unanswered }), 'dataset.json');
  const names = documentNames(checked.model);
  const missing = names.find((n) => !new Set(manifest!.files.map((f) => f.file)).has(n));
  if (missing) return refuse(w.get('missing-document', { name: missing, data: dataLabel }));

  // the dates the reports carry against the date recorded: the results report's years, and the
  // 進ちょく状況's where it is published (built) with them
  const documents = checked.model.dataset.documents;
  const results = documents.results;
  const years = results?.fiscalYears ?? [];
  const progress = names.includes(PROGRESS_PDF) ? documents.progress : undefined;
  const reports = [
    { key: 'results', settings: results, years },
    { key: 'progress', settings: progress, years: progress?.fiscalYears ?? [] },
  ] as const;
  for (const r of reports) {
    const later = r.years.find((fy) => (publishedOnOf(r.settings, fy) ?? '') > date);
    if (later === undefined) continue;
    const at = ['documents', r.key, 'publishedOn', ...(typeof r.settings!.publishedOn === 'string' ? [] : [String(later)])];
    return refuse(w.get('published-later', { westernYear: later, published: publishedOnOf(r.settings, later), on: date }), 'dataset.json', {
      path: at,
      ...place(checked.raw.json.get('dataset.json')!, at),
    });
  }
  let dated: PublishResult['dated'];
  const undated = years.filter((fy) => !publishedOnOf(results, fy));
  const progressUndated = progress ? progress.fiscalYears.filter((fy) => !publishedOnOf(progress, fy)) : [];
  // the first record of a set whose reports were all published before --date: no document carries
  // --date (the reports and the booklet show their publishedOn), yet the record, and every 正誤表
  // made against it, would name --date as the day it was published
  if (!undated.length && !progressUndated.length && !publications(publishedRoot, id).length) {
    const dates = reports.flatMap((r) => r.years.map((fy) => ({ r, fy, on: publishedOnOf(r.settings, fy)! })));
    const last = dates.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.fy - b.fy)).at(-1);
    if (last && last.on < date) {
      const at = ['documents', last.r.key, 'publishedOn', ...(typeof last.r.settings!.publishedOn === 'string' ? [] : [String(last.fy)])];
      return refuse(
        w.get('published-earlier', { westernYear: last.fy, published: last.on, on: date, booklet: names.includes(BOOKLET_PDF), data: dataLabel }),
        'dataset.json',
        {
          path: at,
          ...place(checked.raw.json.get('dataset.json')!, at),
        },
      );
    }
  }
  if (undated.length || progressUndated.length) {
    // published today: the year takes --date, and its report is built again to show it
    // an output folder that cannot be written is said before dataset.json changes
    checkOutputPlace(outRoot, id);
    const perYear = (settings: Published, open: number[]) => ({ ...publishedOnPerYear(settings), ...Object.fromEntries(open.map((fy) => [String(fy), date])) });
    editDataset(dir, checked.raw.json.get('dataset.json')!.text, [
      ...(undated.length ? [{ path: ['documents', 'results', 'publishedOn'], value: perYear(results!, undated) }] : []),
      ...(progressUndated.length ? [{ path: ['documents', 'progress', 'publishedOn'], value: perYear(progress!, progressUndated) }] : []),
    ]);
    const built = await buildDataset(dir, outRoot, { log: () => {} });
    checked = checkDataset(dir);
    const failed = hasErrors(built.problems) || !checked.model || hasErrors(checked.problems);
    manifest = readManifestOf(outDir);
    if (failed || !manifest || manifest.inputs !== inputsHash(checked.raw))
      return {
        problems: [
          ...built.problems,
          {
            severity: 'error',
            file: 'dataset.json',
            message: w.get('dated-not-built', { years: [...new Set([...undated, ...progressUndated])].sort(), on: date, data: dataLabel }),
          },
        ],
      };
    const faces = resolve(checked.model!);
    dated = [
      ...undated.map((fy) => ({ fiscalYear: fy, face: faces.results.find((v) => v.fiscalYear === fy)?.texts.issued ?? '' })),
      ...(progressUndated.length ? [{ fiscalYear: Math.max(...progressUndated), face: faces.progress?.issued ?? '', progress: true }] : []),
    ];
  }
  // a 正誤表 made from the data as it is now is published with the correction it lists (a stale one a
  // build has taken out of the output already)
  const errataNow = manifest.files.filter((f) => ERRATA_FILES.includes(f.file) && f.inputs === manifest!.inputs).map((f) => f.file);
  const publication: Publication = { label, date, dataset: id, inputs: manifest.inputs, files: [...names, ...errataNow] };
  const folder = writeRecord(publishedRoot, id, dir, outDir, publication);
  return { problems: checked.problems, folder, publication, dated };
}

// errata: the 正誤表 of a correction. Both versions are rendered in memory and compared
// (src/errata/compare.ts): tables field by field from their view models, prose as the reader
// sees it in the published PDF. Pages and lines are those of the published documents (the
// record's own PDFs where there is a record). Headings and entries whose page moved are listed too.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { inputsHash, documentNames } from '../pipeline.js';
import { renderDataset, unlessLost, type Rendered } from '../render-dataset.js';
import { createHandlebars, Wording } from '../templates/index.js';
import { errataDocument } from '../documents/pdf/errata.js';
import { errataWorkbook } from '../documents/workbook/errata.js';
import type { ErrataView } from '../resolve/errata-view.js';
import { renderPdf } from '../render/pdf/index.js';
import { renderWorkbook } from '../render/xlsx.js';
import { readManifestOf, type Written } from '../write/index.js';
import { publishSet, checkOutputPlace } from '../write/set.js';
import { ERRATA_FILES } from './files.js';
import { documentOf, PROGRESS_PDF } from '../document-names.js';
import { findPublished } from './published.js';
import { latestPublishedOn } from '../model/published.js';
import { PUBLISHED_ROOT, publications } from '../publish/record.js';
import { shown } from '../shown-path.js';
import { errataDateOf, ruleOn } from '../resolve/document-dates.js';
import { wordsOf } from '../markdown/index.js';
import {
  compareFieldRows,
  compareLines,
  compareResults,
  compareSheets,
  coveredBy,
  inReadingOrder,
  listRows,
  locate,
  pdfLines,
  type ErrataEntry,
  type FieldRow,
  type MovedItem,
} from './compare.js';

export type { ErrataEntry, MovedItem } from './compare.js';
export { compareLines } from './compare.js';

/** The 正誤表's wording (for the command's own usage messages). */
export const errataWords = () => Wording.load(createHandlebars({}), 'errata');

export async function errata(
  dir: string,
  against: string,
  outRoot: string,
  log: (s: string) => void,
  publishedRoot = PUBLISHED_ROOT,
  /** how the command was given the data folder and the output folder (for the build it names), and --date (an ISO date, checked by the command) */
  given: { data: string; out?: string; date?: string } = { data: dir },
): Promise<{ problems: Problem[]; files: Written[]; view?: ErrataView }> {
  const published = findPublished(dir, against, publishedRoot);
  const words0 = errataWords();
  if (!published) return { problems: [{ severity: 'error', file: '', base: against, message: words0.get('not-found') }], files: [] };
  try {
    // the workbook is compared from its definition: its bytes are not needed
    const noWorkbook = { log: () => {}, skip: new Set(['appendix.xlsx']) };
    const before: Rendered = await renderDataset(published.data, noWorkbook);
    // a problem of the published data is named under its own folder
    if (hasErrors(before.problems)) return { problems: before.problems.map((p) => ({ ...p, base: published.base })), files: [] };
    // a folder or a git revision: named by what the published data says of itself (its title and its
    // last 改定, its results' publication date), not by the folder's or the revision's name, which a
    // reader never saw, nor by a commit's date
    const publishedData = before.model?.dataset;
    const last = publishedData?.history?.at(-1);
    const publication =
      published.name !== undefined || !publishedData
        ? { name: published.name ?? '', date: published.date }
        : {
            name: words0.get('data-edition', { title: publishedData.title, month: last?.date, event: last?.event }),
            date: latestPublishedOn(publishedData.documents.results),
          };
    const after: Rendered = await renderDataset(dir, noWorkbook);
    if (hasErrors(after.problems) || !after.resolved || !after.model || !before.resolved) return { problems: after.problems, files: [] };
    // an output place that is not the tool's own is said before the comparison, not after it
    checkOutputPlace(outRoot, after.model.dataset.id);
    // a correction that leaves a report 「未確定」 that was settled as published would be published
    // beside its 正誤表 as a draft (a year still being collected, a draft in both, is not this)
    const settled = new Set(before.resolved.results.filter((v) => !v.draft).map((v) => v.fiscalYear));
    const drafts = after.resolved.results.filter((v) => v.draft && settled.has(v.fiscalYear));
    if (drafts.length)
      return {
        problems: [
          ...after.problems,
          { severity: 'error', file: 'dataset.json', message: words0.get('draft-year', { years: drafts.map((v) => ({ fy: v.fiscalYear, ...v.draft })) }) },
        ],
        files: [],
      };
    // the 正誤表 is written beside the documents: they must be the corrected data's, or the two
    // would contradict each other where they are published together
    const outDir = path.join(outRoot, after.model.dataset.id);
    const manifest = readManifestOf(outDir);
    const current = inputsHash(after.raw);
    // every document of the set, the web edition and the open data too (a build --only leaves the others as they were)
    const stale = (manifest?.files ?? []).filter((f) => !ERRATA_FILES.includes(f.file) && f.inputs !== undefined && f.inputs !== current);
    // built after the correction, but with --only: the files left from the earlier data are named (web/ and data/ as folders)
    if (manifest && manifest.inputs === current && stale.length) {
      const names = [...new Set(stale.map((f) => documentOf(f.file)))];
      return {
        problems: [
          ...after.problems,
          {
            severity: 'error',
            file: '',
            message: words0.get('not-current-only', { out: shown(outDir), names: names.join('、'), data: given.data, outOption: given.out }),
          },
        ],
        files: [],
      };
    }
    if (!manifest || manifest.inputs !== current)
      return {
        problems: [
          ...after.problems,
          {
            severity: 'error',
            file: '',
            message: words0.get(manifest ? 'not-current' : 'not-built', { out: shown(outDir), data: given.data, outOption: given.out }),
          },
        ],
        files: [],
      };
    // the 正誤表 is written on its own date (--date), after the publication it corrects; without one,
    // on the later of the two, which it does not print
    const earliest = errataDateOf(after.resolved.date, publication.date);
    if (given.date !== undefined && given.date < earliest)
      return {
        problems: [...after.problems, { severity: 'error', file: '', message: words0.get('date-too-early', { value: given.date, earliest }) }],
        files: [],
      };
    const date = given.date ?? earliest;
    const words = Wording.load(createHandlebars(ruleOn(after.model.dataset, date)), 'errata');
    const names = documentNames(after.model);
    const printed = (name: string): Buffer | undefined => {
      // the documents as published where they were kept, else as the published data gives them
      const kept = published.output ? path.join(published.output, name) : undefined;
      if (kept && existsSync(kept)) return readFileSync(kept);
      return before.outputs.find((x) => x.name === name)?.bytes;
    };
    const entries: ErrataEntry[] = [];
    for (const name of names) {
      const order = names.indexOf(name);
      const o = { name, bytes: after.outputs.find((x) => x.name === name)?.bytes };
      if (name === 'appendix.xlsx') {
        if (!before.model?.dataset.documents.appendix) continue;
        const { appendixWorkbook } = await import('../documents/workbook/appendix.js');
        const a = appendixWorkbook(before.resolved, before.pages?.anchors).sheets;
        const b = appendixWorkbook(after.resolved, after.pages?.anchors).sheets;
        entries.push(...compareSheets(words.get('doc-appendix.xlsx'), order, a, b, [after.resolved.words.list.get('col-page')], words));
        log(words.get('compared', { name }));
        continue;
      }
      const old = printed(name);
      if (!old || !o.bytes) continue;
      if (o.name.startsWith('results-')) {
        const fy = Number(/results-(\d+)\.pdf/.exec(o.name)![1]);
        const a = before.resolved.results.find((v) => v.fiscalYear === fy);
        const b = after.resolved.results.find((v) => v.fiscalYear === fy);
        if (!a || !b) continue;
        const document = words.get('doc-results', { fyLong: a.fyLong });
        entries.push(...compareResults(document, order, a, b, await pdfLines(old, false), words, after.resolved.words.results));
      } else {
        const document = words.get(`doc-${o.name}`);
        const oldLines = await pdfLines(old, true);
        // the 進ちょく状況 prints no initiative's list fields: its pages are compared line by line
        if (o.name === PROGRESS_PDF) {
          entries.push(...compareLines(document, order, oldLines, await pdfLines(o.bytes, true)));
          log(words.get('compared', { name }));
          continue;
        }
        // the initiatives' rows field by field (the list's table, the booklet's entries)
        const descriptions = (m: NonNullable<Rendered['model']>) => new Map(m.initiatives.map((i) => [i.id, i.data.description ?? '']));
        const rowsOf = (v: Rendered): FieldRow[] =>
          v.resolved?.list && v.model ? listRows(v.resolved.list, descriptions(v.model), v.resolved.words.list, words) : [];
        const description = words.get('field-description');
        if (o.name === 'initiative-list.pdf') {
          entries.push(
            ...compareFieldRows(
              document,
              order,
              rowsOf(before),
              rowsOf(after),
              (r) => locate(oldLines, r.find),
              words,
              (f) => f !== description,
            ),
          );
          log(words.get('compared', { name }));
          continue;
        }
        // the booklet prints an initiative's title and description in its entry (第2章), and the rest of
        // its row (owner, schedule, goals, indicators, marks) only in the list (第3章, between list-start
        // and list-end): a field is looked for where it is printed (a schedule had been sent to the entry)
        const entryFields = new Set([words.get('field-list-name'), description]);
        const listFrom = before.pages?.anchors.get('list-start');
        const listTo = before.pages?.anchors.get('list-end') ?? listFrom;
        const fields = compareFieldRows(
          document,
          order,
          rowsOf(before),
          rowsOf(after),
          (r, field) => {
            if (field !== undefined && !entryFields.has(field) && listFrom !== undefined && listTo !== undefined)
              return locate(
                oldLines.filter((l) => l.page >= listFrom && l.page <= listTo),
                r.find,
              );
            // the printed page of the entry in the published booklet, the line there
            const page = before.pages?.anchors.get(r.key);
            const onPage = page === undefined ? oldLines : oldLines.filter((l) => l.page === page);
            return { ...locate(onPage, r.find), ...(page !== undefined ? { page } : {}) };
          },
          words,
        );
        const covered = coveredBy(fields);
        entries.push(...fields, ...compareLines(document, order, oldLines, await pdfLines(o.bytes, true)).filter((e) => !covered(e)));
      }
      log(words.get('compared', { name: o.name }));
    }
    // headings and entries whose printed page changed
    const moved: MovedItem[] = [];
    const label = new Map<string, string>();
    for (const s of after.resolved.sections) label.set(`sec-${s.id}`, `${s.label} ${s.title}`);
    for (const s of after.resolved.booklet?.sections ?? [])
      for (const e of s.entries) label.set(e.anchor, words.get('entry', { no: e.no, title: wordsOf(e.title), relisted: e.relisted }));
    for (const [anchor, to] of after.pages?.anchors ?? []) {
      const from = before.pages?.anchors.get(anchor);
      if (from !== undefined && from !== to && label.has(anchor)) moved.push({ item: label.get(anchor)!, from, to });
    }
    const view: ErrataView = {
      title: after.resolved.title,
      publication,
      entries: inReadingOrder(entries),
      moved,
      date,
      ...(given.date ? { issued: given.date } : {}),
      issuer: after.resolved.issuer,
      // (current: checked above with every file of the set)
      otherForms: manifest.files.some((f) => f.file.startsWith('web/')) && manifest.files.some((f) => f.file.startsWith('data/')),
    };
    // the 正誤表 itself lost content in layout: nothing is written
    const lost: Problem[] = [];
    const pdf = await unlessLost('errata.pdf', after.resolved.words.common, lost, () => renderPdf(errataDocument(view, words), [dir]));
    if (!pdf) return { problems: [...after.problems, ...lost], files: [], view };
    const xlsx = await renderWorkbook(errataWorkbook(view, words, after.resolved.issuer));
    // the 正誤表 joins the data set's output as a whole, like a build; the documents there stay
    const inputs = inputsHash(after.raw);
    const [pdfName, xlsxName] = ERRATA_FILES;
    const { files } = publishSet(outRoot, after.model.dataset.id, {
      files: [
        { name: pdfName, bytes: pdf.bytes, pages: pdf.layout.pageCount, inputs },
        { name: xlsxName, bytes: xlsx.bytes, sheets: xlsx.sheets, inputs },
      ],
      keep: () => true,
      keepsBuild: true,
      order: [...names, ...ERRATA_FILES],
    });
    // nothing differs: made against the record of the correction itself (publish's hint names the
    // label it has just recorded), the 正誤表 says 「違いはありません」 — said, with the records there are
    const same: Problem[] = [];
    if (!view.entries.length && !view.moved.length) {
      const others = publications(publishedRoot, after.model.dataset.id)
        .filter((p) => p.label !== against)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        .map((p) => words.get('record-named', { label: p.label, on: p.date }));
      same.push({ severity: 'warning', file: '', message: words.get('warn-no-difference', { name: publication.name, others: others.join('、') }) });
    }
    return { problems: [...after.problems, ...same], files, view };
  } finally {
    published.cleanup?.();
  }
}

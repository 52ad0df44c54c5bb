// The rendering half of a build: from a checked data set to the bytes of each document, nothing
// written. The booklet is laid out once; where its headings and entries stand (printed pages, counted
// from chapter 1) is passed on to the documents that print 掲載頁: the list and the appendix.
import type { RawDataset } from './load/index.js';
import type { Problem } from './problem.js';
import { hasErrors } from './problem.js';
import type { Model } from './model/schema.js';
import { resolve, type Resolved } from './resolve/index.js';
import { bookletBody, bookletFront, bookletDocument, type BookletPages } from './documents/pdf/booklet.js';
import { initiativeListDocument } from './documents/pdf/initiative-list-doc.js';
import { resultsDocument } from './documents/pdf/results-report.js';
import { progressDocument } from './documents/pdf/progress-report.js';
import { layout, renderPdf } from './render/pdf/index.js';
import type { WorkbookSpec } from './render/xlsx.js';
import { ContentLostError, type LostContent } from './render/pdf/loss-guard.js';
import { progress } from './progress.js';
import { checkDataset } from './check-dataset.js';
import { PROGRESS_PDF, WEB, DATA, documentNames } from './document-names.js';
import type { BuildOptions, BuildResult, Output } from './build-types.js';

/** Printed pages (chapter 1 is page 1) of every anchor, from the physical ones. */
function printedPages(anchors: Map<string, number>): BookletPages {
  const front = (anchors.get('chapter-1') ?? 1) - 1;
  return { anchors: new Map([...anchors].map(([k, v]) => [k, v - front])), front };
}

const wholeBooklet = (r: Resolved) => bookletDocument(r.booklet!, r, [...bookletFront(r.booklet!, r), ...bookletBody(r.booklet!, r)]);

/** The booklet laid out (not rendered): where every heading and entry is printed. */
export function bookletPages(r: Resolved): BookletPages {
  return printedPages(layout(wholeBooklet(r)).anchors);
}

export async function renderBooklet(r: Resolved, allowed: string[]): Promise<{ output: Output; pages: BookletPages }> {
  const { bytes, layout: l } = await renderPdf(wholeBooklet(r), allowed, { firstPrintedPage: 'chapter-1', anchors: true });
  return { output: { name: 'plan-booklet.pdf', bytes, pages: l.pageCount }, pages: printedPages(l.anchors) };
}

/** What the loss guard found, as problems: one per heading and data file, with the first lost text. */
export function lostProblems(document: string, lost: LostContent[], words: Resolved['words']['common']): Problem[] {
  // per heading and data file: its first lost content and how many
  const groups = new Map<string, { first: LostContent; count: number }>();
  for (const l of lost) {
    const key = `${l.source ?? ''}\0${l.heading ?? ''}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { first: l, count: 1 });
  }
  return [...groups.values()].map(({ first, count }) => ({
    severity: 'error' as const,
    file: first.source ?? '',
    message: words.get('content-lost', { document, heading: first.heading, first: first.text.slice(0, 24), image: first.kind === 'image', more: count - 1 }),
  }));
}

/**
 * Runs a layout or a render of `document`. Content pdfmake lost is a data problem, not a crash:
 * it becomes problems (undefined is returned) and the caller writes nothing.
 */
export async function unlessLost<T>(
  document: string,
  words: Resolved['words']['common'],
  problems: Problem[],
  run: () => T | Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof ContentLostError)) throw e;
    problems.push(...lostProblems(document, e.lost, words));
    return undefined;
  }
}

export interface Rendered {
  model?: Model;
  raw: RawDataset;
  resolved?: Resolved;
  pages?: BookletPages;
  problems: Problem[];
  outputs: Output[];
  timings: BuildResult['timings'];
}

/** Everything up to the bytes of each document, nothing written. */
export async function renderDataset(dir: string, opts: BuildOptions): Promise<Rendered> {
  const t0 = performance.now();
  const since = (t: number) => Math.round(performance.now() - t);
  const checked = opts.checked ?? checkDataset(dir);
  const { model, raw } = checked;
  const problems = [...checked.problems];
  const loadValidateMs = since(t0);
  const timings: BuildResult['timings'] = { loadValidateMs, resolveMs: 0, documents: [], totalMs: 0 };
  if (!model || hasErrors(problems)) return { raw, problems, outputs: [], timings: { ...timings, totalMs: since(t0) } };
  const t1 = performance.now();
  const r = resolve(model);
  timings.resolveMs = since(t1);
  const allowed = [dir];
  const want = (name: string) => (!opts.only || opts.only.has(name)) && !opts.skip?.has(name);
  opts.log(progress('checked', { id: r.id, ms: since(t0) }));
  const outputs: Output[] = [];
  // `render` takes the definition over (`take`): nothing here holds it while it is drawn, so the
  // render may let go of it once laid out (render/pdf/definition-release.ts)
  const timed = async (name: string, compose: () => unknown, render: (take: () => never) => Promise<Output>) => {
    const a = performance.now();
    let def = compose();
    const take = () => {
      const d = def;
      def = undefined;
      return d as never;
    };
    const b = performance.now();
    // content pdfmake lost is a data problem: nothing of this data set is written
    const o = await unlessLost(name, r.words.common, problems, () => render(take));
    if (!o) return;
    outputs.push(o);
    timings.documents.push({ name, pages: o.pages, sheets: o.sheets, composeMs: Math.round(b - a), renderMs: since(b) });
    // each document's own time (it read as a running total when it was the time since the start)
    const what = o.pages !== undefined ? progress('pages', { pages: o.pages }) : (o.sheets ?? []).join('・');
    opts.log(progress('document', { id: r.id, name, what, ms: since(a) }));
  };

  // a workbook is begun as soon as its content is known and collected where it is listed: with a
  // workbook thread it is written there meanwhile (posted at once: pdfmake lays out and draws
  // without yielding, so a later message would wait for the last PDF); without, here when collected
  // the appendix as the data set publishes it (not before it has a sheet: document-names.ts)
  const hasAppendix = documentNames(model).includes('appendix.xlsx');
  const workbooks = want(DATA) || (hasAppendix && want('appendix.xlsx'));
  const thread =
    workbooks && opts.workbookThread !== undefined && model.initiatives.length >= opts.workbookThread
      ? (await import('./render/xlsx-thread.js')).startWorkbookThread()
      : undefined;
  const begin = (spec: WorkbookSpec): (() => Promise<{ bytes: Buffer; sheets: string[] }>) => {
    if (!thread) return async () => (await import('./render/xlsx.js')).renderWorkbook(spec);
    const written = thread.render(spec);
    return () => written;
  };
  try {
    return await renderDocuments(model);
  } finally {
    await thread?.close();
  }

  // (the model is passed in: checked above, and no longer undefined)
  async function renderDocuments(model: Model): Promise<Rendered> {
    // the open data need only the resolved data: begun before the PDFs
    const a0 = performance.now();
    const dataModule = !want(DATA) ? undefined : await import('./documents/data/index.js');
    const openData = dataModule && dataModule.openDataFiles(r);
    const dataComposeMs = since(a0);
    const dataBook = openData && begin(openData.workbook);
    // the booklet's pages are needed by the list and the appendix (掲載頁) as well
    let pages: BookletPages | undefined;
    if (r.booklet && want('plan-booklet.pdf'))
      await timed(
        'plan-booklet.pdf',
        () => undefined,
        async () => {
          const b = await renderBooklet(r, allowed);
          pages = b.pages;
          return b.output;
        },
      );
    else if (r.booklet && (want('initiative-list.pdf') || (hasAppendix && want('appendix.xlsx')))) {
      const a = performance.now();
      pages = await unlessLost('plan-booklet.pdf', r.words.common, problems, () => bookletPages(r));
      if (!pages) return { model, raw, resolved: r, problems, outputs, timings: { ...timings, totalMs: since(t0) } };
      timings.documents.push({ name: 'booklet-layout', composeMs: 0, renderMs: since(a) });
    }
    // exceljs is loaded only when a workbook is made (start-up time of the other builds)
    const appendix = hasAppendix && want('appendix.xlsx') ? (await import('./documents/workbook/appendix.js')).appendixWorkbook : undefined;
    // begun now: with a workbook thread it is written while the list is made
    const appendixBook = appendix && begin(appendix(r, pages?.anchors));
    if (r.list && pages && want('initiative-list.pdf'))
      await timed(
        'initiative-list.pdf',
        () => initiativeListDocument(r, pages!.anchors),
        async (take) => {
          const { bytes, layout: l } = await renderPdf(take(), allowed);
          return { name: 'initiative-list.pdf', bytes, pages: l.pageCount };
        },
      );
    for (const view of r.results) {
      const name = `results-${view.fiscalYear}.pdf`;
      if (want(name))
        await timed(
          name,
          () => resultsDocument(view, r),
          async (take) => {
            const { bytes, layout: l } = await renderPdf(take(), allowed);
            return { name, bytes, pages: l.pageCount };
          },
        );
    }
    if (r.progress && want(PROGRESS_PDF))
      await timed(
        PROGRESS_PDF,
        () => progressDocument(r.progress!, r),
        async (take) => {
          const { bytes, layout: l } = await renderPdf(take(), allowed);
          return { name: PROGRESS_PDF, bytes, pages: l.pageCount };
        },
      );
    if (appendixBook)
      await timed(
        'appendix.xlsx',
        () => undefined,
        async () => {
          const { bytes, sheets } = await appendixBook();
          return { name: 'appendix.xlsx', bytes, sheets };
        },
      );

    // the web edition and the open data: from the resolved data alone (no layout of the booklet),
    // in every build but one asked for other documents only (`--only`)
    if (want(WEB)) {
      const a = performance.now();
      const [{ webEdition, WEB_DIR }, { renderWebEdition }] = await Promise.all([import('./documents/web/index.js'), import('./render/html.js')]);
      // page citations link to the place, named: the web edition needs no layout of the booklet
      const def = webEdition(r);
      const b = performance.now();
      const files = renderWebEdition(def);
      outputs.push(...files.map((f) => ({ name: `${WEB_DIR}/${f.name}`, bytes: f.bytes })));
      timings.documents.push({ name: WEB, composeMs: Math.round(b - a), renderMs: since(b) });
      opts.log(progress('document', { id: r.id, name: WEB, what: progress('files', { count: files.length }), ms: since(a) }));
    }
    if (dataModule && openData && dataBook) {
      const b = performance.now();
      const { bytes, sheets } = await dataBook();
      outputs.push(...openData.csv, { name: `${dataModule.DATA_DIR}/${dataModule.WORKBOOK}`, bytes, sheets });
      timings.documents.push({ name: DATA, sheets, composeMs: dataComposeMs, renderMs: since(b) });
      opts.log(progress('document', { id: r.id, name: DATA, what: progress('files', { count: openData.csv.length + 1 }), ms: dataComposeMs + since(b) }));
    }

    return { model, raw, resolved: r, pages, problems, outputs, timings: { ...timings, totalMs: since(t0) } };
  }
}

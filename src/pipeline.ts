// load → validate → resolve → compose → render → write, and nothing else.
// The booklet is laid out twice: first its body alone, where physical and printed page
// numbers agree, to learn where every heading and entry stands; then in full, with the
// 目次 and 掲載頁 set from those pages (pdfmake's own page references are physical).
import path from 'node:path';
import { createHash } from 'node:crypto';
import { loadDataset, type RawDataset } from './load/index.js';
import { validate } from './validate/index.js';
import type { Problem } from './problem.js';
import { hasErrors } from './problem.js';
import type { Model } from './model/schema.js';
import { resolve, type Resolved } from './resolve/index.js';
import { bookletBody, bookletFront, bookletDocument, type BookletPages } from './documents/booklet.js';
import { initiativeListDocument } from './documents/initiative-list-doc.js';
import { resultsDocument } from './documents/results-report.js';
import { layout, renderPdf } from './render/pdf.js';
import { renderWorkbook } from './render/xlsx.js';
import { appendixWorkbook } from './documents/appendix.js';
import { writeAtomic, writeManifest, type Written } from './write/index.js';

export function checkDataset(dir: string): { model?: Model; problems: Problem[]; raw: RawDataset } {
  const raw = loadDataset(dir);
  return { ...validate(raw), raw };
}

export interface BuildOptions { log: (s: string) => void }

interface Output { name: string; bytes: Buffer; pages?: number; sheets?: string[] }

/** Lays out the booklet's body alone: printed page of every anchor. */
export function bookletPages(r: Resolved): BookletPages {
  const view = r.booklet!;
  const body = layout(bookletDocument(view, r, bookletBody(view, r), undefined, 0));
  const first = body.anchors.get('chapter-1') ?? 1;
  const anchors = new Map([...body.anchors].map(([k, v]) => [k, v - first + 1]));
  const front = layout(bookletDocument(view, r, bookletFront(view, r, { anchors: new Map([...anchors].map(([k]) => [k, 999])), front: 0 }), undefined, 0)).pageCount;
  const a = anchors.get('list-start');
  const b = anchors.get('list-end');
  return { anchors, front, listPages: a !== undefined && b !== undefined ? [a + 1, b] : undefined };
}

export async function renderBooklet(r: Resolved, pages: BookletPages, allowed: string[]): Promise<Output> {
  const view = r.booklet!;
  const content = [...bookletFront(view, r, pages), ...bookletBody(view, r, pages)];
  const { bytes, layout: l } = await renderPdf(bookletDocument(view, r, content, pages, pages.front), allowed);
  // the numbers printed in the 目次 and 掲載頁 must be the footers of the pages they name
  for (const [id, printed] of pages.anchors) {
    const physical = l.anchors.get(id);
    if (physical !== undefined && physical - pages.front !== printed)
      throw new Error(`冊子の頁番号が一致しません: ${id} は ${printed} 頁のはずが ${physical - pages.front} 頁に組まれました`);
  }
  return { name: 'plan-booklet.pdf', bytes, pages: l.pageCount };
}

export function inputsHash(raw: RawDataset): string {
  const h = createHash('sha256');
  for (const [rel, f] of [...raw.json].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(rel).update('\0').update(f.text).update('\0');
  for (const [rel, t] of [...raw.texts].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(rel).update('\0').update(t).update('\0');
  return h.digest('hex');
}

export async function buildDataset(dir: string, outRoot: string, opts: BuildOptions): Promise<{ problems: Problem[]; files: Written[] }> {
  const t0 = performance.now();
  const ms = () => `${Math.round(performance.now() - t0)} ms`;
  const { model, problems, raw } = checkDataset(dir);
  if (!model || hasErrors(problems)) return { problems, files: [] };
  const r = resolve(model);
  const outDir = path.join(outRoot, model.dataset.id);
  const allowed = [dir];
  opts.log(`${r.id}: 検証・解決 OK（${ms()}）`);
  const outputs: Output[] = [];
  let pages: BookletPages | undefined;
  if (r.booklet) {
    pages = bookletPages(r);
    opts.log(`${r.id}: 冊子の割付 ${pages.front} + ${Math.max(...pages.anchors.values())} 頁（${ms()}）`);
    outputs.push(await renderBooklet(r, pages, allowed));
    opts.log(`${r.id}: plan-booklet.pdf ${outputs.at(-1)!.pages} 頁（${ms()}）`);
    if (r.list) {
      const { bytes, layout: l } = await renderPdf(initiativeListDocument(r, pages.anchors), allowed);
      outputs.push({ name: 'initiative-list.pdf', bytes, pages: l.pageCount });
      opts.log(`${r.id}: initiative-list.pdf ${l.pageCount} 頁（${ms()}）`);
    }
  }
  for (const view of r.results) {
    const { bytes, layout: l } = await renderPdf(resultsDocument(view, r), allowed);
    outputs.push({ name: `results-${view.fiscalYear}.pdf`, bytes, pages: l.pageCount });
    opts.log(`${r.id}: results-${view.fiscalYear}.pdf ${l.pageCount} 頁（${ms()}）`);
  }
  if (model.dataset.documents.appendix) {
    const { bytes, sheets } = await renderWorkbook(appendixWorkbook(r, pages?.anchors));
    outputs.push({ name: 'appendix.xlsx', bytes, sheets });
    opts.log(`${r.id}: appendix.xlsx ${sheets.join('・')}（${ms()}）`);
  }
  // every document is rendered before anything is written: a failure leaves earlier outputs as they were
  const written = outputs.map((o) => ({ ...writeAtomic(path.join(outDir, o.name), o.bytes), pages: o.pages, sheets: o.sheets }));
  writeManifest(outDir, inputsHash(raw), written);
  opts.log(`${r.id}: ${written.length} 件を ${path.relative(process.cwd(), outDir) || outDir} に書き出しました（${ms()}）`);
  return { problems, files: written };
}

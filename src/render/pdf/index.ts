// pdfmake: fonts, access policies, a layout-only pass that reports where anchored nodes
// stand, and the final render to bytes. Render knows nothing of initiatives.
import path from 'node:path';
import { PDF_FONTS, FONT_DIR } from '../fonts.js';
import { collectAnchors, checkCitedAnchors } from './anchors.js';
import { numberLeaves, findLosses, ContentLostError } from './loss-guard.js';
import { planStructure, useStructure } from './tags.js';
import { releasesDefinition } from './definition-release.js';
import { collectAfterLayout } from './layout-gc.js';

// pdfmake's internals, extended by the seam before anything is laid out (install.ts)
import { pdfmake, PDFDocument, LayoutBuilder, SVGMeasure, PageSize, tableLayouts, Renderer, TextInlines, type Any } from './install.js';

/** Refuses a layout that lost composed content (see loss-guard.ts): nothing is rendered then. */
function guard(pages: Any[], leaves: ReturnType<typeof numberLeaves>): void {
  const lost = findLosses(pages, leaves);
  if (lost.length) throw new ContentLostError(lost);
}

// pdfmake prints page references as physical page numbers and has no hook to change that.
// Between layout and rendering we rewrite them to printed numbers, as pdfmake itself would
// (same width and alignment correction), so a booklet whose chapter 1 starts after a cover
// and a 目次 is laid out only once. Renders run one at a time (see `queue`).
let beforeRender: ((pages: Any[]) => void) | undefined;
const renderPages = Renderer.prototype.renderPages;
Renderer.prototype.renderPages = function (pages: Any[]) {
  beforeRender?.(pages);
  return renderPages.call(this, pages);
};

function printPageReferences(pages: Any[], offset: number) {
  const measure = new TextInlines(null);
  const fix = (inline: Any, ref: Any) => {
    const printed = ref.positions[0].pageNumber - offset;
    inline.text = String(printed);
    const width = measure.widthOfText(inline.text, inline);
    const diff = inline.width - width;
    inline.width = width;
    if (inline.alignment === 'right') inline.x += diff;
    else if (inline.alignment === 'center') inline.x += diff / 2;
    return inline.alignment === 'right' || inline.alignment === 'center' ? 0 : diff;
  };
  for (const page of pages)
    for (const item of page.items) {
      const line = item.type === 'line' ? item.item : undefined;
      if (!line) continue;
      if (line._pageNodeRef) {
        fix(line.inlines[0], line._pageNodeRef);
        delete line._pageNodeRef;
      }
      // a reference inside a sentence: the text after it closes up on the shorter number;
      // pdfmake marks a reference only on a paragraph's first line, so later lines are read from _pageRef
      let shift = 0;
      for (const inline of line.inlines) {
        inline.x -= shift;
        const ref = inline._pageNodeRef ?? inline._pageRef?._nodeRef;
        if (ref?.positions?.length) {
          shift += fix(inline, ref);
          delete inline._pageNodeRef;
        }
      }
    }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * pdfmake rewrites a table's `widths` array in place (numbers become objects), so a
 * definition that shares one array between tables or builds would be laid out wrongly the
 * second time. Every table gets its own copy before pdfmake sees it.
 */
function ownWidths(content: Any): void {
  const walk = (n: Any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.table) {
      if (Array.isArray(n.table.widths)) n.table.widths = [...n.table.widths];
      walk(n.table.body);
    }
    for (const k of ['stack', 'columns', 'ul', 'ol']) if (Array.isArray(n[k])) walk(n[k]);
  };
  walk(content);
}

export type DocDefinition = Record<string, Any>;

/** Only the fonts and the data set's own folder may be read; no URL ever. */
export function accessPolicy(allowedDirs: string[]): (p: string) => boolean {
  const roots = [FONT_DIR, ...allowedDirs].map((d) => path.resolve(d) + path.sep);
  return (p: string) => {
    const abs = path.resolve(p);
    return roots.some((r) => abs.startsWith(r));
  };
}

let configuredFor: string | undefined;
function configure(allowedDirs: string[]) {
  const key = allowedDirs.join('\0');
  if (configuredFor === key) return;
  pdfmake.setFonts(structuredClone(PDF_FONTS));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(accessPolicy(allowedDirs));
  configuredFor = key;
}

export interface Layout {
  /** physical page (1-based) of each node that carries an `id` */
  anchors: Map<string, number>;
  pageCount: number;
}

/** Lays the document out without producing a PDF: where each anchor stands. */
export function layout(doc: DocDefinition, allowedDirs: string[] = []): Layout {
  configure(allowedDirs);
  ownWidths(doc.content);
  checkCitedAnchors(doc.content);
  const leaves = numberLeaves(doc.content);
  const anchors = new Map<string, number>();
  const pageSize = PageSize.normalizePageSize(doc.pageSize, doc.pageOrientation);
  const pdf = new PDFDocument(
    structuredClone(PDF_FONTS),
    doc.images ?? {},
    doc.patterns ?? {},
    {},
    {
      // the same options pdfmake's Printer uses, so that measuring gives the same layout
      size: [pageSize.width, pageSize.height],
      pdfVersion: doc.version ?? '1.3',
      subset: doc.subset,
      tagged: doc.tagged ?? false,
      displayTitle: doc.displayTitle ?? false,
      compress: false,
      lang: doc.language,
      fontLayoutCache: true,
      bufferPages: false,
      autoFirstPage: false,
      info: {},
      font: null,
    },
    pdfmake.virtualfs,
    accessPolicy(allowedDirs),
  );
  const builder = new LayoutBuilder(pageSize, PageSize.normalizePageMargin(doc.pageMargins ?? 40), new SVGMeasure());
  builder.registerTableLayouts(tableLayouts);
  if (doc.tableLayouts) builder.registerTableLayouts(doc.tableLayouts);
  const pages = builder.layoutDocument(
    doc.content,
    pdf,
    doc.styles ?? {},
    doc.defaultStyle ?? {},
    doc.background,
    doc.header,
    doc.footer,
    doc.watermark,
    doc.pageBreakBefore,
  );
  guard(pages, leaves);
  collectAnchors(doc.content, anchors);
  return { anchors, pageCount: pages.length };
}

export interface RenderOptions {
  /** page references count pages from the page of this anchor (printed as 1) */
  firstPrintedPage?: string;
  /** report where each node with an id stands (costly on big documents: pdfmake then walks every node) */
  anchors?: boolean;
}

/** The final PDF bytes, and where each anchor stood in it (physical pages). */
export function renderPdf(doc: DocDefinition, allowedDirs: string[] = [], opts: RenderOptions = {}): Promise<{ bytes: Buffer; layout: Layout }> {
  // the definition is handed on, not kept by this closure (the render may let go of it: definition-release.ts)
  let handed: DocDefinition | undefined = doc;
  const run = queue.then(() => {
    const d = handed!;
    handed = undefined;
    return renderOne(d, allowedDirs, opts);
  });
  queue = run.catch(() => {});
  return run;
}

async function renderOne(doc: DocDefinition, allowedDirs: string[], opts: RenderOptions): Promise<{ bytes: Buffer; layout: Layout }> {
  configure(allowedDirs);
  ownWidths(doc.content);
  checkCitedAnchors(doc.content);
  // let go of once the pages are laid out and read (definition-release.ts)
  let content: Any = doc.content;
  let leaves: ReturnType<typeof numberLeaves> | undefined = numberLeaves(content);
  const anchors = new Map<string, number>();
  let pageCount = 0;
  let footer = doc.footer;
  const d: DocDefinition = {
    ...doc,
    footer:
      typeof footer === 'function'
        ? (page: number, pages: number, size: Any) => {
            pageCount = pages;
            return footer(page, pages, size);
          }
        : footer,
  };
  // createPdf takes table layouts from the instance only (it overwrites options.tableLayouts)
  pdfmake.setTableLayouts(doc.tableLayouts ?? {});
  beforeRender = (pages) => {
    guard(pages, leaves!);
    // laid out, not yet rendered: where the anchored nodes stand
    if (opts.anchors || opts.firstPrintedPage) collectAnchors(content, anchors);
    if (opts.firstPrintedPage) {
      const first = anchors.get(opts.firstPrintedPage);
      if (first === undefined) throw new Error(`頁の起点 ${opts.firstPrintedPage} が文書にありません`);
      printPageReferences(pages, first - 1);
    }
    // drawing reads only the pages: the definition (and what pdfmake added to its nodes) may go
    // (the header, footer and background functions too: made during layout, and a composer's function may hold its content)
    if (releasesDefinition()) content = leaves = footer = d.content = d.header = d.footer = d.background = d.watermark = undefined;
    // and what is left, for drawing, is what V8 measures its next heap limit from (layout-gc.ts)
    collectAfterLayout();
  };
  // the structure tree is planned from the definition before pdfmake lays it out
  useStructure(doc.tagged ? planStructure(content) : undefined);
  // from here on the definition is reached through `d` and `content` only (both let go of above):
  // the suspended function must not keep it in its parameter
  // eslint-disable-next-line no-useless-assignment
  doc = undefined as never;
  try {
    const bytes: Buffer = await pdfmake.createPdf(d).getBuffer();
    return { bytes, layout: { anchors, pageCount } };
  } finally {
    beforeRender = undefined;
    useStructure(undefined);
  }
}

// The seam: every change this project makes to pdfmake's (and pdfkit's) internals, applied here
// once, in this order, before anything is laid out. Each patch is its own module saying why;
// those that only make pdfmake faster have a switch (ICT_PDF_NO_…=1) that leaves pdfmake as it
// is, so that a build without them can be compared byte for byte (tests/determinism.test.ts).
// PATCHES names the internals each one replaces: `npm run pdfmake-internals -- <pdfmake folder>`
// (scripts/pdfmake-internals.mjs) shows which of them a new pdfmake version changed.
import '../lazy-requires.js';
import { createRequire } from 'node:module';
import { installInlineRuns } from './inline-runs.js';
import { installLineStamps } from './loss-guard.js';
import { installKeepLines } from './keep-lines.js';
import { installJustifyLimit } from './justify.js';
import { installTextRuns } from './text-runs.js';
import { installSharedLayouts } from './shared-layouts.js';
import { installSingleGlyphs } from './single-glyphs.js';
import { installShapingCache } from './shaping-cache.js';
import { installSubsetGlyphs } from './subset-glyphs.js';
import { installXmp } from './xmp.js';
import { installTagging } from './tags.js';
import { installContextRows } from './context-rows.js';
import { installPageRelease } from './page-release.js';
import { installDefinitionRelease } from './definition-release.js';
import { installContentLines } from './content-lines.js';
import { installStyleLookup } from './style-lookup.js';
import { installObjectWriting } from './object-writing.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

export const pdfmake: Any = require('pdfmake');
export const PDFDocument: Any = require('pdfmake/js/PDFDocument').default;
export const LayoutBuilder: Any = require('pdfmake/js/LayoutBuilder').default;
export const SVGMeasure: Any = require('pdfmake/js/SVGMeasure').default;
export const PageSize: Any = require('pdfmake/js/PageSize');
export const { tableLayouts }: Any = require('pdfmake/js/tableLayouts');
export const Renderer: Any = require('pdfmake/js/Renderer').default;
export const TextInlines: Any = require('pdfmake/js/TextInlines').default;
const StyleContextStack: Any = require('pdfmake/js/StyleContextStack').default;
const DocMeasure: Any = require('pdfmake/js/DocMeasure').default;
// the line breaker pdfmake's TextBreaker uses (its own dependency, resolved from there)
const LineBreaker: Any = createRequire(require.resolve('pdfmake/js/TextBreaker'))('linebreak');
const Line: Any = require('pdfmake/js/Line').default;
const ElementWriter: Any = require('pdfmake/js/ElementWriter').default;
const TableProcessor: Any = require('pdfmake/js/TableProcessor').default;
const PageElementWriter: Any = require('pdfmake/js/PageElementWriter').default;
const tools: Any = require('pdfmake/js/helpers/tools');

interface Patch {
  module: string;
  /** the switch that leaves pdfmake as it is (speed only: the output is the same bytes without it) */
  off?: string;
  /** pdfmake's (pdfkit's) internals it replaces or wraps, as `file: Class.prototype.method` (`file: module`: the whole file) */
  internals: string[];
  install: () => void;
}

/** In order: a later patch may wrap what an earlier one replaced (the loss guard's stamps wrap the line filling of inline-runs.ts). */
export const PATCHES: Patch[] = [
  {
    module: 'style-lookup.ts',
    off: 'ICT_PDF_NO_STYLE_LOOKUP',
    internals: ['js/StyleContextStack.js: StyleContextStack.prototype.getProperty', 'js/StyleContextStack.js: StyleContextStack.getStyleProperty'],
    install: () => installStyleLookup(StyleContextStack),
  },
  {
    module: 'inline-runs.ts',
    off: 'ICT_PDF_NO_INLINE_RUNS',
    internals: [
      'js/DocMeasure.js: DocMeasure.prototype.measureLeaf',
      'js/TextInlines.js: TextInlines.prototype.buildInlines',
      'js/TextInlines.js: TextInlines.prototype.measure',
      'js/TextBreaker.js: TextBreaker.prototype.getBreaks',
      // its splitWords, getFirstWord and getLastWord, and TextInlines' flattenTextArray, are copied
      'js/TextBreaker.js: module',
      'js/TextInlines.js: module',
      'js/LayoutBuilder.js: LayoutBuilder.prototype.buildNextLine',
      'js/Line.js: Line.prototype.hasEnoughSpaceForInline',
    ],
    install: () => installInlineRuns({ DocMeasure, LayoutBuilder, Line, TextInlines, StyleContextStack, LineBreaker }),
  },
  { module: 'loss-guard.ts', internals: ['js/LayoutBuilder.js: LayoutBuilder.prototype.buildNextLine'], install: () => installLineStamps(LayoutBuilder) },
  {
    module: 'keep-lines.ts',
    off: 'ICT_PDF_NO_KEEP_LINES',
    internals: ['js/LayoutBuilder.js: LayoutBuilder.prototype.processLeaf'],
    install: () => installKeepLines(LayoutBuilder),
  },
  { module: 'justify.ts', internals: ['js/ElementWriter.js: ElementWriter.prototype.alignLine'], install: () => installJustifyLimit(ElementWriter) },
  {
    module: 'text-runs.ts',
    off: 'ICT_PDF_NO_TEXT_RUNS',
    internals: ['js/Renderer.js: Renderer.prototype.renderLine', 'js/ElementWriter.js: ElementWriter.prototype.addLine', 'pdfkit: PDFDocument.prototype.text'],
    install: () => installTextRuns(Renderer, ElementWriter, Object.getPrototypeOf(PDFDocument)),
  },
  {
    module: 'shared-layouts.ts',
    off: 'ICT_PDF_NO_SHARED_LAYOUTS',
    internals: ['js/PDFDocument.js: PDFDocument.prototype.provideFont', 'pdfkit font: widthOfString'],
    install: () => installSharedLayouts(PDFDocument),
  },
  {
    // after shared-layouts.ts: the font whose shaping it keeps is the thread's shared one
    module: 'shaping-cache.ts',
    off: 'ICT_PDF_NO_SHAPING_CACHE',
    internals: ['fontkit: TTFFont.prototype.layout (per font)', 'fontkit: TTFFont.prototype.getGlyph (while shaping)'],
    install: () => installShapingCache(PDFDocument),
  },
  {
    // after shared-layouts.ts: the font it wraps is the thread's shared one
    module: 'single-glyphs.ts',
    off: 'ICT_PDF_NO_SINGLE_GLYPHS',
    internals: ['js/PDFDocument.js: PDFDocument.prototype.provideFont', 'pdfkit font: layoutRun'],
    install: () => installSingleGlyphs(PDFDocument),
  },
  {
    // after shared-layouts.ts: the subset it wraps is the one the document's font has then
    module: 'subset-glyphs.ts',
    off: 'ICT_PDF_NO_SUBSET_GLYPHS',
    internals: ['js/PDFDocument.js: PDFDocument.prototype.provideFont', 'fontkit: TTFSubset.prototype._addGlyph'],
    install: () => installSubsetGlyphs(PDFDocument),
  },
  { module: 'xmp.ts', internals: ['pdfkit: PDFDocument.prototype._addInfo'], install: () => installXmp(PDFDocument) },
  {
    module: 'page-release.ts',
    off: 'ICT_PDF_NO_PAGE_RELEASE',
    internals: ['js/Renderer.js: Renderer.prototype.renderPages', 'pdfkit: PDFDocument.prototype.addPage (per document)'],
    install: () => installPageRelease(Renderer),
  },
  {
    module: 'content-lines.ts',
    off: 'ICT_PDF_NO_CONTENT_LINES',
    internals: ['pdfkit: PDFDocument.prototype.addPage', 'pdfkit: PDFPage.prototype.write, end (per page)'],
    install: () => installContentLines(Object.getPrototypeOf(PDFDocument)),
  },
  {
    module: 'object-writing.ts',
    off: 'ICT_PDF_NO_OBJECT_WRITING',
    internals: ['pdfkit: PDFReference.prototype.finalize', 'pdfkit: PDFDocument.prototype._write, push', 'pdfkit: PDFDocument.prototype.markContent'],
    install: () => installObjectWriting(Object.getPrototypeOf(PDFDocument)),
  },
  {
    module: 'definition-release.ts',
    off: 'ICT_PDF_NO_DEFINITION_RELEASE',
    internals: ['js/LayoutBuilder.js: LayoutBuilder.prototype.layoutDocument'],
    install: () => installDefinitionRelease(LayoutBuilder),
  },
  {
    module: 'tags.ts',
    internals: [
      'js/Renderer.js: Renderer.prototype.renderPages',
      'js/Renderer.js: Renderer.prototype.renderLine',
      'js/Renderer.js: Renderer.prototype.renderVector',
      'js/Renderer.js: Renderer.prototype.renderImage',
      'js/Renderer.js: Renderer.prototype.renderSVG',
      'pdfkit: PDFStructureElement.prototype._flushChild',
      'pdfkit: PDFDocument text, annotate (per document)',
    ],
    install: () => installTagging(Renderer),
  },
  {
    module: 'context-rows.ts',
    internals: [
      'js/TableProcessor.js: TableProcessor.prototype.drawHorizontalLine',
      'js/PageElementWriter.js: PageElementWriter.prototype.commitUnbreakableBlock',
    ],
    install: () => installContextRows(TableProcessor, PageElementWriter, tools),
  },
];

// tagging wraps the Renderer before index.ts's page-reference rewrite does, so that the
// rewrite and the loss guard run first at render
for (const p of PATCHES) p.install();

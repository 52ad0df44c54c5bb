// The plan booklet as a pdfmake document definition, laid out once. The 目次 and 掲載頁 are
// pdfmake page references, which render/pdf/index.ts prints as printed numbers (physical page less
// the pages before chapter 1); the footer subtracts the same count, read from where chapter 1
// was laid out (footers are made after the content).
import type { BookletView, SectionView } from '../../resolve/booklet.js';
import type { Resolved } from '../../resolve/index.js';
import type { Wording } from '../../templates/index.js';
import { blockNodes, inlineText, toArray, textOf, keepTail, keepParagraphEnd } from './pdf-text.js';
import { listTables, listHeaderTable, listGeometry, LIST_HEADER_HEIGHT } from './initiative-list.js';
import { tableLayouts, A4, pdfMetadata } from './layouts.js';
import { estimatedHeight } from '../text-width.js';
import { pageOfNode } from '../../render/pdf/anchors.js';

import { headingLevel, isText } from '../../render/pdf/nodes.js';
import type { HeadingLevel, Inlines, PdfDocument, PdfNode as Node, PdfStyles, TableNode, TextNode } from '../../render/pdf/nodes.js';
import { wordsOf } from '../../markdown/index.js';

export const BOOKLET_MARGINS: [number, number, number, number] = [56, 64, 56, 56];
const LANDSCAPE_WIDTH = A4.height - BOOKLET_MARGINS[0] - BOOKLET_MARGINS[2];

export const bookletStyles = {
  cover: { fontSize: 26, bold: true, alignment: 'center', margin: [0, 200, 0, 40] },
  coverHistory: { fontSize: 13, alignment: 'center', margin: [0, 4, 0, 4] },
  coverIssuer: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 220, 0, 0], characterSpacing: 6 },
  // 「目次」 spaced as 「目 次」 was set (4 pt, the space's 683/2048 em at 16 pt, 4 pt), its text one word for
  // the tags and the bookmarks: a space read aloud parts it
  tocTitle: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 16], characterSpacing: 8 + (683 / 2048) * 16 },
  toc1: { fontSize: 11, bold: true, margin: [0, 8, 0, 2], lineHeight: 1.3 },
  toc2: { fontSize: 10.5, margin: [12, 2, 0, 2], lineHeight: 1.3 },
  toc3: { fontSize: 10.5, margin: [24, 2, 0, 2], lineHeight: 1.3 },
  toc4: { fontSize: 10.5, margin: [36, 2, 0, 2], lineHeight: 1.3 },
  noticeTitle: { fontSize: 10.5, bold: true, margin: [0, 24, 0, 4] },
  chapter: { fontSize: 16, bold: true, margin: [0, 0, 0, 14] },
  h1: { fontSize: 14, bold: true, margin: [0, 14, 0, 6] },
  h2: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 4] },
  h3: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 4] },
  h4: { fontSize: 11, bold: true, margin: [0, 6, 0, 3] },
  label: { fontSize: 10.5, bold: true, margin: [0, 6, 0, 3] },
  entry: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 2] },
  p: { margin: [0, 0, 0, 4], leadingIndent: 10.5, alignment: 'justify' },
  entryText: { margin: [10.5, 0, 0, 3], leadingIndent: 10.5, alignment: 'justify' },
  li: { margin: [10.5, 0, 0, 2] },
  list: { margin: [0, 0, 0, 6] },
  table: { fontSize: 9, lineHeight: 1.3, margin: [0, 4, 0, 8] },
  th: { bold: true, fillColor: '#e6ecf4' },
  td: {},
  column: { margin: [0, 12, 0, 8] },
  columnLabel: { fontSize: 10, bold: true, color: '#ffffff', fillColor: '#3a6ea5' },
  siteName: { bold: true },
  small: { fontSize: 9 },
  caption: { fontSize: 9.5, bold: true },
  glossTerm: { bold: true },
  gloss: { fontSize: 9.5, lineHeight: 1.45, margin: [0, 0, 0, 4] },
  contact: { fontSize: 10.5, alignment: 'center', lineHeight: 1.4 },
  listHead: { fontSize: 7.5, bold: true, alignment: 'center', fillColor: '#e6ecf4', lineHeight: 1.15 },
  listTable: { fontSize: 7.5, lineHeight: 1.2 },
  listGroup1: { bold: true, fontSize: 8.5 },
  listGroup2: { bold: true },
  listGroup3: { bold: false },
  listNote: { fontSize: 8, margin: [0, 6, 0, 0] },
  footer: { fontSize: 9, alignment: 'center' },
} satisfies PdfStyles;

const plainText = (t: Inlines | undefined): string =>
  t === undefined ? '' : typeof t === 'string' ? t : t.map((x) => (typeof x === 'string' ? x : plainText(x.text))).join('');

/** Text this tall is not kept with its heading: pdfmake loses a kept block taller than a page. */
const KEEP_LIMIT = (A4.height - BOOKLET_MARGINS[1] - BOOKLET_MARGINS[3]) * 0.6;
const BODY_WIDTH = A4.width - BOOKLET_MARGINS[0] - BOOKLET_MARGINS[2];

/** Of a longer block, this much is kept on the page of the headings before it (two body lines). */
const KEEP_WITH = 10.5 * 1.65 * 2;
/**
 * Text up to three lines (as estimated, generously) is kept whole with its headings; longer
 * text may break after its first two lines. Keeping every entry of a few lines whole left
 * pages a quarter empty, and a page holding only the last entry before chapter 3.
 */
const KEEP_WHOLE = 10.5 * 1.65 * 3 * 1.25;

/**
 * Headings wait for the next content and stay on one page with it. Short text is kept whole
 * with them; anything taller or of unknown height (a table, a column box, a long paragraph) is
 * never wrapped in an unbreakable block, which pdfmake would drop if it were taller than a page:
 * the headings are kept with a blank of KEEP_WITH instead, and the content is pulled up over it
 * (a negative top margin), so the headings move to the next page unless that much of the
 * content fits under them.
 */
class KeepingWriter {
  readonly nodes: Node[] = [];
  private pending: Node[] = [];
  heading(n: Node) {
    this.pending.push(n);
  }
  content(n: Node) {
    const [first] = this.pending;
    if (!first) {
      this.nodes.push(n);
      return;
    }
    // a page break asked by a heading belongs to the kept group as a whole
    const brk = first.pageBreak ? { pageBreak: first.pageBreak, pageOrientation: first.pageOrientation } : {};
    const pending = this.pending.map((x): Node => (x.pageBreak ? { ...x, pageBreak: undefined, pageOrientation: undefined } : x));
    this.pending = [];
    const short = isText(n) && estimatedHeight(plainText(n.text), BODY_WIDTH - 12, 10.5, 1.65) <= KEEP_WHOLE;
    if (short) this.nodes.push({ stack: [...pending, n], unbreakable: true, ...brk });
    // the blank is an empty canvas: no line of its own (an empty text still sets a line of body
    // height, which the negative margin did not take back: 17 pt more under such headings)
    else
      this.nodes.push(
        { stack: [...pending, { canvas: [], margin: [0, KEEP_WITH, 0, 0] }], unbreakable: true, ...brk },
        { stack: [{ ...n, keepWithHeadings: true }], margin: [0, -KEEP_WITH, 0, 0] },
      );
  }
  many(ns: Node[], source?: string) {
    ns.forEach((n) => {
      const m = { ...asHeading(n), ...(source ? { source } : {}) };
      return n.headlineLevel ? this.heading(m) : this.content(m);
    });
  }
  end() {
    if (this.pending.length) this.content({ text: '' });
    this.pending = [];
  }
}

export interface BookletPages {
  /** printed page of each anchor in the body */
  anchors: Map<string, number>;
  /** number of pages before chapter 1 (cover, 目次) */
  front: number;
}

/** A page break on a wrapper: pdfmake does not report nodes that carry pageBreak themselves. */
const newPage = (node: Node, orientation?: 'portrait' | 'landscape'): Node => ({
  stack: [node],
  pageBreak: 'before',
  ...(orientation ? { pageOrientation: orientation } : {}),
});

/** Structure tree level of each heading style (render/pdf/tags.ts never lets a level be skipped). */
const LEVEL: Record<string, HeadingLevel> = { tocTitle: 1, chapter: 1, h1: 2, h2: 3, h3: 4, h4: 5, noticeTitle: 2 };

/** A heading of the prose (it has a headlineLevel) as a heading in the structure tree too. */
const asHeading = (n: Node): Node => (n.headlineLevel && !n.tag ? { ...n, tag: 'H', level: LEVEL[n.style as string] ?? 5 } : n);

const h = (text: Inlines, style: string, id: string, outline: { parent?: string; text?: string } = {}): TextNode => ({
  text,
  style,
  id,
  tag: 'H',
  level: LEVEL[style],
  headlineLevel: 1,
  outline: true,
  outlineText: outline.text ?? (typeof text === 'string' ? text : undefined),
  ...(outline.parent ? { outlineParentId: outline.parent } : {}),
});

function sectionNodes(s: SectionView, w: KeepingWriter, words: Wording, parentOutline: string, newPage: boolean) {
  const style = s.depth === 1 ? 'h1' : s.depth === 2 ? 'h2' : 'h3';
  const title = s.plainTitle;
  w.heading({
    ...h([`${s.label} `, ...toArray(keepTail(inlineText(s.title)))], style, `sec-${s.id}`, { parent: parentOutline, text: `${s.label} ${title}` }),
    ...(newPage ? { pageBreak: 'before' } : {}),
    source: 'dataset.json',
  });
  if (s.narrative.length) {
    w.heading({ text: words.get('narrative-label'), style: 'label', headlineLevel: 2, tag: 'H', level: headingLevel(s.depth + 2) });
    w.many(blockNodes(s.narrative), s.files.narrative);
  }
  if (s.entries.length) {
    w.heading({ text: words.get('initiatives-label'), style: 'label', headlineLevel: 2, tag: 'H', level: headingLevel(s.depth + 2) });
    for (const e of s.entries) {
      const heading = words.get('entry-heading', { no: e.no, title: '\u0000', department: e.department });
      // a wording without the title leaves nothing after it
      const [before = '', after = ''] = heading.split('\u0000');
      w.heading({
        // the title's last characters stay together (never 「情報発／信（…部）」)
        text: [before, ...toArray(keepTail(inlineText(e.title))), after, ...(e.relisted ? [' ', words.get('relisted')] : [])],
        style: 'entry',
        id: e.anchor,
        headlineLevel: 3,
        tag: 'H',
        level: headingLevel(s.depth + 3),
        source: e.file,
      });
      if (e.description.length === 0) w.content({ text: '' });
      for (const b of blockNodes(e.description)) w.content({ ...b, style: 'entryText', source: e.file });
      for (const f of blockNodes(e.figures)) w.content({ ...f, margin: [10.5, 6, 0, 10], source: e.file }); // indented as the description
    }
  }
  for (const [i, c] of s.columns.entries()) {
    w.end();
    w.nodes.push(...columnBox(blockNodes(c, { headingStyle: (l) => (l === 1 ? 'h3' : 'h4') }).map(asHeading), words.get('column-label'), s.files.columns[i]));
  }
}

/** A box up to this tall (estimated) moves whole to the next page rather than split. */
const BOX_WHOLE = (A4.height - BOOKLET_MARGINS[1] - BOOKLET_MARGINS[3]) * 0.45;
/** Lines of a longer box's text on each side of a page break, and under its label where it starts. */
const BOX_LINES = 3;

/** Estimated height of a block of a box (unknown kinds, a table or a list, count as tall). */
const boxBlockHeight = (n: Node): number =>
  isText(n) ? estimatedHeight(plainText(n.text), BODY_WIDTH - 12, n.headlineLevel ? 11.5 : 10.5, 1.65) + 8 : Infinity;

/**
 * A framed コラム (a one-cell table under its label). A short one is kept whole: it moves to the
 * next page rather than split. A longer one may split, with at least BOX_LINES lines on each side:
 * its text asks the seam for that many (render/pdf/keep-lines.ts), and a blank as tall as the label
 * and BOX_LINES lines is kept before it, as headings are kept with their text (the box is pulled
 * up over the blank), so that the box starts on a page only where that much of it fits.
 */
export function columnBox(blocks: Node[], label: string, source: string | undefined): Node[] {
  const short = blocks.reduce((h, b) => h + boxBlockHeight(b), 0) <= BOX_WHOLE;
  // the box's first text, under its label and headings: it never leaves them alone at a page foot
  const first = blocks.findIndex((b) => !b.headlineLevel);
  const headings = blocks.slice(0, Math.max(first, 0));
  const box: TableNode = {
    table: {
      widths: ['*'],
      body: [
        [{ text: label, style: 'columnLabel' }],
        [
          {
            stack: short
              ? blocks
              : blocks.map((b, k): Node =>
                  isText(b) && !b.headlineLevel ? { ...b, keepLines: BOX_LINES, ...(k === first ? { keepWithHeadings: true } : {}) } : b,
                ),
            margin: [6, 4, 6, 4],
          },
        ],
      ],
    },
    layout: 'grid',
    style: 'column',
    // a framed aside, not a data table
    tag: 'Sect',
    source,
  };
  if (short) return [{ stack: [box], unbreakable: true }];
  // the box's top margin, its label row (text, padding, rules), the cell's margin, its first headings and BOX_LINES lines
  const headingsHeight = headings.reduce((h, b) => h + estimatedHeight(plainText(b.text), BODY_WIDTH - 12, 12.5, 1.65) + 14, 0);
  const lead = 12 + 10 * 1.65 + 6 + 4 + headingsHeight + 10.5 * 1.65 * BOX_LINES + 4;
  return [
    { stack: [{ canvas: [], margin: [0, lead, 0, 0] }], unbreakable: true },
    { stack: [box], margin: [0, -lead, 0, 0] },
  ];
}

/** Everything from chapter 1 to the last page. */
export function bookletBody(view: BookletView, r: Resolved): Node[] {
  const words = r.words.booklet;
  const w = new KeepingWriter();
  // chapter 1
  const ch1 = words.get('chapter1', { title: view.title });
  w.heading({ ...h(ch1, 'chapter', 'chapter-1'), pageBreak: 'before' });
  let parent = 'chapter-1';
  view.intro.forEach((b) => {
    if (b.kind === 'heading' && b.level <= 2) {
      const id = b.anchor!;
      const text = `${b.label} ${wordsOf(b.inlines)}`;
      if (b.level === 1) parent = id;
      w.heading(
        h([`${b.label} `, ...toArray(keepTail(inlineText(b.inlines)))], b.level === 1 ? 'h1' : 'h2', id, {
          parent: b.level === 1 ? 'chapter-1' : parent,
          text,
        }),
      );
    } else w.many(blockNodes([b]), view.files.intro);
  });
  w.end();
  // chapter 2
  w.heading({ ...h(words.get('chapter2'), 'chapter', 'chapter-2'), pageBreak: 'before' });
  const outlineOf = new Map<string, string>();
  for (const s of view.sections) {
    const parentId = s.depth === 1 ? 'chapter-2' : (outlineOf.get(r.sections.find((x) => x.id === s.id)!.parentIds.at(-1)!) ?? 'chapter-2');
    outlineOf.set(s.id, `sec-${s.id}`);
    // each 重点目標 after the first opens a page, as the published plan does
    sectionNodes(s, w, words, parentId, s.depth === 1 && s !== view.sections[0]);
  }
  w.end();
  // chapter 3
  const listWords = r.words.list;
  const nodes = w.nodes;
  nodes.push(newPage(h(words.get('chapter3', view.chapter3), 'chapter', 'chapter-3'), r.list ? 'landscape' : 'portrait'));
  if (r.list) {
    const geo = listGeometry(r.list.years.length, LANDSCAPE_WIDTH);
    // the first page carries the column header under the title; the pages after it get it from the page header
    nodes.push({
      stack: [
        h(words.get('list-title'), 'h1', 'list-start', { parent: 'chapter-3' }),
        { ...listHeaderTable(r.list, listWords, geo), tableId: 'list', tablePart: 'head' },
      ],
      unbreakable: true,
    });
    nodes.push(...listTables(r.list, listWords, geo, 'reference', { text: inlineText(view.listNote), style: 'listNote', id: 'list-end' }));
  }
  const sites = new KeepingWriter();
  if (view.sites.length)
    sites.heading({
      ...h(words.get('sites-title', view.chapter3), 'h1', 'sites', { parent: 'chapter-3' }),
      ...(r.list ? { pageBreak: 'before', pageOrientation: 'portrait' } : {}),
    });
  if (view.sites.length) sites.content({ text: textOf(words.get('sites-intro')), style: 'p' });
  for (const s of view.sites) {
    sites.content({
      stack: [
        { text: [{ text: `${s.kind}　`, style: 'small' }, { text: s.name, style: 'siteName' }, ' ', words.get('site-owner', s)] },
        { text: keepParagraphEnd(textOf(s.description)), margin: [10.5, 2, 0, 0] },
        // a URL breaks only after / . - _ (pdf-text.ts)
        ...(s.url
          ? [{ text: textOf(s.url), style: 'small', margin: [10.5, 1, 0, 0], link: s.url, tag: 'Link', contents: words.get('site-link', s) } satisfies Node]
          : []),
      ],
      unbreakable: estimatedHeight(s.description, BODY_WIDTH, 10.5, 1.65) < KEEP_LIMIT,
      margin: [0, 4, 0, 4],
      source: view.files.sites,
    });
  }
  sites.end();
  nodes.push(...sites.nodes);
  // 参考資料
  const refs = new KeepingWriter();
  if (view.references.length) refs.heading({ ...h(words.get('references-title'), 'chapter', 'references'), pageBreak: 'before', pageOrientation: 'portrait' });
  let refParent = 'references';
  view.references.forEach((b) => {
    if (b.kind === 'heading' && b.level <= 2) {
      const id = b.anchor!;
      if (b.level === 1) refParent = id;
      refs.heading(
        h([`${b.label} `, ...toArray(keepTail(inlineText(b.inlines)))], b.level === 1 ? 'h1' : 'h2', id, {
          parent: b.level === 1 ? 'references' : refParent,
          text: `${b.label} ${wordsOf(b.inlines)}`,
        }),
      );
    } else refs.many(blockNodes([b]), view.files.references);
  });
  refs.end();
  nodes.push(...refs.nodes);
  // 用語解説
  nodes.push(newPage(view.glossary.length ? h(words.get('glossary-title'), 'chapter', 'glossary') : { text: '' }, 'portrait'));
  const glossary: Node[] = [];
  for (const g of view.glossary) {
    glossary.push({
      columns: [
        { text: String(g.number), width: 20, alignment: 'right', tag: 'Lbl', id: `gloss-${g.number}` },
        { text: [{ text: g.term, style: 'glossTerm' }, words.get('glossary-separator'), ...toArray(textOf(g.definition))], width: '*', tag: 'LBody' },
      ],
      tag: 'LI',
      columnGap: 8,
      style: 'gloss',
      source: view.files.glossary,
      unbreakable: estimatedHeight(g.definition, BODY_WIDTH - 28, 9.5, 1.45) < KEEP_LIMIT,
    });
  }
  if (glossary.length) nodes.push({ stack: glossary, tag: 'L' });
  if (view.sources.length) {
    nodes.push({ text: words.get('sources-label'), style: 'small', margin: [0, 10, 0, 2] });
    nodes.push({ stack: blockNodes(view.sources).map((n): Node => ({ ...n, style: 'small' })), style: 'small', source: view.files.sources });
  }
  // contact block, kept together at the end of the last page
  const c = view.contact ?? {};
  nodes.push({
    stack: [
      { text: `${view.issuer}${view.issuerUnit ?? ''}`, bold: true, margin: [0, 0, 0, 4] },
      ...(c.postcode ? [words.get('contact-postcode', c)] : []),
      ...(c.address ? [c.address] : []),
      ...(c.tel ? [words.get('contact-tel', c)] : []),
      ...(c.fax ? [words.get('contact-fax', c)] : []),
      ...(c.email ? [words.get('contact-email', c)] : []),
      ...(c.url ? [{ text: textOf(words.get('contact-url', c)) }] : []),
    ],
    style: 'contact',
    unbreakable: true,
    margin: [0, 24, 0, 0],
    id: 'contact',
  });
  return nodes;
}

/**
 * The 目次 lines as the tree the levels make (toc1 › toc2 › …): each entry a TOCI holding its line
 * and, under it, a TOC of the entries below it. The lines are laid out as before, one after another.
 */
function nestToc(lines: Node[]): Node[] {
  const level = (n: Node) => Number(String(n.style).replace('toc', ''));
  const [line, ...rest] = lines;
  if (!line) return [];
  // the entries under the first: those after it up to the next of its level or above
  const end = rest.findIndex((x) => level(x) <= level(line));
  const below = nestToc(end < 0 ? rest : rest.slice(0, end));
  const entry: Node = { stack: [line, ...(below.length ? [{ stack: below, tag: 'TOC' } satisfies Node] : [])], tag: 'TOCI' };
  return [entry, ...nestToc(end < 0 ? [] : rest.slice(end))];
}

/** Cover, 目次 and notice: the pages before chapter 1. */
export function bookletFront(view: BookletView, r: Resolved): Node[] {
  const words = r.words.booklet;
  // an entry with a page links to its heading (title and number alike)
  const NONE: [boolean, boolean, boolean, boolean] = [false, false, false, false];
  // title, leader dots (the dotted bottom rule of the middle cell, as wide as the gap) and page;
  // the table only lays the line out: to a reader the title and the page are two references
  const tocLine = (text: string, id: string | undefined, style: string): TableNode => ({
    table: {
      widths: ['auto', '*', 30],
      body: [
        [
          id
            ? { stack: [{ text, linkToDestination: id, tag: 'Link', contents: words.get('toc-link', { title: text }) }], tag: 'Reference', border: NONE }
            : { text, border: NONE },
          { text: '', border: id ? [false, false, false, true] : NONE },
          id
            ? {
                stack: [
                  {
                    text: '',
                    pageReference: id,
                    noWrap: true,
                    alignment: 'right',
                    linkToDestination: id,
                    tag: 'Link',
                    contents: words.get('toc-page-link', { title: text }),
                  },
                ],
                tag: 'Reference',
                border: NONE,
              }
            : { text: '', border: NONE },
        ],
      ],
    },
    layout: 'leaders',
    layoutOnly: true,
    style,
  });
  const toc: Node[] = [tocLine(words.get('chapter1', { title: view.title }), undefined, 'toc1')];
  view.intro.forEach((b) => {
    if (b.kind === 'heading' && b.level <= 2) {
      const text = `${b.label} ${wordsOf(b.inlines)}`;
      toc.push(tocLine(text, b.level === 1 ? undefined : b.anchor, b.level === 1 ? 'toc2' : 'toc3'));
    }
  });
  toc.push(tocLine(words.get('chapter2'), undefined, 'toc1'));
  for (const s of view.sections) {
    const hasChildren = r.sections.some((x) => x.parentIds.at(-1) === s.id);
    toc.push(tocLine(`${s.label} ${s.plainTitle}`, s.depth === 1 || hasChildren ? undefined : `sec-${s.id}`, `toc${s.depth + 1}`));
  }
  toc.push(tocLine(words.get('chapter3', view.chapter3), undefined, 'toc1'));
  if (r.list) toc.push(tocLine(words.get('list-title'), 'list-start', 'toc2'));
  if (view.sites.length) toc.push(tocLine(words.get('sites-title', view.chapter3), 'sites', 'toc2'));
  if (view.references.length) toc.push(tocLine(words.get('references-title'), 'references', 'toc1'));
  // the 参考資料's own headings, as their bookmarks have them (the anchor resolve gave each)
  view.references.forEach((b) => {
    if (b.kind === 'heading' && b.level <= 2) toc.push(tocLine(`${b.label} ${wordsOf(b.inlines)}`, b.anchor, b.level === 1 ? 'toc2' : 'toc3'));
  });
  if (view.glossary.length) toc.push(tocLine(words.get('glossary-title'), 'glossary', 'toc1'));
  // the notice keeps its title with its first block, never as one unbreakable block (it may be long)
  const notice = new KeepingWriter();
  if (view.notice.length) notice.heading({ text: words.get('notice-title'), style: 'noticeTitle', headlineLevel: 1 });
  notice.many(blockNodes(view.notice), view.files.notice);
  notice.end();
  return [
    // a long title never leaves one or two characters on its last line; the document's title, a
    // heading in the structure tree as it is on the page (a screen reader's list of headings starts with it)
    { text: keepTail(textOf(view.title)), style: 'cover', tag: 'H', level: 1 },
    ...view.history.map((x): Node => ({ text: words.get('cover-history', x), style: 'coverHistory' })),
    // spaced out (characterSpacing) as one unbroken piece: pdfmake spaces the characters of a piece
    // only, and Japanese text is otherwise one piece a character (「宮城県」 was set unspaced)
    { text: view.issuer, style: 'coverIssuer', noWrap: true },
    { text: words.get('toc-title'), style: 'tocTitle', noWrap: true, pageBreak: 'before', tag: 'H', level: 1 },
    { stack: nestToc(toc), tag: 'TOC' },
    ...notice.nodes,
  ];
}

/** The whole booklet (or a part of it: the footers count from chapter 1 wherever it stands). */
export function bookletDocument(view: BookletView, r: Resolved, content: Node[]): PdfDocument {
  const words = r.words.booklet;
  const listWords = r.words.list;
  const geo = r.list ? listGeometry(r.list.years.length, LANDSCAPE_WIDTH) : undefined;
  return {
    ...pdfMetadata({
      title: view.title,
      author: view.issuer,
      subject: words.get('subject', { issuer: view.issuer, ...r.period }),
      keywords: words.get('keywords', { issuer: view.issuer }),
      creator: view.issuerUnit ? `${view.issuer}${view.issuerUnit}` : view.issuer,
      date: r.date,
    }),
    pageMargins: BOOKLET_MARGINS,
    defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5, lineHeight: 1.65 },
    styles: bookletStyles,
    tableLayouts,
    content,
    // the list is the only landscape part: its first page has the column header under the
    // title, every later landscape page gets it here (headers are made in page order)
    header: (() => {
      let firstLandscape: number | undefined;
      return (page: number, _count: number, size: { orientation: string }): Node | null => {
        if (!geo || !r.list || size.orientation !== 'landscape') return null;
        if (firstLandscape === undefined || page <= firstLandscape) {
          firstLandscape = page;
          return null;
        }
        // the header's bottom rule meets the body's top margin: no white band between them
        return {
          stack: [listHeaderTable(r.list, listWords, geo)],
          margin: [BOOKLET_MARGINS[0], BOOKLET_MARGINS[1] - LIST_HEADER_HEIGHT, BOOKLET_MARGINS[2], 0],
        };
      };
    })(),
    footer: (() => {
      let front = 0;
      return (page: number): Node | null => {
        // footers are made page by page after the content is laid out: look chapter 1 up once per layout
        if (page === 1) front = (pageOfNode(content, 'chapter-1') ?? 1) - 1;
        const printed = page - front;
        return printed >= 1 ? { text: words.get('footer', { page: printed }), style: 'footer', margin: [0, 20, 0, 0] } : null;
      };
    })(),
  };
}

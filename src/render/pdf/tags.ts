// Tagged PDF: the structure tree pdfmake does not write (it passes `tagged: true` to pdfkit and
// stops there). Two halves, both small enough to offer upstream:
//  - before layout, `planStructure` reads the roles the documents gave their nodes (a heading's
//    `tag: 'H'` and `level`, a table's header rows, a row header cell's `tag: 'TH'`, a figure's
//    `alt`, a list's `tag: 'L'`) and builds the tree in reading order, each leaf (numbered by the
//    loss guard, which stamps every laid-out line with it) pointing at the element it belongs to;
//  - at render, `installTagging` wraps pdfmake's Renderer so that every line, image and drawing
//    is written inside marked content: the leaf's element, or an artifact (page headers and
//    footers, table rules and fills, header rows repeated on a continuation page).
// Render knows nothing of initiatives: only of roles.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
import { STRUCTURE_TAGS } from './nodes.js';
import { contextRowsOf } from './context-rows.js';

const KNOWN_TAGS = new Set<string>(STRUCTURE_TAGS);

export interface StructNode {
  type: string;
  attrs?: {
    alt?: string;
    actual?: string;
    scope?: 'Row' | 'Column';
    colSpan?: number;
    rowSpan?: number;
    lang?: string;
    contents?: string;
    id?: string;
    headers?: string[];
  };
  children: StructNode[];
  /** leaves whose marked content goes into this element */
  leaves: number[];
}

export interface StructurePlan {
  root: StructNode;
  /** leaf number → its element */
  ofLeaf: Map<number, StructNode>;
}

const el = (type: string, attrs?: StructNode['attrs']): StructNode => ({ type, attrs, children: [], leaves: [] });

/**
 * The structure tree of a numbered content tree (see loss-guard.ts `numberLeaves`).
 * Heading levels never skip one: a heading is at most one deeper than the one before it.
 */
export function planStructure(content: Any): StructurePlan {
  const root = el('Document');
  const ofLeaf = new Map<number, StructNode>();
  let lastLevel = 0;
  // tables that share a `tableId` (a list split into runs) are one Table in the tree
  const shared = new Map<string, { table: StructNode; head?: StructNode; body?: StructNode; groups: { level: number; id: string }[] }>();
  // element IDs of group rows (unique in the document), which the rows under them name as their headers
  let ids = 0;

  const attach = (n: Any, into: StructNode) => {
    if (n?._leaf !== undefined) {
      into.leaves.push(n._leaf);
      ofLeaf.set(n._leaf, into);
    }
  };
  const headingType = (n: Any) => {
    const wanted = Math.max(1, Math.min(6, Number(n.level) || 1));
    const level = Math.min(wanted, lastLevel + 1);
    lastLevel = level;
    return `H${level}`;
  };

  const visit = (n: Any, parent: StructNode): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((x) => visit(x, parent));
    // a tag the seam does not know would be written as a structure type no reader knows
    if (n.tag !== undefined && !KNOWN_TAGS.has(n.tag)) throw new Error(`unknown structure tag "${n.tag}" (src/render/pdf/nodes.ts lists the known ones)`);
    if (n.tag === 'Artifact') return; // its leaves stay unassigned: drawn as artifacts
    if ('text' in n) {
      if (n._leaf === undefined) return; // no text: nothing to tag
      // text that links somewhere (a URL, a 目次 entry, a 掲載頁) is a Link
      const type = n.tag === 'H' ? headingType(n) : (n.tag ?? (n.link || n.linkToDestination || n.pageReference ? 'Link' : 'P'));
      const e = el(type, n.lang || n.contents ? { ...(n.lang ? { lang: n.lang } : {}), ...(n.contents ? { contents: n.contents } : {}) } : undefined);
      parent.children.push(e);
      // a list item's content is its body (PDF/UA: LI holds Lbl and LBody)
      const body = type === 'LI' ? el('LBody') : e;
      if (body !== e) e.children.push(body);
      attach(n, body);
      return;
    }
    if (n.image || n.svg) {
      const e = el('Figure', { alt: n.alt ?? '' });
      parent.children.push(e);
      attach(n, e);
      return;
    }
    // a table that only lays out its cells (a 目次 line with its leader dots): its cells' content, where the table stands
    if (n.table && n.layoutOnly) {
      for (const row of n.table.body ?? []) visit(row, parent);
      return;
    }
    if (n.table && !n.tag) return table(n, parent);
    if (n.table && n.tag !== 'Figure') {
      // a table used for layout (a framed コラム): its cells' content, in a section of the given role
      const e = el(n.tag);
      parent.children.push(e);
      for (const row of n.table.body ?? []) visit(row, e);
      return;
    }
    if (n.tag === 'Figure') {
      // a figure drawn from several pieces (a chart: bars, labels, legend) is one Figure with one Alt
      const e = el('Figure', { alt: n.alt ?? '' });
      parent.children.push(e);
      const all = (x: Any): void => {
        if (!x || typeof x !== 'object') return;
        if (Array.isArray(x)) return x.forEach(all);
        attach(x, e);
        for (const k of ['stack', 'columns']) if (Array.isArray(x[k])) all(x[k]);
        if (x.table?.body) all(x.table.body);
      };
      all(n.stack ?? n.columns ?? n.table?.body ?? []);
      return;
    }
    let into = parent;
    if (n.tag) {
      into = el(n.tag);
      parent.children.push(into);
    }
    for (const k of ['stack', 'columns']) if (Array.isArray(n[k])) visit(n[k], into);
  };

  const cell = (c: Any, type: 'TH' | 'TD', scope: 'Row' | 'Column' | undefined, tr: StructNode, refs: { id?: string; headers?: string[] } = {}) => {
    const attrs: StructNode['attrs'] = {};
    if (refs.id) attrs.id = refs.id;
    if (refs.headers?.length) attrs.headers = refs.headers;
    if (type === 'TH') attrs.scope = scope ?? 'Column';
    if (c.colSpan > 1) attrs.colSpan = c.colSpan;
    if (c.rowSpan > 1) attrs.rowSpan = c.rowSpan;
    // what a cell means where its look says it (a schedule's arrow, a plan's bar): replacement text every reader reads (Alt is for figures)
    if (c.actualText) attrs.actual = c.actualText;
    const e = el(type, attrs);
    tr.children.push(e);
    // a cell's own text is the cell's content; anything else (a stack, a table, a figure) is nested
    if ('text' in c && !(c.link || c.linkToDestination || c.pageReference)) attach(c, e);
    else visit({ ...c, tag: undefined }, e);
  };

  const table = (n: Any, parent: StructNode) => {
    const body: Any[][] = n.table.body ?? [];
    const headerRows = n.tablePart === 'body' ? 0 : (n.table.headerRows ?? 0);
    let parts = n.tableId ? shared.get(n.tableId) : undefined;
    if (!parts) {
      parts = { table: el('Table'), groups: [] };
      parent.children.push(parts.table);
      if (n.tableId) shared.set(n.tableId, parts);
    }
    // THead first, then TBody, each made once per (shared) table
    const section = (kind: 'head' | 'body') => {
      if (!parts![kind]) {
        parts![kind] = el(kind === 'head' ? 'THead' : 'TBody');
        if (kind === 'head') parts!.table.children.unshift(parts!.head!);
        else parts!.table.children.push(parts!.body!);
      }
      return parts![kind]!;
    };
    // cells covered by a span are placeholders: no element of their own
    const covered = new Set<string>();
    body.forEach((row, r) => {
      if (r < contextRowsOf(n)) return; // copies of rows tagged where they were first printed (context-rows.ts)
      const isHead = r < headerRows || n.tablePart === 'head';
      const tr = el('TR');
      section(isHead ? 'head' : 'body').children.push(tr);
      row.forEach((c: Any, k: number) => {
        if (covered.has(`${r}:${k}`) || c === null || c === undefined) return;
        if (typeof c !== 'object') return;
        for (let dr = 0; dr < (c.rowSpan ?? 1); dr++) for (let dk = 0; dk < (c.colSpan ?? 1); dk++) if (dr || dk) covered.add(`${r + dr}:${k + dk}`);
        const rowHeader = c.tag === 'TH';
        // a group row (目標 › 取組の基本方向 › 施策) heads the rows under it until the next group of its level or above
        const refs: { id?: string; headers?: string[] } = {};
        if (!isHead && c.groupLevel) {
          refs.id = `group-${++ids}`;
          parts!.groups = [...parts!.groups.filter((g) => g.level < c.groupLevel), { level: c.groupLevel, id: refs.id }];
        } else if (!isHead && parts!.groups.length) refs.headers = parts!.groups.map((g) => g.id);
        cell(c, isHead || rowHeader ? 'TH' : 'TD', isHead ? 'Column' : rowHeader ? 'Row' : undefined, tr, refs);
      });
    });
  };

  visit(content, root);
  trim(root);
  return { root, ofLeaf };
}

/**
 * The plan is kept from before layout until the last page is drawn: its lists, grown by push
 * (room for 17 each), are cut to their length (the ×100 results report's plan: 34 → about 19 MiB).
 */
function trim(s: StructNode): void {
  s.children = s.children.length ? s.children.slice() : NONE;
  s.leaves = s.leaves.length ? s.leaves.slice() : NO_LEAVES;
  for (const c of s.children) trim(c);
}
// shared by every element without children or leaves: nothing is added to a plan once made
const NONE: StructNode[] = Object.freeze([]) as never;
const NO_LEAVES: number[] = Object.freeze([]) as never;

interface Tagging {
  elements: Map<StructNode, Any>;
  root: Any;
  /** lines already written once: a repeat (a table's header rows on the next page) is an artifact */
  seen: Set<number>;
  /** the link the last line ended in: a link that wraps goes on in the same Link element */
  lastLink?: { leaf: number; key: string; el: Any };
}

let current: { plan: StructurePlan; state?: Tagging } | undefined;

/** The plan the next render uses (one render at a time: render/pdf/index.ts queues them). */
export function useStructure(plan: StructurePlan | undefined): void {
  current = plan ? { plan } : undefined;
}

let pagesOwned = false;
/**
 * pdfkit writes an OBJR's page (/Pg) as the page being drawn when the tree is written, the last
 * one: each annotation carries its own page (/P), and its OBJR takes that.
 */
function ownPages(element: Any): void {
  if (pagesOwned) return;
  pagesOwned = true;
  const proto = Object.getPrototypeOf(element);
  const flushChild = proto._flushChild;
  if (typeof flushChild !== 'function')
    throw new Error('pdfkit の PDFStructureElement._flushChild がありません: render/pdf/tags.ts を pdfkit の版に合わせてください');
  proto._flushChild = function (child: Any) {
    const page = child?.annotationRef?.data?.P;
    if (!page) return flushChild.call(this, child);
    this.dictionary.data.K.push({ Type: 'OBJR', Obj: child.annotationRef, Pg: page });
  };
}

function build(pdf: Any, plan: StructurePlan): Tagging {
  const elements = new Map<StructNode, Any>();
  const make = (s: StructNode): Any => {
    const options: Any = {};
    if (s.attrs?.alt !== undefined) options.alt = s.attrs.alt;
    if (s.attrs?.lang) options.lang = s.attrs.lang;
    if (s.attrs?.scope) options.scope = s.attrs.scope;
    if (s.attrs?.actual) options.actual = s.attrs.actual;
    const e = pdf.struct(s.type, options);
    // pdfkit has no option for spans: the attributes go into the same Table attribute dictionary
    if (s.attrs?.colSpan || s.attrs?.rowSpan) {
      const a = e.dictionary.data.A ?? { O: 'Table' };
      if (s.attrs.colSpan) a.ColSpan = s.attrs.colSpan;
      if (s.attrs.rowSpan) a.RowSpan = s.attrs.rowSpan;
      e.dictionary.data.A = a;
    }
    if (s.attrs?.id) {
      e.dictionary.data.ID = new String(s.attrs.id);
      named.push([s.attrs.id, e]);
    }
    if (s.attrs?.headers) e.dictionary.data.A = { ...(e.dictionary.data.A ?? { O: 'Table' }), Headers: s.attrs.headers.map((h) => new String(h)) };
    elements.set(s, e);
    for (const c of s.children) e.add(make(c));
    return e;
  };
  const named: [string, Any][] = [];
  const root = make(plan.root);
  ownPages(root);
  pdf.addStructure(root);
  // the ID tree a reader finds an element by its ID through (a name tree, sorted by ID)
  if (named.length)
    pdf.getStructTreeRoot().data.IDTree = { Names: named.sort((a, b) => (a[0] < b[0] ? -1 : 1)).flatMap(([id, e]) => [new String(id), e.dictionary]) };
  return { elements, root, seen: new Set() };
}

type Rect = { x: number; y: number; w: number; h: number; o: Any };

/**
 * One annotation over a link's pieces on this line (pdfmake makes one per inline, per character
 * in Japanese), inside its Link element, saying where it leads (/Contents). A URL without a
 * description is described by itself; an internal link without one is a fault of the tool.
 */
function annotateLink(pdf: Any, annotate: Any, rects: Rect[], el: Any, contents: string | undefined) {
  if (!rects.length) return;
  const o = rects[0].o;
  const uri = o.A?.data?.URI;
  const description = contents || (uri !== undefined ? String(uri) : undefined);
  if (!description) throw new Error(`リンクに説明（/Contents）がありません（${String(o.A?.data?.D ?? '')}）: このツールの不具合です`);
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const w = Math.max(...rects.map((r) => r.x + r.w)) - x;
  const h = Math.max(...rects.map((r) => r.y + r.h)) - y;
  annotate.call(pdf, x, y, w, h, { ...o, Contents: new String(description), P: pdf.page.dictionary, structParent: el });
}

const isLink = (i: Any) => i.link != null || i.linkToDestination != null;
const linkKey = (i: Any) => `${i.link ?? ''}\u0000${i.linkToDestination ?? ''}\u0000${i.contents ?? ''}`;

/**
 * A line of running text with links in it (a glossary number, a page reference, a URL): the text
 * goes into the line's element, each link into a Link element of its own inside it (a glossary
 * number inside a Reference), so that a reader announces it apart from the word it follows.
 */
function drawWithLinks(pdf: Any, t: Tagging, s: StructNode, elem: Any, line: Any, draw: () => void) {
  const links: Any[] = line.inlines.filter(isLink);
  let k = 0;
  let content: Any = pdf.markStructureContent(s.type);
  let open: { el: Any; key: string; contents?: string; rects: Rect[]; content: Any } | undefined;
  const { text, annotate } = pdf;
  const closeLink = () => {
    if (!open) return;
    pdf.endMarkedContent();
    open.el.add(open.content);
    annotateLink(pdf, annotate, open.rects, open.el, open.contents);
    t.lastLink = { leaf: line._leaf, key: open.key, el: open.el };
    open = undefined;
  };
  pdf.annotate = (x: number, y: number, w: number, h: number, o: Any) => {
    if (!open) throw new Error('リンクの外の注釈です: render/pdf/tags.ts を pdfmake の版に合わせてください');
    open.rects.push({ x, y, w, h, o });
    return pdf;
  };
  pdf.text = function (str: string, x: number, y: number, options: Any) {
    if (options?.link == null && options?.goTo == null) {
      if (open) {
        closeLink();
        content = pdf.markStructureContent(s.type);
      }
      return text.call(pdf, str, x, y, options);
    }
    const inline = links[k++];
    const key = linkKey(inline);
    if (open?.key !== key) {
      if (open) closeLink();
      else {
        pdf.endMarkedContent();
        elem.add(content);
        content = undefined;
      }
      // a link that wrapped from the line before goes on in its element
      const last = t.lastLink;
      let el = last && inline === line.inlines[0] && last.leaf === line._leaf && last.key === key ? last.el : undefined;
      if (!el) {
        el = pdf.struct('Link');
        if (inline.reference) elem.add(pdf.struct('Reference').add(el));
        else elem.add(el);
      }
      open = { el, key, contents: inline.contents, rects: [], content: pdf.markStructureContent('Link') };
    }
    return text.call(pdf, str, x, y, options);
  };
  t.lastLink = undefined;
  try {
    draw();
  } finally {
    pdf.text = text;
    pdf.annotate = annotate;
  }
  if (open) closeLink();
  else {
    pdf.endMarkedContent();
    elem.add(content);
  }
}

/** Runs `draw` inside marked content: the leaf's element, or an artifact of the given kind. */
function marked(pdf: Any, leaf: number | undefined, lineNo: number | undefined, artifact: 'Pagination' | 'Layout', draw: () => void, line?: Any) {
  const t = current?.state;
  if (!t) return draw();
  const s = leaf !== undefined ? current!.plan.ofLeaf.get(leaf) : undefined;
  if (!s || (lineNo !== undefined && t.seen.has(lineNo))) {
    pdf.markContent('Artifact', { type: artifact });
    draw();
    pdf.endMarkedContent();
    return;
  }
  if (lineNo !== undefined) t.seen.add(lineNo);
  const elem = t.elements.get(s);
  if (s.type !== 'Link' && line?.inlines?.some(isLink)) return drawWithLinks(pdf, t, s, elem, line, draw);
  const content = pdf.markStructureContent(s.type);
  // a line that is all link (a 目次 entry, a 掲載頁, a URL) is its element's: one annotation over it
  const annotate = pdf.annotate;
  const rects: Rect[] = [];
  pdf.annotate = (x: number, y: number, w: number, h: number, o: Any) => (rects.push({ x, y, w, h, o }), pdf);
  try {
    draw();
  } finally {
    pdf.annotate = annotate;
  }
  pdf.endMarkedContent();
  elem.add(content);
  if (rects.length && s.type !== 'Link') throw new Error('リンクの外の注釈です: render/pdf/tags.ts を pdfmake の版に合わせてください');
  annotateLink(pdf, annotate, rects, elem, s.attrs?.contents);
}

/** A figure's place on its page, as a Layout BBox attribute (in PDF coordinates, from the bottom). */
function placeFigure(pdf: Any, leaf: number | undefined, x: number, y: number, w: number, h: number) {
  const s = leaf !== undefined ? current?.plan.ofLeaf.get(leaf) : undefined;
  if (!current?.state || s?.type !== 'Figure' || s.leaves.length !== 1) return;
  const d = current.state.elements.get(s).dictionary.data;
  const height = pdf.page.height;
  d.A = { O: 'Layout', Placement: 'Block', BBox: [x, height - (y + h), x + w, height - y] };
}

let installed = false;
/** Wraps pdfmake's Renderer (once per process); does nothing for a render without a plan. */
export function installTagging(Renderer: Any): void {
  if (installed) return;
  installed = true;
  const p = Renderer.prototype;
  const { renderPages, renderLine, renderVector, renderImage, renderSVG } = p;
  p.renderPages = function (pages: Any[]) {
    if (current) current.state = build(this.pdfDocument, current.plan);
    const r = renderPages.call(this, pages);
    // every element gets its content during the pages; ending the root writes the tree
    current?.state?.root.end();
    return r;
  };
  p.renderLine = function (line: Any, x: number, y: number) {
    // a line of a repeated header row is a clone carrying the same number
    return marked(this.pdfDocument, line._leaf, line._lineNo, 'Pagination', () => renderLine.call(this, line, x, y), line);
  };
  p.renderVector = function (v: Any) {
    return marked(this.pdfDocument, undefined, undefined, 'Layout', () => renderVector.call(this, v));
  };
  p.renderImage = function (img: Any) {
    placeFigure(this.pdfDocument, img._leaf, img.x, img.y, img._width, img._height);
    return marked(this.pdfDocument, img._leaf, undefined, 'Layout', () => renderImage.call(this, img));
  };
  p.renderSVG = function (svg: Any) {
    placeFigure(this.pdfDocument, svg._leaf, svg.x, svg.y, svg._width, svg._height);
    return marked(this.pdfDocument, svg._leaf, undefined, 'Layout', () => renderSVG.call(this, svg));
  };
}

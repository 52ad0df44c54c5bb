// The booklet's blocks and inline runs as values the HTML templates print (templates/web/blocks.hbs):
// headings at their level on the page, glossary superscripts as links to their 用語解説 entry
// (each with an id the entry links back to), figures as image files beside the pages.
import { wordsOf, type Block, type Inline } from '../../markdown/index.js';
import type { Wording } from '../../templates/index.js';

export interface WebRun {
  text: string;
  bold?: boolean;
  href?: string;
  sup?: { id: string; href: string; label: string };
  /** a page citation: the web has no pages, so a link to the place named by what stands there (filled by `link()`) */
  ref?: { anchor: string; href: string; text: string };
}

export interface TimelineRow {
  group?: string;
  label?: string;
  cells?: { span: number; text: string; unconfirmed?: boolean }[];
}

export type WebBlock =
  | { heading: { level: number; id?: string; label?: string; runs: WebRun[] } }
  | { paragraph: WebRun[] }
  | { list: { ordered: boolean; items: WebRun[][] } }
  | { table: { label: string; header: WebRun[][]; rows: WebRun[][][] } }
  | {
      figure: {
        id?: string;
        src?: string;
        alt: string;
        caption: string;
        credits: string[];
        placeholder?: string;
        timeline?: { years: string[]; rows: TimelineRow[] };
      };
    };

export const termAnchor = (n: number) => `term-${n}`;
export const termRefAnchor = (n: number) => `ref-term-${n}`;
export const GLOSSARY_PAGE = 'glossary.html';

/** What the pages share while they are made: where each superscript stands, the figure files. */
export class WebContext {
  /** glossary number → the page (and anchor) of its superscript */
  readonly supPages = new Map<number, string>();
  readonly files: { name: string; bytes: Buffer }[] = [];
  /** anchor → the page it stands on (headings, figures, sections, entries, parts) */
  readonly anchorPages = new Map<string, string>();
  /** anchors that stand for a whole page (a part of the booklet): linked without a fragment */
  readonly wholePages = new Set<string>();
  /** anchor → what a page citation of it is called on the web (「1(1)① …」, 「事業9 …」) */
  readonly anchorNames = new Map<string, string>();
  private refs: NonNullable<WebRun['ref']>[] = [];
  /** tables so far on each page, for names that tell their regions apart */
  private tables = new Map<string, number>();
  /** the words after a page number that name a page (「ページ以降」, 「ページ」), longest first */
  private pageWords: string[];
  constructor(readonly words: Wording) {
    this.pageWords = words
      .get('page-words')
      .split('|')
      .filter(Boolean)
      .sort((a, b) => b.length - a.length);
  }

  /** Page citations link to the page their anchor stands on, named by what stands there, once every page is made. */
  link(): void {
    for (const r of this.refs) {
      const page = this.anchorPages.get(r.anchor);
      const name = this.anchorNames.get(r.anchor);
      if (!page || !name) throw new Error(`参照先 ${r.anchor} がウェブ版のどのページにもありません`);
      r.href = this.wholePages.has(r.anchor) ? page : `${page}#${r.anchor}`;
      r.text = name;
    }
  }

  runs(xs: Inline[], page: string): WebRun[] {
    const out: WebRun[] = [];
    let afterRef = false;
    for (const x of xs) {
      if (x.sup !== undefined) {
        this.supPages.set(x.sup, page);
        out.push({
          text: x.text,
          sup: { id: termRefAnchor(x.sup), href: `${GLOSSARY_PAGE}#${termAnchor(x.sup)}`, label: this.words.get('sup-label', { number: x.sup }) },
        });
      } else if (x.pageRef !== undefined) {
        const ref = { anchor: x.pageRef, href: '', text: '' };
        this.refs.push(ref);
        out.push({ text: '', ref });
        afterRef = true;
        continue;
      } else {
        // 「33ページ以降の一覧表」 reads 「「主な取組一覧」の一覧表」: the page words go with the number
        const word = afterRef ? this.pageWords.find((w) => x.text.startsWith(w)) : undefined;
        const text = word ? x.text.slice(word.length) : x.text;
        if (text) out.push({ text, ...(x.bold ? { bold: true } : {}), ...(x.link ? { href: x.link } : {}) });
      }
      afterRef = false;
    }
    return out;
  }

  /** A heading's text as the web shows it: its label and its runs. */
  static plain(label: string | undefined, xs: Inline[]): string {
    return `${label ? `${label} ` : ''}${wordsOf(xs)}`;
  }

  /** A figure: its image as a file of the web edition (SVG text or a data URL from resolve/), its table, or the frame saying it is not reproduced. */
  private figure(b: Extract<Block, { kind: 'figure' }>, page: string): WebBlock {
    let src: string | undefined;
    if (b.data) {
      const svg = !b.data.startsWith('data:');
      const ext = svg ? 'svg' : b.data.startsWith('data:image/png') ? 'png' : 'jpg';
      const base = (
        b.anchor ??
        b.src
          .replace(/^\.\//, '')
          .replace(/^figures\//, '')
          .replace(/\.[^.]*$/, '')
      ).replace(/[^0-9A-Za-z_-]/g, '_');
      src = `figures/${base}.${ext}`;
      const bytes = svg ? Buffer.from(b.data, 'utf8') : Buffer.from(b.data.slice(b.data.indexOf(',') + 1), 'base64');
      if (!this.files.some((f) => f.name === src)) this.files.push({ name: src, bytes });
    }
    if (b.anchor) {
      this.anchorPages.set(b.anchor, page);
      this.anchorNames.set(b.anchor, this.words.get('ref-name', { name: b.caption }));
    }
    const t = b.timeline;
    const timeline = t
      ? {
          years: t.years,
          rows: t.rows.map((r): TimelineRow => {
            if ('group' in r) return { group: r.group };
            const cells: { span: number; text: string; unconfirmed?: boolean }[] = [];
            let at = 0;
            for (const s of r.spans) {
              for (; at < s.start; at++) cells.push({ span: 1, text: '' });
              cells.push({
                span: s.length,
                text: this.words.get('timeline-span', { from: t.years[s.start], to: t.years[s.start + s.length - 1], label: s.label }),
                ...(r.unconfirmed ? { unconfirmed: true } : {}),
              });
              at = s.start + s.length;
            }
            for (; at < t.years.length; at++) cells.push({ span: 1, text: '' });
            return { label: r.label, cells };
          }),
        }
      : undefined;
    return {
      figure: {
        id: b.anchor,
        src,
        alt: b.caption,
        caption: b.caption,
        credits: b.credits ?? [],
        placeholder: !src && !timeline ? b.placeholder : undefined,
        timeline,
      },
    };
  }

  /** Blocks of prose; a Markdown heading of level n becomes h(n + shift). */
  blocks(bs: Block[], page: string, shift: number): WebBlock[] {
    let heading = '';
    return bs.map((b): WebBlock => {
      switch (b.kind) {
        case 'heading': {
          // a named heading carries the anchor its page citations point at, as in the PDF
          const id = b.anchor;
          heading = WebContext.plain(b.label, b.inlines);
          if (id) {
            this.anchorPages.set(id, page);
            this.anchorNames.set(id, this.words.get('ref-name', { name: heading }));
          }
          return { heading: { level: Math.min(6, b.level + shift), id, label: b.label, runs: this.runs(b.inlines, page) } };
        }
        case 'paragraph':
          return { paragraph: this.runs(b.inlines, page) };
        case 'list':
          return { list: { ordered: b.ordered, items: b.items.map((it) => this.runs(it, page)) } };
        case 'table': {
          // each scrolling table is a region of its own, named apart from the others on the page
          const n = (this.tables.get(page) ?? 0) + 1;
          this.tables.set(page, n);
          const label = this.words.get('table-region', { n, heading });
          return { table: { label, header: b.header.map((c) => this.runs(c, page)), rows: b.rows.map((r) => r.map((c) => this.runs(c, page))) } };
        }
        case 'figure':
          return this.figure(b, page);
      }
    });
  }

  /** Plain text as paragraphs, one per line. */
  text(s: string): WebBlock[] {
    return s
      .split('\n')
      .filter((t) => t.trim())
      .map((t) => ({ paragraph: [{ text: t }] }));
  }
}

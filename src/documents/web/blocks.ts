// The booklet's blocks and inline runs as values the HTML templates print (templates/web/blocks.hbs):
// headings at their level on the page, glossary superscripts as links to their 用語解説 entry
// (each with an id the entry links back to), figures as image files beside the pages.
import type { Block, Inline } from '../../markdown/index.js';
import type { Wording } from '../../templates/index.js';

export interface WebRun {
  text: string;
  bold?: boolean;
  href?: string;
  sup?: { id: string; href: string; label: string };
}

export type WebBlock =
  | { heading: { level: number; id?: string; label?: string; runs: WebRun[] } }
  | { paragraph: WebRun[] }
  | { list: { ordered: boolean; items: WebRun[][] } }
  | { table: { header: WebRun[][]; rows: WebRun[][][] } }
  | { figure: { src?: string; alt: string; caption: string; credits: string[] } };

export const termAnchor = (n: number) => `term-${n}`;
export const termRefAnchor = (n: number) => `ref-term-${n}`;
export const GLOSSARY_PAGE = 'glossary.html';

/** What the pages share while they are made: where each superscript stands, the figure files. */
export class WebContext {
  /** glossary number → the page (and anchor) of its superscript */
  readonly supPages = new Map<number, string>();
  readonly files: { name: string; bytes: Buffer }[] = [];
  constructor(readonly words: Wording) {}

  runs(xs: Inline[], page: string): WebRun[] {
    return xs.map((x) => {
      if (x.sup !== undefined) {
        this.supPages.set(x.sup, page);
        return { text: x.text, sup: { id: termRefAnchor(x.sup), href: `${GLOSSARY_PAGE}#${termAnchor(x.sup)}`, label: this.words.get('sup-label', { number: x.sup }) } };
      }
      return { text: x.text, ...(x.bold ? { bold: true } : {}), ...(x.link ? { href: x.link } : {}) };
    });
  }

  /** A figure's image as a file of the web edition (SVG text or a data URL from resolve/). */
  private figure(b: Extract<Block, { kind: 'figure' }>): WebBlock {
    const extra = b as { credits?: string[] };
    let src: string | undefined;
    if (b.data) {
      src = b.src.replace(/^\.\//, '');
      const bytes = b.data.startsWith('data:') ? Buffer.from(b.data.slice(b.data.indexOf(',') + 1), 'base64') : Buffer.from(b.data, 'utf8');
      if (!this.files.some((f) => f.name === src)) this.files.push({ name: src, bytes });
    }
    return { figure: { src, alt: b.caption, caption: b.caption, credits: extra.credits ?? [] } };
  }

  /** Blocks of prose; a Markdown heading of level n becomes h(n + shift). */
  blocks(bs: Block[], page: string, shift: number, idOf?: (b: Block, i: number) => string | undefined): WebBlock[] {
    return bs.map((b, i): WebBlock => {
      switch (b.kind) {
        case 'heading':
          return { heading: { level: Math.min(6, b.level + shift), id: idOf?.(b, i), label: b.label, runs: this.runs(b.inlines, page) } };
        case 'paragraph':
          return { paragraph: this.runs(b.inlines, page) };
        case 'list':
          return { list: { ordered: b.ordered, items: b.items.map((it) => this.runs(it, page)) } };
        case 'table':
          return { table: { header: b.header.map((c) => this.runs(c, page)), rows: b.rows.map((r) => r.map((c) => this.runs(c, page))) } };
        case 'figure':
          return this.figure(b);
      }
    });
  }

  /** Plain text as paragraphs, one per line. */
  text(s: string): WebBlock[] {
    return s.split('\n').filter((t) => t.trim()).map((t) => ({ paragraph: [{ text: t }] }));
  }
}

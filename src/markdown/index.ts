// Markdown (after Handlebars) → a small block model the documents can lay out:
// headings, paragraphs, lists and tables of inline runs. Nothing here knows pdfmake.
import { marked, type Token, type Tokens } from 'marked';
import { HEADING_ID } from './references.js';

export interface Inline {
  text: string;
  bold?: boolean;
  /** glossary number, set by resolve/glossary.ts */
  sup?: number;
  link?: string;
  /** a page reference: the anchor whose printed page number this run shows (set by resolve/) */
  pageRef?: string;
  /** what a reader hears for a link (a glossary number, a page reference, a URL): the PDF annotation's /Contents (set by resolve/link-names.ts) */
  linkName?: string;
}

/** A figure drawn as a table: rows of spans over year columns (図表3, the plans and their years). */
export interface TimelineView {
  /** the column headings, one per year */
  years: string[];
  /** a span's `period` is what its filled cells mean, as text (「2007〜2009年度」): read aloud, never colour alone */
  rows: ({ group: string } | { label: string; unconfirmed?: boolean; spans: { start: number; length: number; label?: string; period: string }[] })[];
}

export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[]; label?: string; name?: string; anchor?: string }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] }
  | {
      kind: 'figure';
      src: string;
      caption: string;
      data?: string;
      /** set by resolve/ for a figure of the data set's `figures`: */
      anchor?: string;
      credits?: string[];
      timeline?: TimelineView;
      /** printed in a frame where the image is not available */
      placeholder?: string;
    };

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/;

/** A soft line break inside a paragraph: nothing between Japanese characters, a space between Latin words. */
function joinSoftBreaks(s: string): string {
  return s.replace(/\n/g, (_m, offset: number) => {
    const before = s[offset - 1] ?? '';
    const after = s[offset + 1] ?? '';
    return CJK.test(before) || CJK.test(after) ? '' : ' ';
  });
}

function inlines(tokens: Token[] | undefined, bold = false): Inline[] {
  const out: Inline[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        out.push(...inlines((t as Tokens.Strong).tokens, true));
        break;
      case 'em':
        out.push(...inlines((t as Tokens.Em).tokens, bold));
        break;
      case 'link': {
        const l = t as Tokens.Link;
        for (const i of inlines(l.tokens, bold)) out.push({ ...i, link: l.href });
        break;
      }
      case 'br':
        out.push({ text: '\n', bold });
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test((t as Tokens.HTML).text.trim())) out.push({ text: '\n', bold });
        break;
      case 'codespan':
        out.push({ text: (t as Tokens.Codespan).text, bold });
        break;
      case 'escape':
        out.push({ text: (t as Tokens.Escape).text, bold });
        break;
      case 'text': {
        const tt = t as Tokens.Text;
        if (tt.tokens && tt.tokens.length) out.push(...inlines(tt.tokens, bold));
        else out.push({ text: joinSoftBreaks(tt.text), bold });
        break;
      }
      default:
        if ('text' in t && typeof t.text === 'string') out.push({ text: t.text, bold });
    }
  }
  // merge neighbours with the same style: fewer runs are cheaper to lay out
  const merged: Inline[] = [];
  for (const i of out) {
    const last = merged[merged.length - 1];
    if (last && last.bold === i.bold && last.link === i.link && last.sup === undefined && i.sup === undefined) last.text += i.text;
    else merged.push({ ...i });
  }
  return merged;
}

export function parseMarkdown(text: string): Block[] {
  const blocks: Block[] = [];
  for (const t of marked.lexer(text)) {
    switch (t.type) {
      case 'heading': {
        const h = t as Tokens.Heading;
        const runs = inlines(h.tokens);
        const last = runs[runs.length - 1];
        const name = last ? HEADING_ID.exec(last.text)?.[1] : undefined;
        if (last && name) last.text = last.text.replace(HEADING_ID, '');
        blocks.push({ kind: 'heading', level: h.depth, inlines: runs, ...(name ? { name } : {}) });
        break;
      }
      case 'paragraph': {
        const toks = (t as Tokens.Paragraph).tokens.filter((x) => !(x.type === 'text' && !(x as Tokens.Text).text.trim()));
        const [only] = toks;
        if (toks.length === 1 && only?.type === 'image') {
          const img = only as Tokens.Image;
          blocks.push({ kind: 'figure', src: img.href, caption: img.text });
        } else blocks.push({ kind: 'paragraph', inlines: inlines((t as Tokens.Paragraph).tokens) });
        break;
      }
      case 'list': {
        const l = t as Tokens.List;
        blocks.push({
          kind: 'list',
          ordered: l.ordered,
          items: l.items.map((it) => inlines(it.tokens.flatMap((x) => ('tokens' in x && x.tokens ? x.tokens : [x])))),
        });
        break;
      }
      case 'table': {
        const tb = t as Tokens.Table;
        blocks.push({
          kind: 'table',
          header: tb.header.map((c) => inlines(c.tokens)),
          rows: tb.rows.map((r) => r.map((c) => inlines(c.tokens))),
        });
        break;
      }
      case 'space':
        break;
      default:
        if ('text' in t && typeof t.text === 'string' && t.text.trim()) blocks.push({ kind: 'paragraph', inlines: [{ text: t.text }] });
    }
  }
  return blocks;
}

/** Plain text of a run list (for tests and metadata). */
export const plain = (xs: Inline[]) => xs.map((x) => x.text).join('');

/**
 * The words of a run list without its glossary numbers: for the 目次, bookmarks, link names and
 * labels, where the number set as a superscript in the text would read as part of the word
 * (「道路管理GIS18システム」).
 */
export const wordsOf = (xs: Inline[]) =>
  xs
    .filter((x) => x.sup === undefined)
    .map((x) => x.text)
    .join('');

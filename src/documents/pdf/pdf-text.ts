// Inline runs → pdfmake text, with the Japanese line-breaking rules pdfmake's UAX #14
// breaker does not cover: a number stays with its unit and a short 「…」 stays whole.
import { plain, type Block, type Inline } from '../../markdown/index.js';
import { SUBSCRIPT_DIGITS, subscriptToDigits } from '../../render/fonts.js';
import { estimatedHeight, eastAsianWidth } from '../text-width.js';
import { tableLayouts } from './layouts.js';

import type { PdfNode as Node, TableCell, TextNode as Run } from '../../render/pdf/nodes.js';

// svg-to-pdfkit opens <image href> by itself, outside pdfmake's access policy; validation
// refuses such SVGs, and this second lock hands it an empty buffer so no file is ever opened
const SVG_OPTIONS = { imageCallback: () => Buffer.alloc(0), warningCallback: () => {} };

// 1,234件 / 40.7分 / 99.7% / 12回/年 / 平成29年 / 4～19秒 / 2017年度 / 135,304千円
const NUMBER_WITH_UNIT =
  /[（(]?[0-9０-９][0-9０-９,，.．]*(?:[～~〜－-][0-9０-９][0-9０-９,，.．]*)?(?:%|％|千円|万円|億円|円|年度|年|か月|ヶ月|月|日|時間|時|分|秒|件|人|回|点|校|市町村|市|町|村|歳|台|局|か所|箇所|社|団体|本|倍|割|世帯|項目|作品|期|次|名|機関|施設|km|m)(?:[/／][^\s、。]{1,2})?[)）]?/g;
// a short quotation stays on one line when it can (a longer unbreakable run left the line
// before it loose: up to 3.2 pt between characters; a longer one breaks where Japanese allows)
const SHORT_QUOTE = /「[^「」\n]{1,6}」/g;
// a URL: its scheme stays with what follows (never 「https://／」), and it breaks only after / . - _
const URL = /https?:\/\/[!-~]+/g;

/** The unbreakable pieces of a URL: each ends at / . - _ (where a reader expects a URL to break). */
function urlPieces(url: string, at: number): [number, number][] {
  const scheme = /^https?:\/\//.exec(url)![0].length;
  const out: [number, number][] = [];
  let start = 0;
  for (let i = scheme; i < url.length; i++) {
    if ('/.-_'.includes(url.charAt(i)) && i + 1 < url.length && !'/.-_'.includes(url.charAt(i + 1))) {
      out.push([at + start, at + i + 1]);
      start = i + 1;
    }
  }
  out.push([at + start, at + url.length]);
  return out;
}

function splitKeeps(text: string): { text: string; noWrap?: boolean }[] {
  const marks: [number, number][] = [];
  URL.lastIndex = 0;
  for (let m; (m = URL.exec(text));) marks.push(...urlPieces(m[0], m.index));
  const inUrl = (i: number) => marks.some(([s, e]) => i >= s && i < e);
  for (const re of [NUMBER_WITH_UNIT, SHORT_QUOTE]) {
    re.lastIndex = 0;
    for (let m; (m = re.exec(text));) if (!inUrl(m.index)) marks.push([m.index, m.index + m[0].length]);
  }
  if (marks.length === 0) return [{ text }];
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: { text: string; noWrap?: boolean }[] = [];
  let at = 0;
  for (const [s, e] of marks) {
    if (s < at) continue; // overlapped by a longer keep
    if (s > at) out.push({ text: text.slice(at, s) });
    out.push({ text: text.slice(s, e), noWrap: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

const WAVE = /[～〜]/;
/** a UTF-16 low surrogate: the second half of a character beyond the BMP */
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * 「～」 never begins a line (JLReq: a hyphen of class cl-03): the line breaker takes the
 * full-width tilde for an ideograph and would set 「11月／～1月」. It stays with the character
 * before it, in that character's keep when it has one (「11月～」).
 */
function glueWaves(pieces: { text: string; noWrap?: boolean }[]): { text: string; noWrap?: boolean }[] {
  const out: { text: string; noWrap?: boolean }[] = [];
  for (const p of pieces) {
    if (p.noWrap || !WAVE.test(p.text)) {
      out.push(p);
      continue;
    }
    let t = p.text;
    for (let i; (i = t.search(WAVE)) >= 0;) {
      if (i > 0) {
        const before = i >= 2 && isLow(t.charCodeAt(i - 1)) ? 2 : 1;
        if (i > before) out.push({ text: t.slice(0, i - before) });
        out.push({ text: t.slice(i - before, i + 1), noWrap: true });
      } else {
        const prev = out.at(-1);
        if (prev?.noWrap) prev.text += t[0];
        else if (prev && prev.text.length) {
          const before = prev.text.length >= 2 && isLow(prev.text.charCodeAt(prev.text.length - 1)) ? 2 : 1;
          out.push({ text: prev.text.slice(-before) + t[0], noWrap: true });
          prev.text = prev.text.slice(0, -before);
          if (!prev.text) out.splice(out.length - 2, 1);
        } else out.push({ text: t[0]! });
      }
      t = t.slice(i + 1);
    }
    if (t) out.push({ text: t });
  }
  return out;
}

function splitSubscripts(p: { text: string; noWrap?: boolean }): { text: string; noWrap?: boolean; sub?: boolean }[] {
  if (!/[\u2080-\u2089]/.test(p.text)) return [p];
  const out: { text: string; noWrap?: boolean; sub?: boolean }[] = [];
  let at = 0;
  for (const m of p.text.matchAll(SUBSCRIPT_DIGITS)) {
    if (m.index! > at) out.push({ ...p, text: p.text.slice(at, m.index) });
    out.push({ ...p, text: subscriptToDigits(m[0]), sub: true });
    at = m.index! + m[0].length;
  }
  if (at < p.text.length) out.push({ ...p, text: p.text.slice(at) });
  return out;
}

/**
 * Runs → pdfmake inlines. A page reference becomes a pdfmake page reference (the number is
 * known after layout; render prints it as the printed page), or, given `pages` (printed
 * pages of a booklet laid out before), the number itself.
 */
export function inlineText(runs: Inline[], opts: { keeps?: boolean; pages?: Map<string, number> } = { keeps: true }): Run[] | string {
  const out: Run[] = [];
  for (const r of runs) {
    if (r.pageRef !== undefined) {
      const fixed = opts.pages?.get(r.pageRef);
      out.push({
        ...(fixed !== undefined ? { text: String(fixed) } : { text: '00', pageReference: r.pageRef, contents: r.linkName }),
        noWrap: true,
        ...(r.bold ? { bold: true } : {}),
      });
      continue;
    }
    if (r.sup !== undefined) {
      // the superscript links to its 用語解説 entry (booklet.ts gives the entry that id)
      // a reference of its own in the tags, read apart from the word (render/pdf/tags.ts), with what it leads to
      out.push({ text: r.text, sup: true, linkToDestination: `gloss-${r.sup}`, contents: r.linkName, reference: true, ...(r.bold ? { bold: true } : {}) });
      continue;
    }
    const pieces = opts.keeps === false ? [{ text: r.text }] : glueWaves(splitKeeps(r.text));
    for (const p of pieces.flatMap(splitSubscripts)) {
      const n: Run = { text: p.text };
      if (p.noWrap) n.noWrap = true;
      if (p.sub) n.sub = true;
      if (r.bold) n.bold = true;
      if (r.link) {
        n.link = r.link;
        if (r.linkName) n.contents = r.linkName;
      }
      out.push(n);
    }
  }
  // one plain run (only its text) is the string itself
  const [only] = out;
  if (out.length === 1 && only && Object.keys(only).length === 1 && typeof only.text === 'string') return only.text;
  return out;
}

export const textOf = (s: string) => inlineText([{ text: s }]);

/** Markdown blocks → pdfmake nodes. Headings inside prose get their derived labels. */
export function blockNodes(blocks: Block[], opts: { headingStyle?: (level: number) => string; outlineParent?: string } = {}): Node[] {
  const nodes: Node[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': {
        const style = opts.headingStyle?.(b.level) ?? 'h4';
        nodes.push({
          text: [b.label ? `${b.label} ` : '', ...toArray(inlineText(b.inlines))],
          style,
          headlineLevel: b.level,
          ...(b.anchor ? { id: b.anchor } : {}),
        });
        break;
      }
      case 'paragraph':
        nodes.push({ text: keepParagraphEnd(inlineText(b.inlines)), style: 'p' });
        break;
      case 'list':
        nodes.push({ stack: b.items.map((it): Node => ({ text: keepParagraphEnd(inlineText(it)), style: 'li', tag: 'LI' })), style: 'list', tag: 'L' });
        break;
      case 'figure':
        if (b.anchor || b.data) nodes.push(figureNode(b));
        break;
      case 'table':
        nodes.push({
          table: {
            headerRows: 1,
            // rows stay whole unless one is long enough to need a page break (pdfmake would lose it)
            dontBreakRows: b.rows.every((r) => r.every((c) => estimatedHeight(plain(c), 150, 9, 1.3) < 500)),
            widths: columnWidths(b),
            body: [
              b.header.map((h): TableCell => ({ text: inlineText(h), style: 'th' })),
              // the first column names its row (a date, a plan): a row header to a reader of the tags
              ...b.rows.map((r) =>
                r.map((c, k): TableCell => ({ text: keepTail(inlineText(c)), style: 'td', ...(k === 0 && plain(c).trim() ? { tag: 'TH' } : {}) })),
              ),
            ],
          },
          layout: 'grid',
          style: 'table',
        });
        break;
    }
  }
  return nodes;
}

type FigureBlock = Extract<Block, { kind: 'figure' }>;

/** A figure: its caption line (carrying the anchor page references point at), the image, its table or the frame saying it is not reproduced, and its credits. */
function figureNode(b: FigureBlock): Node {
  const fit: [number, number] = [400, 300];
  const body: Node = b.timeline
    ? timelineTable(b.timeline)
    : b.data
      ? b.data.startsWith('data:')
        ? { image: b.data, fit, alignment: 'center', alt: b.caption }
        : { svg: b.data, fit, alignment: 'center', alt: b.caption, options: SVG_OPTIONS }
      : // a frame, not a table of data: its sentence is read as a paragraph
        { table: { widths: ['*'], body: [[{ text: b.placeholder ?? '', alignment: 'center', margin: [0, 18, 0, 18] }]] }, layout: 'grid', tag: 'Div' };
  const caption: Node[] = b.caption
    ? [
        {
          text: b.caption,
          style: 'caption',
          alignment: b.anchor ? 'left' : 'center',
          margin: [0, 4, 0, 4],
          tag: 'Caption',
          ...(b.anchor ? { id: b.anchor } : {}),
        },
      ]
    : [];
  const credits = (b.credits ?? []).map((c): Node => ({ text: c, style: 'small', margin: [0, 2, 0, 0] }));
  // the published plan sets the caption over the figure; an untitled image of the earlier form keeps its caption under it
  const stack = b.anchor ? [...caption, body, ...credits] : [body, ...caption];
  // a figure stays whole on one page, as in print, unless it is taller than a page can hold
  return { stack, unbreakable: !b.timeline || timelineHeight(b.timeline) < FIGURE_KEEP_LIMIT, margin: [0, 6, 0, 10] };
}

const TIMELINE_LABEL_WIDTH = 122;
/** A little more than half an A4 page's body: taller figures may break between rows. */
const FIGURE_KEEP_LIMIT = 560;

/** A generous estimate of a plan table's height (rows of 7pt text, with their padding and rules). */
const timelineHeight = (t: NonNullable<FigureBlock['timeline']>) =>
  30 + t.rows.reduce((h, r) => h + Math.max(estimatedHeight('group' in r ? r.group : r.label, TIMELINE_LABEL_WIDTH - 2, 7, 1.15), 10) + 5, 0);

/** 図表 drawn as a table: a plan a row, its years a filled span over the year columns. */
function timelineTable(t: NonNullable<FigureBlock['timeline']>): Node {
  const n = t.years.length;
  const header: TableCell[] = [
    { text: '', border: [false, false, false, true] },
    ...t.years.map((y): TableCell => ({ text: y, alignment: 'center', fontSize: 5.5, lineHeight: 1.1 })),
  ];
  const body: TableCell[][] = [header];
  for (const row of t.rows) {
    if ('group' in row) {
      // a group of plans heads the rows under it (render/pdf/tags.ts gives them its ID as their header)
      body.push([
        { text: row.group, colSpan: n + 1, bold: true, fillColor: '#e6ecf4', tag: 'TH', groupLevel: 1 },
        ...Array.from({ length: n }, (): TableCell => ({})),
      ]);
      continue;
    }
    const cells: TableCell[] = [{ text: row.label, tag: 'TH' }]; // the plan names its row
    let at = 0;
    for (const s of row.spans) {
      for (; at < s.start; at++) cells.push({ text: '' });
      // the bar's meaning as text for whoever cannot see its colour; an estimated period in a lighter colour, its row marked ※
      cells.push({ text: s.label ?? '', colSpan: s.length, fillColor: row.unconfirmed ? '#e8eef6' : '#c9d7ea', alignment: 'center', actualText: s.period });
      for (let k = 1; k < s.length; k++) cells.push({});
      at = s.start + s.length;
    }
    for (; at < n; at++) cells.push({ text: '' });
    body.push(cells);
  }
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: [TIMELINE_LABEL_WIDTH, ...t.years.map(() => '*')], body },
    // twenty year columns fit the page only with narrow cell padding
    layout: { ...tableLayouts.grid, paddingLeft: () => 1, paddingRight: () => 1 },
    fontSize: 7,
    lineHeight: 1.15,
  };
}

/** A column whose longest line is at most this wide (pt) is set to that width; wider ones share the rest. */
const NARROW_COLUMN = 150;

/**
 * Widths from the content: a column of short entries (dates, names) is as wide as its
 * longest line, so that 「平成28年7月13日」 never wraps; the columns of prose share the rest.
 * The last column always takes the rest, so the table spans the text width.
 */
function columnWidths(b: Extract<Block, { kind: 'table' }>): (number | string)[] {
  // 9 pt table text: a full-width character 9 pt, a half-width one (a proportional digit) at most about 5.6 pt; bold header wider
  const em = (line: string) => [...line].reduce((a, ch) => a + (eastAsianWidth(ch) === 2 ? 1 : 0.62), 0);
  const longest = (cells: Inline[][], size: number) => Math.max(...cells.map((c) => Math.max(...plain(c).split('\n').map(em)) * size));
  return b.header.map((h, i) => {
    if (i === b.header.length - 1) return '*';
    const w = Math.ceil(
      Math.max(
        longest([h], 9.5),
        longest(
          b.rows.map((r) => r[i] ?? []),
          9,
        ),
      ) + 4,
    );
    return w <= NARROW_COLUMN ? w : i === 0 ? 'auto' : '*';
  });
}

export function toArray(t: Run[] | string): (Run | string)[] {
  return typeof t === 'string' ? [t] : t;
}

// in a narrow cell or a heading, a word's kana ending stays with its kanji before a comma or
// full stop (「…効果の高／い、最適な…」 no more); body text may break there, as Japanese does
const OKURIGANA = /\p{Script=Han}\p{Script=Hiragana}{1,2}[、。]/gu;

function keepOkurigana(node: Run): Run[] {
  if (typeof node.text !== 'string' || node.noWrap || node.sup || node.text.search(OKURIGANA) < 0) return [node];
  const out: Run[] = [];
  let at = 0;
  for (const m of node.text.matchAll(OKURIGANA)) {
    if (m.index! > at) out.push({ ...node, text: node.text.slice(at, m.index) });
    out.push({ ...node, text: m[0], noWrap: true });
    at = m.index! + m[0].length;
  }
  if (at < node.text.length) out.push({ ...node, text: node.text.slice(at) });
  return out;
}

/** the marks that close a phrase or a sentence (never the start of a line) */
const CLOSERS = /[）」』】〕〉》”’。、．，！？]/;
const scriptOf = (c: string | undefined) => (!c ? '' : /\p{Script=Han}/u.test(c) ? 'han' : /[\p{Script=Katakana}ー]/u.test(c) ? 'kana' : '');

/**
 * How many characters end a line together: n, or the whole word of kanji (or of katakana) the
 * line ends in, where it is longer than n and at most `word` long (「情報発信」, never 「情／報発信」);
 * a line ending in two closing marks or more keeps two characters before them (「追加）。」).
 */
function tailLength(chars: string[], n: number, word: number): number {
  // closing marks do not count as characters of the last line: 「…を追／加）。」 is one character alone
  let closers = 0;
  while (closers < chars.length && CLOSERS.test(chars[chars.length - 1 - closers]!)) closers++;
  if (closers >= 2) return Math.max(n, closers + 2);
  const s = scriptOf(chars.at(-1));
  if (!s) return n;
  let k = 0;
  while (k < chars.length && scriptOf(chars[chars.length - 1 - k]) === s) k++;
  return k > n && k <= word ? k : n;
}

/**
 * Body text: a paragraph's last line is never one character and its full stop (「…図りま／す。」).
 * Its last `n` characters are one unbreakable run, so that the line before breaks one character
 * earlier; the rest breaks as body text does (keepTail's okurigana and word rules are for
 * narrow cells, and would move breaks, and pages, throughout the text).
 */
export function keepParagraphEnd(t: Run[] | string, n = 3): Run[] | string {
  const runs = typeof t === 'string' ? [{ text: t }] : t;
  const last = runs.at(-1);
  if (!last || typeof last.text !== 'string' || last.noWrap || last.sup || last.sub || last.text.includes('\n')) return t;
  const chars = [...last.text];
  if (chars.length <= n) return t;
  const { text: _t, ...props } = last;
  return [...runs.slice(0, -1), { ...props, text: chars.slice(0, -n).join('') }, { ...props, text: chars.slice(-n).join(''), noWrap: true }];
}

/**
 * The one short-last-line rule, for table cells, headings and titles: nothing ends on a line of
 * one or two characters (「…の運／用」, 「推進事／業」, 「…セン／ター」): the last `n` characters
 * of each line (or the word of up to `word` kanji or katakana it ends in) are one unbreakable
 * run, so that a line that must break breaks earlier and carries them together.
 */
export function keepTail(t: Run[] | string, n = 3, word = 5): Run[] {
  const nodes: Run[] = (typeof t === 'string' ? [{ text: t }] : t).flatMap(keepOkurigana);
  const out: Run[] = [];
  nodes.forEach((node, k) => {
    const text = node.text;
    if (typeof text !== 'string' || node.noWrap || node.sup) {
      out.push(node);
      return;
    }
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const last = i === lines.length - 1;
      // a line ends here: before a newline, or at the end of the cell's last run
      const ends = !last || k === nodes.length - 1;
      const chars = [...line];
      const { text: _t, ...props } = node;
      const m = tailLength(chars, n, word);
      if (ends && chars.length > m + 1) {
        out.push({ ...props, text: chars.slice(0, -m).join('') });
        out.push({ ...props, text: chars.slice(-m).join(''), noWrap: true });
      } else out.push({ ...props, text: line });
      if (!last) out.push({ ...props, text: '\n' });
    });
  });
  const kept = out.filter((x) => x.text !== '');
  // a last run shorter than n (「…2件」「実施」) takes its missing characters from the run before it
  const last = kept.at(-1);
  const prev = kept.at(-2);
  // only plain runs of the same look join: a page reference, a superscript or a subscript keeps its own node
  const plainRun = (a: Run) => Object.keys(a).every((k) => ['text', 'noWrap', 'bold', 'link', 'contents'].includes(k));
  const same = (a: Run, b: Run) => plainRun(a) && plainRun(b) && a.bold === b.bold && a.link === b.link;
  if (
    last &&
    prev &&
    typeof last.text === 'string' &&
    typeof prev.text === 'string' &&
    !last.text.includes('\n') &&
    !prev.text.endsWith('\n') &&
    [...last.text].length < n &&
    same(last, prev)
  ) {
    const need = n - [...last.text].length;
    const chars = [...prev.text];
    if (prev.noWrap || chars.length <= need) {
      kept.splice(-2, 2, { ...last, text: prev.text + last.text, noWrap: true });
    } else {
      kept.splice(-2, 2, { ...prev, text: chars.slice(0, -need).join('') }, { ...last, text: chars.slice(-need).join('') + last.text, noWrap: true });
    }
  }
  return kept;
}

// The loss guard: between pdfmake's layout and its render, every piece of text and every
// image the document definition composed must be on a laid-out page, whole.
//
// pdfmake drops content without a word in several cases (an unbreakable block taller than a
// page keeps only its first page; rowSpan bugs; an image taller than the page overflows it).
// So before layout each leaf (text node, image, svg) is numbered and its text noted; pdfmake's
// line builder is taught to stamp each line with the leaf it came from (Line.clone copies the
// stamp, so lines moved by kept blocks and repeated header rows keep it); after layout the
// lines on the pages are gathered back per leaf and compared with what was composed.
// A small change that could be offered upstream: a `line.source` set in buildNextLine.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
import { contextRowsOf } from './context-rows.js';

/** What was lost, and where it was in the composed document. */
export interface LostContent {
  /** the text (or, for an image, its caption or kind) that is not (wholly) on any page */
  text: string;
  /** the nearest heading before it in reading order */
  heading?: string;
  /** the data file it came from, where the composer said so (`source` on a node or an ancestor) */
  source?: string;
  kind: 'text' | 'image';
}

export class ContentLostError extends Error {
  constructor(readonly lost: LostContent[]) {
    super(`組版で内容が失われました: ${lost.map((l) => l.text.slice(0, 20)).join('、')}`);
  }
}

interface Leaf {
  no: number;
  /** a page reference is numbered for the tags only: its digits are set after layout */
  kind: 'text' | 'image' | 'ref';
  expected: string;
  heading?: string;
  source?: string;
}

/** Whitespace never matters to whether text was printed (pdfmake trims and splits on it). */
// Stryker disable next-line Regex: removing blanks one by one (/\s/g) removes them all the same
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The text of a node's `text`, without page references (their digits are set after layout). */
function composedText(t: Any): string {
  if (t == null) return '';
  if (typeof t === 'string' || typeof t === 'number') return String(t);
  if (Array.isArray(t)) return t.map(composedText).join('');
  // Stryker disable next-line ConditionalExpression: what else reaches here (a boolean) has no text either way
  if (typeof t === 'object') return t.pageReference || t.textReference ? '' : composedText(t.text);
  return '';
}

const isHeading = (n: Any) => n.outline || n.headlineLevel || n.tocItem;
const CONTAINERS = ['stack', 'columns', 'ul', 'ol'] as const;

/**
 * Numbers every leaf of a content tree (in reading order) and notes its text, heading and source.
 * Strings inside containers become `{ text }` nodes, as pdfmake's preprocessor would make them,
 * so that they can carry their number.
 */
export function numberLeaves(content: Any): Leaf[] {
  const leaves: Leaf[] = [];
  let heading: string | undefined;
  const leaf = (n: Any, kind: Leaf['kind'], expected: string, source?: string) => {
    n._leaf = leaves.length;
    leaves.push({ no: leaves.length, kind, expected, heading, source });
  };
  const visit = (n: Any, source: string | undefined): Any => {
    if (typeof n === 'string' || typeof n === 'number') n = { text: String(n) };
    if (!n || typeof n !== 'object') return n;
    if (Array.isArray(n)) {
      for (let i = 0; i < n.length; i++) n[i] = visit(n[i], source);
      return n;
    }
    const src = typeof n.source === 'string' ? n.source : source;
    if ('text' in n) {
      const expected = squeeze(composedText(n.text));
      if (isHeading(n) && expected) heading = composedText(n.text).trim();
      // a page reference is numbered too (it is tagged), with nothing to compare: its digits come after layout
      if (n.pageReference) leaf(n, 'ref', '', src);
      else if (expected) leaf(n, 'text', expected, src);
      return n;
    }
    if (n.image || n.svg) {
      leaf(n, 'image', n.alt ?? (n.image ? '画像' : 'SVG'), src);
      return n;
    }
    for (const k of CONTAINERS) if (Array.isArray(n[k])) visit(n[k], src);
    // context rows are copies of rows printed elsewhere (context-rows.ts): nothing of their own to find
    if (n.table?.body) n.table.body.forEach((row: Any, r: number) => Array.isArray(row) && r >= contextRowsOf(n) && visit(row, src));
    return n;
  };
  visit(content, undefined);
  return leaves;
}

let lineCount = 0;
let installed = false;
/** Teaches pdfmake's line builder to stamp each line with its leaf (once per process). */
export function installLineStamps(LayoutBuilder: Any): void {
  if (installed) return;
  installed = true;
  const buildNextLine = LayoutBuilder.prototype.buildNextLine;
  LayoutBuilder.prototype.buildNextLine = function (textNode: Any) {
    const line = buildNextLine.call(this, textNode);
    if (line && textNode._leaf !== undefined) {
      line._leaf = textNode._leaf;
      // one number per built line: a line repeated on later pages (header rows) counts once
      line._lineNo = lineCount++;
    }
    return line;
  };
}

const lineText = (line: Any) => line.inlines.map((i: Any) => (i._pageRef || i._tocItemRef || i._pageNodeRef ? '' : i.text)).join('');

/** Compares the laid-out pages with the numbered leaves; returns what is missing. */
export function findLosses(pages: Any[], leaves: Leaf[]): LostContent[] {
  const lines = new Map<number, Map<number, string>>();
  const images = new Set<number>();
  const overflowing = new Set<number>();
  for (const page of pages) {
    const height = page.pageSize?.height ?? Infinity;
    for (const it of page.items) {
      const item = it.item;
      // an item may have none (endClip has no item at all)
      // Stryker disable next-line ConditionalExpression: an item without a leaf would be filed under no leaf's number
      if (item?._leaf === undefined) continue;
      if (it.type === 'line') {
        let m = lines.get(item._leaf);
        if (!m) lines.set(item._leaf, (m = new Map()));
        m.set(item._lineNo, lineText(item));
      } else if (it.type === 'image' || it.type === 'svg') {
        images.add(item._leaf);
        // an image that runs off the page is cut at the paper's edge
        if (item.y + (item._height ?? 0) > height + 0.5) overflowing.add(item._leaf);
      }
    }
  }
  const lost: LostContent[] = [];
  for (const l of leaves) {
    const { kind, heading, source } = l;
    if (kind === 'ref') continue;
    if (kind === 'image') {
      if (!images.has(l.no) || overflowing.has(l.no)) lost.push({ kind, text: l.expected, heading, source });
      continue;
    }
    const m = lines.get(l.no);
    const laid = m
      ? squeeze(
          [...m]
            .sort((a, b) => a[0] - b[0])
            .map(([, t]) => t)
            .join(''),
        )
      : '';
    if (laid !== l.expected) {
      // name the part that is missing: from the first character not printed
      let i = 0;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: past the end laid[i] is undefined, which stops the loop too
      while (i < laid.length && laid[i] === l.expected[i]) i++;
      lost.push({ kind, text: l.expected.slice(i), heading, source });
    }
  }
  return lost;
}

// Speed and memory: pdfmake measures a text by cutting it at every break opportunity into an
// inline object of its own (in Japanese, nearly every character), copying the text's style onto
// each and resolving twenty-odd style properties for each; and it measures the whole document
// before it builds a line, so every one of those objects lives until its text is laid out (the
// ×100 results report held about 600 MiB of them). Here a text is measured as runs: each part of
// its text array resolves its style once, and its pieces are kept as offsets into the part's
// text, with their widths and cuts, in two flat arrays (`InlineQueue`). The line filling takes
// the pieces from there in order, and makes pdfmake's inline object for a piece only when it
// sets it on a line; a line's objects are joined into text runs as soon as it stands on its
// page (text-runs.ts), so a document never holds an object per character for long.
//
// Every value is pdfmake 0.3.11's, computed by its own arithmetic in its order: the pieces
// (TextBreaker.getBreaks and splitWords), the style of each (TextInlines.measure), the widths
// and cuts, the minimum and maximum widths (TextInlines.buildInlines), the test whether the next
// piece fits (Line.hasEnoughSpaceForInline, with the pieces it may not be parted from) and the
// rest of LayoutBuilder.buildNextLine; the inline objects have the properties pdfmake gives
// them. So the lines and the PDFs are byte for byte the same (tests/determinism.test.ts builds
// with ICT_PDF_NO_INLINE_RUNS=1; tests/inline-runs.test.ts compares the lines with pdfmake's
// own on varied texts). Lists' markers and anything else that asks TextInlines.buildInlines
// directly are measured by pdfmake as before. A change that could be offered upstream: a run
// representation between TextInlines and LayoutBuilder (pdfmake's Renderer notes the want of runs).
//
// Memory (ICT_PDF_NO_SHARED_STYLES=1 turns it off): an inline object made from a run does not
// copy the run's twenty-odd style properties; it has them from its prototype, the run's style,
// and owns only what differs per piece (text, width, its cuts where not 0, and what pdfmake sets
// later: x and the like). Runs of equal style (the same values, the same font object) share one prototype,
// so a document has a few dozen of them and V8 a few maps for their pieces. (A copied style is
// a dictionary-mode object of about 1.5 kB in V8, the properties being added by keyed stores:
// the inline objects left on the ×100 results report's laid-out pages took about 160 MiB.)
// pdfmake and pdfkit read an inline's properties by name and copy one only with `for…in`
// (which sees the prototype's); the seam's own copies (text-runs.ts) keep the prototype.
import { switchedOff } from '../switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;
const SPACE = /\s/;

const isString = (v: unknown) => typeof v === 'string' || v instanceof String;
const isNumber = (v: unknown) => (typeof v === 'number' || v instanceof Number) && !Number.isNaN(v);
const isObject = (v: unknown) => v !== null && !Array.isArray(v) && !isString(v) && !isNumber(v) && typeof v === 'object';
const hasOwn = Object.prototype.hasOwnProperty;

/** pdfmake's flattenTextArray (TextInlines.js), as it is */
function flattenTextArray(array: Any): Any[] {
  function flatten(array: Any[]): Any[] {
    return array.reduce((prev: Any[], cur: Any) => {
      const current = Array.isArray(cur.text) ? flatten(cur.text) : cur;
      const more = [].concat(current).some(Array.isArray);
      return prev.concat(more ? flatten(current) : current);
    }, []);
  }
  if (!Array.isArray(array)) array = [array];
  return flatten(array);
}

/** the piece's flags in `ints` (with the run's number above them) */
const LINE_END = 1;
const NO_NEW_LINE = 2;

/**
 * pdfmake's splitWords (TextBreaker.js) as offsets: pushes start, end and lineEnd (0/1) of each
 * word into `out`; `text.slice(start, end)` is the word pdfmake makes.
 */
function splitWords(LineBreaker: Any, text: string, noWrap: boolean, breakAll: boolean, out: number[]): void {
  if (noWrap) {
    out.push(0, text.length, 0);
    return;
  }
  if (breakAll) {
    // text.split(''): code units; a line feed or carriage return becomes an empty word ending a line
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) out.push(i, i, 1);
      else out.push(i, i + 1, 0);
    }
    return;
  }
  if (text.length === 0) {
    out.push(0, 0, 0);
    return;
  }
  const breaker = new LineBreaker(text);
  let last = 0;
  let bk;
  while ((bk = breaker.nextBreak())) {
    const end: number = bk.position;
    // word.match(/\r?\n$|\r$/) and word.replace of it: the word's last one or two code units
    const c = end > last ? text.charCodeAt(end - 1) : 0;
    if (bk.required || c === 10 || c === 13) {
      const cut = c === 10 ? (end - 1 > last && text.charCodeAt(end - 2) === 13 ? 2 : 1) : c === 13 ? 1 : 0;
      out.push(last, end - cut, 1);
    } else out.push(last, end, 0);
    last = end;
  }
}

/** how many words pdfmake's splitWords(text, false) makes */
function wordCount(LineBreaker: Any, text: string): number {
  const out: number[] = [];
  splitWords(LineBreaker, text, false, false, out);
  return out.length / 3;
}

/** pdfmake's getFirstWord (TextBreaker.js) */
function firstWord(LineBreaker: Any, text: string, words: number[], noWrap: boolean): string | null {
  if (words.length === 0) return null;
  let word = text.slice(words[0], words[1]);
  if (noWrap) {
    const tmp: number[] = [];
    splitWords(LineBreaker, word, false, false, tmp);
    word = word.slice(tmp[0], tmp[1]);
  }
  return word;
}

/** pdfmake's getLastWord (TextBreaker.js) */
function lastWord(LineBreaker: Any, text: string, words: number[], noWrap: boolean): string | null {
  const n = words.length;
  if (n === 0) return null;
  if (words[n - 1]) return null; // it ends a line
  let word = text.slice(words[n - 3], words[n - 2]);
  if (noWrap) {
    const tmp: number[] = [];
    splitWords(LineBreaker, word, false, false, tmp);
    const m = tmp.length;
    word = word.slice(tmp[m - 3], tmp[m - 2]);
  }
  return word;
}

/** One part of a text array: its text and, resolved once, what pdfmake sets on each of its pieces. */
interface Run {
  text: string;
  /** the part's own properties (but its text) and the measured style, with the pieces' height */
  base: Any;
  /** the part sets lineEnd itself (pdfmake's copy of the part's properties overrides the word's) */
  ownLineEnd: boolean;
  /** the shared style has leadingCut and trailingCut 0: a piece owns its cuts only where they are not */
  zeroCuts?: boolean;
}

const NO_NUMBERS: number[] = Object.freeze([]) as never;
const NO_RUNS: Run[] = Object.freeze([]) as never;
const NO_PENDING: Any[] = Object.freeze([]) as never;

/**
 * The measured pieces of one text node, in order, and the pieces given back to it (pdfmake's
 * unshift: the rest of a word cut at the line's end). It stands where pdfmake keeps the node's
 * inline objects (`node._inlines`) and answers what is asked of that array there (length,
 * shift, unshift).
 */
export class InlineQueue {
  /** per piece: start, end, run number × 4 + flags */
  private ints: number[];
  /** per piece: width, leadingCut, trailingCut */
  private dbl: number[];
  private runs: Run[];
  private next = 0;
  private count: number;
  /** pieces given back (the rest of a word cut at a line's end): rare, so one empty array shared until there is one */
  private pending: Any[] = NO_PENDING;
  /** pdfmake's leadingIndent of the first piece (0: none) */
  private leadingIndent: number;

  constructor(runs: Run[], ints: number[], dbl: number[], leadingIndent: number) {
    this.runs = runs;
    this.ints = ints;
    this.dbl = dbl;
    this.count = ints.length / 3;
    this.leadingIndent = leadingIndent;
  }

  get length(): number {
    return this.pending.length + this.count - this.next;
  }

  /** pdfmake's inline object of the next piece, made now */
  shift(): Any {
    if (this.pending.length) return this.pending.shift();
    if (this.next >= this.count) return undefined;
    const g = this.next++;
    const i = g * 3;
    const f = this.ints[i + 2];
    const run = this.runs[f >> 2];
    // the run's style as its prototype (a copy of it when shared styles are off)
    const p = shareStyles ? Object.create(run.base) : { ...run.base };
    p.text = run.text.slice(this.ints[i], this.ints[i + 1]);
    if (f & LINE_END && !run.ownLineEnd) p.lineEnd = true;
    if (f & NO_NEW_LINE) p.noNewLine = true;
    if (g === 0 && this.leadingIndent) p.leadingIndent = this.leadingIndent;
    p.width = this.dbl[i];
    // cuts of 0 (most pieces: text without spaces) are the shared style's (see zeroCuts)
    const leadingCut = this.dbl[i + 1];
    const trailingCut = this.dbl[i + 2];
    if (!run.zeroCuts || !Object.is(leadingCut, 0)) p.leadingCut = leadingCut;
    if (!run.zeroCuts || !Object.is(trailingCut, 0)) p.trailingCut = trailingCut;
    // all taken: the arrays go with the last piece (for empty ones shared by every node laid out:
    // the node keeps its queue until the definition goes, and they are never written to)
    if (this.next === this.count) {
      this.ints = NO_NUMBERS;
      this.dbl = NO_NUMBERS;
      this.runs = NO_RUNS;
      this.next = this.count = 0;
    }
    return p;
  }

  unshift(...inlines: Any[]): number {
    if (this.pending === NO_PENDING) this.pending = [];
    this.pending.unshift(...inlines);
    return this.length;
  }

  /** the k-th piece still queued: width, trailingCut (|| 0) and noNewLine, as Line reads them */
  private width(k: number): number {
    const p = this.pending.length;
    return k < p ? this.pending[k].width : this.dbl[(this.next + k - p) * 3];
  }
  private trailingCut(k: number): number {
    const p = this.pending.length;
    return (k < p ? this.pending[k].trailingCut : this.dbl[(this.next + k - p) * 3 + 2]) || 0;
  }
  private noNewLine(k: number): boolean {
    const p = this.pending.length;
    if (k < p) return !!this.pending[k].noNewLine;
    const f = this.ints[(this.next + k - p) * 3 + 2];
    return !!(f & NO_NEW_LINE || this.runs[f >> 2].base.noNewLine);
  }

  /**
   * Line.hasEnoughSpaceForInline(queue[0], queue.slice(1)), read from the queue: the same sums
   * in the same order, without the objects.
   */
  fits(line: Any): boolean {
    if (line.inlines.length === 0) return true;
    if (line.newLineForced) return false;
    let inlineWidth = this.width(0);
    let inlineTrailingCut = this.trailingCut(0);
    if (this.noNewLine(0)) {
      for (let k = 1, l = this.length; k < l; k++) {
        inlineWidth += this.width(k);
        inlineTrailingCut += this.trailingCut(k);
        if (!this.noNewLine(k)) break;
      }
    }
    return line.inlineWidths + inlineWidth - line.leadingCut - inlineTrailingCut <= line.maxWidth;
  }
}

/** The style properties TextInlines.measure resolves, in its order, with their defaults (after font, bold, italics). */
const MEASURED: [string, unknown][] = [
  ['alignment', 'left'],
  ['fontSize', 12],
  ['fontFeatures', null],
  ['characterSpacing', 0],
  ['color', 'black'],
  ['decoration', null],
  ['decorationColor', null],
  ['decorationStyle', null],
  ['decorationThickness', null],
  ['background', null],
  ['link', null],
  ['linkToPage', null],
  ['linkToDestination', null],
  ['noWrap', null],
  ['opacity', 1],
  ['sup', false],
  ['sub', false],
];

/** off by ICT_PDF_NO_SHARED_STYLES: each inline object copies its run's style (pdfmake's own way) */
let shareStyles = true;

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;
/** a property value as part of a style's key: primitives by value, objects by identity */
function valueKey(v: unknown): string {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
    let id = objectIds.get(v);
    if (id === undefined) objectIds.set(v, (id = nextObjectId++));
    return `#${id}`;
  }
  // a string by its length and itself: as unambiguous as its JSON, without escaping it
  if (typeof v === 'string') return `s${v.length}:${v}`;
  return `${typeof v}:${Object.is(v, -0) ? '-0' : String(v)}`;
}

/** a property name as part of a style's key (quoted once per name) */
const quotedNames = new Map<string, string>();
function quoted(k: string): string {
  let q = quotedNames.get(k);
  if (q === undefined) quotedNames.set(k, (q = JSON.stringify(k)));
  return q;
}

/** per document: one style object for each distinct style (its properties in order, and their values) */
const stylesOf = new WeakMap<object, Map<string, Any>>();
/**
 * per document: the style objects given last, newest first, with their property names (a table's
 * cells and a paragraph's parts mostly take turns among a few styles)
 */
const recentOf = new WeakMap<object, { style: Any; keys: string[] }[]>();
const RECENT = 8;

/** the same properties in the same order with the same values, as valueKey tells them apart (Object.is) */
function sameStyle(keys: string[], style: Any, last: { style: Any; keys: string[] }): boolean {
  if (keys.length !== last.keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== last.keys[i] || !Object.is(style[keys[i]], last.style[keys[i]])) return false;
  return true;
}

function sharedStyle(pdfDocument: Any, style: Any): Any {
  // a symbol-keyed property is copied by a spread but is no part of the key: such a style is kept as it is
  if (Object.getOwnPropertySymbols(style).length) return style;
  const keys = Object.keys(style);
  // a style given lately, when this one is equal to it: the one its key would find
  let recent = recentOf.get(pdfDocument);
  if (!recent) recentOf.set(pdfDocument, (recent = []));
  for (let i = 0; i < recent.length; i++)
    if (sameStyle(keys, style, recent[i])) {
      const hit = recent[i];
      if (i > 0) {
        recent.splice(i, 1);
        recent.unshift(hit);
      }
      return hit.style;
    }
  const shared = sharedByKey(pdfDocument, style, keys);
  recent.unshift({ style: shared, keys: Object.keys(shared) });
  if (recent.length > RECENT) recent.pop();
  return shared;
}

function sharedByKey(pdfDocument: Any, style: Any, keys: string[]): Any {
  let key = '';
  for (const k of keys) key += `${quoted(k)}=${valueKey(style[k])};`;
  let styles = stylesOf.get(pdfDocument);
  if (!styles) stylesOf.set(pdfDocument, (styles = new Map()));
  const shared = styles.get(key);
  if (shared) return shared;
  styles.set(key, style);
  return style;
}

/**
 * Per style object (one per distinct style when styles are shared): the width of each piece of one
 * code unit, by its code. widthOfText gives a piece's width from the style's font, size, features
 * and spacing alone, so a character measured once in a style is not measured again (a ×10 booklet
 * has about 230,000 pieces, 190,000 of them one character, in a few dozen styles).
 */
const singleWidths = new WeakMap<object, Map<number, number>>();
const NO_WIDTHS = new Map<number, number>();
function widthsOf(style: object): Map<number, number> {
  let m = singleWidths.get(style);
  if (!m) singleWidths.set(style, (m = new Map()));
  return m;
}

interface Measured {
  queue: InlineQueue;
  minWidth: number;
  maxWidth: number;
}

/**
 * TextInlines.buildInlines(textArray, stack) as runs: the same pieces, styles, widths, cuts and
 * minimum and maximum widths, in pdfmake's order (fonts are asked for in the same order too:
 * pdfkit numbers them as they are first asked for).
 */
export function measureRuns(pdfDocument: Any, textArray: Any, stack: Any, deps: { StyleContextStack: Any; LineBreaker: Any; widthOfText: Any }): Measured {
  const { StyleContextStack, LineBreaker, widthOfText } = deps;
  const get = (item: Any, property: string, fallback: unknown) => StyleContextStack.getStyleProperty(item, stack, property, fallback);
  const texts = flattenTextArray(textArray);
  const runs: Run[] = [];
  const ints: number[] = [];
  // getBreaks: the pieces of each part, and whether a part's last piece may not be parted from the next part's first
  let last: string | null = null;
  const words: number[] = [];
  const styles: (Any | null)[] = [];
  for (let i = 0, l = texts.length; i < l; i++) {
    const item = texts[i];
    const breakAll = get(item || {}, 'wordBreak', 'normal') === 'break-all';
    const noWrap = get(item || {}, 'noWrap', false);
    let text: Any;
    let style: Any = null;
    if (isObject(item)) {
      if (item._textRef && item._textRef._textNodeRef.text) item.text = item._textRef._textNodeRef.text;
      text = item.text;
      // StyleContextStack.copyStyle: the part's own properties but its text
      style = {};
      for (const key in item) if (key != 'text' && hasOwn.call(item, key)) style[key] = item[key];
    } else text = item;
    text = text === undefined || text === null ? '' : String(text);
    words.length = 0;
    splitWords(LineBreaker, text, noWrap, breakAll, words);
    if (last && words.length) {
      const first = firstWord(LineBreaker, text, words, noWrap);
      if (wordCount(LineBreaker, last + first) === 1) ints[ints.length - 1] |= NO_NEW_LINE;
    }
    const r = runs.length;
    for (let w = 0; w < words.length; w += 3) ints.push(words[w], words[w + 1], r * 4 + (words[w + 2] ? LINE_END : 0));
    runs.push({ text, base: null, ownLineEnd: style !== null && hasOwn.call(style, 'lineEnd') });
    styles.push(style);
    last = null;
    if (i + 1 < l) last = lastWord(LineBreaker, text, words, noWrap);
  }

  // measure: each part's style once (its pieces share it), then each piece's width and cuts
  const count = ints.length / 3;
  const dbl: number[] = new Array(count * 3);
  let leadingIndent = 0;
  if (count) {
    // asked of the first piece, as pdfmake has it (its part's properties; its text is not asked)
    leadingIndent = get(styles[ints[2] >> 2] ?? {}, 'leadingIndent', 0);
  }
  let run = -1;
  let base: Any;
  let widths = NO_WIDTHS;
  let preserveLeadingSpaces: unknown = false;
  let preserveTrailingSpaces: unknown = false;
  let spaces = true;
  let runText = '';
  let minWidth = 0;
  let maxWidth = 0;
  let lineWidth = 0;
  let lineLeadingCut = 0;
  let inLine = false;
  for (let g = 0; g < count; g++) {
    const i = g * 3;
    const f = ints[i + 2];
    if (f >> 2 !== run) {
      run = f >> 2;
      // the part's own properties, then the style as TextInlines.measure sets it, in its order
      base = styles[run] ?? {};
      // pdfmake's first piece carries leadingCut and leadingIndent while it is measured: not asked, so not set here
      base.font = pdfDocument.provideFont(get(base, 'font', 'Roboto'), get(base, 'bold', false), get(base, 'italics', false));
      // an indexed loop: for…of with destructuring made two iterator objects per property (35 MiB in the ×10 booklet)
      for (let m = 0; m < MEASURED.length; m++) base[MEASURED[m][0]] = get(base, MEASURED[m][0], MEASURED[m][1]);
      if (base.sup || base.sub) base.fontSize *= 0.58;
      base.height = base.font.lineHeight(base.fontSize) * get(base, 'lineHeight', 1);
      preserveLeadingSpaces = get(base, 'preserveLeadingSpaces', false);
      preserveTrailingSpaces = get(base, 'preserveTrailingSpaces', false);
      runText = runs[run].text;
      spaces = SPACE.test(runText);
      if (shareStyles) {
        // the part does not set its cuts itself: 0 for both in the shared style, which a piece then
        // owns only where its own differ (reading base.leadingCut below gives 0 as undefined did)
        if (!hasOwn.call(base, 'leadingCut') && !hasOwn.call(base, 'trailingCut')) {
          base.leadingCut = 0;
          base.trailingCut = 0;
          runs[run].zeroCuts = true;
        }
        base = sharedStyle(pdfDocument, base);
      }
      runs[run].base = base;
      widths = widthsOf(base);
    }
    const start = ints[i];
    const end = ints[i + 1];
    let width: number;
    let text = '';
    if (end - start === 1 && !spaces) {
      // one character (most Japanese pieces): its width as measured before in this style
      const c = runText.charCodeAt(start);
      const known = widths.get(c);
      if (known === undefined) widths.set(c, (width = widthOfText(runText[start], base)));
      else width = known;
    } else width = widthOfText((text = runText.slice(start, end)), base);
    let leadingCut = g === 0 && leadingIndent ? -leadingIndent : base.leadingCut;
    if (!leadingCut) leadingCut = 0;
    let trailingCut = 0;
    if (spaces) {
      if (!preserveLeadingSpaces) {
        const m = text.match(LEADING);
        if (m) leadingCut += widthOfText(m[0], base);
      }
      if (!preserveTrailingSpaces) {
        const m = text.match(TRAILING);
        if (m) trailingCut = widthOfText(m[0], base);
      }
    }
    dbl[i] = width;
    dbl[i + 1] = leadingCut;
    dbl[i + 2] = trailingCut;
    // buildInlines: the widest piece and the widest line without breaks
    minWidth = Math.max(minWidth, Math.max(0, width - leadingCut - trailingCut));
    if (!inLine) {
      inLine = true;
      lineWidth = 0;
      lineLeadingCut = leadingCut;
    }
    lineWidth += width;
    // the line's trailing cut is its last piece's
    maxWidth = Math.max(maxWidth, Math.max(0, lineWidth - lineLeadingCut - trailingCut));
    if (runs[run].ownLineEnd ? base.lineEnd : f & LINE_END) inLine = false;
  }
  if (StyleContextStack.getStyleProperty({}, stack, 'noWrap', false)) minWidth = maxWidth;
  return { queue: new InlineQueue(runs, ints, dbl, leadingIndent), minWidth, maxWidth };
}

function cloneInline(inline: Any) {
  const newInline = inline.constructor();
  for (const key in inline) newInline[key] = inline[key];
  return newInline;
}

function findMaxFitLength(text: string, maxWidth: number, measureFn: (t: string) => number) {
  let low = 1;
  let high = text.length;
  let bestFit = 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const width = measureFn(text.substring(0, mid));
    if (width <= maxWidth) {
      bestFit = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return bestFit;
}

let installed = false;
export function installInlineRuns(deps: { DocMeasure: Any; LayoutBuilder: Any; Line: Any; TextInlines: Any; StyleContextStack: Any; LineBreaker: Any }): void {
  if (installed) return;
  // asked first, so that it is honoured (and says so) when the runs are off too
  shareStyles = !switchedOff('ICT_PDF_NO_SHARED_STYLES');
  if (switchedOff('ICT_PDF_NO_INLINE_RUNS')) return;
  installed = true;
  const { DocMeasure, LayoutBuilder, Line, TextInlines, StyleContextStack, LineBreaker } = deps;
  const widthOfText = TextInlines.prototype.widthOfText;
  const measureDeps = { StyleContextStack, LineBreaker, widthOfText };

  // DocMeasure.measureLeaf, with the text measured as runs
  DocMeasure.prototype.measureLeaf = function (node: Any) {
    if (node._textRef && node._textRef._textNodeRef.text) node.text = node._textRef._textNodeRef.text;
    const styleStack = this.styleStack.clone();
    styleStack.push(node);
    const data = measureRuns(this.textInlines.pdfDocument, node.text, styleStack, measureDeps);
    node._inlines = data.queue;
    node._minWidth = data.minWidth;
    node._maxWidth = data.maxWidth;
    return node;
  };

  // LayoutBuilder.buildNextLine, taking the pieces from the queue
  const buildNextLine = LayoutBuilder.prototype.buildNextLine;
  LayoutBuilder.prototype.buildNextLine = function (textNode: Any) {
    const queue = textNode._inlines;
    if (!(queue instanceof InlineQueue)) return buildNextLine.call(this, textNode);
    if (queue.length === 0) return null;
    const line = new Line(this.writer.context().availableWidth);
    const textInlines = new TextInlines(null);
    let isForceContinue = false;
    while (queue.length > 0 && (queue.fits(line) || isForceContinue)) {
      let isHardWrap = false;
      const inline = queue.shift();
      if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
        const maxChars = findMaxFitLength(inline.text, line.getAvailableWidth(), (txt) => textInlines.widthOfText(txt, inline));
        if (maxChars < inline.text.length) {
          const newInline = cloneInline(inline);
          newInline.text = inline.text.substr(maxChars);
          inline.text = inline.text.substr(0, maxChars);
          newInline.width = textInlines.widthOfText(newInline.text, newInline);
          inline.width = textInlines.widthOfText(inline.text, inline);
          queue.unshift(newInline);
          isHardWrap = true;
        }
      }
      line.addInline(inline);
      isForceContinue = inline.noNewLine && !isHardWrap;
    }
    line.lastLineInParagraph = queue.length === 0;
    return line;
  };
}

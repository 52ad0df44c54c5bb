// How text sets in a workbook cell, from the embedded font's own metrics (fonts/, read with
// fontkit): the width of a column unit, the width of a text, and the lines a text wraps to in
// a column. Workbook sheets print at 100 % (render/xlsx.ts), so these are sizes on paper.
//
// Measured through LibreOffice 7.4 with BIZ UDPゴシック resolvable by that name: a column
// width unit is the widest digit of the workbook's default font (as Excel defines it), a
// cell's text has about 2 pt less than its column's width, and lines follow each other at
// 1.0 em (the font's ascent + descent). LibreOffice (with an en-US profile) wraps Japanese
// without 禁則 (「。」, 「ー」 and 「っ」 were seen starting a line); Excel on a Japanese PC applies
// it. A line count is therefore the larger of the two ways, so a row is never too low for either.
import { faceOf } from './font-faces.js';
import { FONT_FILES } from './fonts.js';

/** The size of every cell's text (pt): printed at 100 %, so this is its size on paper. */
export const SHEET_FONT_SIZE = 9;

interface Face {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
  hasGlyphForCodePoint(cp: number): boolean;
}
let faces: { normal: Face; bold: Face } | undefined;
const face = (bold: boolean) => {
  faces ??= { normal: faceOf<Face>(FONT_FILES.proportional.normal), bold: faceOf<Face>(FONT_FILES.proportional.bold) };
  return bold ? faces.bold : faces.normal;
};
const advances: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];

/** The advance of one character in em (a character the font lacks counts as a full em, as a fallback font sets it). */
function em(cp: number, bold: boolean): number {
  const cache = advances[bold ? 1 : 0];
  let a = cache.get(cp);
  if (a === undefined) {
    const f = face(bold);
    a = cp === 0x0a ? 0 : f.hasGlyphForCodePoint(cp) ? f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm : 1;
    cache.set(cp, a);
  }
  return a;
}

/** Advances of the Basic Multilingual Plane by code unit (NaN until asked): every cell of every workbook is measured, often many times. */
const bmp: [Float64Array, Float64Array] = [new Float64Array(0x10000).fill(NaN), new Float64Array(0x10000).fill(NaN)];

/** Width in points of one line of text at the sheet's size. */
export function textPt(s: string, bold = false): number {
  const table = bmp[bold ? 1 : 0];
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const cp = s.codePointAt(i)!;
      // a character outside the BMP (a surrogate pair; a lone surrogate is measured as itself below)
      if (cp > 0xffff) {
        w += em(cp, bold);
        i++;
        continue;
      }
    }
    let a = table[u]!; // a code unit is below 0x10000: within the table
    if (a !== a) a = table[u] = em(u, bold);
    w += a;
  }
  return w * SHEET_FONT_SIZE;
}

/**
 * One column width unit in points: the widest digit of the default font at the sheet's size,
 * in whole twips as LibreOffice takes it (6.85 pt at 9 pt; Excel's, in whole pixels, is a
 * little narrower: lineCount allows for it).
 */
export const UNIT_PT = Math.round(Math.max(...[...'0123456789'].map((d) => em(d.codePointAt(0)!, false))) * SHEET_FONT_SIZE * 20) / 20;

/** Points of a column that its text cannot use (cell padding and rules; measured 1.90–1.92 pt). */
export const CELL_PADDING_PT = 1.9;

/** The distance from one line to the next in a cell: 1.0 em in both LibreOffice and Excel, rounded up to a whole screen pixel (Excel lays out in pixels). */
export const LINE_PT = (Math.ceil((SHEET_FONT_SIZE * 96) / 72) * 72) / 96;
/** Room above the first line and below the last in a row. */
export const ROW_PADDING_PT = 3;

/** Characters that do not begin a line (行頭禁則) and that do not end one (行末禁則). */
const NO_START = new Set([
  ...'、。，．・：；？！‐ー―～…‥」』）］｝〕〉》】〙〗ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ゝゞヽヾ゛゜!),.:;?]}%％℃',
]);
const NO_END = new Set([...'「『（［｛〔〈《【〘〖([{']);
/** Closing punctuation: LibreOffice does not break between it and a half-width word that follows (「会津大、／12月」 never). */
const CLOSE = new Set([...'、。，．」』）］｝〕〉》】']);
/** Half-width letters, digits and the signs inside a number or word: a run of them is one word. */
const WORD = /[A-Za-z0-9.,:;%#&@+=*'"_$¥\-/\\<>!?()[\]{}]/;

/**
 * The ways a line is broken: with 禁則 (Excel on a Japanese PC), as LibreOffice mostly does, and
 * anywhere but inside a half-width word (LibreOffice was also seen breaking after 「（」 and before
 * 「、」 where the second way does not).
 */
export type Way = 'kinsoku' | 'libreoffice' | 'free';
const WAYS: Way[] = ['kinsoku', 'libreoffice', 'free'];

/**
 * Whether a line may break between `a` and `b`. Half-width words stay whole (they break at
 * spaces), a space may end a line, an opening bracket never ends one, closing punctuation
 * stays with a half-width word after it; with `kinsoku` the characters above keep their places
 * too, without it only 「、」 stays with the character before it (as LibreOffice does; 「。」 does not). (Compared with LibreOffice's lines for every cell of both appendices and two survey
 * workbooks: the way without 禁則 matched all but a handful, which differ by a character.)
 */
function mayBreak(a: string, b: string, way: Way): boolean {
  if (b === ' ' || b === '\u3000') return false;
  if (a === ' ' || a === '\u3000') return true;
  if (WORD.test(a) && WORD.test(b)) return a === '-' || a === '/';
  if (way === 'free') return true;
  // LibreOffice keeps a half-width word with a bracket that opens after it (「YouTube（YouTube）」 was seen whole)
  if (way === 'libreoffice' && WORD.test(a) && NO_END.has(b)) return false;
  if (NO_END.has(a) || (CLOSE.has(a) && WORD.test(b))) return false;
  if (way === 'kinsoku' ? NO_START.has(b) : b === '、' && !CLOSE.has(a)) return false;
  return true;
}

const WHITE = /\s/u;

/** A paragraph cut into the pieces between its break opportunities, with their widths: the same for every column width, so measured once. */
interface Chars {
  ch: string[];
  w: number[];
  white: boolean[];
}
interface Prepared {
  pieces: {
    text: string;
    w: number;
    trimW: number;
    /** its characters, only once a line had to break inside it (kept small: a workbook's every cell is cached) */
    chars?: Chars;
    length: number;
    /** white space at its end (a line's trailing white space is not printed) */
    trailing: number;
  }[];
  bold: boolean;
}
/** by way, then normal and bold, then text */
const prepared: Record<Way, [Map<string, Prepared>, Map<string, Prepared>]> = {
  kinsoku: [new Map(), new Map()],
  libreoffice: [new Map(), new Map()],
  free: [new Map(), new Map()],
};
const PREPARED_KEEP = 20000;

function prepare(text: string, bold: boolean, way: Way): Prepared {
  // a workbook asks for the same cells at many widths (sheet-layout.ts avoidLoneEnds): cut and measure each text once
  const cache = prepared[way][bold ? 1 : 0];
  let p = cache.get(text);
  if (p) return p;
  const chars = [...text];
  const texts: string[] = [];
  let cur = chars[0] ?? '';
  for (let i = 1; i < chars.length; i++) {
    // i - 1 and i are within the loop's bound
    if (mayBreak(chars[i - 1]!, chars[i]!, way)) {
      texts.push(cur);
      cur = '';
    }
    cur += chars[i];
  }
  if (chars.length) texts.push(cur);
  p = {
    pieces: texts.map((t) => {
      const cs = [...t];
      const kept = [...t.trimEnd()].length;
      return {
        text: t,
        w: textPt(t, bold),
        trimW: textPt(t.trimEnd(), bold),
        length: cs.length,
        trailing: cs.length - kept,
      };
    }),
    bold,
  };
  if (cache.size >= PREPARED_KEEP) cache.clear();
  cache.set(text, p);
  return p;
}

/** A piece's characters, their widths and which are white, for breaking inside it. */
function charsOf(piece: Prepared['pieces'][number], bold: boolean): Chars {
  if (!piece.chars) {
    const ch = [...piece.text];
    piece.chars = { ch, w: ch.map((c) => textPt(c, bold)), white: ch.map((c) => WHITE.test(c)) };
  }
  return piece.chars;
}

/**
 * The lines one paragraph (no '\n') sets to in `innerPt` points: greedy, breaking where
 * mayBreak allows, and inside an unbreakable piece only when it is wider than a line.
 */
function fill(p: Prepared, innerPt: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const piece of p.pieces) {
    // a line's trailing spaces take no room
    const fits = width + piece.trimW <= innerPt;
    if (fits || line === '') {
      if (!fits) {
        // wider than a line on its own: broken by characters
        const cs = charsOf(piece, p.bold);
        cs.ch.forEach((ch, k) => {
          const c = cs.w[k]!; // a width per character (charsOf)
          if (line !== '' && width + c > innerPt) {
            lines.push(line);
            line = '';
            width = 0;
          }
          line += ch;
          width += c;
        });
        continue;
      }
      line += piece.text;
      width += piece.w;
    } else {
      lines.push(line);
      line = piece.text;
      width = piece.w;
    }
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd());
}

/**
 * fill without the text: the count of lines and the last one's printed length only (tests/sheet-text.test.ts holds the two to the same lines). The workbooks
 * ask this for every cell at many widths (sheet-layout.ts avoidLoneEnds), so it is kept tight:
 * same arithmetic in the same order as fill, no strings, no closures.
 */
function count(p: Prepared, innerPt: number): { lines: number; last: number } {
  let lines = 1;
  let empty = true;
  let width = 0;
  let length = 0;
  let trailing = 0;
  for (const piece of p.pieces) {
    const fits = width + piece.trimW <= innerPt;
    if (fits || empty) {
      if (!fits) {
        const cs = charsOf(piece, p.bold);
        for (let k = 0; k < cs.w.length; k++) {
          const c = cs.w[k]!; // k is within the loop's bound
          if (!empty && width + c > innerPt) {
            lines++;
            width = 0;
            length = 0;
            trailing = 0;
          }
          empty = false;
          width += c;
          length++;
          trailing = cs.white[k] ? trailing + 1 : 0;
        }
        continue;
      }
    } else {
      lines++;
      width = 0;
      length = 0;
    }
    empty = false;
    width += piece.w;
    length += piece.length;
    // a piece never begins with white space (mayBreak), so its own trailing white is the line's
    trailing = piece.trailing;
  }
  return { lines, last: length - trailing };
}

/** The lines' count and the last one's printed length, for one paragraph (no '\n'). */
function shape(text: string, innerPt: number, bold: boolean, way: Way): { lines: number; last: number } {
  if (!text) return { lines: 1, last: 0 };
  return count(prepare(text, bold, way), innerPt);
}

/** The lines one paragraph (no '\n') sets to, as text. */
function setLines(text: string, innerPt: number, bold: boolean, way: Way): string[] {
  if (!text) return [''];
  return fill(prepare(text, bold, way), innerPt);
}

/** The text's lines in a column `width` units wide, broken one way (as LibreOffice mostly does unless told). */
export function cellLines(text: string, width: number, opts: { bold?: boolean; way?: Way; slackPt?: number } = {}): string[] {
  const inner = Math.max(1, width * UNIT_PT - CELL_PADDING_PT - (opts.slackPt ?? 0));
  return text.split('\n').flatMap((p) => setLines(p, inner, opts.bold ?? false, opts.way ?? 'libreoffice'));
}

/**
 * How many lines a text takes in a column `width` units wide, whichever way it is broken
 * (LibreOffice's lines never outnumbered it in the ~1,100 cells compared):
 * counted a little narrower than measured (1.5 %), as Excel rounds the unit to whole pixels.
 */
export function lineCount(text: string, width: number, bold = false): number {
  const slackPt = width * UNIT_PT * 0.015;
  const inner = Math.max(1, width * UNIT_PT - CELL_PADDING_PT - slackPt);
  const paragraphs = text.split('\n');
  return Math.max(...WAYS.map((way) => paragraphs.reduce((n, p) => n + shape(p, inner, bold, way).lines, 0)));
}

/**
 * Whether a text (any paragraph of it), set in a column `width` units wide, may end on a line
 * of one character (「努めた／。」), in any way of breaking: at the `measured` width only, at
 * Excel's a little narrower one only (`excel`), or at either and within half a point of the
 * measured width (`near`).
 */
export function endsAlone(text: string, width: number, bold = false, at: 'measured' | 'excel' | 'near' = 'near'): boolean {
  const inner = width * UNIT_PT - CELL_PADDING_PT;
  const excel = width * UNIT_PT * 0.015;
  const slacks = at === 'measured' ? [0] : at === 'excel' ? [excel] : [-0.5, 0, 0.5, excel];
  for (const paragraph of text.split('\n'))
    for (const way of WAYS)
      for (const slackPt of slacks) {
        const s = shape(paragraph, Math.max(1, inner - slackPt), bold, way);
        if (s.lines > 1 && s.last === 1) return true;
      }
  return false;
}

/**
 * The first of endsAlone's three answers that holds, asked in one pass: `measured`, else `excel`,
 * else `near`, else undefined. A workbook's widths weigh every cell this way at many widths
 * (sheet-layout.ts); asked as three endsAlone calls, the measured and Excel widths were set twice.
 */
export function loneEndAt(text: string, width: number, bold = false): 'measured' | 'excel' | 'near' | undefined {
  const inner = width * UNIT_PT - CELL_PADDING_PT;
  const excel = width * UNIT_PT * 0.015;
  const alone = (paragraph: string, way: Way, slackPt: number) => {
    const s = shape(paragraph, Math.max(1, inner - slackPt), bold, way);
    return s.lines > 1 && s.last === 1;
  };
  let atExcel = false;
  let near = false;
  for (const paragraph of text.split('\n'))
    for (const way of WAYS) {
      if (alone(paragraph, way, 0)) return 'measured';
      atExcel ||= alone(paragraph, way, excel);
      // within half a point either way: asked only while nothing weightier is known
      if (!atExcel && !near) near = alone(paragraph, way, -0.5) || alone(paragraph, way, 0.5);
    }
  return atExcel ? 'excel' : near ? 'near' : undefined;
}

/** The height in points of a row whose tallest cell sets to `lines` lines. */
export const rowPt = (lines: number) => Math.ceil((Math.max(1, lines) * LINE_PT + ROW_PADDING_PT) * 4) / 4;

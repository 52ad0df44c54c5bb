// Speed: pdfmake writes every inline of a line as its own text object (q, cm, BT, Tm, Tf, TJ,
// ET, Q, plus a colour and an opacity), and Japanese text is an inline per character, so a
// page holds thousands of text objects and pdfkit builds, joins and compresses each. pdfmake
// itself notes the fix ("lines without differently styled inlines should be written to pdf as
// one stream", Renderer.renderLine). Here, just before a line is drawn, neighbouring inlines of
// one font, size, colour and opacity are drawn as one text object.
//
// Nothing moves: the layout (every line and inline) is untouched, and the glyphs of a run are
// each inline's own glyphs, encoded as pdfkit encodes that inline alone (so no kerning or
// ligature appears between characters that pdfmake measured apart). Where pdfmake put the next
// inline further on (a justified line), the TJ operator carries the difference, so each glyph
// lands where it landed before; tests/text-runs.test.ts compares every glyph's position with a
// build without this (ICT_PDF_NO_TEXT_RUNS=1). Inlines with links, page references, decorations,
// backgrounds, sup/sub, character spacing or font features are drawn as pdfmake draws them.
// A change that could be offered upstream as Line.optimizeInlines().
//
// Drawing such a run, and any other text pdfmake draws with a plain inline's options (drawRun,
// below), writes the operators pdfkit's text() → _line → _fragment
// writes for it — q, cm, BT, Tm, Tf, TJ, ET, Q, in that order and with pdfkit's own number
// formatting — building the TJ segments straight from each part's kept encoding, without pdfkit's
// option objects and its per-glyph arrays of the whole run. A run pdfkit would draw otherwise
// (a glyph offset, options beyond a plain inline's) goes through pdfkit as before.
import { switchedOff } from '../switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An inline that pdfmake draws with nothing but its glyphs. */
function plain(i: Any): boolean {
  return (
    !i.link &&
    !i.linkToPage &&
    !i.linkToDestination &&
    !i._pageNodeRef &&
    !i._pageRef &&
    !i._tocItemRef &&
    !i.decoration &&
    !i.background &&
    !i.sup &&
    !i.sub &&
    !i.characterSpacing &&
    !i.fontFeatures &&
    typeof i.text === 'string' &&
    i.text !== '' &&
    !/[\r\n]/.test(i.text)
  );
}

/**
 * Per document font: what its encode() gave for each part. pdfkit's EmbeddedFont.encode adds the
 * glyphs to the document's subset and records their widths and code points the first time, and
 * gives the same codes and the same (cached, read-only) positions every time after, so a part
 * (most often one character) is encoded once per document, not once per place it is drawn.
 */
const encoded = new WeakMap<object, Map<string, [string[], Any[]]>>();
function encodedParts(font: Any): Map<string, [string[], Any[]]> {
  let m = encoded.get(font);
  if (!m) encoded.set(font, (m = new Map()));
  return m;
}

/** a joined run as drawRun reads it: its text, where its parts end (a number: that many parts of one code unit each), the gaps after them, its size */
interface RunData {
  text: string;
  ends: number[] | number;
  gaps: number[] | undefined;
  size: number;
}

const partsOf = (text: string, ends: number[] | number) =>
  typeof ends === 'number' ? text.split('') : ends.map((end, k) => text.slice(k ? ends[k - 1] : 0, end));

/** pdfkit's PDFObject.number: how it writes a number in a content stream */
const number = (n: number) => {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
};

/**
 * A part's encoding as drawRun uses it: its glyphs' codes joined, and its last glyph's position;
 * `inner` where a glyph before the last has an advance other than its width (a segment ends
 * inside the part: drawn glyph by glyph). Undefined for a part pdfkit must draw itself (a glyph
 * with an offset, or no glyph: the gap after it would move the glyph before).
 */
interface Part {
  hex: string;
  lastPos: Any;
  inner: boolean;
  h: string[];
  pos: Any[];
}
const partsByText = new WeakMap<object, Map<string, Part | null>>();
/** a one-code-unit part by its code (most of Japanese text): no string made to look it up */
const partsByCode = new WeakMap<object, Map<number, Part | null>>();

function partOf(font: Any, p: string): Part | null {
  let m = partsByText.get(font);
  if (!m) partsByText.set(font, (m = new Map()));
  let part = m.get(p);
  if (part !== undefined) return part;
  const known = encodedParts(font);
  let e = known.get(p);
  if (!e) known.set(p, (e = font.encode(p)));
  const [h, pos] = e!;
  part = null;
  if (h.length > 0 && !pos.some((q: Any) => q.xOffset || q.yOffset)) {
    let inner = false;
    for (let g = 0; g < h.length - 1; g++) if (pos[g].xAdvance - pos[g].advanceWidth !== 0) inner = true;
    part = { hex: h.join(''), lastPos: pos[h.length - 1], inner, h, pos };
  }
  m.set(p, part);
  return part;
}

function partOfCode(font: Any, code: number, text: string, at: number): Part | null {
  let m = partsByCode.get(font);
  if (!m) partsByCode.set(font, (m = new Map()));
  let part = m.get(code);
  if (part === undefined) m.set(code, (part = partOf(font, text[at])));
  return part;
}

/** the options pdfmake's renderLine gives text() for a plain inline, and none other */
const PLAIN_OPTIONS = new Set(['lineBreak', 'textWidth', 'characterSpacing', 'wordCount', 'link']);

/**
 * pdfkit's text(str, x, y, options) for a joined run, as it writes it (see the header). Returns
 * false, having written nothing, where pdfkit would write the run in another way.
 */
function drawRun(doc: Any, run: RunData, str: string, x: number, y: number, options: Any): boolean {
  if (doc._textOptions || options.lineBreak !== false || options.link != null || options.characterSpacing || x == null || y == null) return false;
  for (const key in options) if (!PLAIN_OPTIONS.has(key)) return false;
  const font = doc._font;
  // a joined run's font encodes through the real one, its prototype
  const real = font._run ? Object.getPrototypeOf(font) : font;
  const { text, ends, gaps, size } = run;
  // every part encoded first, in order (as pdfkit's encode of the run would) and checked
  const count = typeof ends === 'number' ? ends : ends.length;
  const parts: Part[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const part = typeof ends === 'number' ? partOfCode(real, text.charCodeAt(k), text, k) : partOf(real, text.slice(k ? ends[k - 1] : 0, ends[k]));
    if (!part) return false;
    parts[k] = part;
  }
  // _initOptions
  doc.x = x;
  doc.y = y;
  // _fragment, with pdfkit's defaults for what a plain inline leaves unset (baseline, alignment, spacing)
  const dy = (font.ascender / 1000) * doc._fontSize;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, doc.page.height);
  const ty = doc.page.height - y - dy;
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  doc.addContent('BT');
  doc.addContent(`1 0 0 1 ${number(x)} ${number(ty)} Tm`);
  doc.addContent(`/${font.id} ${number(doc._fontSize)} Tf`);
  // the TJ segments: a segment ends after each glyph whose advance (with the gap after its part,
  // as runFont's encode adds it to the part's last glyph) differs from its width
  const commands: string[] = [];
  let hex = '';
  let advance = 0;
  for (let k = 0; k < count; k++) {
    const part = parts[k];
    if (part.inner) {
      for (let g = 0; g < part.h.length - 1; g++) {
        hex += part.h[g];
        advance = part.pos[g].xAdvance - part.pos[g].advanceWidth;
        if (advance !== 0) {
          commands.push(`<${hex}> ${number(-advance)}`);
          hex = '';
        }
      }
      hex += part.h[part.h.length - 1];
    } else hex += part.hex;
    const last = part.lastPos;
    advance = (gaps?.[k] ? last.xAdvance + (gaps[k] * 1000) / size : last.xAdvance) - last.advanceWidth;
    if (advance !== 0) {
      commands.push(`<${hex}> ${number(-advance)}`);
      hex = '';
    }
  }
  if (hex) commands.push(`<${hex}> ${number(-advance)}`);
  if (commands.length > 0) doc.addContent(`[${commands.join(' ')}] TJ`);
  doc.addContent('ET');
  doc.restore();
  // _line: the cursor moves on by the run's width
  doc.x += doc.widthOfString(str, options);
  return true;
}

/**
 * The font drawn for a run: the inline's font, except that it encodes the run part by part (the
 * parts end at `ends` in `text`), each part's last glyph advancing to where pdfmake put the next
 * part (justified lines spread their characters; the difference `gaps[k]` becomes a TJ
 * adjustment, as pdfkit writes kerning). Made only while the line is drawn; drawRun writes most
 * runs without asking it.
 */
function runFont(font: Any, text: string, ends: number[] | number, gaps: number[] | undefined, size: number, natural: number): Any {
  const run: RunData = { text, ends, gaps, size };
  return Object.create(font, {
    _run: { value: run },
    encode: {
      value: () => {
        const hex: string[] = [];
        const positions: Any[] = [];
        const known = encodedParts(font);
        partsOf(text, ends).forEach((p, k) => {
          let e = known.get(p);
          if (!e) known.set(p, (e = font.encode(p)));
          const [h, pos] = e!;
          for (let g = 0; g < h.length; g++) {
            hex.push(h[g]);
            positions.push(pos[g]);
          }
          // positions are pdfkit's cached objects: the adjusted one is a copy
          if (gaps?.[k])
            positions[positions.length - 1] = {
              ...positions[positions.length - 1],
              xAdvance: positions[positions.length - 1].xAdvance + (gaps[k] * 1000) / size,
            };
        });
        return [hex, positions];
      },
    },
    // pdfkit advances its cursor by this after the text; pdfmake places every text itself
    // (the parts' widths as joinRuns read them, added in the same order: the sum the font would give)
    widthOfString: {
      value: (_s: string, sz: number) => (sz === size ? natural : partsOf(text, ends).reduce((w, p) => w + font.widthOfString(p, sz), 0)),
    },
  });
}

/**
 * `{ ...inline, ...changes }`, with the inline's prototype: an inline made from a run has its
 * style from its prototype (inline-runs.ts), which a spread would leave behind.
 */
function copy(inline: Any, changes: Any): Any {
  return Object.assign(Object.create(Object.getPrototypeOf(inline)), inline, changes);
}

/**
 * The line's inlines with each run of neighbours drawn alike joined into one: its text is the
 * parts' texts, `_ends` where each part ends in it (or how many parts there are, where every
 * part is one code unit), `_gaps` how far pdfmake put each next part from where the part before
 * it ends (absent where every one is 0). A joined inline keeps its first part's font: `drawn`
 * gives it the font that writes it part by part.
 */
export function joinRuns(inlines: Any[]): Any[] {
  const out: Any[] = [];
  let i = 0;
  while (i < inlines.length) {
    const first = inlines[i];
    let j = i + 1;
    const gaps: number[] = [];
    // a plain inline's width is its font's width of its text (pdfmake's widthOfText adds only
    // character spacing, which a plain inline has none of): read, not measured again, and summed
    // in order from 0 as the font's own sum is (one number kept until drawn, not an array)
    let natural = 0;
    if (plain(first)) {
      natural += first.width;
      let end = first.x + first.width;
      while (j < inlines.length) {
        const n = inlines[j];
        if (!plain(n) || n.font !== first.font || n.fontSize !== first.fontSize || n.color !== first.color || n.opacity !== first.opacity) break;
        gaps.push(n.x - end);
        end = n.x + n.width;
        natural += n.width;
        j++;
      }
    }
    if (j - i === 1) out.push(first);
    else {
      const last = inlines[j - 1];
      // the real font's dictionary is made when its first run is joined, as it always was: pdfkit
      // numbers its objects as they are made, so this keeps every object's number
      first.font.ref();
      // kept until the page is drawn, so kept small: one flat string (adding the parts one by one
      // would keep a chain of a string per character), and where every part is one code unit (as
      // Japanese text mostly is) their count for `_ends`; arrays of their exact length
      const parts: string[] = new Array(j - i);
      const ends: number[] = new Array(j - i);
      let length = 0;
      let single = true;
      for (let k = i; k < j; k++) {
        const t: string = inlines[k].text;
        parts[k - i] = t;
        ends[k - i] = length += t.length;
        if (t.length !== 1) single = false;
      }
      const spread = gaps.some((g) => g !== 0) ? gaps.slice() : undefined;
      out.push(copy(first, { text: parts.join(''), width: last.x + last.width - first.x, _ends: single ? j - i : ends, _gaps: spread, _natural: natural }));
    }
    i = j;
  }
  // of its exact length (a line keeps it until drawn; an array grown by push has room for 17)
  return out.slice();
}

/** The inlines as they are drawn: a joined run with the font that writes it part by part. */
function drawn(inlines: Any[]): Any[] {
  return inlines.map((i) => (i._ends ? copy(i, { font: runFont(i.font, i.text, i._ends, i._gaps, i.fontSize, i._natural) }) : i));
}

let installed = false;
/**
 * Joins runs as soon as a line stands on its page (ElementWriter.addLine, after pdfmake has
 * aligned it), so that a long document does not hold an object per character until it is drawn:
 * the ×100 report held about 2 GiB. Lines that name a page are left whole (their number is
 * written in later), and Renderer.renderLine joins what is left when the line is drawn.
 */
export function installTextRuns(Renderer: Any, ElementWriter: Any, PdfKitDocument: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_TEXT_RUNS')) return;
  installed = true;
  const addLine = ElementWriter.prototype.addLine;
  ElementWriter.prototype.addLine = function (line: Any, dontUpdateContextPosition: boolean, index: number) {
    const position = addLine.call(this, line, dontUpdateContextPosition, index);
    if (position !== false && !line._pageNodeRef && line.inlines.length > 1) {
      line.inlines = joinRuns(line.inlines);
      line._runsJoined = true;
    } else if (position !== false) line.inlines = line.inlines.slice();
    return position;
  };
  // off by ICT_PDF_NO_DRAW_RUNS: pdfkit draws every text itself (the same bytes: tests/determinism.test.ts)
  if (!switchedOff('ICT_PDF_NO_DRAW_RUNS')) installDrawRuns(PdfKitDocument);
  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function (line: Any, x: number, y: number) {
    // a page reference's first inline is rewritten while drawing: such lines are drawn as they are
    // joined already when placed (a clone of a repeated header row carries the mark too)
    const joined = line._runsJoined || line._pageNodeRef || line.inlines.length < 2 ? line.inlines : joinRuns(line.inlines);
    if (!joined.some((i: Any) => i._ends)) return renderLine.call(this, line, x, y);
    // the line's own methods (height, ascender) read `inlines`: a view of the line with the runs as drawn
    const view = Object.create(line, { inlines: { value: drawn(joined) } });
    return renderLine.call(this, view, x, y);
  };
}

/** pdfkit's text() draws a joined run, or a one-line text with a plain inline's options, by drawRun */
function installDrawRuns(PdfKitDocument: Any): void {
  const text = PdfKitDocument.prototype.text;
  PdfKitDocument.prototype.text = function (str: Any, x: Any, y: Any, options: Any) {
    // a joined run, or any other text of one line as one part (pdfkit's encode gives the same codes for it every time)
    if (typeof str === 'string' && str !== '' && options && this._font && !/[\r\n]/.test(str)) {
      const run: RunData = this._font._run ?? { text: str, ends: [str.length], gaps: undefined, size: this._fontSize };
      if (drawRun(this, run, str, x, y, options)) return this;
    }
    return text.call(this, str, x, y, options);
  };
}

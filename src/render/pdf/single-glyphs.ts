// Speed: Japanese text is measured piece by piece, and most pieces are one character, so most of
// the strings pdfkit shapes with fontkit (EmbeddedFont.layoutRun, once per distinct string: see
// shared-layouts.ts) are one kana or kanji. fontkit shapes each by setting up a whole OpenType
// plan (script, features, GSUB and GPOS lookups), about 0.04 ms, to find what the cmap and the
// advance width already say: for a kana, a kanji or a full-width form, the glyph is the cmap's
// and its position is its advance, and nothing else.
//
// That is a fact of the font, so it is checked against fontkit itself, for every character of
// PLAIN in each embedded font (tests/single-glyphs.test.ts), and used only for the fonts so
// checked (VERIFIED: name, version and glyph count; another font is shaped by fontkit as
// before). Outside PLAIN, marks (U+3099, U+302A…) and default-ignorables are moved or hidden by
// fontkit, and a Latin letter may be substituted. The run is built with fontkit's own classes,
// scaled as pdfkit scales it, so pdfkit sees the same glyph objects and numbers.
// ICT_PDF_NO_SINGLE_GLYPHS=1 shapes every string with fontkit.
import { switchedOff } from '../switches.js';
import { onProvidedFont } from './provided-fonts.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Code point ranges whose single characters fontkit sets as the cmap's glyph at its advance (checked per font). */
export const PLAIN: [number, number][] = [
  [0x3000, 0x3029], // CJK symbols and punctuation, up to the ideographic tone marks
  [0x3030, 0x3098], // … and hiragana, up to the combining sound marks
  [0x309b, 0x30ff], // hiragana and katakana
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xff01, 0xffef], // half-width and full-width forms
];

/** The embedded fonts (fonts/) the test has checked: postscript name, version, number of glyphs. */
export const VERIFIED = [
  'BIZUDPGothic-Regular|Version 1.051|12812',
  'BIZUDPGothic-Bold|Version 1.051|12812',
  'BIZUDGothic-Regular|Version 1.05|12638',
  'BIZUDGothic-Bold|Version 1.05|12638',
];

export const fontIdentity = (face: Any) => `${face.postscriptName}|${face.version}|${face.numGlyphs}`;

export function isPlain(cp: number): boolean {
  for (const [from, to] of PLAIN) if (cp >= from && cp <= to) return true;
  return false;
}

/**
 * fontkit's run for `text` if it is one character of PLAIN the font has (else undefined): the
 * cmap's glyph, positioned at its advance. Unscaled, as fontkit's layout returns it.
 */
export function singleGlyphRun(face: Any, text: string): Any {
  const cp = text.codePointAt(0)!;
  if (text.length !== (cp > 0xffff ? 2 : 1) || !isPlain(cp)) return undefined;
  const glyph = face.glyphForCodePoint(cp);
  if (!glyph.id) return undefined;
  const { GlyphRun, GlyphPosition } = classesOf(face);
  const run = new GlyphRun([glyph], undefined, 'Hani', null, 'ltr');
  run.positions = [new GlyphPosition(glyph.advanceWidth)];
  return run;
}

const classes = new WeakMap<object, { GlyphRun: Any; GlyphPosition: Any }>();
/** fontkit's GlyphRun and GlyphPosition classes (not exported): those of a run it made. */
function classesOf(face: Any) {
  let c = classes.get(face);
  if (!c) {
    // any character: only the classes of the run are wanted (no wording, so not a Japanese literal)
    const sample = face.layout(String.fromCodePoint(0x3042));
    classes.set(face, (c = { GlyphRun: sample.constructor, GlyphPosition: sample.positions[0].constructor }));
  }
  return c;
}

let installed = false;
export function installSingleGlyphs(PDFDocument: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_SINGLE_GLYPHS')) return;
  installed = true;
  onProvidedFont(PDFDocument, (font) => {
    if (font.layoutRun && !font._singleGlyphs && font.font && VERIFIED.includes(fontIdentity(font.font))) {
      font._singleGlyphs = true;
      const layoutRun = font.layoutRun;
      font.layoutRun = function (text: string, features: unknown) {
        const run = features ? undefined : singleGlyphRun(this.font, text);
        if (!run) return layoutRun.call(this, text, features);
        // as pdfkit's EmbeddedFont.layoutRun scales a run
        const position = run.positions[0];
        for (const key in position) position[key] *= this.scale;
        position.advanceWidth = run.glyphs[0].advanceWidth * this.scale;
        return run;
      };
    }
  });
}

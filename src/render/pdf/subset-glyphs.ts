// Speed: every PDF embeds a subset of each font it uses, and fontkit's TrueType subset
// (TTFSubset._addGlyph) decodes the whole outline of every glyph it takes, all its points, only
// to learn whether the glyph is composite (its components are then renumbered); a simple glyph's
// bytes are copied as they are. The Japanese fonts' glyphs are all simple and have many points:
// decoding them took about 85 ms of the Miyagi booklet, and again in each document, since each
// has a subset of its own. Here the glyph's header alone says whether it is composite (its first
// field, numberOfContours, is negative): a simple or empty glyph is copied without decoding, a
// composite one (or any glyph of a variable font, whose outline fontkit re-encodes) is left to
// fontkit. The subset's bytes are the same: tests/subset-glyphs.test.ts compares fontkit's subset
// of every glyph of each embedded font with and without this; tests/determinism.test.ts builds
// with ICT_PDF_NO_SUBSET_GLYPHS=1. A change that could be offered upstream to fontkit's TTFSubset.
import { switchedOff } from '../switches.js';
import { onProvidedFont } from './provided-fonts.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Whether fontkit's glyph `gid` of `font` is composite: numberOfContours, the header's first field, is negative. */
export function isComposite(font: Any, gid: number): boolean {
  const start = font.loca.offsets[gid];
  if (start === font.loca.offsets[gid + 1]) return false; // no outline (a space)
  const stream = font._getTableStream('glyf');
  stream.pos += start;
  return stream.readInt16BE() < 0;
}

const patched = new WeakSet<object>();

/** Patches the class of `subset` (a fontkit TTFSubset) once; true once it is patched. */
export function copySimpleGlyphs(subset: Any): boolean {
  const proto = Object.getPrototypeOf(subset);
  if (patched.has(proto)) return true;
  if (typeof proto._addGlyph !== 'function') return false;
  patched.add(proto);
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: Any, gid: number) {
    const font = this.font;
    if (font._variationProcessor || isComposite(font, gid)) return addGlyph.call(this, gid);
    // fontkit's own steps for a glyph that is not composite, without decoding its outline
    const glyph = font.getGlyph(gid);
    const start = font.loca.offsets[gid];
    const stream = font._getTableStream('glyf');
    stream.pos += start;
    const buffer = stream.readBuffer(font.loca.offsets[gid + 1] - start);
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
  return true;
}

let installed = false;
export function installSubsetGlyphs(PDFDocument: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_SUBSET_GLYPHS')) return;
  installed = true;
  // every TrueType font's subset is of fontkit's one TTFSubset class: patched with the first
  // (provideFont is asked for every run of text: after that, this hook does nothing)
  let done = false;
  onProvidedFont(PDFDocument, (font) => {
    // TrueType fonts only (a CFF font's subset is another class, without _addGlyph)
    if (!done && font.subset && font.font?.directory?.tables?.glyf) done = copySimpleGlyphs(font.subset);
  });
}

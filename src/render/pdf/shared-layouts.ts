// Speed: pdfkit shapes each distinct string with fontkit once per font and document
// (EmbeddedFont.layoutCache), at about 0.1 ms a string, and every document opens its fonts
// anew. The booklet, the list and the report of one build measure the same characters, so the
// shaped runs are kept for the process, per font file and style: a string shapes once. The
// runs are the ones pdfkit made (glyph ids, advances, code points, all read-only to pdfkit);
// the glyphs a document uses are still added to that document's own subset by encode(), so
// every PDF embeds what it draws. A change that could be offered upstream as a layout cache
// shared by the fonts of one file.
//
// The fonts themselves are opened once for the thread too: pdfkit opens each font file anew in
// every document (fontkit parses its tables and glyphs again); a document's EmbeddedFont is
// given the thread's font object for that file (font-faces.ts: the one the character check or
// the workbook widths opened, or else the first document's), with a subset of its own.
//
// Measuring asks for the width of each inline (a character) many times; pdfkit lays the string
// out again from its cache each time (splitting it at spaces, adding the parts). The widths of
// a string without font features are kept the same way, per font file, as the same sum pdfkit
// computes, scaled the same way, so each is the number pdfkit would give.
import { switchedOff } from '../switches.js';
import { onProvidedFont } from './provided-fonts.js';
import { faceOf } from '../font-faces.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const layouts = new Map<string, Record<string, unknown>>();
const widths = new Map<string, Map<string, number>>();

let installed = false;
export function installSharedLayouts(PDFDocument: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_SHARED_LAYOUTS')) return;
  installed = true;
  onProvidedFont(PDFDocument, (font, doc, family, bold, italics) => {
    // the file a style opens is its identity (fonts.ts maps family and style to a file path)
    const key = doc.fonts[family]?.[doc.getFontType(bold, italics)];
    if (font.layoutCache && !font._sharedLayouts && typeof key === 'string') {
      const opened = faceOf<Any>(key, font.font);
      if (font.font !== opened) {
        font.font = opened;
        font.subset = opened.createSubset();
      }
      let shared = layouts.get(key);
      if (!shared) layouts.set(key, (shared = Object.create(null) as Record<string, unknown>));
      font.layoutCache = shared;
      font._sharedLayouts = true;
      let known = widths.get(key);
      if (!known) widths.set(key, (known = new Map()));
      const widthOfString = font.widthOfString;
      font.widthOfString = function (string: string, size: number, features: unknown) {
        if (features) return widthOfString.call(this, string, size, features);
        let width = known!.get(string);
        if (width === undefined) known!.set(string, (width = this.layout(string, features, true).advanceWidth as number));
        // as pdfkit's EmbeddedFont.widthOfString scales it
        const scale = size / 1000;
        return width * scale;
      };
    }
  });
}

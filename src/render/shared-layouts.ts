// Speed: pdfkit shapes each distinct string with fontkit once per font and document
// (EmbeddedFont.layoutCache), at about 0.1 ms a string, and every document opens its fonts
// anew. The booklet, the list and the report of one build measure the same characters, so the
// shaped runs are kept for the process, per font file and style: a string shapes once. The
// runs are the ones pdfkit made (glyph ids, advances, code points, all read-only to pdfkit);
// the glyphs a document uses are still added to that document's own subset by encode(), so
// every PDF embeds what it draws. A change that could be offered upstream as a layout cache
// shared by the fonts of one file.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const layouts = new Map<string, Record<string, unknown>>();

let installed = false;
export function installSharedLayouts(PDFDocument: Any): void {
  if (installed || process.env.ICT_PDF_NO_SHARED_LAYOUTS) return;
  installed = true;
  const provideFont = PDFDocument.prototype.provideFont;
  PDFDocument.prototype.provideFont = function (family: string, bold: boolean, italics: boolean) {
    const font = provideFont.call(this, family, bold, italics);
    // the file a style opens is its identity (fonts.ts maps family and style to a file path)
    const key = this.fonts[family]?.[this.getFontType(bold, italics)];
    if (font.layoutCache && !font._sharedLayouts && typeof key === 'string') {
      let shared = layouts.get(key);
      if (!shared) layouts.set(key, (shared = Object.create(null) as Record<string, unknown>));
      font.layoutCache = shared;
      font._sharedLayouts = true;
    }
    return font;
  };
}

// Three patches (shared-layouts.ts, single-glyphs.ts, subset-glyphs.ts) change the font pdfkit
// gives a document. pdfmake asks PDFDocument.provideFont for it on every run of text, so they
// share one wrapper, which hands the font to each of them in the order they were installed.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Changes the font (pdfkit's EmbeddedFont) in place; `doc` is the pdfmake PDFDocument asking for it. */
export type FontHook = (font: Any, doc: Any, family: string, bold: boolean, italics: boolean) => void;

const hooks: FontHook[] = [];

export function onProvidedFont(PDFDocument: Any, hook: FontHook): void {
  if (!hooks.length) {
    const provideFont = PDFDocument.prototype.provideFont;
    PDFDocument.prototype.provideFont = function (family: string, bold: boolean, italics: boolean) {
      const font = provideFont.call(this, family, bold, italics);
      for (const h of hooks) h(font, this, family, bold, italics);
      return font;
    };
  }
  hooks.push(hook);
}

// Speed: pdfkit turns every operator line a page draws (one `addContent` each: a text run, a
// rule, a colour) into a Buffer of its own as it is written, and joins them when the page ends;
// a ×10 booklet makes about 540,000 of them. Here a page keeps the lines as strings and
// writes them once, when it ends, as the one string pdfkit would have joined: each line and its
// line feed, in order. So the content streams are byte for byte the same (tests/determinism.test.ts
// builds with ICT_PDF_NO_CONTENT_LINES=1). A change that could be offered upstream in PDFReference.write.
import { switchedOff } from '../switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Gathers one page's string lines; a binary chunk or the page's end writes them first. */
function gather(page: Any): void {
  const pending: string[] = [];
  const write = page.write;
  const flush = () => {
    if (!pending.length) return;
    // PDFReference.write adds the last line feed itself, as it did to each line
    write.call(page, pending.join('\n'));
    pending.length = 0;
  };
  page.write = function (chunk: unknown) {
    if (typeof chunk === 'string') {
      pending.push(chunk);
      return;
    }
    flush();
    return write.call(this, chunk);
  };
  const end = page.end;
  page.end = function () {
    flush();
    return end.call(this);
  };
}

let installed = false;
/** `PdfKitDocument`: pdfkit's PDFDocument (pdfmake's extends it). */
export function installContentLines(PdfKitDocument: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_CONTENT_LINES')) return;
  installed = true;
  const addPage = PdfKitDocument.prototype.addPage;
  PdfKitDocument.prototype.addPage = function (...args: Any[]) {
    const r = addPage.apply(this, args);
    gather(this.page);
    return r;
  };
}

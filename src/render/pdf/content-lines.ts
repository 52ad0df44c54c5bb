// Speed: pdfkit turns every operator line a page draws (one `addContent` each: a text run, a
// rule, a colour) into a Buffer of its own as it is written, and joins them when the page ends;
// a ×10 booklet makes about 540,000 of them. Here the lines are gathered as strings and, every
// few hundred lines, written joined into one byte buffer (so a line's string dies young instead
// of living until its page ends, and the bytes are written by one call, not one per line); the
// page's bytes are handed to pdfkit once, when it ends: each line in latin1 and its line feed, in
// order, as pdfkit would have joined them. So the content streams are byte for byte the same
// (tests/determinism.test.ts builds with ICT_PDF_NO_CONTENT_LINES=1). A change that could be
// offered upstream in PDFReference.write.
import { switchedOff } from '../switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** lines gathered before they are written into the bytes */
const SPILL_AT = 256;
const pending: string[] = [];
/** The lines written since the last flush, as the bytes pdfkit would make of them: latin1, each with its line feed. */
let scratch = Buffer.allocUnsafe(1 << 17);
let used = 0;
/** the page whose lines are gathered: another page's line first hands them to it */
let owner: (() => void) | undefined;

/** The gathered lines into the bytes: PDFReference.write makes Buffer.from(line + '\n', 'binary') of each, a byte per code unit. */
function spill(): void {
  if (!pending.length) return;
  const lines = pending.join('\n');
  pending.length = 0;
  const need = used + lines.length + 1;
  if (need > scratch.length) {
    const grown = Buffer.allocUnsafe(Math.max(need, scratch.length * 2));
    scratch.copy(grown, 0, 0, used);
    scratch = grown;
  }
  used += scratch.write(lines, used, 'latin1');
  scratch[used++] = 0x0a;
}

/** Gathers one page's string lines; a binary chunk, another page's line or the page's end writes them first. */
function gather(page: Any): void {
  const write = page.write;
  const flush = () => {
    if (owner !== flush) return;
    owner = undefined;
    spill();
    // a copy: the scratch is written again by the next lines
    if (used) write.call(page, Buffer.from(scratch.subarray(0, used)));
    used = 0;
  };
  page.write = function (chunk: unknown) {
    if (typeof chunk === 'string') {
      if (owner !== flush) {
        owner?.();
        owner = flush;
      }
      if (pending.push(chunk) >= SPILL_AT) spill();
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

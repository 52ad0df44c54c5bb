// Speed: pdfmake fills a line by asking, for each inline, whether it fits together with the
// inlines it may not be parted from — and passes those as `textNode._inlines.slice(1)`, a copy
// of every inline left in the text node, once per inline. A paragraph of n characters copies
// n²/2 inline references (a 20,000-character outcome: 200 million). Here the same question is
// asked with only the inlines it reads: those up to the first that may be parted (Line's
// hasEnoughSpaceForInline stops there), so the answer and every line are the same. The rest
// of buildNextLine is pdfmake 0.3.11's, line by line. The PDFs are byte for byte the same
// (tests/determinism.test.ts builds with ICT_PDF_NO_LINE_FILL=1). A change that could be
// offered upstream as a fix in LayoutBuilder.buildNextLine.
import { switchedOff } from './switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const NONE: Any[] = [];

/** The inlines after the first that hasEnoughSpaceForInline reads: up to the first without noNewLine. */
function bound(inlines: Any[]): Any[] {
  if (!inlines[0].noNewLine) return NONE;
  let end = 1;
  while (end < inlines.length && inlines[end].noNewLine) end++;
  return inlines.slice(1, end + 1);
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
export function installLineFill(LayoutBuilder: Any, Line: Any, TextInlines: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_LINE_FILL')) return;
  installed = true;
  LayoutBuilder.prototype.buildNextLine = function (textNode: Any) {
    if (!textNode._inlines || textNode._inlines.length === 0) return null;
    const line = new Line(this.writer.context().availableWidth);
    const textInlines = new TextInlines(null);
    let isForceContinue = false;
    while (
      textNode._inlines &&
      textNode._inlines.length > 0 &&
      (line.hasEnoughSpaceForInline(textNode._inlines[0], bound(textNode._inlines)) || isForceContinue)
    ) {
      let isHardWrap = false;
      const inline = textNode._inlines.shift();
      if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
        const maxChars = findMaxFitLength(inline.text, line.getAvailableWidth(), (txt) => textInlines.widthOfText(txt, inline));
        if (maxChars < inline.text.length) {
          const newInline = cloneInline(inline);
          newInline.text = inline.text.substr(maxChars);
          inline.text = inline.text.substr(0, maxChars);
          newInline.width = textInlines.widthOfText(newInline.text, newInline);
          inline.width = textInlines.widthOfText(inline.text, inline);
          textNode._inlines.unshift(newInline);
          isHardWrap = true;
        }
      }
      line.addInline(inline);
      isForceContinue = inline.noNewLine && !isHardWrap;
    }
    line.lastLineInParagraph = textNode._inlines.length === 0;
    return line;
  };
}

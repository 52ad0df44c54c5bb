// Loose lines: pdfmake justifies a line by spreading what is left of its width over the gaps
// between its inlines. A line followed by an unbreakable run (a number with its unit, a short
// 「…」) may be left far short, and was spread to 3.2 pt between characters. Such a line is set
// ragged (flush left) instead, as a Japanese typesetter would rather than spread it; a line that
// needs at most MAX_SPREAD pt per gap is justified as before.
// pdfmake internals touched: ElementWriter.alignLine (wrapped) and Line.lastLineInParagraph.
// A change that could be offered upstream as a `maxJustifySpacing` option.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The most space added between two characters of a justified line, in points. */
export const MAX_SPREAD = 1.5;

let installed = false;
export function installJustifyLimit(ElementWriter: Any): void {
  if (installed) return;
  installed = true;
  const alignLine = ElementWriter.prototype.alignLine;
  ElementWriter.prototype.alignLine = function (line: Any) {
    const first = line.inlines?.[0];
    if (first?.alignment === 'justify' && !line.newLineForced && !line.lastLineInParagraph && line.inlines.length > 1) {
      const spread = (this.context().availableWidth - line.getWidth()) / (line.inlines.length - 1);
      if (spread > MAX_SPREAD) {
        // set as the paragraph's last line is: flush left
        line.lastLineInParagraph = true;
        try {
          return alignLine.call(this, line);
        } finally {
          line.lastLineInParagraph = false;
        }
      }
    }
    return alignLine.call(this, line);
  };
}

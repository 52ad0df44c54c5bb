// Memory: pdfmake keeps the document definition until the PDF is written, and with it what it
// added to every node while laying it out (the measured text, `positions`, the `resetXY` closure…;
// the ×100 results report's definition held about 150 MiB after layout), although drawing reads
// only the laid-out pages. Once the pages are laid out and checked, and the anchors and page
// references read from the definition (render/pdf/index.ts), the render lets go of it: the
// LayoutBuilder drops its list of every node (kept only to decide pageBreakBefore, which is done
// by then) and index.ts its own references. Nothing drawn changes: the PDFs are byte for byte the
// same (tests/determinism.test.ts builds with ICT_PDF_NO_DEFINITION_RELEASE=1). A change that could
// be offered upstream: LayoutBuilder.layoutDocument clearing linearNodeList before it returns.
import { switchedOff } from '../switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let release = false;
/** whether the render lets go of the definition once the pages are laid out */
export const releasesDefinition = () => release;

let installed = false;
export function installDefinitionRelease(LayoutBuilder: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_DEFINITION_RELEASE')) return;
  installed = release = true;
  const layoutDocument = LayoutBuilder.prototype.layoutDocument;
  LayoutBuilder.prototype.layoutDocument = function (...args: Any[]) {
    const pages = layoutDocument.apply(this, args);
    this.linearNodeList = [];
    return pages;
  };
}

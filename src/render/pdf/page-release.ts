// Memory: pdfmake lays a whole document out before it draws a page, and then draws the pages in
// order, holding every laid-out line of every page until the last is drawn (the ×100 results
// report's pages held about 300 MiB). A drawn page is not read again (its anchors and page
// references are read before drawing starts, render/pdf/index.ts), so each page lets go of its
// items as soon as the next page begins, and the last when drawing ends. Nothing drawn changes:
// the PDFs are byte for byte the same (tests/determinism.test.ts builds with ICT_PDF_NO_PAGE_RELEASE=1).
// A change that could be offered upstream inside Renderer.renderPages.
import { switchedOff } from '../switches.js';
import { collectHalfway } from './layout-gc.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

let installed = false;
export function installPageRelease(Renderer: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_PAGE_RELEASE')) return;
  installed = true;
  const renderPages = Renderer.prototype.renderPages;
  Renderer.prototype.renderPages = function (pages: Any[]) {
    const pdf = this.pdfDocument;
    const addPage = pdf.addPage;
    let drawn = 0;
    // pdfmake begins each page with addPage: the page before it is drawn
    pdf.addPage = function (...args: Any[]) {
      if (drawn > 0) pages[drawn - 1].items = [];
      drawn++;
      // half the pages let go of: what V8 measures its next limit from (layout-gc.ts)
      collectHalfway(drawn, pages.length);
      return addPage.apply(this, args);
    };
    try {
      return renderPages.call(this, pages);
    } finally {
      pdf.addPage = addPage;
      for (const page of pages) page.items = [];
    }
  };
}

// Memory: V8 lets the heap grow to a multiple (about 2.5×) of what was live at its last full
// collection before it collects again. The last one before drawing falls while pdfmake lays the
// document out, when the definition, its measured text and the laid-out pages are all live; once
// the pages are laid out, the definition is let go of (definition-release.ts) and the pages go
// one by one as they are drawn, but V8 does not know that, and drawing (which makes much garbage:
// pdfkit's strings, buffers and compressed streams) grew the heap of the ×100 results report to
// about 1 GiB. So between layout and drawing a big document (more than LARGE in the heap) is
// collected once: V8 then measures the live heap at its smallest and sets its next limit from
// that. And once more when half the pages are drawn (page-release.ts lets each go as it is drawn):
// the limit set from all the pages still to draw is then twice what is left (×100 results report,
// medians of 3: peak 1,039 → 970 MiB). Nothing drawn changes (tests/determinism.test.ts builds
// with ICT_PDF_NO_LAYOUT_GC=1).
// The collector is V8's own `gc`, which Node gives only with --expose-gc: the tool sets that flag
// for itself just long enough to take the function (users run `npm run build`, without flags).
import v8 from 'node:v8';
import vm from 'node:vm';
import { switchedOff } from '../switches.js';

/** below this, a collection costs more time than the memory it would save is worth */
const LARGE = 256 * 1024 * 1024;

let collect: (() => void) | null | undefined;

/** Collects garbage now if the heap is large (and the switch is not off). */
export function collectAfterLayout(): void {
  if (collect === undefined) {
    if (switchedOff('ICT_PDF_NO_LAYOUT_GC')) collect = null;
    else {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
      v8.setFlagsFromString('--no-expose-gc');
    }
  }
  if (collect && v8.getHeapStatistics().used_heap_size > LARGE) collect();
}

/** Called as each page is begun while drawing: collects (as above) when half of them are drawn. */
export function collectHalfway(drawn: number, pages: number): void {
  if (drawn === Math.floor(pages / 2) && drawn > 0) collectAfterLayout();
}

// Typographic faults a proof-reader marks, measured on the laid-out pages of the booklet and
// the standalone list (issue 15): one-character last lines in table cells, wrapped dates,
// a 目次 without leader dots.
import { describe, it, expect, beforeAll } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
import { readPdf, type PdfPage } from '../src/errata/pdf-lines.js';
import { shortLastLines } from './helpers/short-lines.js';
import { out } from './outputs.js';

const BOOKLET = out('miyagi-ict-plan', 'plan-booklet.pdf');
const LIST = out('miyagi-ict-plan', 'initiative-list.pdf');
let booklet: PdfPage[];
let list: PdfPage[];
beforeAll(async () => {
  ({ pages: booklet } = await readPdf(BOOKLET));
  ({ pages: list } = await readPdf(LIST));
});

describe('table cells', () => {
  it('never end on a line of one character (「…の運／用」, 「推進事／業」, 「多言語／化」)', () => {
    for (const pages of [booklet, list]) {
      const single = pages.flatMap(shortLastLines).filter((s) => /／.$/u.test(s));
      expect(single).toEqual([]);
    }
  });

  it('print the dates of 「本プランの策定経過」 on one line each (「平成28年7月／13日」 no more)', () => {
    const page = booklet.find((p) => p.number > 2 && p.text.includes('本プランの策定経過') && p.text.includes('年月日'))!;
    const dates = page.segments.map((s) => s.text).filter((t) => /^平成\d+年\d+月/.test(t));
    expect(dates.length).toBeGreaterThan(5);
    for (const d of dates) expect(d, d).toMatch(/^平成\d+年\d+月\d+日/);
  });
});

describe('目次', () => {
  it('leads the eye from each title to its page number with dots', async () => {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(BOOKLET)), verbosity: 0 }).promise;
    const page = await doc.getPage(2);
    const ops = await page.getOperatorList();
    // each dotted leader is a dashed rule: count the dash patterns set on the 目次 page
    const dashes = ops.fnArray.filter((f, i) => f === OPS.setDash && (ops.argsArray[i][0] as number[]).length > 0).length;
    await doc.destroy();
    const numbered = booklet[1].lines.filter((l) => /\d+$/.test(l)).length;
    expect(numbered).toBeGreaterThan(20);
    expect(dashes).toBeGreaterThanOrEqual(numbered);
  });
});

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
    const texts = page.segments.map((s) => s.text);
    expect(texts.filter((t) => /^平成\d+年\d+月\d+日/.test(t)).length).toBeGreaterThan(5);
    // a date that wraps leaves its day (「13日」) or its month at the start of a line
    expect(texts.filter((t) => /^\d+[日月]/.test(t))).toEqual([]);
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

describe('pages', () => {
  it('leave no nearly empty page before the landscape chapter 3 (a page holding only the last entry)', () => {
    // the chapter's own page (landscape), not the 目次 that names it
    const ch3 = booklet.findIndex((p) => p.lines.some((l) => l.startsWith('第3章')) && p.text.includes('1 主な取組一覧') && p.lines.some((l) => l.includes('H29')));
    const before = booklet[ch3 - 1];
    const ys = before.items.filter((i) => i.str.trim() && i.y > 60).map((i) => i.y);
    // the body of an A4 page is 842 less the margins (64 + 56): a quarter of it at least is text
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan((841.89 - 64 - 56) / 4);
  });

  it('join the repeated column header of the 主な取組一覧 to the body, as on its first page (no white band)', () => {
    for (const pages of [booklet, list]) {
      const gaps = pages
        .map((p) => {
          const head = p.items.find((i) => i.str === 'H29');
          if (!head) return undefined;
          const next = p.items.filter((i) => i.y < head.y - 1 && i.str.trim()).sort((a, b) => b.y - a.y)[0];
          return head.y - next.y;
        })
        .filter((g): g is number => g !== undefined);
      expect(gaps.length).toBeGreaterThan(5);
      // from the last header line to the first body line: one row's rule and padding, never a band
      for (const g of gaps) expect(g).toBeLessThan(16);
    }
  });
});

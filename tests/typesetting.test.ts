// What a proof-reader marks on the pages of the bundled booklets and the fixtures' (issue 25),
// measured on the laid-out PDFs the global setup built: the gap under each heading, paragraphs
// cut with one line alone on either side of a page break. Each rule is also shown to fail on
// lines made to break it, so that a rule that cannot fail is not mistaken for a pass.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { typesetLines, headingGaps, unevenHeadingGaps, widowsAndOrphans, type TypesetLine } from './helpers/typeset.js';
import { out } from './outputs.js';
import { breakBefore } from '../src/render/keep-lines.js';
import { renderPdf } from '../src/render/pdf.js';
import { columnBox, bookletStyles, BOOKLET_MARGINS } from '../src/documents/booklet.js';
import { tableLayouts } from '../src/documents/layouts.js';

const BOOKLETS = ['miyagi-ict-plan', 'reiwa-plan', 'mini'].map((id) => out(id, 'plan-booklet.pdf'));
const laid = new Map<string, TypesetLine[]>();
beforeAll(async () => {
  for (const f of BOOKLETS) laid.set(f, await typesetLines(readFileSync(f)));
}, 120_000);

/** A line of a made-up A4 page, for showing that a rule fires. */
const line = (page: number, y: number, x: number, text: string, o: Partial<TypesetLine> = {}): TypesetLine => ({
  page, y, x, xEnd: o.xEnd ?? (text.length > 30 ? 539.3 : x + text.length * 10.5), text, size: 10.5, bold: false, pageWidth: 595.28, pageHeight: 841.89, ...o,
});
const PITCH = 10.5 * 1.65;
/** A paragraph of `n` lines from `y`: its first line indented, the last one short. */
const paragraph = (page: number, y: number, n: number) =>
  Array.from({ length: n }, (_, i) => line(page, y + i * PITCH, i === 0 ? 66.5 : 56, i === n - 1 ? 'で終わる。' : 'あ'.repeat(44), i === n - 1 ? {} : { xEnd: 539.3 }));

describe('headings', () => {
  it('have the same space under them, one value for each heading level, and never stand alone at a page foot', () => {
    for (const [f, lines] of laid) {
      const gaps = headingGaps(lines);
      expect(gaps.length, f).toBeGreaterThan(3);
      expect(unevenHeadingGaps(gaps), f).toEqual([]);
    }
    // the bundled plan: every 事業 heading, label and (n) heading is measured
    const miyagi = headingGaps(laid.get(BOOKLETS[0])!);
    expect(miyagi.filter((g) => g.level === '10.5pt entry').length).toBeGreaterThan(100);
    expect(miyagi.filter((g) => g.level === '10.5pt 【label】').length).toBeGreaterThan(10);
  });

  it('the rule fires on a heading with a blank line under it and on a heading alone at a page foot', () => {
    const lines = [
      line(1, 100, 56, '1 ある事業（企画部）', { bold: true }),
      ...paragraph(1, 119.3, 2),
      line(1, 200, 56, '2 長い事業（企画部）', { bold: true }),
      ...paragraph(1, 200 + 19.3 + PITCH, 4),
      line(1, 400, 56, '3 次の事業（企画部）', { bold: true }),
      ...paragraph(1, 419.3, 2),
      line(1, 770, 56, '4 最後の事業（企画部）', { bold: true }),
      ...paragraph(2, 80, 3),
    ];
    const bad = unevenHeadingGaps(headingGaps(lines));
    expect(bad).toHaveLength(2);
    expect(bad[0]).toContain('2 長い事業');
    expect(bad[1]).toContain('alone at the page foot');
  });
});

describe('paragraphs', () => {
  it('keep at least two lines on each side of a page break (no orphan, no widow)', () => {
    for (const [f, lines] of laid) expect(widowsAndOrphans(lines), f).toEqual([]);
  });

  it('the rule fires on a first line alone at a page foot and a last line alone at a page top', () => {
    const footer = (page: number) => line(page, 813.8, 283, `- ${page} -`, { size: 9 });
    const orphan = [...paragraph(1, 700, 4), line(1, 780, 66.5, 'あ'.repeat(44), { xEnd: 539.3 }), footer(1), ...paragraph(2, 80, 3).map((l) => ({ ...l, x: 56 })), footer(2)];
    expect(widowsAndOrphans(orphan)).toEqual([expect.stringContaining('p.1: first line alone at the page foot')]);
    const widow = [...paragraph(1, 700, 2), ...paragraph(1, 750, 3).map((l) => ({ ...l, xEnd: 539.3, text: 'あ'.repeat(44) })), footer(1), line(2, 80, 56, 'で終わる。'), ...paragraph(2, 110, 3), footer(2)];
    expect(widowsAndOrphans(widow)).toEqual([expect.stringContaining('p.2: last line alone at the page top')]);
  });
});

describe('where the page turns in a paragraph (src/render/keep-lines.ts)', () => {
  const h = (n: number) => Array.from({ length: n }, () => PITCH);
  it('leaves a paragraph whole where it fits, or where pdfmake breaks it with two lines or more on each side', () => {
    expect(breakBefore(h(3), PITCH * 3)).toBeUndefined();
    expect(breakBefore(h(6), PITCH * 3)).toBeUndefined();
  });
  it('moves a paragraph whose first line alone would stand at the page foot', () => {
    expect(breakBefore(h(5), PITCH * 1.5)).toBe(0);
  });
  it('takes a line over to the next page where the last line would stand alone there', () => {
    expect(breakBefore(h(5), PITCH * 4.2)).toBe(3);
    // three lines cannot be two and two: the paragraph goes on whole
    expect(breakBefore(h(3), PITCH * 2.5)).toBe(0);
  });
  it('is what the booklet is laid out with: a paragraph that would leave one line on either side keeps two', async () => {
    // a page filled so that one line of the paragraph is left room for, then so that all but its last line are
    const para = 'あ'.repeat(44 * 4 + 10);
    for (const space of [PITCH * 1.5, PITCH * 4.5]) {
      const doc = {
        pageSize: 'A4', pageMargins: [56, 64, 56, 56], defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5, lineHeight: 1.65 },
        content: [{ canvas: [], margin: [0, 841.89 - 64 - 56 - space, 0, 0] }, { text: para, alignment: 'justify' }],
      };
      const { bytes } = await renderPdf(doc);
      const lines = await typesetLines(bytes);
      const perPage = [1, 2].map((p) => lines.filter((l) => l.page === p && l.size === 10.5).length);
      expect(perPage[0] === 0 || perPage[0] >= 2, `${space}: ${perPage}`).toBe(true);
      expect(perPage[1] === 0 || perPage[1] >= 2, `${space}: ${perPage}`).toBe(true);
      expect(perPage[0] + perPage[1]).toBe(5);
    }
  });
});

describe('コラム boxes', () => {
  const para = (n: number) => ({ text: 'あ'.repeat(40 * n - 5), style: 'p' });
  /** The lines inside the box (its frame indents them) on pages 1 and 2, a box placed with `space` left on page 1. */
  async function boxLines(blocks: Record<string, unknown>[], space: number) {
    const doc = {
      pageSize: 'A4', pageMargins: BOOKLET_MARGINS, defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5, lineHeight: 1.65 }, styles: bookletStyles, tableLayouts,
      content: [{ canvas: [], margin: [0, 841.89 - 64 - 56 - space, 0, 0] }, ...columnBox([{ text: '見出し', style: 'h3', headlineLevel: 1 }, ...blocks], 'コラム', 'columns/x.md')],
    };
    const lines = await typesetLines((await renderPdf(doc)).bytes);
    const counts = [1, 2, 3].map((p) => lines.filter((l) => l.page === p && l.x > 60 && l.size === 10.5).length);
    // the label never stands at a page foot without text under it
    const label = lines.find((l) => l.text === 'コラム')!;
    expect(counts[label.page - 1], `label on p.${label.page}: ${counts}`).toBeGreaterThanOrEqual(3);
    return counts;
  }
  it('a short box moves whole to the next page rather than split', async () => {
    const [here, there] = await boxLines([para(2), para(3), para(2)], 150);
    expect([here, there]).toEqual([0, 7]);
  });
  it('a long box splits with at least three lines on each side, and starts only where three lines fit under its label', async () => {
    for (const space of [90, 130, 200, 260]) {
      const counts = await boxLines(Array.from({ length: 10 }, () => para(4)), space);
      expect(counts.reduce((a, b) => a + b), `${space}`).toBe(40);
      for (const c of counts) expect(c === 0 || c >= 3, `${space}: ${counts}`).toBe(true);
    }
  });
});

// What a proof-reader marks on the pages of the bundled booklets and the fixtures' (issue 25),
// measured on the laid-out PDFs the global setup built: the gap under each heading, paragraphs
// cut with one line alone on either side of a page break. Each rule is also shown to fail on
// lines made to break it, so that a rule that cannot fail is not mistaken for a pass.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { typesetLines, headingGaps, unevenHeadingGaps, type TypesetLine } from './helpers/typeset.js';
import { out } from './outputs.js';

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

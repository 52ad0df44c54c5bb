// The workbooks count a cell's lines with a tight counter (render/sheet-text.ts `count`) and print
// them with the text version (`fill`): the two must set every cell alike, at every width tried.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { cellLines, endsAlone, lineCount, loneEndAt, UNIT_PT } from '../src/render/sheet-text.js';

const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

const texts = [
  ...new Set(
    fg
      .sync('data/*/initiatives/*.json')
      .flatMap((f) => strings(JSON.parse(readFileSync(f, 'utf8'))))
      .filter((t) => t.length > 3),
  ),
  // trailing and inner white space, half-width words, a piece wider than a line, 禁則 characters
  'ICT利活用の推進   ',
  'データ　　',
  'https://www.pref.example.lg.jp/soshiki/jyoho/keikaku/ict-plan-2019.html を参照。',
  'Society 5.0 の実現に向けた取組（ＡＩ、ＩｏＴ）を進める。',
  'abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyz0123456789',
  '努めた。\n新規に、「電子申請」を開始した。',
];
const WIDTHS = [1.25, 2, 3.5, 5.25, 8, 11.75, 16, 24.5];
const WAYS = ['kinsoku', 'libreoffice', 'free'] as const;

describe('sheet text: counting and setting agree', () => {
  it('has the bundled data to compare with', () => expect(texts.length).toBeGreaterThan(500));

  it('counts the same lines as it sets, every way, every width', () => {
    let compared = 0;
    for (const t of texts)
      for (const w of WIDTHS) {
        const slackPt = w * UNIT_PT * 0.015;
        const set = Math.max(...WAYS.map((way) => cellLines(t, w, { way, slackPt }).length));
        expect(lineCount(t, w), `${t} @ ${w}`).toBe(set);
        // ends alone as measured: a paragraph of several lines whose last line is one character
        const alone = t.split('\n').some((p) => WAYS.some((way) => ((l) => l.length > 1 && [...l[l.length - 1]].length === 1)(cellLines(p, w, { way }))));
        expect(endsAlone(t, w, false, 'measured'), `${t} @ ${w}`).toBe(alone);
        compared++;
      }
    expect(compared).toBe(texts.length * WIDTHS.length);
  });

  it('answers in one pass as the three questions asked in turn (loneEndAt)', () => {
    const seen = new Set<string>();
    for (const t of texts)
      for (const w of [...WIDTHS, 6.5, 6.75, 9.25]) {
        const expected = endsAlone(t, w, false, 'measured') ? 'measured' : endsAlone(t, w, false, 'excel') ? 'excel' : endsAlone(t, w) ? 'near' : undefined;
        expect(loneEndAt(t, w), `${t} @ ${w}`).toBe(expected);
        seen.add(String(expected));
      }
    // every answer occurs in the data: the comparison covers each branch
    expect([...seen].sort()).toEqual(['excel', 'measured', 'near', 'undefined']);
  });

  it('finds a lone last character where there is one', () => {
    // 「。」 alone on the second line without 禁則 at a width that holds the rest exactly
    const t = 'あいうえお。';
    const w = WIDTHS.find((x) => cellLines(t, x, { way: 'free' }).at(-1) === '。');
    expect(w).toBeDefined();
    expect(endsAlone(t, w!, false, 'measured')).toBe(true);
  });
});

describe('sheet text: widths', () => {
  it('measures a character outside the BMP once, and a lone surrogate as itself', async () => {
    const { textPt } = await import('../src/render/sheet-text.js');
    // 𠮷 (U+20BB7) is one character: as wide as itself, not as two halves
    expect(textPt('𠮷')).toBeGreaterThan(0);
    expect(textPt('𠮷')).toBeLessThanOrEqual(9.0001);
    expect(textPt('a𠮷b')).toBeCloseTo(textPt('a') + textPt('𠮷') + textPt('b'), 9);
    // a lone high surrogate followed by a letter: the letter still counts
    expect(textPt('\ud842a')).toBeCloseTo(textPt('\ud842') + textPt('a'), 9);
    expect(textPt('\ud842a')).toBeGreaterThan(textPt('\ud842'));
  });
});

// What a proof-reader marks on the pages of the bundled booklets and the fixtures' (issue 25),
// measured on the laid-out PDFs the global setup built: the gap under each heading, paragraphs
// cut with one line alone on either side of a page break. Each rule is also shown to fail on
// lines made to break it, so that a rule that cannot fail is not mistaken for a pass.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  typesetLines,
  headingGaps,
  unevenHeadingGaps,
  widowsAndOrphans,
  shortHeadingTails,
  badUrlBreaks,
  widestSpacing,
  type TypesetLine,
} from './helpers/typeset.js';
import { glyphPositions, type Glyph } from './helpers/glyph-positions.js';
import { readPdf, type PdfPage } from '../src/errata/pdf-lines.js';
import { shortLastLines } from './helpers/short-lines.js';
import { keepTail, textOf } from '../src/documents/pdf/pdf-text.js';
import { MAX_SPREAD } from '../src/render/pdf/justify.js';
import { createHandlebars, Wording } from '../src/templates/index.js';
import { out } from './outputs.js';
import { breakBefore } from '../src/render/pdf/keep-lines.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { columnBox, bookletStyles, BOOKLET_MARGINS } from '../src/documents/pdf/booklet.js';
import { tableLayouts } from '../src/documents/pdf/layouts.js';
import type { PdfDocument, PdfNode } from '../src/render/pdf/nodes.js';

const BOOKLETS = ['miyagi-ict-plan', 'reiwa-plan', 'mini'].map((id) => out(id, 'plan-booklet.pdf'));
/** every PDF of the bundled data sets and the fixtures */
const ALL = [
  ...BOOKLETS,
  ...['miyagi-ict-plan', 'reiwa-plan', 'mini'].map((id) => out(id, 'initiative-list.pdf')),
  out('fukushima-ict-strategy', 'results-2017.pdf'),
  out('mini', 'results-2017.pdf'),
];
const laid = new Map<string, TypesetLine[]>();
beforeAll(async () => {
  for (const f of ALL) laid.set(f, await typesetLines(readFileSync(f)));
}, 120_000);

/** A line of a made-up A4 page, for showing that a rule fires. */
const line = (page: number, y: number, x: number, text: string, o: Partial<TypesetLine> = {}): TypesetLine => ({
  page,
  y,
  x,
  xEnd: o.xEnd ?? (text.length > 30 ? 539.3 : x + text.length * 10.5),
  text,
  size: 10.5,
  bold: false,
  pageWidth: 595.28,
  pageHeight: 841.89,
  ...o,
});
const PITCH = 10.5 * 1.65;
/** A paragraph of `n` lines from `y`: its first line indented, the last one short. */
const paragraph = (page: number, y: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    line(page, y + i * PITCH, i === 0 ? 66.5 : 56, i === n - 1 ? 'で終わる。' : 'あ'.repeat(44), i === n - 1 ? {} : { xEnd: 539.3 }),
  );

describe('headings', () => {
  it('have the same space under them, one value for each heading level, and never stand alone at a page foot', () => {
    for (const f of BOOKLETS) {
      const gaps = headingGaps(laid.get(f)!);
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
    for (const f of BOOKLETS) expect(widowsAndOrphans(laid.get(f)!), f).toEqual([]);
  });

  it('the rule fires on a first line alone at a page foot and a last line alone at a page top', () => {
    const footer = (page: number) => line(page, 813.8, 283, `- ${page} -`, { size: 9 });
    const orphan = [
      ...paragraph(1, 700, 4),
      line(1, 780, 66.5, 'あ'.repeat(44), { xEnd: 539.3 }),
      footer(1),
      ...paragraph(2, 80, 3).map((l) => ({ ...l, x: 56 })),
      footer(2),
    ];
    expect(widowsAndOrphans(orphan)).toEqual([expect.stringContaining('p.1: first line alone at the page foot')]);
    const widow = [
      ...paragraph(1, 700, 2),
      ...paragraph(1, 750, 3).map((l) => ({ ...l, xEnd: 539.3, text: 'あ'.repeat(44) })),
      footer(1),
      line(2, 80, 56, 'で終わる。'),
      ...paragraph(2, 110, 3),
      footer(2),
    ];
    expect(widowsAndOrphans(widow)).toEqual([expect.stringContaining('p.2: last line alone at the page top')]);
  });
});

describe('where the page turns in a paragraph (src/render/pdf/keep-lines.ts)', () => {
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
        pageSize: 'A4',
        pageMargins: [56, 64, 56, 56],
        defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5, lineHeight: 1.65 },
        content: [
          { canvas: [], margin: [0, 841.89 - 64 - 56 - space, 0, 0] },
          { text: para, alignment: 'justify' },
        ],
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
  async function boxLines(blocks: PdfNode[], space: number) {
    const doc: PdfDocument = {
      pageSize: 'A4',
      pageMargins: BOOKLET_MARGINS,
      defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5, lineHeight: 1.65 },
      styles: bookletStyles,
      tableLayouts,
      content: [
        { canvas: [], margin: [0, 841.89 - 64 - 56 - space, 0, 0] },
        ...columnBox([{ text: '見出し', style: 'h3', headlineLevel: 1 }, ...blocks], 'コラム', 'columns/x.md'),
      ],
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
      const counts = await boxLines(
        Array.from({ length: 10 }, () => para(4)),
        space,
      );
      expect(
        counts.reduce((a, b) => a + b),
        `${space}`,
      ).toBe(40);
      for (const c of counts) expect(c === 0 || c >= 3, `${space}: ${counts}`).toBe(true);
    }
  });
});

describe('short last lines, URLs and loose lines', () => {
  it('no table cell of any PDF ends on a line of one or two characters (「…推進／室」, 「…カメラ／増設」)', async () => {
    for (const f of ALL) {
      const { pages } = await readPdf(f);
      expect(pages.flatMap(shortLastLines), f).toEqual([]);
      // a kana ending parted from its kanji (「…効果の高／い、最適な…」) starts no line of a list's cell
      if (f.endsWith('initiative-list.pdf'))
        expect(
          pages.flatMap((p) => p.segments.filter((s) => /^\p{Script=Hiragana}{1,2}[、。]/u.test(s.text)).map((s) => `p.${p.number}: ${s.text}`)),
          f,
        ).toEqual([]);
    }
    // how: the kanji and its kana ending are one unbreakable run
    expect(keepTail(textOf('スリムで費用対効果の高い、最適な行政運営'))).toContainEqual({ text: '高い、', noWrap: true });
    // and a line ends on a whole short word of kanji or katakana (「情報発信」「センター」), three characters at least
    expect(keepTail('ポータルサイトによる情報発信').at(-1)).toEqual({ text: '情報発信', noWrap: true });
    expect(keepTail('特別支援教育センター').at(-1)).toEqual({ text: 'センター', noWrap: true });
    expect(keepTail('システムの運用').at(-1)).toEqual({ text: 'の運用', noWrap: true });
  });

  it('no heading or title wraps with one or two characters on its last line or before its （部局）, and no URL breaks but after / . - _', () => {
    for (const [f, lines] of laid) {
      expect(shortHeadingTails(lines), f).toEqual([]);
      expect(badUrlBreaks(lines), f).toEqual([]);
    }
  });

  it('the rules fire on a cell, a heading, a title and URLs made to break them', () => {
    const page: PdfPage = {
      number: 6,
      lines: [],
      text: '',
      segments: [],
      items: [
        { x: 100, y: 500, str: '福島県ロボット産業推進', height: 7.5, width: 80 },
        { x: 100, y: 490, str: '室', height: 7.5, width: 7.5 },
      ],
    };
    expect(shortLastLines(page)).toEqual(['p.6: …ット産業推進／室']);
    const bold = { bold: true };
    expect(shortHeadingTails([line(10, 100, 56, '18 ウェブサイトにおける情報発', bold), line(10, 117.3, 56, '信（震災復興・企画部）', bold)])).toHaveLength(1);
    expect(
      shortHeadingTails([line(1, 280, 80, 'みやぎICT・データ利活用推進プラ', { bold: true, size: 26 }), line(1, 320, 280, 'ン', { bold: true, size: 26 })]),
    ).toHaveLength(1);
    expect(badUrlBreaks([line(50, 100, 56, 'を可視化するシステム。https://'), line(50, 117.3, 56, 'resas.go.jp/')])).toHaveLength(1);
    expect(badUrlBreaks([line(50, 100, 56, 'サイト http://www.pref.miya'), line(50, 117.3, 56, 'gi.jp/')])).toHaveLength(1);
    expect(badUrlBreaks([line(50, 100, 56, 'サイト http://www.pref.miyagi.jp/'), line(50, 117.3, 56, 'site/olympic/')])).toEqual([]);
  });

  it('a title keeps three characters on its last line, a URL its scheme with the rest (laid out)', async () => {
    const title = 'みやぎICT・データ利活用推進プラン改定版';
    const doc = (text: unknown) => ({
      pageSize: 'A4',
      pageMargins: BOOKLET_MARGINS,
      defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5, lineHeight: 1.65 },
      styles: bookletStyles,
      content: [
        { text, style: 'cover' },
        { text: textOf(`を集約し、可視化するシステム。ここまでの文で行が埋まるように文字を足していきます https://resas.go.jp/main/index.html`), width: 300 },
      ],
    });
    const plain = await typesetLines((await renderPdf(doc(title))).bytes);
    const kept = await typesetLines((await renderPdf(doc(keepTail(textOf(title))))).bytes);
    // without the rule the title leaves a character or two alone; with it, never
    expect(shortHeadingTails(plain)).not.toEqual([]);
    expect(shortHeadingTails(kept)).toEqual([]);
    expect(badUrlBreaks(kept)).toEqual([]);
  });

  it(`no justified line of prose is spread by more than ${MAX_SPREAD} pt between characters (3.2 pt was seen)`, async () => {
    for (const f of [...BOOKLETS, out('fukushima-ict-strategy', 'results-2017.pdf')]) {
      const glyphs = await glyphPositions(readFileSync(f));
      for (const size of [10.5, 10])
        expect(widestSpacing(glyphs, size).gap, `${f} ${widestSpacing(glyphs, size).where}`).toBeLessThanOrEqual(MAX_SPREAD + 0.01);
    }
    // a line left short by an unbreakable run after it is set ragged, not spread
    const doc = {
      pageSize: 'A4',
      pageMargins: BOOKLET_MARGINS,
      defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5, lineHeight: 1.65 },
      content: [{ text: ['あ'.repeat(36), { text: 'い'.repeat(12), noWrap: true }, 'う'.repeat(20)], alignment: 'justify' }],
    };
    expect(widestSpacing(await glyphPositions((await renderPdf(doc)).bytes)).gap).toBeLessThanOrEqual(MAX_SPREAD);
    // the measure fires on a spread line
    const spread: Glyph[] = Array.from({ length: 10 }, (_, i) => ({
      page: 1,
      char: 'あ',
      x: 56 + i * 13.7,
      y: 100,
      size: 10.5,
      first: i === 0,
      advance: 10.5,
    }));
    expect(widestSpacing(spread).gap).toBeCloseTo(3.2, 1);
  });
});

describe('the parts of chapter 3', () => {
  it('are named after what the data set holds (templates/booklet.hbs)', () => {
    const words = Wording.load(createHandlebars({}), 'booklet');
    expect(words.get('chapter3', { list: true, sites: true })).toBe('第3章 主な取組一覧及び情報発信サイト等');
    expect(words.get('chapter3', { list: true, sites: false })).toBe('第3章 主な取組一覧');
    expect(words.get('chapter3', { list: false, sites: true })).toBe('第3章 情報発信サイト等');
    expect(words.get('sites-title', { list: false, sites: true })).toBe('1 情報発信サイト等');
    // the bundled plan has both; the Reiwa fixture has no sites, and no page of it names them
    const text = (f: string) =>
      laid
        .get(f)!
        .map((l) => l.text)
        .join('\n');
    expect(text(BOOKLETS[0])).toContain('第3章 主な取組一覧及び情報発信サイト等');
    expect(text(BOOKLETS[1])).toContain('第3章 主な取組一覧');
    expect(text(BOOKLETS[1])).not.toContain('情報発信サイト');
  });
});

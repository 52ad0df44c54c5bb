// The run-aware measuring and line filling (src/render/pdf/inline-runs.ts) must give exactly the
// lines pdfmake gives: each text below is measured and set in lines both ways, at several
// widths (down to widths that cut words), and every line and every inline object on it is
// compared, property by property, with pdfmake's own (its TextInlines.buildInlines and its
// buildNextLine on the array of inline objects).
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { PDFDocument, LayoutBuilder, pdfmake, type Any } from '../src/render/pdf/install.js';
import { InlineQueue } from '../src/render/pdf/inline-runs.js';
import { PDF_FONTS } from '../src/render/fonts.js';

const require = createRequire(import.meta.url);
const DocMeasure: Any = require('pdfmake/js/DocMeasure').default;

const STYLES = {
  p: { fontSize: 10, lineHeight: 1.6, leadingIndent: 10 },
  b: { bold: true },
  wide: { characterSpacing: 1.5 },
  link: { color: 'blue', decoration: 'underline' },
  small: { fontSize: 6, extends: 'b' },
};
const DEFAULT = { font: 'BIZUDPGothic', fontSize: 9, lineHeight: 1.25 };

const JA = '県のICT戦略を推進し、「デジタル・ガバメント」の実現に向けて、行政手続のオンライン化（電子申請）を進めます。';
const FRAGMENTS = [
  JA,
  '令和5年度は 12.5 ％ 増の 3,000 件でした。',
  'https://www.pref.example.lg.jp/soshiki/jyoho/very-long-path-without-any-break-opportunity/index.html',
  'Information and Communication Technology strategy   ',
  '   先頭に空白',
  '改行の\nある文\r\nと\r復帰',
  '全角　空白　の　文',
  '（注）',
  '',
  '第２期みやぎ情報化推進計画（平成２３年度～平成２７年度）',
  'ABC',
];

/** a small seeded generator, so that a failure can be run again */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

function texts(): Any[] {
  const out: Any[] = [
    JA.repeat(4),
    FRAGMENTS[2],
    FRAGMENTS[5],
    '',
    42,
    { text: [JA, { text: '太字の部分', bold: true }, 'に続く文。', { text: '1', sup: true }, '注'] },
    { text: ['リンク', { text: '（参照）', link: 'https://example.jp/', style: 'link' }, 'です。'], style: 'p' },
    { text: [{ text: '100', noWrap: true }, { text: '万円', noWrap: true }, '以上の事業'] },
    { text: [{ text: [JA, { text: '入れ子', italics: true }] }, '外側'] },
    { text: '字間の広い見出し', style: 'wide' },
    { text: JA, wordBreak: 'break-all' },
    { text: '  空白を残す  ', preserveLeadingSpaces: true, preserveTrailingSpaces: true },
    { text: [{ text: '行末を\n消す', lineEnd: false }, { text: '持つ', noNewLine: true }, { text: '行末', lineEnd: true }, '部分'] },
    { text: [{ text: 'H', fontSize: 14 }, { text: '2', sub: true }, 'O と ', { text: 'x', sup: true, style: 'small' }] },
    { text: ['前の語', 'と', 'つながる', 'word', 'wrap'] },
    { text: ['', { text: '', wordBreak: 'break-all' }, '空の部分の後'] },
    { text: FRAGMENTS[3] + FRAGMENTS[2], alignment: 'justify' },
  ];
  const next = random(7);
  for (let n = 0; n < 40; n++) {
    const parts: Any[] = [];
    const k = 1 + Math.floor(next() * 5);
    for (let j = 0; j < k; j++) {
      const t = FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
      const r = next();
      parts.push(
        r < 0.4
          ? t
          : r < 0.6
            ? { text: t, bold: true }
            : r < 0.75
              ? { text: t, noWrap: true }
              : r < 0.85
                ? { text: t, style: 'small' }
                : { text: t, color: 'red', link: 'x' },
      );
    }
    out.push(next() < 0.5 ? { text: parts, style: next() < 0.5 ? 'p' : undefined } : { text: parts });
  }
  return out.map((t) => (t && typeof t === 'object' && !Array.isArray(t) ? t : { text: t }));
}

function newDocument(): Any {
  return new PDFDocument(
    structuredClone(PDF_FONTS),
    {},
    {},
    {},
    { size: [595, 842], pdfVersion: '1.3', compress: false, fontLayoutCache: true, bufferPages: false, autoFirstPage: false, info: {}, font: null },
    pdfmake.virtualfs,
    () => true,
  );
}

/** pdfmake's own measureLeaf (with its buildInlines), as its measureNode calls it: inside the node's styles */
function pdfmakeMeasure(measure: Any, node: Any): Any {
  return measure.styleStack.auto(node, () => {
    const stack = measure.styleStack.clone();
    stack.push(node);
    const data = measure.textInlines.buildInlines(node.text, stack);
    node._inlines = data.items;
    return data;
  });
}

/** an inline object's properties as pdfmake reads them: its own and its prototype's (the run's style, inline-runs.ts) */
function flat(inline: Any): Any {
  const o: Any = {};
  for (const key in inline) o[key] = inline[key];
  return o;
}

/** every line of the node at this width, as plain data (fonts by name) */
function lines(node: Any, width: number): Any[] {
  const builder = { writer: { context: () => ({ availableWidth: width }) } };
  const out: Any[] = [];
  for (let line; (line = LayoutBuilder.prototype.buildNextLine.call(builder, node));) {
    const { inlines, ...rest } = line;
    out.push({ ...rest, inlines: inlines.map((i: Any) => ({ ...flat(i), font: i.font?.name })) });
    if (out.length > 5000) throw new Error('no end of lines');
  }
  return out;
}

describe('text measured as runs', () => {
  it('gives pdfmake’s own inline objects, widths and lines', () => {
    const pdf = newDocument();
    const measure = new DocMeasure(pdf, STYLES, DEFAULT, null, {});
    let compared = 0;
    for (const def of texts()) {
      const data = pdfmakeMeasure(measure, structuredClone(def));
      for (const width of [4, 30, 75, 160, 420]) {
        // pdfmake's inline objects, fresh for each width (the line filling changes them)
        const a = { _inlines: data.items.map((i: Any) => ({ ...i })) };
        // the seam's measureLeaf (as measureNode calls it): the same text as runs
        const b = structuredClone(def);
        measure.styleStack.auto(b, () => measure.measureLeaf(b));
        expect(b._inlines).toBeInstanceOf(InlineQueue);
        expect([b._minWidth, b._maxWidth]).toEqual([data.minWidth, data.maxWidth]);
        expect(b._inlines.length).toBe(a._inlines.length);
        expect(lines(b, width)).toStrictEqual(lines(a, width));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(250);
  });

  it('gives the pieces of runs of one style one style object, as their prototype', () => {
    const pdf = newDocument();
    const measure = new DocMeasure(pdf, STYLES, DEFAULT, null, {});
    // two nodes, each with a bold part: four runs, two styles
    const nodes: Any[] = [0, 1].map(() => ({ text: [JA, { text: FRAGMENTS[1], bold: true }], style: 'p' }));
    const inlines: Any[] = [];
    for (const node of nodes) {
      measure.styleStack.auto(node, () => measure.measureLeaf(node));
      const builder = { writer: { context: () => ({ availableWidth: 10_000 }) } };
      for (let line; (line = LayoutBuilder.prototype.buildNextLine.call(builder, node));) inlines.push(...line.inlines);
    }
    const styles = new Set(inlines.map((i) => Object.getPrototypeOf(i)));
    expect(styles.size).toBe(2);
    for (const style of styles) expect(style).not.toBe(Object.prototype);
    // a piece owns only what is its own: no style property is copied onto it
    for (const i of inlines) expect(Object.keys(i).filter((k) => ['font', 'fontSize', 'color', 'alignment', 'height'].includes(k))).toEqual([]);
    expect(inlines.filter((i) => i.font.name === pdf.provideFont('BIZUDPGothic', true, false).name).length).toBeGreaterThan(0);
  });

  it('takes back a line’s inline objects as pdfmake’s array does (a reflow at another width)', () => {
    const pdf = newDocument();
    const measure = new DocMeasure(pdf, STYLES, DEFAULT, null, {});
    const def: Any = { text: [JA.repeat(3), { text: FRAGMENTS[2], bold: true }], style: 'p' };
    const a = structuredClone(def);
    pdfmakeMeasure(measure, a);
    const b = structuredClone(def);
    measure.styleStack.auto(b, () => measure.measureLeaf(b));
    const builder = { writer: { context: () => ({ availableWidth: 120 }) } };
    for (const node of [a, b]) {
      LayoutBuilder.prototype.buildNextLine.call(builder, node);
      const second = LayoutBuilder.prototype.buildNextLine.call(builder, node);
      node._inlines.unshift(...second.inlines);
    }
    expect(b._inlines.length).toBe(a._inlines.length);
    expect(lines(b, 90)).toStrictEqual(lines(a, 90));
  });
});

// The loss guard's own bookkeeping (src/render/pdf/loss-guard.ts) on small hand-made trees and pages,
// without pdfmake: which leaves are numbered and with what text, heading and source; which are
// found lost on laid-out pages. The guard against real layouts is in loss-guard.test.ts.
import { describe, it, expect } from 'vitest';
import { ContentLostError, findLosses, installLineStamps, numberLeaves } from '../src/render/pdf/loss-guard.js';

type Any = any;

const line = (leaf: number, lineNo: number, ...texts: (string | Record<string, unknown>)[]) => ({
  type: 'line',
  item: { _leaf: leaf, _lineNo: lineNo, inlines: texts.map((t) => (typeof t === 'string' ? { text: t } : t)) },
});
const page = (items: unknown[], height?: number) => ({ items, ...(height === undefined ? {} : { pageSize: { height } }) });

describe('numberLeaves', () => {
  it('numbers text, page references and images in reading order, with the nearest heading and source', () => {
    const content: Any = [
      { text: ['2 県の', { text: ' 取組 ' }], outline: true },
      '本文 一',
      { stack: [{ text: '項目' }, { text: 42 }, 7], source: 'text/a.md.hbs' },
      { text: '見出し二', headlineLevel: 1, source: 'text/b.md.hbs' },
      { columns: [{ image: 'data:x', alt: '図1' }, { image: 'data:y' }], source: 7 },
      { ul: [{ svg: '<svg/>' }, { text: ['頁 ', { pageReference: 'p', text: '00' }] }] },
      { ol: [{ text: '目次の項目', tocItem: true }] },
      { text: '', outline: true },
      { text: [{ textReference: 'x', text: '参照' }] },
      { text: '後' },
    ];
    const leaves = numberLeaves(content);
    expect(leaves).toEqual([
      { no: 0, kind: 'text', expected: '2県の取組', heading: '2 県の 取組', source: undefined },
      { no: 1, kind: 'text', expected: '本文一', heading: '2 県の 取組', source: undefined },
      { no: 2, kind: 'text', expected: '項目', heading: '2 県の 取組', source: 'text/a.md.hbs' },
      { no: 3, kind: 'text', expected: '42', heading: '2 県の 取組', source: 'text/a.md.hbs' },
      { no: 4, kind: 'text', expected: '7', heading: '2 県の 取組', source: 'text/a.md.hbs' },
      { no: 5, kind: 'text', expected: '見出し二', heading: '見出し二', source: 'text/b.md.hbs' },
      { no: 6, kind: 'image', expected: '図1', heading: '見出し二', source: undefined },
      { no: 7, kind: 'image', expected: '画像', heading: '見出し二', source: undefined },
      { no: 8, kind: 'image', expected: 'SVG', heading: '見出し二', source: undefined },
      { no: 9, kind: 'text', expected: '頁', heading: '見出し二', source: undefined },
      { no: 10, kind: 'text', expected: '目次の項目', heading: '目次の項目', source: undefined },
      { no: 11, kind: 'text', expected: '後', heading: '目次の項目', source: undefined },
    ]);
    // strings in containers become nodes carrying their number, as pdfmake's preprocessor would make them
    expect(content[1]).toEqual({ text: '本文 一', _leaf: 1 });
    expect(content[2].stack[1]._leaf).toBe(3);
    expect(content[2].stack[2]).toEqual({ text: '7', _leaf: 4 });
    expect(content[7]._leaf).toBeUndefined();
  });

  it('numbers a page reference with nothing to compare (its digits come after layout)', () => {
    expect(
      numberLeaves([
        { text: '目次', pageReference: 'sec1' },
        { text: '', pageReference: 'sec2' },
      ]),
    ).toEqual([
      { no: 0, kind: 'ref', expected: '', heading: undefined, source: undefined },
      { no: 1, kind: 'ref', expected: '', heading: undefined, source: undefined },
    ]);
  });

  it('walks table rows but context rows (copies printed elsewhere), and ignores what is not content', () => {
    const table = (contextRows: number) => ({
      table: { headerRows: 1, contextRows, body: [['前の行'], 'not a row', ['見出し行', { text: 'セル' }], ['本文行']] },
      source: 'initiatives/1.json',
    });
    expect(numberLeaves([table(0)]).map((l) => [l.expected, l.source])).toEqual([
      ['前の行', 'initiatives/1.json'],
      ['見出し行', 'initiatives/1.json'],
      ['セル', 'initiatives/1.json'],
      ['本文行', 'initiatives/1.json'],
    ]);
    expect(numberLeaves([table(1)]).map((l) => l.expected)).toEqual(['見出し行', 'セル', '本文行']);
    expect(
      numberLeaves([null, undefined, true, { stack: 'x', columns: '字', ul: { text: 'y' } }, { table: {} }, { text: null }, { text: [false, undefined] }]),
    ).toEqual([]);
  });
});

describe('findLosses', () => {
  const leaves = (...texts: string[]) => numberLeaves(texts.map((text) => ({ text })));

  it('finds nothing lost when every line is on a page, in any order, a repeated line counted once', () => {
    const ls = leaves('一行目二行目', '別');
    const pages = [
      page([line(0, 2, '二行目'), line(1, 3, '別')]),
      page([line(0, 1, '一', '行目'), line(0, 2, '二行目'), { type: 'vector', item: {} }, { type: 'endClip' }]),
    ];
    expect(findLosses(pages, ls)).toEqual([]);
    // whitespace never matters
    expect(findLosses([page([line(0, 0, ' 一行 目 二行目 '), line(1, 1, '別')])], ls)).toEqual([]);
  });

  it('names what is missing from its first character not printed, with heading and source', () => {
    const ls = numberLeaves([{ text: '見出し', outline: true }, { text: '一二三四', source: 'text/x.md.hbs' }, { text: '消えた' }, { text: '五' }]);
    const lost = findLosses([page([line(0, 0, '見出し'), line(1, 1, '一二'), line(3, 5, '五'), line(3, 6, '六')])], ls);
    expect(lost).toEqual([
      { kind: 'text', text: '三四', heading: '見出し', source: 'text/x.md.hbs' },
      { kind: 'text', text: '消えた', heading: '見出し', source: undefined },
      { kind: 'text', text: '', heading: '見出し', source: undefined },
    ]);
    // a character changed in the middle: named from there; nothing of it on any page: named whole
    expect(findLosses([page([line(0, 0, '一X三四')])], leaves('一二三四')).map((l) => l.text)).toEqual(['二三四']);
    expect(findLosses([page([])], leaves('Stack')).map((l) => l.text)).toEqual(['Stack']);
    // a line that carries no leaf is no leaf's line
    expect(findLosses([page([{ type: 'line', item: { inlines: [{ text: '一二三四' }] } }])], leaves('一二三四'))).toEqual([
      { kind: 'text', text: '一二三四', heading: undefined, source: undefined },
    ]);
  });

  it('leaves page numbers and references out of a line’s text, and does not compare references', () => {
    const ls = numberLeaves([{ text: ['第', { pageReference: 'a', text: '0' }, '頁'] }, { text: 'x', pageReference: 'b' }]);
    const refs = [
      { text: '12', _pageRef: {} },
      { text: '目次', _tocItemRef: {} },
      { text: '3', _pageNodeRef: {} },
    ];
    expect(findLosses([page([line(0, 0, '第', ...refs, '頁'), line(1, 1, 'x', ...refs)])], ls)).toEqual([]);
  });

  it('finds an image or svg missing, or running off the bottom of its page by more than half a point', () => {
    const ls = numberLeaves([
      { image: 'a', alt: '図1' },
      { svg: 's', alt: '図2' },
      { image: 'c', alt: '図3' },
    ]);
    const img = (type: string, leaf: number, y: number, h?: number) => ({ type, item: { _leaf: leaf, y, ...(h === undefined ? {} : { _height: h }) } });
    expect(findLosses([page([img('image', 0, 700, 142.5), img('svg', 1, 800), img('image', 2, 0, 10)], 842)], ls)).toEqual([]);
    expect(findLosses([page([img('image', 0, 700, 142.6), img('svg', 1, 842.6)], 842)], ls).map((l) => [l.kind, l.text])).toEqual([
      ['image', '図1'],
      ['image', '図2'],
      ['image', '図3'],
    ]);
    // a page without a size cuts nothing; an image item without a leaf is none of these
    expect(findLosses([page([img('image', 0, 5000, 5000), img('svg', 1, 0), { type: 'image', item: { y: 0 } }, img('image', 2, 0)])], ls)).toEqual([]);
    expect(findLosses([page([img('vector', 0, 0), img('svg', 1, 0), img('image', 2, 0)])], ls).map((l) => l.text)).toEqual(['図1']);
  });
});

describe('installLineStamps', () => {
  it('stamps every built line with its leaf and one number per line built, once however often installed', () => {
    const built: Any[] = [];
    class LayoutBuilder {
      buildNextLine(node: Any) {
        if (node.empty) return null;
        const l = { inlines: [{ text: node.text }] };
        built.push(l);
        return l;
      }
    }
    installLineStamps(LayoutBuilder);
    installLineStamps(LayoutBuilder);
    const lb: Any = new LayoutBuilder();
    const a = lb.buildNextLine({ text: 'a', _leaf: 0 });
    const b = lb.buildNextLine({ text: 'b', _leaf: 3 });
    const c = lb.buildNextLine({ text: 'c' });
    expect(lb.buildNextLine({ empty: true, _leaf: 1 })).toBeNull();
    expect([a._leaf, b._leaf, c._leaf]).toEqual([0, 3, undefined]);
    expect(b._lineNo - a._lineNo).toBe(1);
    expect(c._lineNo).toBeUndefined();
    expect(built).toEqual([a, b, c]);
  });
});

describe('ContentLostError', () => {
  it('says what was lost by the first 20 characters of each', () => {
    const lost = [
      { kind: 'text' as const, text: 'あ'.repeat(25) },
      { kind: 'image' as const, text: '図1' },
    ];
    const e = new ContentLostError(lost);
    expect(e).toBeInstanceOf(Error);
    expect(e.lost).toBe(lost);
    expect(e.message).toBe(`組版で内容が失われました: ${'あ'.repeat(20)}、図1`);
  });
});

import { describe, it, expect, beforeAll } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withBuiltVariant } from './helpers/variant.js';
import { readPdf, type PdfPage } from '../src/errata/pdf-lines.js';
import { initiatives, json, squash, loose, sections } from './helpers/data.js';
import { out } from './outputs.js';

const FILE = out('miyagi-ict-plan', 'plan-booklet.pdf');
let pages: PdfPage[];
let info: Record<string, unknown>;
let all: string;
/** printed page number of each physical page (from its footer), or undefined */
let printed: (number | undefined)[];

beforeAll(async () => {
  ({ pages, info } = await readPdf(FILE));
  all = squash(pages.map((p) => p.text).join(''));
  printed = pages.map((p) => {
    const m = p.lines.map((l) => /^-(\d+)-$/.exec(squash(l))).find(Boolean);
    return m ? Number(m[1]) : undefined;
  });
});

const pageOf = (predicate: (line: string) => boolean, from = 0) => {
  for (let i = from; i < pages.length; i++) if (pages[i].lines.some((l) => predicate(squash(l)))) return i;
  return -1;
};

describe('plan booklet', () => {
  it('has a cover and 目次 without page numbers, and chapter 1 on printed page 1', () => {
    expect(pages[0].text).toContain('みやぎICT・データ利活用推進プラン');
    expect(squash(pages[0].text)).toContain('平成29年(2017年)3月策定');
    expect(squash(pages[0].text)).toContain('平成31年(2019年)3月改定');
    expect(printed[0]).toBeUndefined();
    expect(printed[1]).toBeUndefined();
    const ch1 = pageOf((l) => l.startsWith('第1章'), 2);
    expect(printed[ch1]).toBe(1);
    // numbers run on without gaps to the last page
    const numbered = printed.filter((n): n is number => n !== undefined);
    expect(numbered).toEqual(numbered.map((_, i) => i + 1));
  });

  it('holds every initiative with its number and title, 再掲 entries marked', () => {
    const list = initiatives('miyagi-ict-plan');
    expect(list).toHaveLength(100);
    for (const { data } of list) {
      expect(all, `${data.no} ${data.title}`).toMatch(loose(`${data.no}${data.title}（${data.department}）`));
      expect(all).toMatch(loose((data.description ?? '').split('\n')[0].slice(0, 30)));
    }
    const relisted = list
      .filter((i) => i.data.relistedIn?.length)
      .map((i) => i.data.no)
      .sort((a, b) => a - b);
    expect(relisted).toEqual([19, 32, 51, 80]);
    expect(all.match(/【再掲】/g)?.length).toBe(4);
  });

  it('holds every section title and all 50 glossary terms with definitions, numbered by first appearance', () => {
    const ds = json('miyagi-ict-plan', 'dataset.json');
    for (const s of sections(ds.sections)) expect(all).toContain(squash(s.title));
    const glossary = json('miyagi-ict-plan', 'glossary.json');
    expect(glossary).toHaveLength(50);
    const gStart = pageOf((l) => l === '用語解説', 3);
    const gText = squash(
      pages
        .slice(gStart)
        .map((p) => p.text)
        .join(''),
    );
    const numbers: number[] = [];
    for (const g of glossary) {
      const m = new RegExp(`(\\d+)${squash(g.term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(gText);
      expect(m, g.term).not.toBeNull();
      numbers.push(Number(m![1]));
      expect(gText).toContain(squash(g.definition).slice(0, 40));
    }
    expect([...numbers].sort((a, b) => a - b)).toEqual(glossary.map((_: unknown, i: number) => i + 1));
    // the superscript for ICT is the first one, right after its first appearance in chapter 1
    expect(all).toMatch(/ICT1端末/);
  });

  it('prints in the 目次 the page where each heading stands', () => {
    const toc = pages[1].lines.concat(pages[2]?.lines ?? []).map(squash);
    let checked = 0;
    for (const line of toc) {
      const m = /^(.+?)(\d+)$/.exec(line);
      if (!m || !/^(\(\d+\)|[①-⑳]|\d)/.test(m[1])) continue;
      const title = m[1];
      const at = pageOf((l) => l === title || l.startsWith(title), 3);
      expect(at, title).toBeGreaterThan(0);
      expect(printed[at], title).toBe(Number(m[2]));
      checked++;
    }
    // 13 headings of chapter 1, 15 sections of chapter 2 and 2 of chapter 3 carry a page
    expect(checked).toBeGreaterThanOrEqual(29);
  });

  it('keeps Japanese line-breaking rules in the laid-out lines of chapters 1 and 2', () => {
    const first = pageOf((l) => l.startsWith('第1章'), 2);
    const last = pageOf((l) => l.startsWith('第3章'), first);
    const noStart = /^[、。，．）」』】・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ]/;
    const noEnd = /[（「『【]$/;
    const bad: string[] = [];
    let lines = 0;
    for (const p of pages.slice(first, last)) {
      for (let i = 0; i < p.lines.length; i++) {
        const l = p.lines[i].trim();
        lines++;
        if (noStart.test(l)) bad.push(`starts: ${l}`);
        if (noEnd.test(l)) bad.push(`ends: ${l}`);
        const next = p.lines[i + 1]?.trim() ?? '';
        if (/[0-9][,.]?$/.test(l) && /^(件|人|%|％|年|月|日|分|秒|円|千円|万円|回|点|校|市|町|村|歳|台|社)/.test(next)) bad.push(`number|unit: ${l} / ${next}`);
      }
    }
    expect(lines).toBeGreaterThan(500);
    expect(bad).toEqual([]);
  });

  it('carries metadata, language, tags and bookmarks from the data', async () => {
    expect(info.Title).toBe('みやぎICT・データ利活用推進プラン');
    expect(info.Author).toBe('宮城県');
    expect(info.Language).toBe('ja-JP');
    expect(info.CreationDate).toBe('D:20190228150000Z');
    const doc = await getDocument({ data: new Uint8Array(readFileSync(FILE)), verbosity: 0 }).promise;
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    const outline = await doc.getOutline();
    const titles = (outline ?? []).map((o) => o.title);
    expect(titles.some((t) => t.startsWith('第1章'))).toBe(true);
    expect(titles.some((t) => t.startsWith('第2章'))).toBe(true);
    const ch2 = outline!.find((o) => o.title.startsWith('第2章'))!;
    expect(ch2.items.map((i) => i.title)).toEqual([
      '1 安全・安心なくらしの構築',
      '2 快適・便利なくらしの構築',
      '3 活力ある豊かな地域の構築',
      '4 行政運営の最適化の推進',
    ]);
    await doc.destroy();
  });
});

describe('a first paragraph taller than a page', () => {
  it('follows its heading and breaks over pages, losing nothing', async () => {
    await withBuiltVariant(
      (data) => writeFileSync(path.join(data, 'text', '1-1.md.hbs'), `${'災害に備える取組を進めます。'.repeat(400)}終わり。\n`),
      async (out) => {
        const { pages: p } = await readPdf(path.join(out, 'plan-booklet.pdf'));
        const text = squash(p.map((pg) => pg.lines.filter((l) => !/^-\s*\d+\s*-$/.test(l.trim())).join('')).join(''));
        expect(text.match(/災害に備える取組を進めます。/g)?.length).toBe(400);
        expect(text).toContain('【現状・課題・取組の方向性】災害に備える');
        expect(text).toContain('終わり。');
      },
    );
  });
});

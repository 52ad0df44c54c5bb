import { describe, it, expect, beforeAll } from 'vitest';
import { readPdf, type PdfPage } from '../src/errata/pdf-lines.js';
import { initiatives, json, loose, squash, sections } from './helpers/data.js';
import { out } from './outputs.js';
import { listGeometry, CELL_EXTRA } from '../src/documents/pdf/initiative-list.js';

const PAGE_WIDTH = 841.89;
const MARGIN = 40;

/** x ranges of the list's columns on the standalone (landscape) list */
function columns(years: number) {
  const geo = listGeometry(years, PAGE_WIDTH - 2 * MARGIN);
  const edges: number[] = [MARGIN];
  for (const w of geo.widths) edges.push(edges[edges.length - 1] + w + CELL_EXTRA);
  return edges;
}

/** Text of one column of a page, top to bottom. */
function columnText(p: PdfPage, from: number, to: number): string {
  return p.items
    .filter((i) => i.x >= from - 1 && i.x < to - 1)
    .sort((a, b) => b.y - a.y || a.x - b.x)
    .map((i) => i.str)
    .join('');
}

/** Text of several columns, each read on its own (cells never interleave). */
function columnsText(p: PdfPage, edges: number[], from: number, to: number): string {
  let t = '';
  for (let c = from; c < to; c++) t += columnText(p, edges[c], edges[c + 1]);
  return t;
}

const PAGE_HEIGHT = 595.28;
const HEADER_BOTTOM = 92;

/** Printed page of each page of the booklet (from its footer). */
function printedNumbers(pages: PdfPage[]) {
  return pages.map((p) => {
    const m = p.lines.map((l) => /^-(\d+)-$/.exec(squash(l))).find(Boolean);
    return m ? Number(m[1]) : undefined;
  });
}

describe('主な取組一覧', () => {
  let list: PdfPage[];
  let booklet: PdfPage[];
  const edges = columns(4);
  beforeAll(async () => {
    list = (await readPdf(out('miyagi-ict-plan', 'initiative-list.pdf'))).pages;
    booklet = (await readPdf(out('miyagi-ict-plan', 'plan-booklet.pdf'))).pages;
  });

  it('repeats the header with the fiscal-year columns H29–H32 on every page', () => {
    expect(list.length).toBeGreaterThan(1);
    for (const p of list) {
      const top = { ...p, items: p.items.filter((i) => i.y > PAGE_HEIGHT - HEADER_BOTTOM) };
      const head = squash(columnsText(top, edges, 0, edges.length - 1));
      for (const label of [
        '事業番号',
        '事業名【担当部局・課室名】',
        'スケジュール(年度)',
        '従たる目標',
        '指標',
        '※官民データ',
        '掲載頁',
        'H29',
        'H30',
        'H31',
        'H32',
      ])
        expect(head, `page ${p.number}`).toContain(label);
    }
  });

  it('holds every initiative title, owner and schedule label', () => {
    const names = squash(list.map((p) => columnText(p, edges[1], edges[2])).join(''));
    const schedule = squash(list.map((p) => columnsText(p, edges, 2, 6)).join(''));
    const all = initiatives('miyagi-ict-plan');
    for (const { data } of all) {
      expect(names, data.title).toContain(squash(data.listTitle ?? data.title));
      for (const s of data.schedule ?? []) expect(schedule, `${data.no} ${s.label}`).toContain(squash(s.label));
    }
  });

  it('names an initiative by its list name (listTitle) in the list and by its title in chapter 2', () => {
    const named = initiatives('miyagi-ict-plan').filter((i) => i.data.listTitle);
    expect(named.map((i) => i.data.no)).toEqual([28, 33, 82, 84, 90]);
    const names = squash(list.map((p) => columnText(p, edges[1], edges[2])).join(''));
    const printed = printedNumbers(booklet);
    const ch3 = booklet.findIndex((p) => p.lines.some((l) => squash(l).startsWith('第3章')) && printed[p.number - 1] !== undefined);
    const chapter2 = squash(
      booklet
        .slice(0, ch3)
        .map((p) => p.text)
        .join(''),
    );
    // the booklet's chapter 3: the same columns between its own margins (documents/booklet.ts BOOKLET_MARGINS)
    const geo = listGeometry(4, PAGE_WIDTH - 2 * 56);
    const chapter3 = squash(
      booklet
        .slice(ch3)
        .map((p) => columnText(p, 56 + geo.widths[0] + CELL_EXTRA, 56 + geo.widths[0] + geo.widths[1] + 2 * CELL_EXTRA))
        .join(''),
    );
    for (const { data } of named) {
      expect(names.includes(squash(data.listTitle)), `${data.no} in the list`).toBe(true);
      expect(names.includes(squash(data.title)), `${data.no} not by its title in the list`).toBe(false);
      // chapter 2's heading keeps the title (with its 用語解説 numbers)
      expect(loose(`${data.no}${data.title}（${data.department}）`).test(chapter2), `${data.no} in chapter 2`).toBe(true);
      expect(chapter3.includes(squash(data.listTitle)), `${data.no} in chapter 3`).toBe(true);
    }
    // a section's list name: its group row and the 従たる目標 of the rows that name it
    const goals = squash(list.map((p) => columnText(p, edges[edges.length - 5], edges[edges.length - 4])).join(''));
    expect(goals.split('各分野におけるICT活用への取組とその支援').length - 1).toBe(4);
    expect(goals).not.toContain('ICT利活用の取組とその支援');
    const text = squash(list.map((p) => p.text).join(''));
    expect(text.includes('(2)各分野におけるICT活用への取組とその支援')).toBe(true);
    expect(chapter2.includes('(2)各分野におけるICT利活用の取組とその支援')).toBe(true);
  });

  it('gives each row the page where the booklet prints that entry, 再掲 rows included', () => {
    const printed = printedNumbers(booklet);
    const all = initiatives('miyagi-ict-plan');
    const byNo = new Map(all.map((i) => [i.data.no as number, i.data]));
    // where the booklet prints each entry heading: "N 名称（部局）"
    const inBooklet = new Map<number, number[]>();
    const ch3 = booklet.findIndex((p) => p.lines.some((l) => squash(l).startsWith('第3章')) && printed[p.number - 1] !== undefined);
    booklet.slice(0, ch3).forEach((p) => {
      for (const line of p.lines.map(squash)) {
        const m = /^(\d+)/.exec(line);
        const d = m && byNo.get(Number(m[1]));
        if (d && line.startsWith(`${d.no}${squash(d.title).slice(0, 6)}`)) {
          inBooklet.set(d.no, [...(inBooklet.get(d.no) ?? []), printed[p.number - 1]!]);
        }
      }
    });
    // the list's rows: number in the first column, 掲載頁 in the last, on the same baseline
    const inList = new Map<number, number[]>();
    for (const p of list) {
      const nos = p.items.filter((i) => i.x < edges[1] && /^\d+$/.test(i.str));
      for (const n of nos) {
        const page = p.items.find((i) => i.x >= edges[edges.length - 2] - 1 && Math.abs(i.y - n.y) < 1 && /^\d+$/.test(i.str));
        expect(page, `row ${n.str}`).toBeDefined();
        inList.set(Number(n.str), [...(inList.get(Number(n.str)) ?? []), Number(page!.str)]);
      }
    }
    expect(inList.size).toBe(100);
    expect([...inList.values()].flat()).toHaveLength(104);
    for (const [no, pages] of inList) expect([...pages].sort(), `事業 ${no}`).toEqual([...(inBooklet.get(no) ?? [])].sort());
  });

  it('shows indicators with their dates under the plan-era rule, and 官民データ marks', () => {
    const text = squash(list.map((p) => columnText(p, edges[edges.length - 4], edges[edges.length - 3])).join(''));
    expect(text).toContain(squash('周産期医療情報システム登録医療機関数現状値(H30年3月末)58件目標値(H33年3月末)60件'));
    expect(text).toContain(squash('オープンデータ公開市町村数現状値(H30年度末)5市目標値(H32年度末)35市町村'));
    expect(text).toContain('現状値(H29平均)40.7分');
    expect(text).toContain('現状値(H29年度実績)2,367件');
    const marks = list.flatMap((p) => p.items.filter((i) => i.x >= edges[edges.length - 3] - 1 && i.x < edges[edges.length - 2] - 1 && /^[①-⑤]$/.test(i.str)));
    const expected = initiatives('miyagi-ict-plan').reduce((n, i) => n + (i.data.policyMeasures?.length ?? 0) * (1 + (i.data.relistedIn?.length ?? 0)), 0);
    expect(marks.length).toBe(expected);
  });

  it('wraps every title on at most three lines, in text of at least 7 pt', () => {
    let rowsSeen = 0;
    for (const p of list) {
      const body = p.items.filter((i) => i.y < PAGE_HEIGHT - HEADER_BOTTOM && i.y > 40);
      expect(Math.min(...body.filter((i) => i.str.trim()).map((i) => i.height))).toBeGreaterThanOrEqual(7);
      const names = body.filter((i) => i.x >= edges[1] - 1 && i.x < edges[2] - 1);
      const ys = [...new Set(names.map((i) => Math.round(i.y)))].sort((a, b) => b - a);
      let titleLines = 0;
      for (const y of ys) {
        const line = names
          .filter((i) => Math.round(i.y) === y)
          .map((i) => i.str)
          .join('');
        if (line.startsWith('【')) {
          expect(titleLines, `${p.number}: ${line}`).toBeLessThanOrEqual(3);
          expect(titleLines).toBeGreaterThan(0);
          titleLines = 0;
          rowsSeen++;
        } else if (!line.includes('】')) titleLines++; // an owner wrapped on two lines ends with 】
      }
    }
    expect(rowsSeen).toBe(104);
  });

  it('never leaves a group row last on a page', () => {
    const ds = json('miyagi-ict-plan', 'dataset.json');
    const groupTitles = sections(ds.sections).map((s: any) => squash(s.listTitle ?? s.title));
    for (const p of list.slice(0, -1)) {
      const body = p.items.filter((i) => i.y > 40 && i.y < PAGE_HEIGHT - HEADER_BOTTOM);
      const lowest = Math.min(...body.map((i) => i.y));
      const last = squash(
        body
          .filter((i) => Math.abs(i.y - lowest) < 1)
          .map((i) => i.str)
          .join(''),
      );
      expect(
        groupTitles.some((t: string) => last.endsWith(t)),
        `page ${p.number} ends with ${last}`,
      ).toBe(false);
    }
  });

  it('names the groups with their derived labels', () => {
    const text = squash(list.map((p) => p.text).join(''));
    const ds = json('miyagi-ict-plan', 'dataset.json');
    expect(text).toContain(squash(`1 ${ds.sections[0].listTitle ?? ds.sections[0].title}`));
    expect(text).toContain(squash(`(1)${ds.sections[0].children[0].title}`));
    expect(text).toContain(squash(`①${ds.sections[0].children[0].children[0].title}`));
  });

  it('builds a five-year Reiwa plan with columns R3 … R7 and no change to code', async () => {
    const { pages } = await readPdf(out('reiwa-plan', 'initiative-list.pdf'));
    const head = squash(pages[0].lines.slice(0, 6).join(''));
    expect(head).toMatch(/R3R4R5R6R7/);
    const e = columns(5);
    const sched = squash(columnsText(pages[0], e, 2, 7));
    for (const label of ['設計・構築', '運用', '検討', '導入']) expect(sched).toContain(label);
    expect(squash(pages[0].text)).toContain('現状値(R2年度末)10件');
    expect(squash(pages[0].text)).toContain('目標値(R8年3月末)100件');
  });
});

// The appendix workbooks read back with exceljs: sheets, merges, formats, print set-up,
// values equal to the data, and formulas whose cached results equal a recount.
import { describe, it, expect, beforeAll } from 'vitest';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { initiatives, json, sections, isNewIn } from './helpers/data.js';
import { out } from './outputs.js';

async function load(id: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(out(id, 'appendix.xlsx')) as unknown as ArrayBuffer);
  return wb;
}

const values = (ws: ExcelJS.Worksheet, col: number, from: number) => {
  const out: unknown[] = [];
  for (let r = from; r <= ws.rowCount; r++) out.push(ws.getRow(r).getCell(col).value);
  return out;
};

describe('appendix workbook: results', () => {
  let wb: ExcelJS.Workbook;
  const rows = initiatives('fukushima-ict-strategy');
  beforeAll(async () => {
    wb = await load('fukushima-ict-strategy');
  });

  it('has the results sheet named by the era rule and the summary', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['事業実施結果 H29', '集計']);
    expect(wb.title).toBe('ふくしま創生ICT戦略');
    expect(wb.creator).toBe('福島県');
    expect(wb.created.toISOString()).toBe('2018-06-01T00:00:00.000Z');
  });

  it('holds budgets as summable numbers formatted #,##0, blank where none, and ○ for 新規', () => {
    const ws = wb.getWorksheet('事業実施結果 H29')!;
    expect(ws.rowCount).toBe(104);
    const budgets = values(ws, 6, 2);
    expect(budgets.filter((b) => b === null)).toHaveLength(rows.filter((r) => r.data.results['2017'].budget === null).length);
    const sum = budgets.reduce((a: number, b) => a + (typeof b === 'number' ? b : 0), 0);
    expect(sum).toBe(rows.reduce((a, r) => a + (r.data.results['2017'].budget ?? 0), 0));
    expect(ws.getRow(2).getCell(6).numFmt).toBe('#,##0');
    expect(values(ws, 3, 2).filter((v) => v === '○')).toHaveLength(rows.filter((r) => isNewIn(r.data, '2017')).length);
    expect(values(ws, 4, 2)).toEqual(expect.arrayContaining(rows.map((r) => r.data.title)));
  });

  it('is set up for print and work: frozen header, filter, A4 or A3 landscape at 100 % (never fitted to the page), titles repeated, page numbers, BIZ UDPゴシック', () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect([8, 9]).toContain(ws.pageSetup.paperSize);
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', scale: 100, printTitlesRow: '1:1' });
      expect(ws.pageSetup.fitToPage).toBeFalsy();
      expect(ws.headerFooter.oddFooter).toContain('&P / &N');
      expect(ws.getRow(2).getCell(1).font?.name).toBe('BIZ UDPゴシック');
      expect(ws.getRow(1).getCell(1).border?.top?.style).toBe('thin');
    }
  });

  it('summarises with formulas whose cached results equal a recount of the data sheet', () => {
    const data = wb.getWorksheet('事業実施結果 H29')!;
    const sum = wb.getWorksheet('集計')!;
    const pillar = values(data, 1, 2) as string[];
    const budget = values(data, 6, 2) as (number | null)[];
    const isNew = values(data, 3, 2);
    const cat = values(data, 11, 2);
    const heads = (sum.getRow(1).values as unknown[]).slice(1) as string[];
    for (let r = 2; r <= sum.rowCount - 1; r++) {
      const row = sum.getRow(r);
      const key = row.getCell(1).value as string;
      const mine = pillar.map((p, i) => (p === key ? i : -1)).filter((i) => i >= 0);
      // exceljs writes a cached 0 as <v>0</v> but reads it back as undefined
      const cell = (c: number) => {
        const v = row.getCell(c).value as { formula: string; result?: number };
        return { formula: v.formula, result: v.result ?? 0 };
      };
      expect(cell(2).formula).toMatch(/^COUNTIF\(/);
      expect(cell(2).result).toBe(mine.length);
      expect(cell(3).result).toBe(mine.filter((i) => isNew[i] === '○').length);
      expect(cell(4).formula).toMatch(/^SUMIF\(/);
      expect(cell(4).result).toBe(mine.reduce((a, i) => a + (budget[i] ?? 0), 0));
      for (let c = 5; c <= heads.length; c++) expect(cell(c).result).toBe(mine.filter((i) => cat[i] === heads[c - 1]).length);
    }
    const total = sum.getRow(sum.rowCount);
    expect((total.getCell(2).value as { result: number }).result).toBe(103);
    expect((total.getCell(4).value as { formula: string }).formula).toMatch(/^SUM\(D2:D6\)$/);
  });
});

describe('appendix workbook: initiative list', () => {
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    ws = (await load('miyagi-ict-plan')).getWorksheet('主な取組一覧')!;
  });

  it('has one column per fiscal year under a merged スケジュール header, and print titles 1:2', () => {
    expect(ws.getRow(1).getCell(3).value).toBe('スケジュール(年度)');
    expect([3, 4, 5, 6].map((c) => ws.getRow(2).getCell(c).value)).toEqual(['H29', 'H30', 'H31', 'H32']);
    const merges: string[] = (ws.model as { merges: string[] }).merges;
    expect(merges).toContain('C1:F1');
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('merges group rows across the full width and schedule spans across their years', () => {
    const merges: string[] = (ws.model as { merges: string[] }).merges;
    const list = initiatives('miyagi-ict-plan');
    let groups = 0;
    let spans = 0;
    for (let r = 3; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const no = row.getCell(1).value;
      if (typeof no === 'string') {
        expect(merges).toContain(`A${r}:J${r}`);
        groups++;
        continue;
      }
      const data = list.find((i) => i.data.no === no)!.data;
      for (const s of data.schedule) {
        const col = 3 + s.from - 2017;
        expect(row.getCell(col).value, `${no} ${s.label}`).toBe(s.label);
        if (s.to > s.from) {
          expect(merges).toContain(`${String.fromCharCode(64 + col)}${r}:${String.fromCharCode(64 + col + s.to - s.from)}${r}`);
          spans++;
        }
      }
    }
    expect(groups).toBe(sections(json('miyagi-ict-plan', 'dataset.json').sections).length);
    expect(spans).toBeGreaterThan(80);
  });
});

// Printed through LibreOffice: tests/workbook-print.test.ts prints both appendices with every
// other workbook, in one run per font condition.

// Reading one cell of a returned survey workbook (src/survey/cells.ts), on cells made in memory:
// what each input column takes, and why a cell is refused. The round trip through whole workbooks
// is in survey.test.ts and survey-hostile.test.ts.
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import {
  EXCEL_CELL_MAX,
  firstFilledColumn,
  lockedText,
  metaText,
  norm,
  readBudget,
  readCell,
  readNewMark,
  readProse,
  readText,
  CIRCLES_ALIKE,
} from '../src/survey/cells.js';
import { TEXT_MAX } from '../src/model/limits.js';
import { Wording, createHandlebars } from '../src/templates/index.js';

const MAX = Number.MAX_SAFE_INTEGER;
let next = 1;
/** A fresh cell of a fresh sheet holding `value`, under the number format `numFmt` if given. */
function cell(value: ExcelJS.CellValue, numFmt?: string): ExcelJS.Cell {
  const c = new ExcelJS.Workbook().addWorksheet('s').getCell(`A${next++}`);
  c.value = value;
  if (numFmt) c.numFmt = numFmt;
  return c;
}
const refusal = (r: { ok: boolean; refusal?: unknown }) => (r.ok ? undefined : r.refusal);

describe('readCell: only a value a person typed', () => {
  it('reads blanks, numbers, booleans, text, rich text and a link’s text', () => {
    expect(readCell(cell(null))).toEqual({ ok: true, value: { type: 'empty' } });
    // exceljs gives null for an empty cell; another reader may give undefined
    expect(readCell({ value: undefined, isMerged: false } as unknown as ExcelJS.Cell)).toEqual({ ok: true, value: { type: 'empty' } });
    expect(readCell(cell(12))).toEqual({ ok: true, value: { type: 'number', value: 12 } });
    expect(readCell(cell(false))).toEqual({ ok: true, value: { type: 'boolean', value: false } });
    expect(readCell(cell('行1\n行2\r\n'))).toEqual({ ok: true, value: { type: 'text', text: '行1\n行2\r\n' } });
    expect(readCell(cell({ richText: [{ text: '前' }, { text: '後' }] }))).toEqual({ ok: true, value: { type: 'text', text: '前後' } });
    expect(readCell(cell({ text: 'リンク', hyperlink: 'https://example.jp' }))).toEqual({ ok: true, value: { type: 'text', text: 'リンク' } });
    const richLink = { text: { richText: [{ text: 'リ' }, { text: 'ンク' }] }, hyperlink: 'https://example.jp' } as unknown as ExcelJS.CellValue;
    expect(readCell(cell(richLink))).toEqual({ ok: true, value: { type: 'text', text: 'リンク' } });
  });

  it('refuses a value it cannot read as text: a link without text, or some other object', () => {
    expect(refusal(readCell(cell({ hyperlink: 'https://example.jp' } as unknown as ExcelJS.CellValue)))).toEqual({ kind: 'text' });
    expect(refusal(readCell(cell({ text: 5, hyperlink: 'https://example.jp' } as unknown as ExcelJS.CellValue)))).toEqual({ kind: 'text' });
    expect(refusal(readCell(cell({ text: { other: 1 }, hyperlink: 'https://example.jp' } as unknown as ExcelJS.CellValue)))).toEqual({ kind: 'text' });
    expect(refusal(readCell(cell({ text: '文字' } as unknown as ExcelJS.CellValue)))).toEqual({ kind: 'text' });
  });

  it('refuses formulas (the first 40 characters named), shared-formula children and error values', () => {
    const long = `SUM(${'B1,'.repeat(30)}B2)`;
    expect(refusal(readCell(cell({ formula: long, result: 3 } as ExcelJS.CellFormulaValue)))).toEqual({ kind: 'formula', found: `=${long.slice(0, 40)}` });
    const ws = new ExcelJS.Workbook().addWorksheet('s');
    ws.getCell('A1').value = { formula: 'B1*2', shareType: 'shared', ref: 'A1:A2', result: 2 } as ExcelJS.CellFormulaValue;
    ws.getCell('A2').value = { sharedFormula: 'A1', result: 4 } as ExcelJS.CellSharedFormulaValue;
    expect(refusal(readCell(ws.getCell('A2')))).toEqual({ kind: 'formula', found: '=B2*2' });
    // a child whose master is gone has no formula text from exceljs: its own reference is named
    ws.getCell('B5').value = { sharedFormula: 'Z9', result: 4 } as ExcelJS.CellSharedFormulaValue;
    expect(refusal(readCell(ws.getCell('B5')))).toEqual({ kind: 'formula', found: '=Z9' });
    // a reader that gives no formula text of the cell: the value's own, or none
    const bare = (value: unknown) => ({ value, formula: undefined, isMerged: false }) as unknown as ExcelJS.Cell;
    expect(refusal(readCell(bare({ formula: 'C1+1', result: 2 })))).toEqual({ kind: 'formula', found: '=C1+1' });
    expect(refusal(readCell(bare({ formula: undefined, result: 2 })))).toEqual({ kind: 'formula', found: '=' });
    expect(refusal(readCell(cell({ error: '#DIV/0!' } as ExcelJS.CellErrorValue)))).toEqual({ kind: 'formula', found: '#DIV/0!' });
  });

  it('refuses merged cells, with a value or blank', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('s');
    ws.getCell('A1').value = '結合';
    ws.mergeCells('A1:B1');
    ws.mergeCells('A2:B2');
    for (const at of ['A1', 'B1', 'A2', 'B2']) expect(refusal(readCell(ws.getCell(at))), at).toEqual({ kind: 'merged' });
  });

  it('refuses dates, and numbers a date format shows as a date', () => {
    expect(refusal(readCell(cell(new Date(Date.UTC(2019, 4, 1)))))).toEqual({ kind: 'date', shown: '2019/5/1' });
    expect(refusal(readCell(cell(43586, 'yyyy/mm/dd')))).toEqual({ kind: 'date', shown: '2019/5/1' });
    expect(readCell(cell(43586, '#,##0'))).toEqual({ ok: true, value: { type: 'number', value: 43586 } });
    // text typed into a cell formatted as a date is shown as typed
    expect(readCell(cell('2019年5月', 'yyyy/mm/dd'))).toEqual({ ok: true, value: { type: 'text', text: '2019年5月' } });
  });

  it('refuses control characters but line ends, naming the code point', () => {
    const codes: [string, string | undefined][] = [
      ['\u0000', 'U+0000'],
      ['\u0007', 'U+0007'],
      ['\t', 'U+0009'],
      ['\n', undefined],
      ['\u000B', 'U+000B'],
      ['\u000C', 'U+000C'],
      ['\r', undefined],
      ['\u000E', 'U+000E'],
      ['\u001F', 'U+001F'],
      [' ', undefined],
      ['~', undefined],
      ['\u007F', 'U+007F'],
      ['\u009F', 'U+009F'],
      ['\u00A0', undefined],
    ];
    for (const [ch, code] of codes) expect(refusal(readCell(cell(`前${ch}後`))), code ?? JSON.stringify(ch)).toEqual(code && { kind: 'control', code });
  });

  it('refuses _xHHHH_ escapes a reader left undecoded, naming the first', () => {
    expect(refusal(readCell(cell('前_x0007_後_x0008_')))).toEqual({ kind: 'escape', found: '_x0007_' });
    expect(refusal(readCell(cell('_xabcD_')))).toEqual({ kind: 'escape', found: '_xabcD_' });
    for (const t of ['_x00G7_', '_x007_', 'x0007_', '_x0007']) expect(readCell(cell(t)).ok, t).toBe(true);
  });
});

describe('norm and lockedText', () => {
  it('keeps line ends as the data does, without surrounding blanks', () => {
    expect(norm(' 一\r\n二\r三\n ')).toBe('一\n二\n三');
    expect(norm('一\r\r\n二')).toBe('一\n\n二');
  });

  it('reads a locked column as text, and refuses a formula there', () => {
    expect(lockedText(cell(null))).toEqual({ ok: true, value: '' });
    expect(lockedText(cell(' 事業名\r\n '))).toEqual({ ok: true, value: '事業名' });
    expect(lockedText(cell(1.5))).toEqual({ ok: true, value: '1.5' });
    expect(lockedText(cell(true))).toEqual({ ok: true, value: 'true' });
    expect(refusal(lockedText(cell({ formula: 'A1', result: 'x' } as ExcelJS.CellFormulaValue)))).toEqual({ kind: 'formula', found: '=A1' });
  });
});

describe('readBudget: 事業費（千円）', () => {
  it('takes whole numbers from 0, typed as numbers or as text with thousands separators, and blank', () => {
    const ok: [ExcelJS.CellValue, number | null][] = [
      [null, null],
      ['', null],
      [' \n ', null],
      [0, 0],
      [1234, 1234],
      [MAX, MAX],
      ['1,234', 1234],
      ['１，２３４', 1234],
      [' 12 345 ', 12345],
      ['1500.0', 1500],
      ['1500.00', 1500],
      ['135,304', 135304],
      ['1,000,000', 1000000],
      ['007', 7],
      [String(MAX), MAX],
    ];
    for (const [v, want] of ok) expect(readBudget(cell(v)), JSON.stringify(v)).toEqual({ ok: true, value: want });
    expect(readBudget(cell(1234, 'General'))).toEqual({ ok: true, value: 1234 });
  });

  it('refuses fractions, negatives, stray separators and words, naming what was typed', () => {
    for (const v of [1.5, -1]) expect(refusal(readBudget(cell(v)))).toEqual({ kind: 'budget', typed: String(v) });
    for (const v of [',', '1,23', '1234,567', '1,2345', '1.5', '1.', '.0', '1,234.', '-5', '12a', 'a12', '¥100'])
      expect(refusal(readBudget(cell(v))), v).toEqual({ kind: 'budget', typed: v });
    expect(refusal(readBudget(cell(true)))).toEqual({ kind: 'budget', typed: 'TRUE' });
    expect(refusal(readBudget(cell(' 1.5\r\n')))).toEqual({ kind: 'budget', typed: '1.5' });
  });

  it('refuses the words people write for 「no budget」, asking for a blank cell', () => {
    for (const v of ['-', 'ー', '―', '−', 'なし', '無し', 'ナシ', '該当なし', 'N/A', 'n/a', 'not applicable', 'No Applicable', 'notapplicable', ' なし\r\n']) {
      expect(refusal(readBudget(cell(v))), v).toEqual({ kind: 'budget-none', typed: norm(v) });
    }
    for (const v of ['なしなし', 'x-', '-x', 'n/ab', 'noXapplicable']) expect(refusal(readBudget(cell(v)))).toEqual({ kind: 'budget', typed: v });
  });

  it('refuses a number typed with its unit, offering the number in 千円 where it is whole', () => {
    const cases: [string, number | undefined][] = [
      ['1,200千円', 1200],
      ['１，２００千円', 1200],
      ['1200 千円', 1200],
      ['0千円', 0],
      ['12万円', 120],
      ['1.5万円', 15],
      ['1,200,000円', 1200],
      ['1,500円', undefined],
      ['1.5千円', undefined],
      ['1.25万円', undefined],
    ];
    for (const [v, value] of cases)
      expect(refusal(readBudget(cell(v))), v).toEqual({ kind: 'budget-unit', typed: norm(v), ...(value === undefined ? {} : { value }) });
    // a malformed number with a unit is refused as any malformed number is
    for (const v of ['1,2345千円', '千円', 'a千円', 'x1,200千円', '1,200千円です', '1,2345.5万円'])
      expect(refusal(readBudget(cell(v))), v).toEqual({ kind: 'budget', typed: v });
    const words = Wording.load(createHandlebars({}), 'survey');
    expect(words.get('err-budget-unit', { typed: '1,200千円', value: 1200 })).toBe(
      '事業費に単位つきで「1,200千円」と入力されています。千円単位の数値だけを入力してください（1,200千円 なら 1200）',
    );
    expect(words.get('err-budget-unit', { typed: '0千円', value: 0 })).toContain('（0千円 なら 0）');
    expect(words.get('err-budget-unit', { typed: '1,500円' })).toContain('（千円未満は入力できません）');
  });

  it('refuses a number a format shows otherwise (100% is 1), and totals beyond exact integers', () => {
    expect(refusal(readBudget(cell(1, '0%')))).toEqual({ kind: 'shown', format: '0%', shown: '100%', value: '1' });
    expect(refusal(readBudget(cell(MAX + 1)))).toEqual({ kind: 'budget-big', max: MAX });
    expect(refusal(readBudget(cell('9007199254740993')))).toEqual({ kind: 'budget-big', max: MAX });
    expect(refusal(readBudget(cell({ error: '#REF!' } as ExcelJS.CellErrorValue)))).toEqual({ kind: 'formula', found: '#REF!' });
  });
});

describe('readText: 目標の達成度 and 実績・成果等', () => {
  it('takes text and plain numbers, normalised, blank as nothing', () => {
    expect(readText(cell(null))).toEqual({ ok: true, value: undefined });
    expect(readText(cell(' \r\n '))).toEqual({ ok: true, value: undefined });
    expect(readText(cell(' 達成\r\nした '))).toEqual({ ok: true, value: '達成\nした' });
    expect(readText(cell(12))).toEqual({ ok: true, value: '12' });
    expect(readText(cell(12, 'General'))).toEqual({ ok: true, value: '12' });
    expect(readText(cell(12, '@'))).toEqual({ ok: true, value: '12' });
    // text in a cell formatted as a percentage is shown as typed
    expect(readText(cell('約5割', '0%'))).toEqual({ ok: true, value: '約5割' });
  });

  it('refuses a number shown through a format, a boolean and a formula', () => {
    expect(refusal(readText(cell(1, '0%')))).toEqual({ kind: 'number-format', format: '0%', shown: '100%', value: '1' });
    expect(refusal(readText(cell(1234, '#,##0')))).toEqual({ kind: 'number-format', format: '#,##0', shown: '1,234', value: '1234' });
    expect(refusal(readText(cell(true)))).toEqual({ kind: 'text' });
    expect(refusal(readText(cell({ formula: 'A1', result: 'x' } as ExcelJS.CellFormulaValue)))).toEqual({ kind: 'formula', found: '=A1' });
  });

  it('takes text up to the limit and refuses one character more, counted after normalising', () => {
    const max = Math.min(TEXT_MAX, EXCEL_CELL_MAX);
    expect(max).toBe(20000);
    expect(readText(cell(`  ${'あ'.repeat(max)}  `))).toEqual({ ok: true, value: 'あ'.repeat(max) });
    expect(refusal(readText(cell('あ'.repeat(max + 1))))).toEqual({ kind: 'too-long', length: max + 1, max });
  });
});

describe('readProse: a text answer printed as prose', () => {
  it('stores its figures half-width, as every document prints them, and the rest as typed', () => {
    expect(readProse(cell('県内７地区で開催し、延べ１，２３４人（９８．５％）が参加。ＩＣＴ研修'))).toEqual({
      ok: true,
      value: '県内7地区で開催し、延べ1,234人（98.5%）が参加。ICT研修',
    });
    expect(readProse(cell('研修を実施した。'))).toEqual({ ok: true, value: '研修を実施した。' });
  });
  it('keeps blank as blank and refuses what readText refuses', () => {
    expect(readProse(cell(null))).toEqual({ ok: true, value: undefined });
    expect(readProse(cell('  '))).toEqual(readText(cell('  ')));
    expect(refusal(readProse(cell({ formula: 'A1' } as ExcelJS.CellValue)))).toEqual(refusal(readText(cell({ formula: 'A1' } as ExcelJS.CellValue))));
  });
});

describe('readNewMark: 新規（○）', () => {
  const marks = ['○', ...CIRCLES_ALIKE];
  it('takes the mark or blank', () => {
    expect(readNewMark(cell(null), marks)).toEqual({ ok: true, value: false });
    expect(readNewMark(cell(' \r\n'), marks)).toEqual({ ok: true, value: false });
    expect(readNewMark(cell('○'), marks)).toEqual({ ok: true, value: true });
    expect(readNewMark(cell(' 〇\r\n'), marks)).toEqual({ ok: true, value: true });
    expect(readNewMark(cell('◯'), marks)).toEqual({ ok: true, value: true });
  });
  it('refuses anything else', () => {
    // refused with what was typed, as Excel shows it
    for (const [v, typed] of [
      ['x', 'x'],
      [' ｏ ', 'ｏ'],
      ['○○', '○○'],
      [1, '1'],
      [true, 'TRUE'],
    ] as [ExcelJS.CellValue, string][])
      expect(refusal(readNewMark(cell(v), marks)), String(v)).toEqual({ kind: 'new', typed });
    expect(refusal(readNewMark(cell(new Date(Date.UTC(2019, 0, 1))), marks))).toMatchObject({ kind: 'date' });
  });
});

describe('the hidden sheet and rows', () => {
  it('metaText reads what the export wrote, and nothing a formula computed', () => {
    expect(metaText('fukushima')).toBe('fukushima');
    expect(metaText(2017)).toBe('2017');
    expect(metaText({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
    expect(metaText({ formula: 'A1', result: 'x' } as ExcelJS.CellFormulaValue)).toBeUndefined();
    expect(metaText(null)).toBeUndefined();
    expect(metaText(true)).toBeUndefined();
  });

  it('firstFilledColumn names the first column holding a value, a formula or an error; blank text is nothing', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('s');
    expect(firstFilledColumn(undefined)).toBeUndefined();
    ws.getCell('B1').value = '  ';
    expect(firstFilledColumn(ws.getRow(1))).toBeUndefined();
    ws.getCell('D1').value = 0;
    ws.getCell('E1').value = 'x';
    expect(firstFilledColumn(ws.getRow(1))).toBe(4);
    ws.getCell('C2').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('F2').value = 'x';
    expect(firstFilledColumn(ws.getRow(2))).toBe(3);
    ws.getCell('C4').value = '記入';
    ws.getCell('D4').value = 1;
    expect(firstFilledColumn(ws.getRow(4))).toBe(3);
    ws.getCell('B3').value = { formula: 'A1', result: '' } as ExcelJS.CellFormulaValue;
    expect(firstFilledColumn(ws.getRow(3))).toBe(2);
  });
});

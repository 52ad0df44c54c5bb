// Reading one cell of a returned survey workbook, and what each input column accepts.
// A cell is taken only as a value a person typed: formulas (their cached result may be stale
// or crafted), error values, dates, merged cells, control characters and OOXML `_xHHHH_`
// escapes are refused, never read as empty or as some text.
import ExcelJS from 'exceljs';
import { TEXT_MAX } from '../model/limits.js';
import { formatEffect, shownText } from './number-format.js';
import { halfWidthFigures } from '../half-width.js';

/** Excel keeps at most this many characters in a cell. */
export const EXCEL_CELL_MAX = 32767;

/** Why a cell cannot be taken; the key of its message in templates/survey.hbs is `err-${kind}`. */
export type CellRefusal =
  | { kind: 'formula'; found: string }
  | { kind: 'date'; shown: string }
  | { kind: 'merged' }
  | { kind: 'control'; code: string }
  | { kind: 'escape'; found: string }
  | { kind: 'too-long'; length: number; max: number }
  | { kind: 'text' }
  | { kind: 'number-format'; format: string; shown: string; value: string }
  | { kind: 'shown'; format: string; shown: string; value: string }
  | { kind: 'budget'; typed: string }
  | { kind: 'budget-none'; typed: string }
  | { kind: 'budget-unit'; typed: string; value?: number }
  | { kind: 'budget-big'; max: number }
  | { kind: 'new'; typed: string }
  | { kind: 'actual'; typed: string; unit: string }
  | { kind: 'actual-unit'; typed: string; found: string; unit: string }
  | { kind: 'actual-approx'; typed: string; number: string }
  | { kind: 'actual-shown'; format: string; shown: string; value: string; unit: string }
  | { kind: 'choice'; typed: string; column: string; choices: string };

/** A cell's answer: left blank (the stored value stays), cleared with the mark, or a value. */
export type Answered<T> = { kind: 'keep' } | { kind: 'clear' } | { kind: 'set'; value: T };

export type Reading<T> = { ok: true; value: T } | { ok: false; refusal: CellRefusal };

type Raw = { type: 'empty' } | { type: 'text'; text: string } | { type: 'number'; value: number } | { type: 'boolean'; value: boolean };

const ok = <T>(value: T): Reading<T> => ({ ok: true, value });
const no = (refusal: CellRefusal): { ok: false; refusal: CellRefusal } => ({ ok: false, refusal });

// C0 controls but line feed and carriage return (Alt+Enter in a cell), DEL and C1 controls
// eslint-disable-next-line no-control-regex -- control characters are what a cell may not bring in
const CONTROL = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// ST_Xstring escapes that a reader may leave undecoded (`_x0007_`)
const ESCAPE = /_x[0-9A-Fa-f]{4}_/;

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The value of a cell as typed, or why it is not one. */
export function readCell(cell: ExcelJS.Cell): Reading<Raw> {
  const v = cell.value;
  if (v === null || v === undefined) return cell.isMerged ? no({ kind: 'merged' }) : ok({ type: 'empty' });
  if (typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    // a shared-formula child has no formula text of its own; exceljs translates the master's
    const f = cell.formula ?? ('formula' in v ? v.formula : undefined) ?? ('sharedFormula' in v ? v.sharedFormula : '');
    return no({ kind: 'formula', found: `=${String(f).slice(0, 40)}` });
  }
  if (typeof v === 'object' && !(v instanceof Date) && 'error' in v) return no({ kind: 'formula', found: String(v.error) });
  if (cell.isMerged) return no({ kind: 'merged' });
  if (v instanceof Date) return no({ kind: 'date', shown: shownText(v, cell.numFmt) });
  // a date format exceljs does not know as one (the era year 「30年」 is `e"年"`) leaves a serial number
  if (typeof v === 'number' && formatEffect(cell.numFmt, v) === 'date') return no({ kind: 'date', shown: shownText(v, cell.numFmt) });
  if (typeof v === 'number') return ok({ type: 'number', value: v });
  if (typeof v === 'boolean') return ok({ type: 'boolean', value: v });
  let text: string | undefined;
  if (typeof v === 'string') text = v;
  else if ('richText' in v) text = v.richText.map((t) => t.text).join('');
  else if ('hyperlink' in v) {
    const t = (v as { text?: unknown }).text;
    text =
      typeof t === 'string'
        ? t
        : t && typeof t === 'object' && 'richText' in t
          ? (t as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')
          : undefined;
  }
  if (text === undefined) return no({ kind: 'text' });
  const control = CONTROL.exec(text);
  if (control) return no({ kind: 'control', code: codePoint(control[0]) });
  const escape = ESCAPE.exec(text);
  if (escape) return no({ kind: 'escape', found: escape[0] });
  return ok({ type: 'text', text });
}

/** Line ends as the data keeps them, and no surrounding blanks. */
export const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/** A locked column's text, compared with the data; a formula there is refused like anywhere else. */
export function lockedText(cell: ExcelJS.Cell): Reading<string> {
  const r = readCell(cell);
  if (!r.ok) return r;
  const raw = r.value;
  return ok(norm(raw.type === 'empty' ? '' : raw.type === 'text' ? raw.text : String(raw.value)));
}

// one number or digits grouped by thousands (135,304), with zeros after a decimal point (1500.0);
// full-width digits and commas are made half-width first. Never separators alone
const DIGITS = /^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.0+)?$/;
// what people write for 「no budget」: the cover sheet asks for a blank cell
const NONE = /^(?:[-‐‑‒–—―−ーｰ]|なし|無し|ナシ|該当なし|not?\s*applicable|n\/a)$/i;
// a number written with its unit (「1,200千円」「12万円」「1,200,000円」): in thousands of yen, what to type
const WITH_UNIT = /^([0-9][0-9,]*(?:\.[0-9]+)?)(千円|万円|円)$/;
const THOUSANDS: Record<string, number> = { 千円: 1, 万円: 10, 円: 0.001 };

/** 事業費（千円）: a whole number from 0 to Number.MAX_SAFE_INTEGER, or blank. */
export function readBudget(cell: ExcelJS.Cell): Reading<number | null> {
  const r = readCell(cell);
  if (!r.ok) return r;
  const raw = r.value;
  let n: number;
  if (raw.type === 'empty') return ok(null);
  if (raw.type === 'number') {
    n = raw.value;
    // 「100%」 is the value 1, 「1,234」 under `#,##0,` is 1,234,000: the department saw the shown text
    if (formatEffect(cell.numFmt, n)) return no({ kind: 'shown', format: cell.numFmt, shown: shownText(n, cell.numFmt), value: String(n) });
    if (!Number.isInteger(n) || n < 0) return no({ kind: 'budget', typed: String(n) });
  } else if (raw.type === 'text') {
    const typed = norm(raw.text);
    // Stryker disable next-line Regex: removing blanks one by one (/\s/g) removes them all the same
    const t = typed.normalize('NFKC').replace(/\s+/g, '');
    if (t === '') return ok(null);
    if (NONE.test(t)) return no({ kind: 'budget-none', typed });
    const unit = WITH_UNIT.exec(t);
    if (unit && DIGITS.test(unit[1]!.split('.')[0]!)) {
      // the value in 千円 where it is a whole number (「1,500円」 is not: no value is offered)
      const value = Math.round(Number(unit[1]!.replace(/,/g, '')) * THOUSANDS[unit[2]!]! * 1000) / 1000;
      return no({ kind: 'budget-unit', typed, ...(Number.isSafeInteger(value) ? { value } : {}) });
    }
    if (!DIGITS.test(t)) return no({ kind: 'budget', typed });
    n = Number(t.replace(/,/g, ''));
  } else return no({ kind: 'budget', typed: String(raw.value).toUpperCase() });
  if (n > Number.MAX_SAFE_INTEGER) return no({ kind: 'budget-big', max: Number.MAX_SAFE_INTEGER });
  return ok(n);
}

/** 目標の達成度 and 実績・成果等: text up to the data format's limit (and never beyond Excel's). */
export function readText(cell: ExcelJS.Cell): Reading<string | undefined> {
  const r = readCell(cell);
  if (!r.ok) return r;
  const raw = r.value;
  if (raw.type === 'boolean') return no({ kind: 'text' });
  // "100%" typed into a cell is the number 1 shown through a format: the digits alone would mislead
  const fmt = cell.numFmt;
  if (raw.type === 'number' && fmt && fmt !== 'General' && fmt !== '@')
    return no({ kind: 'number-format', format: fmt, shown: shownText(raw.value, fmt), value: String(raw.value) });
  const t = raw.type === 'empty' ? '' : norm(raw.type === 'text' ? raw.text : String(raw.value));
  const max = Math.min(TEXT_MAX, EXCEL_CELL_MAX);
  if (t.length > max) return no({ kind: 'too-long', length: t.length, max });
  return ok(t || undefined);
}

/** A text answer printed as prose (an outcome, a reason): its figures half-width, as every document prints them. */
export function readProse(cell: ExcelJS.Cell): Reading<string | undefined> {
  const r = readText(cell);
  return r.ok && r.value !== undefined ? { ok: true, value: halfWidthFigures(r.value) } : r;
}

/** What is taken for the ○ sent, besides it: 〇 (the kanji zero) and ◯ (U+25EF) look the same on screen, as IMEs offer them. */
export const CIRCLES_ALIKE = ['〇', '◯'];

/** 新規（○）: the mark or blank. */
export function readNewMark(cell: ExcelJS.Cell, marks: string[]): Reading<boolean> {
  const r = readCell(cell);
  if (!r.ok) return r;
  const raw = r.value;
  if (raw.type === 'empty') return ok(false);
  const t = raw.type === 'text' ? norm(raw.text) : undefined;
  if (t === '') return ok(false);
  // Stryker disable next-line ConditionalExpression: no mark is undefined; the check is for the type checker
  if (t !== undefined && marks.includes(t)) return ok(true);
  // what was typed, as the budget's refusal shows it (a number or TRUE as Excel shows it)
  return no({ kind: 'new', typed: raw.type === 'text' ? norm(raw.text) : String(raw.value).toUpperCase() });
}

/** The text of a cell of the hidden sheet, written by the export (never a formula's result). */
export function metaText(v: ExcelJS.CellValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return undefined;
}

/** The first column of a row that holds something (a value, a formula or an error), if any. */
export function firstFilledColumn(row: ExcelJS.Row | undefined): number | undefined {
  let first: number | undefined;
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: the blank check below skips empty cells as well
  row?.eachCell({ includeEmpty: false }, (cell, col) => {
    if (first !== undefined) return;
    const v = cell.value;
    // Stryker disable next-line all: eachCell hands over no empty cell (includeEmpty: false); the check is kept should that change
    if (v === null || v === undefined) return;
    if (typeof v === 'string' && v.trim() === '') return;
    first = col;
  });
  return first;
}

// One cell of a returned plan workbook, read as its column reads it, on top of the survey's
// cell reader (src/survey/cells.ts): formulas, error values, dates, merged cells, control
// characters and number formats that change what a cell shows are refused the same way.
// Blank keeps the stored value; 「（削除）」 clears it.
import type ExcelJS from 'exceljs';
import { TITLE_MAX } from '../model/limits.js';
import { lockedText, norm, readCell, readText, type CellRefusal, type Reading } from '../survey/cells.js';

/** A cell's answer: left blank (the stored value stays), cleared with the mark, or a value. */
export type Answered<T> = { kind: 'keep' } | { kind: 'clear' } | { kind: 'set'; value: T };

/** A refusal of the survey's kinds (survey.hbs `err-<kind>`) or one of the plan's own (plan.hbs). */
export type PlanRefusal = { survey: CellRefusal } | { plan: string; context: Record<string, unknown> };

export type Read<T> = { ok: true; value: T } | { ok: false; refusal: PlanRefusal };

const fromSurvey = <T>(r: Reading<T>): Read<T> => (r.ok ? r : { ok: false, refusal: { survey: r.refusal } });

const isClear = (text: string, clear: string) => [clear, clear.replace('（', '(').replace('）', ')')].includes(norm(text).normalize('NFC'));

/** Text of a cell: blank keeps, the clear mark clears; `max` characters at most (names and titles: 200). */
export function answerText(cell: ExcelJS.Cell, clear: string, max?: number): Read<Answered<string>> {
  const typed = readCell(cell);
  if (typed.ok && typed.value.type === 'text' && isClear(typed.value.text, clear)) return { ok: true, value: { kind: 'clear' } };
  const r = fromSurvey(readText(cell));
  if (!r.ok) return r;
  if (r.value === undefined) return { ok: true, value: { kind: 'keep' } };
  if (max !== undefined && r.value.length > max) return { ok: false, refusal: { survey: { kind: 'too-long', length: r.value.length, max } } };
  return { ok: true, value: { kind: 'set', value: r.value } };
}

export const answerName = (cell: ExcelJS.Cell, clear: string) => answerText(cell, clear, TITLE_MAX);

/** A ○ column: the mark sets, blank keeps, the clear mark clears. */
export function answerMark(cell: ExcelJS.Cell, clear: string, marks: string[]): Read<Answered<true>> {
  const typed = readCell(cell);
  if (!typed.ok) return fromSurvey(typed);
  const v = typed.value;
  if (v.type === 'empty') return { ok: true, value: { kind: 'keep' } };
  const t = v.type === 'text' ? norm(v.text) : String(v.value);
  if (t === '') return { ok: true, value: { kind: 'keep' } };
  if (isClear(t, clear)) return { ok: true, value: { kind: 'clear' } };
  if (marks.includes(t)) return { ok: true, value: { kind: 'set', value: true } };
  return { ok: false, refusal: { plan: 'err-mark', context: { found: t, mark: marks[0], clear } } };
}

/** A locked cell's text (compared with what was sent). */
export const lockedCell = (cell: ExcelJS.Cell): Read<string> => fromSurvey(lockedText(cell));

/** A schedule year's text ('' blank); numbers (a year typed as 2019) are read as their digits. */
export function yearCell(cell: ExcelJS.Cell): Read<string> {
  const r = readCell(cell);
  if (!r.ok) return fromSurvey(r);
  const v = r.value;
  if (v.type === 'empty') return { ok: true, value: '' };
  if (v.type === 'boolean') return { ok: false, refusal: { survey: { kind: 'text' } } };
  // a number shown through a format (「100%」) is not what was typed: refused as readText does
  const t = fromSurvey(readText(cell));
  if (!t.ok) return t;
  const text = t.value ?? '';
  if (text.length > TITLE_MAX) return { ok: false, refusal: { survey: { kind: 'too-long', length: text.length, max: TITLE_MAX } } };
  return { ok: true, value: text };
}

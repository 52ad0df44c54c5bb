// The input cells of the 指標 sheet: an actual (a number in the indicator's unit) and a choice
// from the data set's list. What can mean one number only is read — 「12件」 for an indicator
// counted in 件, full-width 「１２」, 「80%」 typed into a % indicator's cell — and what could mean
// another is refused with what was typed: another unit, 「約80%」, a format that shows what the
// value is not. Formulas, dates and the rest are refused by readCell as in the results sheet.
import type ExcelJS from 'exceljs';
import { readCell, readText, norm, type Reading } from './cells.js';
import { formatEffect, shownText } from './number-format.js';
import { readQuantity } from '../plan/convert-indicators.js';

// after NFKC: half-width digits, commas grouping thousands, a decimal point, a minus
const NUMBER = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
// words around a number that make it an estimate or a bound, not the year's value
const APPROX = /^(?:約|およそ|凡そ|概ね|おおむね|大体|ほぼ|推計|見込み?)|(?:程度|前後|くらい|ぐらい|余り|あまり|以上|以下|未満|超|強|弱|ほど|見込み?)$/g;

/** Units compared as a person reads them: ％ is %, full-width letters are letters. */
export const sameUnit = (a: string, b: string) => a.normalize('NFKC').trim() === b.normalize('NFKC').trim();
const toNumber = (s: string) => Number(s.replace(/,/g, '').replace('−', '-'));
const no = <T>(refusal: Extract<Reading<T>, { ok: false }>['refusal']): Reading<T> => ({ ok: false, refusal });

/** An actual in `unit`, or blank (null). */
export function readActual(cell: ExcelJS.Cell, unit: string): Reading<number | null> {
  const r = readCell(cell);
  if (!r.ok) return r;
  const raw = r.value;
  if (raw.type === 'empty') return { ok: true, value: null };
  if (raw.type === 'boolean') return no({ kind: 'actual', typed: String(raw.value).toUpperCase(), unit });
  if (raw.type === 'number') {
    const v = raw.value;
    const effect = formatEffect(cell.numFmt, v);
    if (!effect) return { ok: true, value: v };
    const shown = shownText(v, cell.numFmt);
    // 「80%」 typed into a % indicator's cell: Excel keeps 0.8 and shows 80%, which is the value meant
    const q = effect === 'percent' && sameUnit(unit, '%') ? readQuantity(shown.normalize('NFKC')) : undefined;
    if (q && sameUnit(q.unit, '%') && Math.abs(q.number - v * 100) <= 1e-9 * Math.max(1, q.number)) return { ok: true, value: q.number };
    return no({ kind: 'actual-shown', format: cell.numFmt, shown, value: String(v), unit });
  }
  const typed = norm(raw.text);
  const t = typed.normalize('NFKC').replace(/\s+/g, '');
  if (t === '') return { ok: true, value: null };
  if (NUMBER.test(t)) return { ok: true, value: toNumber(t) };
  const bare = t.replace(APPROX, '');
  if (bare !== t) {
    const n = NUMBER.test(bare) ? toNumber(bare) : readQuantity(bare)?.number;
    if (n !== undefined) return no({ kind: 'actual-approx', typed, number: String(n) });
  }
  const q = readQuantity(t);
  if (q && sameUnit(q.unit, unit)) return { ok: true, value: q.number };
  if (q) return no({ kind: 'actual-unit', typed, found: q.unit, unit });
  return no({ kind: 'actual', typed, unit });
}

/** One of `choices` (compared as a person reads them: Ａ is A), or blank. */
export function readChoice(cell: ExcelJS.Cell, column: string, choices: string[]): Reading<string | undefined> {
  const r = readText(cell);
  if (!r.ok || r.value === undefined) return r;
  const typed = r.value;
  const match = choices.find((c) => sameUnit(c, typed));
  return match !== undefined ? { ok: true, value: match } : no({ kind: 'choice', typed, column, choices: choices.join('、') });
}

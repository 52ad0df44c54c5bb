// survey:import of the 指標 sheet: rows read by position against the book's own hidden sheet
// (_indicators), the locked cells compared with its snapshot, each indicator checked to be the
// one the book asked about (an indicator renamed, re-ordered or given another unit since the
// export would take an actual counted in something else), then each input cell read as its
// column reads it. The answers are written with the results' answers, all or nothing.
import { sinceExport } from './base-values.js';
import type ExcelJS from 'exceljs';
import * as jsonc from 'jsonc-parser';
import type { Model, Initiative } from '../model/schema.js';
import type { Wording } from '../templates/index.js';
import { isNumeric } from '../model/progress-answers.js';
import { INDICATOR_SHEET } from './columns.js';
import { firstFilledColumn, lockedText, metaText, norm, readCell, readProse, type Answered, type CellRefusal, type Reading } from './cells.js';
import { readActual, readChoice } from './indicator-cells.js';
import { countsWholeThings } from '../model/count-units.js';

export interface ActualAnswer {
  id: string;
  index: number;
  fy: number;
  value: Answered<number>;
  note: Answered<string>;
  /** the book's cell of this row in a column (for the messages after reading) */
  at: (col: number) => string;
  /** the fingerprints of the values the row was exported with (none in an older book) */
  base?: { value: string; note: string };
}

export interface EvaluationAnswer {
  id: string;
  fy: number;
  grade: Answered<string>;
  reason: Answered<string>;
  outlook: Answered<string>;
  at: (col: number) => string;
  base?: { grade: string; reason: string; outlook: string };
}

export interface IndicatorSheetInput {
  /** `book!sheet!A1` for a cell of the 指標 sheet */
  at: (row: number, col: number) => string;
  ws: ExcelJS.Worksheet;
  meta: ExcelJS.Worksheet;
  fy: number;
  model: Model;
  words: Wording;
  clearMarks: string[];
  err: (place: string, message: string) => void;
  warn: (place: string, message: string) => void;
  /** indicator (id#index) → the cell that answered it first, across the books */
  seen: Map<string, string>;
}

export function readIndicatorSheet(a: IndicatorSheetInput): { actuals: ActualAnswer[]; evaluations: EvaluationAnswer[] } {
  const { ws, meta, words, err, at } = a;
  const c = INDICATOR_SHEET.col;
  const m = INDICATOR_SHEET.meta;
  const actuals: ActualAnswer[] = [];
  const evaluations: EvaluationAnswer[] = [];
  const metaPlace = `${INDICATOR_SHEET.metaSheet}`;
  if (metaText(meta.getCell(1, 1).value) !== String(INDICATOR_SHEET.version)) {
    err(metaPlace, words.get('err-ind-meta', { sheet: INDICATOR_SHEET.metaSheet }));
    return { actuals, evaluations };
  }
  const rows: {
    id?: string;
    index: number;
    no: string;
    name: string;
    indicator: string;
    unit: string;
    evaluated: boolean;
    asked: boolean;
    base: Partial<Record<keyof typeof INDICATOR_SHEET.base, string>>;
  }[] = [];
  for (let r = INDICATOR_SHEET.firstRow; r <= meta.rowCount; r++) {
    const t = (col: number) => metaText(meta.getCell(r, col).value);
    rows.push({
      id: t(m.id),
      index: Number(t(m.index)),
      no: t(m.no) ?? '',
      name: t(m.name) ?? '',
      indicator: t(m.indicator) ?? '',
      unit: t(m.unit) ?? '',
      evaluated: t(m.evaluated) === '1',
      asked: t(m.asked) === '1',
      base: Object.fromEntries(Object.entries(INDICATOR_SHEET.base).map(([key, col]) => [key, t(col)])),
    });
  }
  while (rows.length && !rows[rows.length - 1]?.id) rows.pop();
  if (rows.some((x) => !x.id || !Number.isInteger(x.index) || x.index < 0)) {
    err(metaPlace, words.get('err-ind-meta', { sheet: INDICATOR_SHEET.metaSheet }));
    return { actuals, evaluations };
  }
  const byId = new Map(a.model.initiatives.map((i) => [i.id, i.data]));
  const progress = a.model.dataset.documents.progress;
  const grades = (progress?.grades ?? []).map((g) => g.label);
  const outlooks = progress?.outlooks ?? [];
  const headerRow = ws.getRow(INDICATOR_SHEET.headerRows);
  const columnName = (col: number) => {
    const h = lockedText(headerRow.getCell(col));
    return h.ok ? h.value.replace(/\n/g, '') : '';
  };
  const refused = (r: CellRefusal) => words.get(`err-${r.kind}`, r);
  rows.forEach((x, k) => {
    const row = INDICATOR_SHEET.headerRows + 1 + k;
    const cell = (col: number) => ws.getRow(row).getCell(col);
    let clean = true;
    for (const key of INDICATOR_SHEET.locked) {
      const found = lockedText(cell(c[key]));
      const expected = key === 'id' ? x.id! : key === 'name' ? x.name : x[key];
      if (!found.ok) err(at(row, c[key]), refused(found.refusal));
      else if (found.value !== norm(expected)) err(at(row, c[key]), words.get('err-locked', { column: columnName(c[key]), expected }));
      else continue;
      clean = false;
    }
    if (!clean) return;
    const id = x.id!;
    // the indicator this row asked about must still be the one at its place in the data
    const ind = byId.get(id)?.indicators?.[x.index];
    const what =
      !ind || !isNumeric(ind)
        ? words.get('ind-changed-gone')
        : ind.name !== x.indicator
          ? words.get('ind-changed-name', ind)
          : ind.unit !== x.unit
            ? words.get('ind-changed-unit', ind)
            : undefined;
    if (what) {
      err(at(row, c.indicator), words.get('err-ind-changed', { indicator: x.indicator, id, what }));
      return;
    }
    const key = `${id}#${x.index}`;
    const other = a.seen.get(key);
    if (other) {
      err(at(row, c.indicator), words.get('err-ind-duplicate', { indicator: x.indicator, id, other }));
      return;
    }
    a.seen.set(key, at(row, c.indicator));
    // last year's actual, for reference (grey, locked): a value typed over it is not taken, and is said
    const prev = readCell(cell(c.prevActual));
    if (prev.ok) {
      const v = prev.value;
      const typed = v.type === 'empty' ? '' : v.type === 'text' ? norm(v.text) : String(v.value);
      const stored = String(ind?.actuals?.[String(a.fy - 1)]?.value ?? '');
      if (typed !== stored)
        a.warn(at(row, c.prevActual), words.get('warn-ind-prev', { column: columnName(c.prevActual), typed, stored, westernYear: a.fy - 1 }));
    }
    /** the clear mark, or the cell read as its column reads it; blank keeps the stored value */
    const answer = <T>(col: number, read: (cell: ExcelJS.Cell) => Reading<T | null | undefined>): Answered<NonNullable<T>> | undefined => {
      const typed = readCell(cell(col));
      if (typed.ok && typed.value.type === 'text' && a.clearMarks.includes(norm(typed.value.text))) return { kind: 'clear' };
      const r = read(cell(col));
      if (!r.ok) {
        err(at(row, col), refused(r.refusal));
        return undefined;
      }
      return r.value === null || r.value === undefined ? { kind: 'keep' } : { kind: 'set', value: r.value as NonNullable<T> };
    };
    if (x.asked) {
      const value = answer(c.actual, (x2) => readActual(x2, x.unit));
      // a count (people, cases, places) with a fraction: taken, but asked about at its cell
      if (value?.kind === 'set' && !Number.isInteger(value.value) && countsWholeThings(x.unit))
        a.warn(at(row, c.actual), words.get('warn-ind-fraction', { value: value.value, unit: x.unit }));
      const note = answer(c.note, readProse);
      const b = x.base;
      if (value && note)
        actuals.push({
          id,
          index: x.index,
          fy: a.fy,
          value,
          note,
          at: (col) => at(row, col),
          ...(b.value !== undefined && b.note !== undefined ? { base: { value: b.value, note: b.note } } : {}),
        });
    }
    if (x.evaluated) {
      const grade = answer(c.grade, (x2) => readChoice(x2, columnName(c.grade), grades));
      const reason = answer(c.reason, readProse);
      const outlook = answer(c.outlook, (x2) => readChoice(x2, columnName(c.outlook), outlooks));
      const b = x.base;
      if (grade && reason && outlook)
        evaluations.push({
          id,
          fy: a.fy,
          grade,
          reason,
          outlook,
          at: (col) => at(row, col),
          ...(b.grade !== undefined && b.reason !== undefined && b.outlook !== undefined
            ? { base: { grade: b.grade, reason: b.reason, outlook: b.outlook } }
            : {}),
        });
      // a reason or an outlook written with no grade, where none is stored: the evaluation stays unanswered, said at its cell now
      const stored = byId.get(id)?.evaluation?.[String(a.fy)]?.grade;
      if (grade?.kind === 'keep' && !stored?.trim() && (reason?.kind === 'set' || outlook?.kind === 'set'))
        a.warn(at(row, c.grade), words.get('warn-ind-grade-blank', { column: columnName(c.grade) }));
    }
  });
  // rows cannot be added to the protected sheet; one that was (the protection removed and set again) is named
  for (let row = INDICATOR_SHEET.headerRows + 1 + rows.length; row <= ws.rowCount; row++) {
    const col = firstFilledColumn(ws.findRow(row));
    if (col !== undefined) err(at(row, col), words.get('err-ind-added-row', { row }));
  }
  return { actuals, evaluations };
}

export interface IndicatorChange {
  id: string;
  file: string;
  path: string;
  from: unknown;
  to: unknown;
  cleared?: boolean;
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/** The answers' edits, through jsonc-parser (the rest of each file stays as it is); only values that change. */
export function writeIndicatorAnswers(
  actuals: ActualAnswer[],
  evaluations: EvaluationAnswer[],
  entries: Map<string, { file: string; data: Initiative }>,
  text: { get: (file: string) => string; set: (file: string, text: string) => void },
  /**
   * a value the data changed since the book was made: `stale` when the book's cell is still as it was
   * made (the data's value stays), else `both` (the book's is taken); said at the cell
   */
  changedSince: (kind: 'stale' | 'both', at: { id: string; place: string; path: string }, now: unknown, book: unknown) => void = () => {},
): IndicatorChange[] {
  /** whether the book's `to` for a field may be written: not when it is a stale value left from the export (base-values.ts) */
  const fresh = (base: string | undefined, now: unknown, to: unknown, cleared: boolean, at: { id: string; place: string; path: string }) => {
    const since = sinceExport(base, now, to, cleared);
    if (since !== 'fresh') changedSince(since, at, now, to);
    return since !== 'stale';
  };
  const changes: IndicatorChange[] = [];
  const edit = (file: string, path: (string | number)[], value: unknown) => {
    const t = text.get(file);
    text.set(file, jsonc.applyEdits(t, jsonc.modify(t, path, value, FORMAT)));
  };
  for (const a of actuals) {
    const { file, data } = entries.get(a.id)!;
    const fy = String(a.fy);
    // the answer's indicator was found at this place when its row was read (readIndicatorSheet)
    const existing = data.indicators![a.index]!.actuals?.[fy];
    if (!existing && a.value.kind !== 'set' && a.note.kind !== 'set') continue;
    const base = ['indicators', a.index, 'actuals', fy];
    const record = (key: 'value' | 'note', from: unknown, to: unknown, cleared?: boolean) => {
      const path = `indicators.${a.index}.actuals.${fy}.${key}`;
      if (!fresh(a.base?.[key], from, to, !!cleared, { id: a.id, place: a.at(INDICATOR_SHEET.col[key === 'value' ? 'actual' : 'note']), path })) return;
      edit(file, [...base, key], to);
      changes.push({ id: a.id, file, path: `indicators.${a.index}.actuals.${fy}.${key}`, from, to, ...(cleared ? { cleared } : {}) });
    };
    // a new year's entry starts unanswered, as the data format has it
    if (!existing) edit(file, [...base, 'value'], null);
    const value = existing?.value ?? null;
    if (a.value.kind === 'set' && value !== a.value.value) record('value', value, a.value.value);
    if (a.value.kind === 'clear' && value !== null) record('value', value, null, true);
    if (a.note.kind === 'set' && existing?.note !== a.note.value) record('note', existing?.note, a.note.value);
    if (a.note.kind === 'clear' && existing?.note !== undefined) record('note', existing.note, undefined, true);
  }
  for (const e of evaluations) {
    const { file, data } = entries.get(e.id)!;
    const fy = String(e.fy);
    const existing = data.evaluation?.[fy];
    for (const key of ['grade', 'reason', 'outlook'] as const) {
      const v = e[key];
      const from = existing?.[key];
      const to = v.kind === 'set' ? v.value : undefined;
      if ((v.kind === 'set' && from !== to) || (v.kind === 'clear' && from !== undefined)) {
        if (!fresh(e.base?.[key], from, to, v.kind === 'clear', { id: e.id, place: e.at(INDICATOR_SHEET.col[key]), path: `evaluation.${fy}.${key}` })) continue;
        edit(file, ['evaluation', fy, key], to);
        changes.push({ id: e.id, file, path: `evaluation.${fy}.${key}`, from, to, ...(v.kind === 'clear' ? { cleared: true } : {}) });
      }
    }
  }
  return changes;
}

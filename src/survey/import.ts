// survey:import — reads every returned workbook, checks every cell (cells.ts), and only when all
// are clean writes the values into the initiative files, all or nothing (commit.ts). Edits go
// through jsonc-parser's modify(), so key order and formatting stay and a diff shows only the new values.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { loadDataset, parseJsonFile } from '../load/index.js';
import { validate } from '../validate/index.js';
import { Wording, createHandlebars } from '../templates/index.js';
import type { Initiative, Model, Result } from '../model/schema.js';
import { publishedOnOf } from '../model/published.js';
import { categoryOf, missingAnswers, YEN_FACTOR } from '../model/results-answers.js';
import { BUDGET_FACTOR, budgetLeftBlank, budgetMoved } from './status-view.js';
import { BASE_KEYS, answerValues, sinceExport, type BaseKey } from './base-values.js';
import { shownValue } from './shown-value.js';
import { nearest } from '../nearest.js';
import { actualMissing, evaluationMissing, expectsActual } from '../model/progress-answers.js';
import { asksResults, surveyDepartments } from '../resolve/survey-rows.js';
import { INDICATOR_SHEET, SURVEY } from './columns.js';
import { readIndicatorSheet, writeIndicatorAnswers, type ActualAnswer, type EvaluationAnswer } from './import-indicators.js';
import {
  firstFilledColumn,
  lockedText,
  metaText,
  norm,
  readBudget,
  readCell,
  readNewMark,
  CIRCLES_ALIKE,
  readProse,
  type Answered,
  type CellRefusal,
  type Reading,
} from './cells.js';
import { prepareBook } from './book-parts.js';
import { differingCells } from './book-diff.js';
import { safeFileName, sameName } from './file-name.js';
import { LOCK, takeLock } from './import-lock.js';
import { listReturns, readRegular, refusesImport } from './returns-folder.js';
import { JOURNAL, commitAll, fileIo, recover, type CommitIo } from './commit.js';
import { recoveryReport } from './recovery-report.js';

export interface Change {
  file: string;
  path: string;
  /** the initiative's title, and the value in words (「2018年度の事業費」「指標「…」の2020年度の実績値」), for the change list */
  title: string;
  what: string;
  from: unknown;
  to: unknown;
  /** a value removed by the clear mark typed in its cell */
  cleared?: boolean;
}

/**
 * What one 部局's books did, each initiative counted once: answered in full after the import, with
 * a change or without one, or still unanswered (in part), of which some changed this time. The
 * three add up to the initiatives asked, and 未回答 is what survey:status then counts.
 */
export interface DepartmentSummary {
  department: string;
  changed: number;
  unchanged: number;
  unanswered: number;
  /** of the unanswered, those with a change this time (a part answered, or a value cleared) */
  changedUnanswered: number;
  /** 指標 sheet: the actuals and self-evaluations it asks for, and those still without an answer */
  indicatorAsked?: number;
  indicatorUnanswered?: number;
}

interface Answer {
  id: string;
  fy: number;
  /** the book's cell of this row in a column (for the messages after reading) */
  at: (col: number) => string;
  /** the year was published (a correction): its report must stay complete */
  published: boolean;
  budget: Answered<number>;
  achievement: Answered<string>;
  outcome: Answered<string>;
  isNew: Answered<true>;
  /** the fingerprints of the values the row was exported with (none in an older book) */
  base?: Record<BaseKey, string>;
}

export interface ImportResult {
  problems: Problem[];
  changes: Change[];
  /** files that hold new values although the import failed (a rename failed; the journal completes them) */
  partial?: string[];
  /** per 部局 that returned a book, in the order of the books */
  summary: DepartmentSummary[];
  /** 部局 asked in the year that returned no book and have no answer in the data */
  missing: string[];
  /** 部局 with no book this time whose answers are in the data already (an earlier round), with their rows still unanswered */
  earlier?: { department: string; unanswered: number }[];
}

export interface ImportOptions {
  /** the fiscal year collected: a book of any other year is refused */
  fiscalYear?: number;
  /** a published year's answers are taken only as a correction */
  correction?: boolean;
  io?: CommitIo;
}

/** differing cells named in the message about two books of one 部局 */
const DIFF_SHOWN = 10;
const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export async function surveyImport(dir: string, returned: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const words = Wording.load(createHandlebars({}), 'survey');
  const lock = takeLock(dir);
  // a missing data set folder is the loader's to name
  if (lock.kind === 'failed' && lock.reason !== 'ENOENT')
    return {
      changes: [],
      summary: [],
      missing: [],
      problems: [{ severity: 'error', file: LOCK, message: words.get('err-lock-failed', { reason: words.get('io-reason', { code: lock.reason }) }) }],
    };
  if (lock.kind === 'held')
    return {
      changes: [],
      summary: [],
      missing: [],
      problems: [{ severity: 'error', file: LOCK, message: words.get('err-import-running', { ...lock.holder, lock: LOCK }) }],
    };
  try {
    const r = await importUnlocked(dir, returned, opts);
    if (lock.kind === 'taken' && lock.staleFrom) r.problems.unshift({ severity: 'warning', file: LOCK, message: words.get('note-stale-lock', lock.staleFrom) });
    return r;
  } finally {
    if (lock.kind === 'taken') lock.release();
  }
}

async function importUnlocked(dir: string, returned: string, opts: ImportOptions): Promise<ImportResult> {
  const io = opts.io ?? fileIo;
  const problems: Problem[] = [];
  const none = { changes: [], summary: [], missing: [] };
  // what a run stopped in the middle left behind is completed (or removed) before anything is read
  const list = (files: string[]) => files.join('、');
  const recovered = recoveryReport(recover(dir, io));
  if ('error' in recovered) return { ...none, problems: [recovered.error], partial: recovered.partial };
  problems.push(...recovered.warnings);

  const raw = loadDataset(dir);
  const checked = validate(raw);
  if (!checked.model || hasErrors(checked.problems)) return { ...none, problems: [...problems, ...checked.problems] };
  const model = checked.model;
  const results = model.dataset.documents.results;
  const words = Wording.load(createHandlebars({ asOf: model.dataset.era?.asOf }), 'survey');
  const byId = new Map(model.initiatives.map((i) => [i.id, i]));
  const answers: Answer[] = [];
  const seen = new Map<string, string>();
  /** 部局 → the first book that answered for it */
  const departmentBook = new Map<string, { file: string; ws: ExcelJS.Worksheet }>();
  // a progress data set without a results report sends the 指標 sheet only (resolve/survey-rows.ts)
  const resultsAsked = asksResults(model);
  const departmentsOf = new Map<number, string[]>();
  const askedDepartments = (fy: number) => departmentsOf.get(fy) ?? departmentsOf.set(fy, [...surveyDepartments(model, fy).keys()]).get(fy)!;
  const years = new Set<number>();
  let listed: ReturnType<typeof listReturns>;
  try {
    listed = listReturns(returned);
  } catch (e) {
    return {
      ...none,
      problems: [
        ...problems,
        {
          severity: 'error',
          file: returned,
          message: words.get('err-no-folder', { reason: words.get('io-reason', { code: (e as NodeJS.ErrnoException).code ?? String(e) }) }),
        },
      ],
    };
  }
  const { books: files, skipped } = listed;
  // every entry that is not read is named: one that may hold answers stops the import
  for (const s of skipped)
    problems.push({
      severity: refusesImport(s) ? 'error' : 'warning',
      file: s.kind === 'folder' ? `${s.name}/` : s.name,
      message: words.get(`skip-${s.kind}`, s),
    });
  if (files.length === 0) problems.push({ severity: 'error', file: returned, message: words.get('err-no-books') });
  const refused = (r: CellRefusal) => words.get(`err-${r.kind}`, r);
  const newMarks = [words.get('new-mark'), ...CIRCLES_ALIKE];
  const clearMark = words.get('clear-mark');
  const sheetName = words.get('sheet');
  const indicatorSheetName = words.get('ind-sheet');
  const actualAnswers: ActualAnswer[] = [];
  const evaluationAnswers: EvaluationAnswer[] = [];
  const seenIndicators = new Map<string, string>();

  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    let prepared: Awaited<ReturnType<typeof prepareBook>>;
    try {
      const read = readRegular(path.join(returned, file));
      if (typeof read === 'string') {
        problems.push({ severity: 'error', file, message: words.get(`skip-${read}`) });
        continue;
      }
      prepared = await prepareBook(read);
      await wb.xlsx.load(prepared.bytes as unknown as ArrayBuffer);
    } catch (e) {
      problems.push({ severity: 'error', file, message: words.get('err-not-a-book', { reason: (e as Error).message }) });
      continue;
    }
    const at = (row: number, col: number) => `${file}!${sheetName}!${columnName(col)}${row}`;
    const err = (place: string, message: string) => problems.push({ severity: 'error', file: place, message });
    /** a cell's reading, or its refusal reported at the cell */
    const take = <T>(row: number, col: number, r: Reading<T>): T | undefined => {
      if (r.ok) return r.value;
      err(at(row, col), refused(r.refusal));
      return undefined;
    };
    const meta = wb.getWorksheet(SURVEY.metaSheet);
    const ws = wb.getWorksheet(sheetName);
    if (!meta) {
      err(file, words.get('err-meta'));
      continue;
    }
    // the sheet the book shows first: the results sheet, or in a book of the 指標 only (asksResults) that one
    const shownSheet = ws ?? (resultsAsked ? undefined : wb.getWorksheet(indicatorSheetName));
    if (!shownSheet) {
      // a renamed sheet: the names the book has, so the right one can be named back
      const names = wb.worksheets.filter((w) => w.name !== SURVEY.metaSheet && w.name !== INDICATOR_SHEET.metaSheet).map((w) => `「${w.name}」`);
      err(file, words.get('err-sheet-missing', { sheet: resultsAsked ? sheetName : indicatorSheetName, names: names.join('、') }));
      continue;
    }
    const datasetId = metaText(meta.getCell('A1').value);
    const fy = Number(metaText(meta.getCell('A2').value));
    const department = metaText(meta.getCell('A3').value) ?? '';
    if (datasetId !== model.dataset.id) {
      // the whole book's (its hidden sheet, which the user cannot open, is not named)
      err(file, words.get('err-dataset', { found: datasetId ?? '', expected: model.dataset.id }));
      continue;
    }
    const { period } = model.dataset;
    if (!Number.isInteger(fy) || fy < period.from || fy > period.to || (opts.fiscalYear !== undefined && fy !== opts.fiscalYear)) {
      err(
        file,
        words.get('err-year', {
          found: Number.isInteger(fy) ? words.get('year-label', { westernYear: fy }) : String(fy),
          expected: opts.fiscalYear !== undefined ? words.get('year-label', { westernYear: opts.fiscalYear }) : words.get('period-label', period),
        }),
      );
      continue;
    }
    const published = publishedOnOf(results, fy);
    if (published && !opts.correction) {
      err(file, words.get('err-published', { westernYear: fy, publishedDate: published }));
      continue;
    }
    // another 部局's book under this name (sent by mistake, answered and saved as one's own)
    const named = askedDepartments(fy).find((d) => d !== department && sameName(file, `${safeFileName(d)}.xlsx`));
    if (named) {
      err(file, words.get('err-other-department', { department, named }));
      continue;
    }
    // one 部局 answering in two books: one message, not one per initiative, with the cells where they differ
    const first = departmentBook.get(department);
    if (first) {
      const diff = differingCells(first.ws, shownSheet, words.get('blank-cell'));
      const cells = diff.slice(0, DIFF_SHOWN).map((d) => words.get('diff-cell', { ...d, firstBook: first.file, secondBook: file }));
      err(
        file,
        words.get('err-department-twice', { department, other: first.file, count: diff.length, cells: cells.join('、'), more: diff.length - cells.length }),
      );
      continue;
    }
    departmentBook.set(department, { file, ws: shownSheet });
    years.add(fy);
    if (ws) {
      // the protection keeps rows and the fixed columns as sent; without it nothing says they are
      // read from the sheet's XML: exceljs takes only sheet="1", LibreOffice writes "true"
      if (!prepared.protection.get(sheetName)) err(`${file}!${sheetName}`, words.get('err-unprotected'));
      const c = SURVEY.col;
      const headerRow = ws.getRow(SURVEY.headerRows);
      const metaRows: { id?: string; snapshot?: Record<(typeof SURVEY.locked)[number], string>; base?: Record<BaseKey, string> }[] = [];
      for (let r = SURVEY.firstIdRow; r <= meta.rowCount; r++) {
        const id = metaText(meta.getCell(r, 1).value);
        const s = SURVEY.snapshot;
        const name = metaText(meta.getCell(r, s.name).value);
        // books exported before the snapshot existed are compared with today's data
        const snapshot =
          id && name !== undefined
            ? { id, no: metaText(meta.getCell(r, s.no).value) ?? '', name, division: metaText(meta.getCell(r, s.division).value) ?? '' }
            : undefined;
        // the fingerprints of the values the row was filled in with (books exported before them have none)
        const prints = BASE_KEYS.map((key) => metaText(meta.getCell(r, SURVEY.base[key]).value));
        const base = prints.every((p) => p !== undefined)
          ? (Object.fromEntries(BASE_KEYS.map((key, j) => [key, prints[j]!])) as Record<BaseKey, string>)
          : undefined;
        metaRows.push({ id, snapshot, base });
      }
      while (metaRows.length && !metaRows[metaRows.length - 1]?.id) metaRows.pop();
      // the export writes the ids without a gap: a missing one means the hidden sheet was changed
      metaRows.forEach((m, k) => {
        if (!m.id) err(`${file}!${SURVEY.metaSheet}!A${SURVEY.firstIdRow + k}`, words.get('err-meta-id'));
      });
      // each id asked about: its row's place and its hidden row
      const asked = new Map(metaRows.flatMap((m, k) => (m.id ? [[m.id, { k, m }] as const] : [])));
      const shown = new Set<string>();
      // every row asked about and every used row: a blank row hides nothing below it
      const lastRow = Math.max(SURVEY.headerRows + metaRows.length, ws.rowCount);
      for (let row = SURVEY.headerRows + 1; row <= lastRow; row++) {
        const cells = ws.findRow(row);
        const shownId = cells ? metaText(cells.getCell(c.id).value)?.trim() || undefined : undefined;
        if (!shownId) {
          const col = firstFilledColumn(cells);
          if (col !== undefined) err(at(row, col), words.get('err-added-row', { row }));
          continue;
        }
        if (!asked.has(shownId) || shown.has(shownId)) {
          // an initiative of the data set, but not one this book asked about (or a copied row)
          err(at(row, c.id), byId.has(shownId) ? words.get('err-added-row-id', { row, id: shownId }) : words.get('err-unknown-id', { id: shownId }));
          continue;
        }
        shown.add(shownId);
        const metaId = shownId;
        if (!byId.has(metaId)) {
          err(at(row, c.id), words.get('err-unknown-id', { id: metaId }));
          continue;
        }
        const other = seen.get(metaId);
        if (other) {
          err(at(row, c.id), words.get('err-duplicate', { id: metaId, other }));
          continue;
        }
        seen.set(metaId, at(row, c.id));
        const i = byId.get(metaId)!.data;
        const expected = asked.get(metaId)!.m.snapshot ?? {
          id: metaId,
          no: String(i.no),
          name: i.title,
          division: Array.isArray(i.division) ? i.division.join('\n') : i.division,
        };
        const cell = (col: number) => ws.getRow(row).getCell(col);
        for (const key of SURVEY.locked) {
          const found = take(row, c[key], lockedText(cell(c[key])));
          if (found !== undefined && found !== norm(expected[key])) {
            const column = lockedText(headerRow.getCell(c[key]));
            err(at(row, c[key]), words.get('err-locked', { column: column.ok ? column.value : '', expected: expected[key] }));
          }
        }
        /** the clear mark, or the cell read as its column reads it; blank keeps the stored value */
        const answered = <T>(col: number, read: (cell: ExcelJS.Cell) => Reading<T | null | undefined | false>): Answered<NonNullable<T>> | undefined => {
          const typed = readCell(cell(col));
          // the mark as offered, or typed with half-width brackets
          if (typed.ok && typed.value.type === 'text' && [clearMark, clearMark.replace('（', '(').replace('）', ')')].includes(norm(typed.value.text)))
            return { kind: 'clear' };
          const v = take(row, col, read(cell(col)));
          if (v === undefined && !read(cell(col)).ok) return undefined;
          return v === null || v === undefined || v === false ? { kind: 'keep' } : { kind: 'set', value: v as NonNullable<T> };
        };
        const budget = answered(c.budget, readBudget);
        const achievement = answered(c.achievement, readProse);
        const outcome = answered(c.outcome, readProse);
        const isNew = answered(c.isNew, (x) => readNewMark(x, newMarks));
        if (!budget || !achievement || !outcome || !isNew) continue;
        answers.push({
          id: metaId,
          fy,
          at: (col) => at(row, col),
          published: !!published,
          budget,
          achievement,
          outcome,
          isNew: isNew as Answered<true>,
          base: asked.get(metaId)!.m.base,
        });
      }
      // a row asked about that the sheet no longer shows
      for (const [id, { k, m }] of asked)
        if (!shown.has(id))
          err(at(SURVEY.headerRows + 1 + k, c.id), words.get('err-deleted-row', { id, name: m.snapshot?.name ?? byId.get(id)?.data.title ?? '' }));
    }
    // the 指標 sheet, in a book exported with one (its own hidden sheet says so)
    const indicatorMeta = wb.getWorksheet(INDICATOR_SHEET.metaSheet);
    if (indicatorMeta) {
      const iws = wb.getWorksheet(indicatorSheetName);
      if (!iws) {
        const names = wb.worksheets.filter((w) => w.name !== SURVEY.metaSheet && w.name !== INDICATOR_SHEET.metaSheet).map((w) => `「${w.name}」`);
        err(file, words.get('err-sheet-missing', { sheet: indicatorSheetName, names: names.join('、') }));
        continue;
      }
      // a year whose 進ちょく状況 is published takes its actuals and self-evaluations only as corrections
      const progressPublished = publishedOnOf(model.dataset.documents.progress, fy);
      if (progressPublished && !opts.correction) {
        err(file, words.get('err-progress-published', { westernYear: fy, publishedDate: progressPublished }));
        continue;
      }
      if (!prepared.protection.get(indicatorSheetName)) err(`${file}!${indicatorSheetName}`, words.get('err-unprotected'));
      const read = readIndicatorSheet({
        at: (row, col) => `${file}!${indicatorSheetName}!${columnName(col)}${row}`,
        ws: iws,
        meta: indicatorMeta,
        fy,
        model,
        words,
        clearMarks: [clearMark, clearMark.replace('（', '(').replace('）', ')')],
        err: (place, message) => err(place.includes('!') ? place : `${file}!${place}`, message),
        warn: (place, message) => problems.push({ severity: 'warning', file: place, message }),
        seen: seenIndicators,
      });
      actualAnswers.push(...read.actuals);
      evaluationAnswers.push(...read.evaluations);
    }
  }
  // a correction's 達成度 outside the categories is refused with the books' other errors, not on a
  // second run after those are fixed (a published year has none of its own: each such one is a change)
  const refusedCategories = uncategorised(
    model,
    answers.filter((a) => a.published),
    words,
  );
  if (hasErrors(problems)) return { ...none, problems: [...problems, ...refusedCategories] };

  // the new texts, checked as a whole data set before anything is written
  const changes: Change[] = [];
  const changedIds = new Set<string>();
  const texts = new Map<string, string>();
  for (const a of answers) {
    const entry = byId.get(a.id)!;
    let text = texts.get(entry.file) ?? raw.json.get(entry.file)!.text;
    const existing = entry.data.results?.[String(a.fy)];
    const fields = [a.budget, a.achievement, a.outcome, a.isNew];
    // a row with nothing typed for a year with no entry yet is no answer: nothing to write
    if (!existing && !fields.some((f) => f.kind === 'set')) continue;
    const set = (key: string, value: unknown) => (text = jsonc.applyEdits(text, jsonc.modify(text, ['results', String(a.fy), key], value, FORMAT)));
    if (!existing) set('budget', null);
    const current: Partial<Result> = existing ?? { budget: null };
    const now = answerValues(entry.data, a.fy);
    const record = (key: keyof Result, from: unknown, to: unknown, cleared?: boolean) => {
      // the data changed since the book was made: a cell still as it was made holds the old value, not an answer
      const k = key as BaseKey;
      const since = sinceExport(a.base?.[k], now[k], k === 'isNew' ? to === true : to, !!cleared);
      if (since !== 'fresh') {
        const what = valueInWords(`results.${a.fy}.${key}`, entry.data, words);
        const message = words.get(since === 'stale' ? 'warn-stale-cell' : 'warn-changed-both', {
          what,
          now: shownValue(now[k], words),
          book: shownValue(to, words),
        });
        problems.push({ severity: 'warning', file: a.at(SURVEY.col[k]), message });
        if (since === 'stale') return;
      }
      set(key, to);
      const path = `results.${a.fy}.${key}`;
      changes.push({ file: entry.file, path, title: entry.data.title, what: valueInWords(path, entry.data, words), from, to, ...(cleared ? { cleared } : {}) });
      changedIds.add(a.id);
    };
    if (a.budget.kind === 'set' && current.budget !== a.budget.value) record('budget', current.budget, a.budget.value);
    if (a.budget.kind === 'clear' && current.budget !== null) record('budget', current.budget, null, true);
    for (const key of ['achievement', 'outcome'] as const) {
      const v = a[key];
      if (v.kind === 'set' && current[key] !== v.value) record(key, current[key], v.value);
      if (v.kind === 'clear' && current[key] !== undefined) record(key, current[key], undefined, true);
    }
    const effectiveNew = current.isNew ?? entry.data.isNew ?? false;
    if (a.isNew.kind === 'set' && !effectiveNew) record('isNew', current.isNew, true);
    // not new: the key goes, unless the initiative itself says new
    if (a.isNew.kind === 'clear' && effectiveNew) record('isNew', current.isNew, entry.data.isNew ? false : undefined, true);
    texts.set(entry.file, text);
  }
  const indicatorChanges = writeIndicatorAnswers(
    actualAnswers,
    evaluationAnswers,
    byId,
    {
      get: (file) => texts.get(file) ?? raw.json.get(file)!.text,
      set: (file, text) => texts.set(file, text),
    },
    (kind, at, now, book) =>
      problems.push({
        severity: 'warning',
        file: at.place,
        message: words.get(kind === 'stale' ? 'warn-stale-cell' : 'warn-changed-both', {
          what: valueInWords(at.path, byId.get(at.id)!.data, words),
          now: shownValue(now, words),
          book: shownValue(book, words),
        }),
      }),
  );
  for (const { id, ...change } of indicatorChanges) {
    const { data } = byId.get(id)!;
    changes.push({ ...change, title: data.title, what: valueInWords(change.path, data, words) });
    changedIds.add(id);
  }
  let final = model;
  if (changes.length) {
    const reparsed: Problem[] = [];
    for (const [rel, text] of texts) {
      const f = parseJsonFile(rel, text, reparsed);
      if (f) raw.json.set(rel, f);
    }
    const after = validate({ ...raw, problems: reparsed });
    if (hasErrors(after.problems) || !after.model) return { ...none, problems: after.problems };
    final = after.model;
  }
  problems.push(...refusedCategories, ...unsettled(final, answers, changedIds, words), ...budgetJumps(final, answers, changedIds, words));
  if (hasErrors(problems)) return { ...none, problems };
  const { summary, missing, earlier } = summarise(final, years, departmentBook, answers, changedIds);
  if (changes.length === 0) return { problems, changes, summary, missing, earlier };
  const changed = new Map([...texts].filter(([rel, text]) => text !== readFileSync(path.join(dir, rel), 'utf8')));
  const done = commitAll(dir, changed, io);
  const why = (code: string) => words.get('io-reason', { code });
  if (done.ok) return { problems, changes, summary, missing, earlier };
  if (done.stage === 'staging') {
    for (const f of done.failed)
      problems.push({
        severity: 'error',
        file: f.file,
        message: words.get('err-staging', { temp: f.temp, reason: why(f.reason), count: done.files.length, files: list(done.files) }),
      });
    return { ...none, problems };
  }
  problems.push({
    severity: 'error',
    file: JOURNAL,
    message: words.get('err-renaming', { reason: why(done.reason), done: list(done.done), pending: list(done.pending) }),
  });
  return { ...none, problems, partial: done.done };
}

/** A changed value's place in words, from its path in the initiative's file: the year, the field, the indicator by name. */
function valueInWords(path: string, data: Initiative, words: Wording): string {
  const [part, a, b, c, d] = path.split('.');
  if (part === 'indicators') return words.get('what-actual', { indicator: data.indicators?.[Number(a)]?.name ?? '', westernYear: c, note: d === 'note' });
  // results.<year>.<field>, evaluation.<year>.<field>
  return words.get('what-year', { westernYear: a, field: words.get(`field-${b}`) });
}

/**
 * A budget answered that moved by BUDGET_FACTOR or more from last year's (a cut to 0 too), said at
 * its cell as survey:status asks about it: 135304000 typed in 円 for 135,304 千円 would be printed
 * as 135,304,000 千円. A thousandfold one is named as such. And a budget left blank in a row this
 * book answered, where last year had one: the blank prints as 「—」 (none), which a forgotten cell
 * also looks like. The values are taken.
 */
function budgetJumps(final: Model, answers: Answer[], changedIds: Set<string>, words: Wording): Problem[] {
  const byId = new Map(final.initiatives.map((i) => [i.id, i]));
  const out: Problem[] = [];
  const n = (x: number) => x.toLocaleString('en-US');
  for (const a of answers) {
    const results = byId.get(a.id)?.data.results;
    const prev = results?.[String(a.fy - 1)]?.budget;
    if (a.budget.kind !== 'set') {
      const r = results?.[String(a.fy)];
      if (changedIds.has(a.id) && r && !missingAnswers(r).length && budgetLeftBlank(prev, r.budget))
        out.push({ severity: 'warning', file: a.at(SURVEY.col.budget), message: words.get('warn-budget-blank', { prev: n(prev) }) });
      continue;
    }
    const now = a.budget.value;
    if (!budgetMoved(prev, now)) continue;
    out.push({
      severity: 'warning',
      file: a.at(SURVEY.col.budget),
      message: words.get('warn-budget-jump', { factor: BUDGET_FACTOR, prev: n(prev), now: n(now), yen: now >= prev * YEN_FACTOR, zero: now === 0 }),
    });
  }
  return out;
}

/**
 * Answers that leave a year's report unsettled (「未確定」): a 目標の達成度 in none of the summary
 * categories (the book allows free text, but the report cannot count it) is said at its cell,
 * with the category it was probably meant to be. In a published year (a correction) such an
 * answer, or one that leaves the initiative unanswered, is refused: the published report would
 * be built again as a draft.
 */
function unsettled(final: Model, answers: Answer[], changedIds: Set<string>, words: Wording): Problem[] {
  const byId = new Map(final.initiatives.map((i) => [i.id, i]));
  const c = SURVEY.col;
  const out: Problem[] = [];
  for (const a of answers) {
    if (!changedIds.has(a.id)) continue;
    const r = byId.get(a.id)?.data.results?.[String(a.fy)];
    if (!r) continue;
    const missing = missingAnswers(r);
    if (a.published && missing.length)
      out.push({
        severity: 'error',
        // at the cell the correction empties (the first, where several are)
        file: a.at(c[missing[0]!]),
        message: words.get('err-correction-unanswered', {
          westernYear: a.fy,
          title: byId.get(a.id)?.data.title,
          fields: missing.map((f) => words.get(`field-${f}`)).join('・'),
        }),
      });
    // a correction's are refused before (uncategorised)
    if (!a.published) out.push(...uncategorised(final, [a], words));
  }
  return out;
}

/** 目標の達成度 answered outside the categories, at its cell with the one probably meant: an error in a correction, else a warning. */
function uncategorised(model: Model, answers: Answer[], words: Wording): Problem[] {
  const categories = model.dataset.documents.results?.achievementCategories;
  const out: Problem[] = [];
  for (const a of answers) {
    if (a.achievement.kind !== 'set' || !categories || categoryOf(a.achievement.value, categories) !== undefined) continue;
    const labels = categories.map((x) => x.label);
    const meant = nearest(a.achievement.value, [...labels, ...categories.flatMap((x) => x.values)]);
    out.push({
      severity: a.published ? 'error' : 'warning',
      file: a.at(SURVEY.col.achievement),
      message: words.get(a.published ? 'err-correction-uncategorised' : 'warn-uncategorised', {
        typed: a.achievement.value,
        westernYear: a.fy,
        labels: labels.join('、'),
        meant: meant && categoryOf(meant, categories),
      }),
    });
  }
  return out;
}

/** Per 部局 that answered: initiatives changed, answered without a change, and still unanswered in the year (after this import). */
function summarise(model: Model, years: Set<number>, departmentBook: Map<string, unknown>, answers: Answer[], changedIds: Set<string>) {
  const summary: DepartmentSummary[] = [];
  const missing = new Set<string>();
  const earlier = new Map<string, number>();
  const answeredIds = new Set(answers.map((a) => a.id));
  for (const fy of [...years].sort()) {
    for (const [department, { rows, indicators }] of surveyDepartments(model, fy)) {
      const ids = [...new Set([...rows.map((r) => r.id), ...indicators.map((x) => x.id)])];
      /** what an initiative's 指標 rows ask for, each true while unanswered */
      const asksOf = (x: (typeof indicators)[number]) => [
        ...x.indicators.filter((i) => expectsActual(i.indicator, fy)).map((i) => actualMissing(i.indicator, fy)),
        evaluationMissing(x.initiative, fy),
      ];
      const asks = indicators.flatMap(asksOf);
      const indicatorCounts = asks.length ? { indicatorAsked: asks.length, indicatorUnanswered: asks.filter(Boolean).length } : {};
      // a book that asks for the 指標 only (no results report): an initiative is unanswered while any of its values is
      const indicatorsOnly = rows.length === 0;
      const open = new Set(
        indicatorsOnly
          ? indicators.filter((x) => asksOf(x).some(Boolean)).map((x) => x.id)
          : rows
              .filter((r) => {
                const res = r.initiative.results?.[String(fy)];
                return !res || missingAnswers(res).length > 0;
              })
              .map((r) => r.id),
      );
      const unanswered = open.size;
      if (!departmentBook.has(department)) {
        // no book this time, but answers in the data (an earlier round): it answered
        const answeredBefore =
          rows.some((r) => {
            const res = r.initiative.results?.[String(fy)];
            return res && missingAnswers(res).length < 3;
          }) || asks.some((missing) => !missing);
        if (answeredBefore) earlier.set(department, (earlier.get(department) ?? 0) + unanswered);
        else missing.add(department);
        continue;
      }
      // unchanged: rows of the book that hold an answer and were not changed (a blank row is unanswered, not unchanged)
      summary.push({
        department,
        changed: ids.filter((id) => changedIds.has(id) && !open.has(id)).length,
        unanswered,
        changedUnanswered: ids.filter((id) => changedIds.has(id) && open.has(id)).length,
        unchanged: indicatorsOnly
          ? ids.filter((id) => !changedIds.has(id) && !open.has(id)).length
          : rows.filter((r) => answeredIds.has(r.id) && !changedIds.has(r.id) && !open.has(r.id)).length,
        ...indicatorCounts,
      });
    }
  }
  // in the order the books were read
  const order = [...departmentBook.keys()];
  summary.sort((a, b) => order.indexOf(a.department) - order.indexOf(b.department));
  return { summary, missing: [...missing], earlier: [...earlier].map(([department, unanswered]) => ({ department, unanswered })) };
}

/** A, B, …, Z, AA, … */
function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

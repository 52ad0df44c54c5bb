// plan:import — reads returned plan workbooks with the survey's guarantees (the cells as
// src/survey/cells.ts reads them, the returns folder, the lock, the journal), and on purpose
// takes what the survey refuses: a new row becomes a new initiative (its file, id and number
// made here), and a row marked 廃止 retires one (its file is removed). Everything is checked
// as a whole data set first; what would change is returned for the person to read, and
// written only when asked (`write`), all or nothing.
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { loadDataset, parseJsonFile } from '../load/index.js';
import { validate, walkSections } from '../validate/index.js';
import { Wording, createHandlebars } from '../templates/index.js';
import type { Indicator, Initiative, Model } from '../model/schema.js';
import { metaText, firstFilledColumn, CIRCLES_ALIKE } from '../survey/cells.js';
import { readQuantity } from '../plan/convert-indicators.js';
import { nearest } from '../nearest.js';
import { prepareBook } from '../survey/book-parts.js';
import { LOCK, takeLock } from '../survey/import-lock.js';
import { listReturns, readRegular, refusesImport } from '../survey/returns-folder.js';
import { JOURNAL, commitAll, fileIo, recover, type CommitIo } from '../survey/commit.js';
import { recoveryReport } from '../survey/recovery-report.js';
import { SURVEY } from '../survey/columns.js';
import { publications, PUBLISHED_ROOT } from '../publish/record.js';
import { PLAN, initiativeColumns } from './columns.js';
import { readSchedule, scheduleCells } from './schedule-cells.js';
import { halfWidthFigures, readAsOf, readDivision, readRelistings, same, sectionIdOf, splitList } from './field-text.js';
import { answerMark, answerName, answerText, lockedCell, yearCell, type Answered, type PlanRefusal, type Read } from './read-cells.js';

/** a label that writes a period itself: 「R3〜R5」「令和3年度〜5年度」「2021-2023」「令和3年度から」 */
const PERIOD = [
  /(?:R|H|令和|平成)\s*(?:元|\d+)(?:\s*年度?)?\s*[〜~\-ー－―]\s*(?:R|H|令和|平成)?\s*\d+/,
  /\d{4}(?:\s*年度?)?\s*[〜~\-ー－―]\s*\d{2,4}/,
  /(?:年度|R\s*\d+|H\s*\d+|\d{4})\s*(?:から|以降|まで)/,
];
const writesPeriod = (label: string) => {
  const t = label.normalize('NFKC');
  return PERIOD.some((re) => re.test(t));
};

export type PlanChange =
  | { kind: 'new'; book: string; id: string; file: string; data: Initiative }
  | { kind: 'change'; book: string; id: string; file: string; title: string; field: string; from: unknown; to: unknown }
  | { kind: 'retire'; book: string; id: string; file: string; title: string };

export interface PlanImportResult {
  problems: Problem[];
  /** every book read, as 部局 (empty: the whole plan) and file name, in the order read */
  books: { file: string; department: string }[];
  changes: PlanChange[];
  /** whether the changes were written */
  written: boolean;
  /** the numbers are out of booklet order after the changes (a new initiative numbered after the last): renumber puts them in order */
  renumber?: boolean;
  /** files that hold new values although the import failed (the journal completes them) */
  partial?: string[];
}

export interface PlanImportOptions {
  /** write the changes (plan:import --yes); otherwise they are only returned */
  write?: boolean;
  /** a plan whose booklet is published is changed only as a correction */
  correction?: boolean;
  /** where `npm run publish` records publications (published/ unless given) */
  publishedRoot?: string;
  io?: CommitIo;
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
/** the fields of an initiative a plan workbook edits, in the order a new file is written */
const FIELDS = [
  'title',
  'department',
  'division',
  'section',
  'relistedIn',
  'description',
  'schedule',
  'secondaryGoals',
  'indicators',
  'policyMeasures',
  'isNew',
] as const;
type Field = (typeof FIELDS)[number];
/** an indicator's five inputs (指標名, 基準値, its date, 目標値, its date), each read alike */
type Five<T> = [T, T, T, T, T];

/** An initiative as the books say it should be. */
interface Edit {
  id?: string;
  /** the book and row it came from (new initiatives: where its schedule and indicators are matched) */
  at: string;
  book: string;
  data: Partial<Initiative>;
  retire?: boolean;
  /** the 取扱い cell that retires it */
  retireAt?: string;
}

export async function planImport(dir: string, returned: string, opts: PlanImportOptions = {}): Promise<PlanImportResult> {
  const words = Wording.load(createHandlebars({}), 'plan');
  const none = { books: [], changes: [], written: false };
  const lock = takeLock(dir);
  if (lock.kind === 'failed' && lock.reason !== 'ENOENT')
    return {
      ...none,
      problems: [
        {
          severity: 'error',
          file: LOCK,
          message: words.get('err-lock-failed', { reason: Wording.load(createHandlebars({}), 'survey').get('io-reason', { code: lock.reason }) }),
        },
      ],
    };
  if (lock.kind === 'held')
    return { ...none, problems: [{ severity: 'error', file: LOCK, message: words.get('err-import-running', { ...lock.holder, lock: LOCK }) }] };
  try {
    return await importUnlocked(dir, returned, opts, words);
  } finally {
    if (lock.kind === 'taken') lock.release();
  }
}

async function importUnlocked(dir: string, returned: string, opts: PlanImportOptions, words: Wording): Promise<PlanImportResult> {
  const io = opts.io ?? fileIo;
  const survey = Wording.load(createHandlebars({}), 'survey');
  const problems: Problem[] = [];
  const none = { books: [], changes: [], written: false };
  // what a run stopped in the middle left behind is completed (or removed) before anything is read
  const recovered = recoveryReport(recover(dir, io));
  if ('error' in recovered) return { ...none, problems: [recovered.error], partial: recovered.partial };
  problems.push(...recovered.warnings);

  const raw = loadDataset(dir);
  const checked = validate(raw);
  if (!checked.model || hasErrors(checked.problems)) return { ...none, problems: [...problems, ...checked.problems] };
  const model = checked.model;
  // a published booklet is changed only as a correction (a 正誤表 follows it)
  const booklets = publications(opts.publishedRoot ?? PUBLISHED_ROOT, model.dataset.id).filter((p) => p.files.includes('plan-booklet.pdf'));
  if (booklets.length && !opts.correction)
    return {
      ...none,
      problems: [
        ...problems,
        { severity: 'error', file: 'dataset.json', message: words.get('err-published', { labels: booklets.map((p) => `${p.label}、${p.date}`).join('／') }) },
      ],
    };

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
          message: words.get('err-no-folder', { reason: survey.get('io-reason', { code: (e as NodeJS.ErrnoException).code ?? String(e) }) }),
        },
      ],
    };
  }
  for (const s of listed.skipped)
    problems.push({
      severity: refusesImport(s) ? 'error' : 'warning',
      file: s.kind === 'folder' ? `${s.name}/` : s.name,
      message: survey.get(`skip-${s.kind}`, s),
    });
  if (listed.books.length === 0) problems.push({ severity: 'error', file: returned, message: words.get('err-no-books') });

  const reader = new BookReader(model, words, survey, problems);
  for (const file of listed.books) await reader.read(returned, file);
  reader.reportTwice();
  if (hasErrors(problems)) return { ...none, problems, books: reader.books };
  return finish(dir, model, raw, reader, opts, io, words, survey, problems);
}

/** Reads the books one by one, collecting what each says about each initiative. */
class BookReader {
  books: { file: string; department: string }[] = [];
  /** existing initiatives by id, as the books would leave them */
  edits = new Map<string, Edit>();
  /** new initiatives, in the order of the books and rows */
  added: Edit[] = [];
  /**
   * what an import before did already (the same books imported again): initiatives a row marked
   * 廃止 names that are gone, and new initiatives' titles that the data set has in their 節. Their
   * rows are passed over, said once at the initiative's row, and so are their schedule and 指標 rows.
   */
  private retiredBefore = new Set<string>();
  private addedBefore = new Set<string>();
  private seen = new Map<string, string>();
  /** initiatives found in two books, per pair of books: one message a pair, not one a row (the whole plan's book beside a 部局's is every row) */
  private twice = new Map<string, { at: string; book: string; other: string; ids: string[] }>();
  private departmentBook = new Map<string, string>();
  private byId: Map<string, Model['initiatives'][number]>;
  private sections = new Map<string, string>();
  private clear: string;
  private marks: string[];

  constructor(
    private model: Model,
    private words: Wording,
    private survey: Wording,
    private problems: Problem[],
  ) {
    this.byId = new Map(model.initiatives.map((i) => [i.id, i]));
    walkSections(model.dataset.sections, (s) => void this.sections.set(s.id, s.title));
    this.clear = words.get('clear-mark');
    this.marks = [words.get('mark'), ...CIRCLES_ALIKE];
  }

  private err(place: string, message: string) {
    this.problems.push({ severity: 'error', file: place, message });
  }
  private warn(place: string, message: string) {
    this.problems.push({ severity: 'warning', file: place, message });
  }

  /**
   * A 基準値 or 目標値 typed as a bare number (65) where the value it replaces, or the other of the
   * two, has a unit (58件): the list would print 「目標値 65」. Said at the cell; the value is taken.
   */
  private unitDropped(place: string, column: string, typed: string, ...others: string[]): void {
    if (!/^[\d,.]+$/.test(typed.normalize('NFKC').trim())) return;
    const unit = others.map((o) => readQuantity(o.normalize('NFKC'))?.unit).find(Boolean);
    if (unit) this.warn(place, this.words.get('warn-unit-dropped', { column, typed, unit }));
  }
  private refused(r: PlanRefusal): string {
    return 'survey' in r ? this.survey.get(`err-${r.survey.kind}`, r.survey) : this.words.get(r.plan, r.context);
  }

  async read(folder: string, file: string) {
    const wb = new ExcelJS.Workbook();
    let prepared: Awaited<ReturnType<typeof prepareBook>>;
    try {
      const bytes = readRegular(path.join(folder, file));
      if (typeof bytes === 'string') return this.err(file, this.survey.get(`skip-${bytes}`));
      prepared = await prepareBook(bytes);
      await wb.xlsx.load(prepared.bytes as unknown as ArrayBuffer);
    } catch (e) {
      return this.err(file, this.survey.get('err-not-a-book', { reason: (e as Error).message }));
    }
    const meta = wb.getWorksheet(PLAN.metaSheet);
    if (!meta) return this.err(file, this.words.get(wb.getWorksheet(SURVEY.metaSheet) ? 'err-survey-book' : 'err-meta'));
    const datasetId = metaText(meta.getCell('A1').value);
    if (datasetId !== this.model.dataset.id) return this.err(file, this.words.get('err-dataset', { found: datasetId ?? '', expected: this.model.dataset.id }));
    const department = metaText(meta.getCell('A2').value) ?? '';
    const label = department || this.words.get('whole-plan');
    const other = this.departmentBook.get(label);
    if (other) return this.err(file, this.words.get('err-department-twice', { department: label, other }));
    this.departmentBook.set(label, file);
    this.books.push({ file, department });
    // a sheet by its name; a missing one refuses the book (the sheets after it are not looked at)
    const sheet = (key: string): ExcelJS.Worksheet | undefined => {
      const name = this.words.get(key);
      const ws = wb.getWorksheet(name);
      if (!ws) {
        const present = wb.worksheets.filter((w) => w.name !== PLAN.metaSheet).map((w) => `「${w.name}」`);
        this.err(file, this.words.get('err-sheet-missing', { sheet: name, names: present.join('、') }));
        return undefined;
      }
      // the protection keeps rows and the locked columns as sent (read from the XML: LibreOffice writes sheet="true")
      if (!prepared.protection.get(name)) this.err(`${file}!${name}`, this.words.get('err-unprotected'));
      return ws;
    };
    const initiatives = sheet('sheet-initiatives');
    const schedule = initiatives && sheet('sheet-schedule');
    const indicators = schedule && sheet('sheet-indicators');
    if (!initiatives || !schedule || !indicators) return;
    const fresh = this.readInitiatives(file, initiatives, meta, label, department);
    this.readSchedule(file, schedule, meta, fresh, label);
    this.readIndicators(file, indicators, meta, fresh, label);
  }

  /** The rows sent (the hidden sheet's column `col`, from row 1) and the last row to read. */
  private sentRows(meta: ExcelJS.Worksheet, col: number): string[] {
    const ids: string[] = [];
    for (let r = 1; r <= meta.rowCount; r++) ids.push(metaText(meta.getCell(r, col).value) ?? '');
    while (ids.length && !ids[ids.length - 1]) ids.pop();
    return ids;
  }

  /**
   * Rows of the sheet deleted (its protection taken off): the ids left in column `col` are the ids
   * sent with some missing, in order. Each missing row is named once, with what to do instead,
   * rather than every row below it as moved. True when rows were deleted (the sheet is not read).
   */
  private deletedRows(file: string, ws: ExcelJS.Worksheet, ids: string[], col: number, what: (k: number) => string, how: string): boolean {
    const left: string[] = [];
    for (let row = PLAN.headerRows + 1; row <= ws.rowCount; row++) {
      const r = lockedCell(ws.getRow(row).getCell(col));
      if (r.ok && r.value) left.push(r.value);
    }
    if (left.length >= ids.length) return false;
    // the sent ids, each in turn matched by the next one left (ids repeat: an initiative's indicators)
    const missing: number[] = [];
    let j = 0;
    ids.forEach((id, k) => (j < left.length && left[j] === id ? j++ : missing.push(k)));
    if (j < left.length) return false; // not a deletion only (rows moved as well): each row is checked
    for (const k of missing) this.err(`${file}!${ws.name}`, this.words.get('err-row-deleted', { what: what(k), how }));
    return true;
  }

  /** Checks a sent row's locked cells against the hidden sheet; false when it is not the row sent. */
  private lockedRow(at: (col: number) => string, ws: ExcelJS.Worksheet, row: number, expected: [number, string, string][]): boolean {
    let ok = true;
    for (const [col, value, header] of expected) {
      const r = lockedCell(ws.getRow(row).getCell(col));
      if (!r.ok) {
        this.err(at(col), this.refused(r.refusal));
        ok = false;
      } else if (r.value !== value.trim()) {
        this.err(
          at(col),
          col === 1
            ? this.words.get('err-row-moved', { row, expected: value, found: r.value })
            : this.words.get('err-locked', { column: header, expected: value }),
        );
        ok = false;
      }
    }
    return ok;
  }

  /** After every book: the initiatives two books both hold, once for each pair, at the first such row. */
  reportTwice(): void {
    const whole = this.words.get('whole-plan');
    for (const { at, book, other, ids } of this.twice.values()) {
      const shown = ids.slice(0, 5);
      this.err(at, this.words.get('err-duplicate', { ids: shown, more: ids.length - shown.length, other, whole: book === whole || other === whole }));
    }
  }

  private take<T>(place: string, r: Read<T>): T | undefined {
    if (r.ok) return r.value;
    this.err(place, this.refused(r.refusal));
    return undefined;
  }

  private edit(id: string, at: string, book: string): Edit | undefined {
    const other = this.seen.get(id);
    if (other && other !== book) {
      const key = `${book}\u0000${other}`;
      let pair = this.twice.get(key);
      if (!pair) this.twice.set(key, (pair = { at, book, other, ids: [] }));
      if (!pair.ids.includes(id)) pair.ids.push(id);
      return undefined;
    }
    this.seen.set(id, book);
    let e = this.edits.get(id);
    if (!e) this.edits.set(id, (e = { id, at, book, data: structuredClone(this.byId.get(id)!.data) }));
    return e;
  }

  private readInitiatives(file: string, ws: ExcelJS.Worksheet, meta: ExcelJS.Worksheet, label: string, department: string): Edit[] {
    const c = initiativeColumns(this.model.dataset);
    const sheet = ws.name;
    const ids = this.sentRows(meta, PLAN.meta.initiative.id);
    const fresh: Edit[] = [];
    const title = (k: number) => this.byId.get(ids[k]!)?.data.title ?? '';
    if (
      this.deletedRows(
        file,
        ws,
        ids,
        c.id,
        (k) => this.words.get('deleted-initiative', { id: ids[k], title: title(k) }),
        this.words.get('deleted-initiative-how'),
      )
    )
      return fresh;
    const header = (col: number) => (lockedCell(ws.getRow(PLAN.headerRows).getCell(col)) as { value?: string }).value?.replace(/\s+/g, '') ?? '';
    const last = Math.max(PLAN.headerRows + ids.length, ws.rowCount);
    for (let row = PLAN.headerRows + 1; row <= last; row++) {
      const k = row - PLAN.headerRows - 1;
      const at = (col: number) => `${file}!${sheet}!${columnName(col)}${row}`;
      const cell = (col: number) => ws.getRow(row).getCell(col);
      const sentId = ids[k];
      if (sentId) {
        if (
          !this.lockedRow(at, ws, row, [
            [c.id, sentId, header(c.id)],
            [c.no, metaText(meta.getCell(k + 1, PLAN.meta.initiative.no).value) ?? '', header(c.no)],
          ])
        )
          continue;
        if (!this.byId.has(sentId)) {
          const handling = answerText(cell(c.handling), this.clear);
          if (handling.ok && handling.value.kind === 'set' && handling.value.value === this.words.get('retire-mark')) {
            this.retiredBefore.add(sentId);
            this.warn(at(c.handling), this.words.get('warn-retired-before', { id: sentId }));
          } else this.err(at(c.id), this.words.get('err-unknown-id', { id: sentId }));
          continue;
        }
        const e = this.edit(sentId, at(c.id), label);
        if (!e) continue;
        this.readFields(e, cell, at, c, header, false);
        continue;
      }
      const filled = firstFilledColumn(ws.findRow(row));
      if (filled === undefined) continue;
      // a new initiative: no id, no number (both made on import)
      const e: Edit = { at: `${file}!${sheet}!${this.words.get('row-place', { row })}`, book: label, data: {} };
      if (department) e.data.department = department;
      this.readFields(e, cell, at, c, header, true);
      // the same title in the same 節 as an initiative of the data set: added by an import before
      const existing = this.model.initiatives.find((i) => i.data.title === e.data.title && i.data.section === e.data.section);
      if (existing && e.data.title !== undefined) {
        this.addedBefore.add(e.data.title);
        this.warn(at(c.title), this.words.get('warn-added-before', { title: e.data.title, section: e.data.section, file: existing.file }));
        continue;
      }
      fresh.push(e);
      this.added.push(e);
    }
    return fresh;
  }

  private readFields(
    e: Edit,
    cell: (col: number) => ExcelJS.Cell,
    at: (col: number) => string,
    c: ReturnType<typeof initiativeColumns>,
    header: (col: number) => string,
    isNew: boolean,
  ) {
    const d = e.data;
    const required = (col: number, a: Answered<string> | undefined, set: (v: string) => void) => {
      if (!a) return;
      if (a.kind === 'clear') return this.err(at(col), this.words.get('err-required-clear', { column: header(col), clear: this.clear }));
      if (a.kind === 'set') set(a.value);
      else if (isNew && !(col === c.department && d.department))
        this.err(at(col), this.words.get(col === c.department ? 'err-department-new' : 'err-required', { column: header(col) }));
    };
    required(c.title, this.take(at(c.title), answerName(cell(c.title), this.clear)), (v) => {
      d.title = v;
      // the list prints its own name (listTitle), which the book does not carry: the new title would not reach it
      const entry = e.id === undefined ? undefined : this.byId.get(e.id);
      if (entry?.data.listTitle !== undefined && entry.data.title !== v && entry.data.listTitle !== v)
        this.warn(at(c.title), this.words.get('warn-list-title', { listTitle: entry.data.listTitle, file: entry.file }));
    });
    required(c.department, this.take(at(c.department), answerName(cell(c.department), this.clear)), (v) => {
      d.department = v;
      // without a list of 部局 in dataset.json (which validation checks), a 部局 no initiative has is said: a typo (総務課) or a new one
      const known = new Set(this.model.initiatives.map((i) => i.data.department));
      if (!this.model.dataset.departments && !known.has(v))
        this.warn(at(c.department), this.words.get('warn-department-new', { name: v, guess: nearest(v, known) }));
    });
    required(c.division, this.take(at(c.division), answerText(cell(c.division), this.clear)), (v) => (d.division = readDivision(v)));
    required(c.section, this.take(at(c.section), answerName(cell(c.section), this.clear)), (v) => {
      const id = sectionIdOf(v);
      if (this.sections.has(id)) d.section = id;
      else this.err(at(c.section), this.words.get('err-section', { found: v, choices: [...this.sections.keys()].join('、') }));
    });
    const description = this.take(at(c.description), answerText(cell(c.description), this.clear));
    if (description?.kind === 'set') d.description = description.value;
    if (description?.kind === 'clear') delete d.description;
    const isNewMark = this.take(at(c.isNew), answerMark(cell(c.isNew), this.clear, this.marks));
    if (isNewMark?.kind === 'set') d.isNew = true;
    if (isNewMark?.kind === 'clear' && d.isNew) d.isNew = false;
    const relisted = this.take(at(c.relistedIn), answerText(cell(c.relistedIn), this.clear));
    if (relisted?.kind === 'clear' && d.relistedIn?.length) d.relistedIn = [];
    if (relisted?.kind === 'set') {
      const r = readRelistings(relisted.value);
      if (!r.ok) this.err(at(c.relistedIn), this.words.get('err-relisting', { item: r.item }));
      else {
        const unknown = r.value.map((x) => (typeof x === 'string' ? x : x.section)).find((s) => !this.sections.has(s));
        if (unknown) this.err(at(c.relistedIn), this.words.get('err-section-list', { item: unknown, example: [...this.sections.keys()].at(-1) }));
        // an unchanged cell keeps the entries as they are written (「4-2-6」 and {"section": "4-2-6"} read alike)
        else if (!same(r.value, readRelistingsOf(d.relistedIn))) d.relistedIn = r.value;
      }
    }
    const goals = this.take(at(c.secondaryGoals), answerText(cell(c.secondaryGoals), this.clear));
    if (goals?.kind === 'clear' && d.secondaryGoals?.length) d.secondaryGoals = [];
    if (goals?.kind === 'set') {
      const items = splitList(goals.value).map((s) => s.normalize('NFKC'));
      const unknown = items.find((s) => !this.sections.has(s));
      if (unknown) this.err(at(c.secondaryGoals), this.words.get('err-section-list', { item: unknown, example: [...this.sections.keys()][1] ?? '1' }));
      else d.secondaryGoals = items;
    }
    const measures = new Set(d.policyMeasures ?? []);
    let touched = false;
    for (const m of c.measures) {
      const a = this.take(at(m.col), answerMark(cell(m.col), this.clear, this.marks));
      if (a?.kind === 'set' && !measures.has(m.id)) {
        measures.add(m.id);
        touched = true;
      }
      if (a?.kind === 'clear' && measures.has(m.id)) {
        measures.delete(m.id);
        touched = true;
      }
    }
    // in the data set's order of the measures
    if (touched) d.policyMeasures = c.measures.map((m) => m.id).filter((id) => measures.has(id));
    const handling = this.take(at(c.handling), answerText(cell(c.handling), this.clear));
    if (handling?.kind === 'set') {
      const retire = this.words.get('retire-mark');
      if (handling.value !== retire) this.err(at(c.handling), this.words.get('err-handling', { retire, found: handling.value }));
      else if (isNew) this.err(at(c.handling), this.words.get('err-retire-new', { retire }));
      else {
        e.retire = true;
        e.retireAt = at(c.handling);
      }
    }
  }

  /** The new initiative a blank row names by its title; errors named at `place`. */
  private matchNew(place: string, name: string, fresh: Edit[]): Edit | undefined {
    const found = fresh.filter((e) => e.data.title === name);
    if (found.length > 1) {
      this.err(place, this.words.get('err-new-title-twice', { name, other: found.map((e) => e.at).join('、') }));
      return undefined;
    }
    if (found.length === 1) return found[0];
    return undefined;
  }

  private readSchedule(file: string, ws: ExcelJS.Worksheet, meta: ExcelJS.Worksheet, fresh: Edit[], label: string) {
    const { period } = this.model.dataset;
    const s = PLAN.schedule;
    const years = period.to - period.from + 1;
    const ids = this.sentRows(meta, PLAN.meta.schedule.id);
    const named = (k: number) => ({ id: ids[k], title: metaText(meta.getCell(k + 1, PLAN.meta.schedule.name).value) ?? '' });
    if (this.deletedRows(file, ws, ids, s.id, (k) => this.words.get('deleted-schedule', named(k)), this.words.get('deleted-schedule-how'))) return;
    const header = (col: number) => (lockedCell(ws.getRow(PLAN.headerRows).getCell(col)) as { value?: string }).value?.replace(/\s+/g, '') ?? '';
    const last = Math.max(PLAN.headerRows + ids.length, ws.rowCount);
    const scheduled = new Map<Edit, string>();
    for (let row = PLAN.headerRows + 1; row <= last; row++) {
      const k = row - PLAN.headerRows - 1;
      const at = (col: number) => `${file}!${ws.name}!${columnName(col)}${row}`;
      const sentId = ids[k];
      let target: Edit | undefined;
      let current: Initiative['schedule'];
      if (sentId) {
        const m = PLAN.meta.schedule;
        const expected: [number, string, string][] = [
          [s.id, sentId, header(s.id)],
          [s.no, metaText(meta.getCell(k + 1, m.no).value) ?? '', header(s.no)],
          [s.name, metaText(meta.getCell(k + 1, m.name).value) ?? '', header(s.name)],
        ];
        if (!this.lockedRow(at, ws, row, expected)) continue;
        if (!this.byId.has(sentId)) {
          if (!this.retiredBefore.has(sentId)) this.err(at(s.id), this.words.get('err-unknown-id', { id: sentId }));
          continue;
        }
        target = this.edit(sentId, at(s.id), label);
        current = this.byId.get(sentId)!.data.schedule;
      } else {
        if (firstFilledColumn(ws.findRow(row)) === undefined) continue;
        const name = this.take(at(s.name), answerName(ws.getRow(row).getCell(s.name), this.clear));
        if (name?.kind !== 'set') {
          if (name) this.err(at(s.name), this.words.get('err-required', { column: header(s.name) }));
          continue;
        }
        if (this.addedBefore.has(name.value)) continue;
        const m = this.matchNew(at(s.name), name.value, fresh);
        if (!m) {
          // an initiative sent in this book has its own row
          const sentRow = ids.findIndex((id) => this.byId.get(id)?.data.title === name.value);
          if (sentRow >= 0) this.err(at(s.name), this.words.get('err-schedule-new-existing', { name: name.value, row: sentRow + PLAN.headerRows + 1 }));
          else if (!this.problems.some((p) => p.file === at(s.name))) this.err(at(s.name), this.words.get('err-no-initiative', { name: name.value }));
          continue;
        }
        const other = scheduled.get(m);
        if (other) {
          this.err(at(s.name), this.words.get('err-new-schedule-twice', { name: name.value, other }));
          continue;
        }
        scheduled.set(m, this.words.get('row-place', { row }));
        target = m;
      }
      if (!target) continue;
      const texts: string[] = [];
      let ok = true;
      for (let y = 0; y < years; y++) {
        const t = this.take(at(s.firstYear + y), yearCell(ws.getRow(row).getCell(s.firstYear + y)));
        if (t === undefined) ok = false;
        texts.push(t ?? '');
      }
      if (!ok) continue;
      // a row as it was sent is no change (even where the data's spans would read back otherwise)
      if (
        same(
          texts,
          scheduleCells(current, period.from, period.to).map((x) => x ?? ''),
        )
      )
        continue;
      const filled = texts.filter((t) => t.trim() !== '');
      // blank never erases: a row left blank keeps the schedule; 「（削除）」 alone clears it
      if (filled.length === 0) continue;
      const [only] = filled;
      if (filled.length === 1 && only !== undefined && [this.clear, this.clear.replace('（', '(').replace('）', ')')].includes(only.trim())) {
        if (current?.length) target.data.schedule = [];
        continue;
      }
      const read = readSchedule(texts, period.from);
      if (!read.ok) {
        this.err(at(s.firstYear + read.index), this.words.get(`err-${read.refusal.kind}`, { western: read.refusal.year, mark: read.refusal.mark }));
        continue;
      }
      target.data.schedule = read.spans;
      // a period written into one year's label (「運用 R3〜R5」「2021-2023 …」「令和3年度から」) draws a one-year bar:
      // taken, and said at its cell with how the sheet draws a span
      read.spans.forEach((span) => {
        if (span.from === span.to && writesPeriod(span.label))
          this.warn(at(s.firstYear + span.from - period.from), this.words.get('warn-schedule-period', { label: span.label, westernYear: span.from }));
      });
    }
  }

  private readIndicators(file: string, ws: ExcelJS.Worksheet, meta: ExcelJS.Worksheet, fresh: Edit[], label: string) {
    const d = PLAN.indicator;
    const m = PLAN.meta.indicator;
    const ids = this.sentRows(meta, m.id);
    const indicatorOf = (k: number) => {
      const index = Number(metaText(meta.getCell(k + 1, m.index).value)) - 1;
      return { id: ids[k], title: metaText(meta.getCell(k + 1, m.name).value) ?? '', indicator: this.byId.get(ids[k]!)?.data.indicators?.[index]?.name ?? '' };
    };
    if (this.deletedRows(file, ws, ids, d.id, (k) => this.words.get('deleted-indicator', indicatorOf(k)), this.words.get('deleted-indicator-how'))) return;
    const header = (col: number) => (lockedCell(ws.getRow(PLAN.headerRows).getCell(col)) as { value?: string }).value?.replace(/\s+/g, '') ?? '';
    const last = Math.max(PLAN.headerRows + ids.length, ws.rowCount);
    /** per initiative: its indicators as sent, each replaced, kept or removed (null), then the added ones */
    const lists = new Map<Edit, { sent: (Indicator | null)[]; added: Indicator[] }>();
    const listOf = (e: Edit) => lists.get(e) ?? lists.set(e, { sent: [...(e.id ? (this.byId.get(e.id)!.data.indicators ?? []) : [])], added: [] }).get(e)!;
    for (let row = PLAN.headerRows + 1; row <= last; row++) {
      const k = row - PLAN.headerRows - 1;
      const at = (col: number) => `${file}!${ws.name}!${columnName(col)}${row}`;
      const cell = (col: number) => ws.getRow(row).getCell(col);
      const sentId = ids[k];
      const inputs: Five<number> = [d.indicator, d.baseline, d.baselineAt, d.target, d.targetAt];
      if (sentId) {
        if (
          !this.lockedRow(at, ws, row, [
            [d.id, sentId, header(d.id)],
            [d.name, metaText(meta.getCell(k + 1, m.name).value) ?? '', header(d.name)],
          ])
        )
          continue;
        const sent = this.byId.get(sentId);
        const index = Number(metaText(meta.getCell(k + 1, m.index).value)) - 1;
        const was = sent?.data.indicators?.[index];
        if (!sent || !was) {
          if (!(!sent && this.retiredBefore.has(sentId))) this.err(at(d.id), this.words.get(sent ? 'err-meta-row' : 'err-unknown-id', { id: sentId }));
          continue;
        }
        const e = this.edit(sentId, at(d.id), label);
        if (!e) continue;
        const answers = inputs.map((col) => this.take(at(col), answerName(cell(col), this.clear)));
        if (answers.some((a) => a === undefined)) continue;
        // an answer for each of the five inputs, none missing (checked just above)
        const [name, baseline, baselineAt, target, targetAt] = answers as Five<Answered<string>>;
        // 「（削除）」 in 指標名 removes the indicator; the other parts cannot be cleared alone
        if (name.kind === 'clear') {
          listOf(e).sent[index] = null;
          continue;
        }
        const cleared = inputs.filter((_, j) => answers[j]!.kind === 'clear');
        if (cleared.length) {
          for (const col of cleared) this.err(at(col), this.words.get('err-required-clear', { column: header(col), clear: this.clear }));
          continue;
        }
        const next: Indicator = structuredClone(was);
        if (name.kind === 'set') next.name = name.value;
        if (baseline.kind === 'set') next.baseline.value = halfWidthFigures(baseline.value);
        if (target.kind === 'set') next.target.value = halfWidthFigures(target.value);
        if (baseline.kind === 'set') this.unitDropped(at(d.baseline), header(d.baseline), baseline.value, was.baseline.value, next.target.value);
        if (target.kind === 'set') this.unitDropped(at(d.target), header(d.target), target.value, was.target.value, next.baseline.value);
        const when = (a: Answered<string>, col: number, set: (v: Indicator['baseline']['asOf']) => void) => {
          if (a.kind !== 'set') return;
          const v = readAsOf(a.value);
          if (!v) this.err(at(col), this.words.get('err-at', { found: a.value }));
          else set(v);
        };
        when(baselineAt, d.baselineAt, (v) => (next.baseline.asOf = v));
        when(targetAt, d.targetAt, (v) => (next.target.asOf = v));
        listOf(e).sent[index] = next;
        continue;
      }
      if (firstFilledColumn(ws.findRow(row)) === undefined) continue;
      const owner = this.take(at(d.name), answerName(cell(d.name), this.clear));
      const answers = inputs.map((col) => this.take(at(col), answerName(cell(col), this.clear)));
      if (!owner || answers.some((a) => a === undefined)) continue;
      const missing = [d.name, ...inputs].filter((_col, j) => (j === 0 ? owner : answers[j - 1]!).kind !== 'set');
      const [firstMissing] = missing;
      if (firstMissing !== undefined) {
        this.err(at(firstMissing), this.words.get('err-indicator-incomplete', { columns: missing.map(header).join('、') }));
        continue;
      }
      // the five inputs' answers, each set (checked just above)
      const [name, baseline, baselineAt, target, targetAt] = answers.map((a) => (a as { value: string }).value) as Five<string>;
      const ownerName = (owner as { value: string }).value;
      const b = readAsOf(baselineAt);
      const t = readAsOf(targetAt);
      if (!b) this.err(at(d.baselineAt), this.words.get('err-at', { found: baselineAt }));
      if (!t) this.err(at(d.targetAt), this.words.get('err-at', { found: targetAt }));
      // the initiative: a new one of this book by its title, or one of the data set by title or id
      // (not one an import before added from this row's book: its 指標 went in with it)
      if (this.addedBefore.has(ownerName)) continue;
      let e = this.matchNew(at(d.name), ownerName, fresh);
      if (!e) {
        const found = this.model.initiatives.filter((i) => i.data.title === ownerName || i.id === ownerName);
        if (found.length > 1) {
          this.err(at(d.name), this.words.get('err-ambiguous', { name: ownerName, ids: found.map((i) => i.id).join('、') }));
          continue;
        }
        const [one] = found;
        if (one === undefined) {
          if (!this.problems.some((p) => p.file === at(d.name))) this.err(at(d.name), this.words.get('err-no-initiative', { name: ownerName }));
          continue;
        }
        e = this.edit(one.id, at(d.name), label);
        if (!e) continue;
      }
      this.unitDropped(at(d.baseline), header(d.baseline), baseline, target);
      this.unitDropped(at(d.target), header(d.target), target, baseline);
      if (b && t)
        listOf(e).added.push({ name, baseline: { asOf: b, value: halfWidthFigures(baseline) }, target: { asOf: t, value: halfWidthFigures(target) } });
    }
    for (const [e, l] of lists) {
      const next = [...l.sent.filter((x): x is Indicator => x !== null), ...l.added];
      if (!same(next, e.data.indicators ?? [])) e.data.indicators = next;
    }
  }
}

const readRelistingsOf = (rs: Initiative['relistedIn']) =>
  (rs ?? []).map((r) => (typeof r === 'string' ? r : r.after ? { section: r.section, after: r.after } : r.section));

/** The id of a new initiative: the next number where the ids are numbers (「101」), else 「<節>-<n>」. */
function newId(taken: Set<string>, section: string): string {
  const ids = [...taken];
  if (ids.length && ids.every((id) => /^\d+$/.test(id))) {
    const width = Math.max(...ids.map((id) => id.length));
    let n = Math.max(...ids.map(Number)) + 1;
    while (taken.has(String(n).padStart(width, '0'))) n++;
    return String(n).padStart(width, '0');
  }
  for (let n = 1; ; n++) {
    const id = `${section}-${String(n).padStart(2, '0')}`;
    if (!taken.has(id)) return id;
  }
}

function finish(
  dir: string,
  model: Model,
  raw: ReturnType<typeof loadDataset>,
  reader: BookReader,
  opts: PlanImportOptions,
  io: CommitIo,
  words: Wording,
  survey: Wording,
  problems: Problem[],
): PlanImportResult {
  const books = reader.books;
  const none = { books, changes: [], written: false };
  const changes: PlanChange[] = [];
  const texts = new Map<string, string>();
  const removals: string[] = [];
  const byId = new Map(model.initiatives.map((i) => [i.id, i]));
  const err = (file: string, message: string) => problems.push({ severity: 'error', file, message });

  for (const [id, e] of reader.edits) {
    const entry = byId.get(id)!;
    const before = entry.data;
    if (e.retire) {
      // past years' results would disappear from their reports with the file
      const years = Object.keys(before.results ?? {});
      if (years.length) err(e.at, words.get('err-retire-results', { id, name: before.title, years: years.join('・') }));
      removals.push(entry.file);
      changes.push({ kind: 'retire', book: e.book, id, file: entry.file, title: before.title });
      continue;
    }
    let text = raw.json.get(entry.file)!.text;
    for (const field of FIELDS) {
      const to = (e.data as Record<Field, unknown>)[field];
      const from = (before as Record<Field, unknown>)[field];
      if (same(from, to)) continue;
      text = jsonc.applyEdits(text, jsonc.modify(text, [field], to, FORMAT));
      changes.push({ kind: 'change', book: e.book, id, file: entry.file, title: before.title, field, from, to });
    }
    if (text !== raw.json.get(entry.file)!.text) texts.set(entry.file, text);
  }

  // new initiatives: a file and an id of their own, numbered last in their section for now
  const taken = new Set(model.initiatives.map((i) => i.id));
  const pillar = new Map<string, string>();
  walkSections(model.dataset.sections, (s, _d, parents) => void pillar.set(s.id, parents[0]?.id ?? s.id));
  // a retired initiative's number is not given again in the same import (the documents of today still show it)
  const numbers = model.initiatives.map((i) => ({ pillar: pillar.get(i.data.section), no: i.data.no }));
  const withSchema = model.initiatives.some((i) => i.data.$schema);
  for (const e of reader.added) {
    const section = e.data.section!;
    const id = newId(taken, section);
    taken.add(id);
    const file = `initiatives/${id}.json`;
    const per = model.dataset.numbering === 'per-section';
    const no = Math.max(0, ...numbers.filter((n) => !per || n.pillar === pillar.get(section)).map((n) => n.no)) + 1;
    numbers.push({ pillar: pillar.get(section), no });
    const data: Record<string, unknown> = withSchema ? { $schema: '../../../schema/initiative.schema.json', no } : { no };
    for (const f of FIELDS) if (e.data[f] !== undefined) data[f] = e.data[f];
    // never on top of a file this tool did not write (an initiative saved as 101.JSON, a folder)
    if (existsSync(path.join(dir, file))) err(file, words.get('err-file-there', { file }));
    texts.set(file, JSON.stringify(data, null, 2) + '\n');
    changes.push({ kind: 'new', book: e.book, id, file, data: data as Initiative });
  }
  if (hasErrors(problems)) return { ...none, problems };
  if (changes.length === 0) return { ...none, problems };

  // the data set as it would be, checked whole before anything is written
  const reparsed: Problem[] = [];
  const json = new Map(raw.json);
  for (const rel of removals) json.delete(rel);
  for (const [rel, text] of texts) {
    const f = parseJsonFile(rel, text, reparsed);
    if (f) json.set(rel, f);
  }
  const after = validate({ ...raw, json, problems: reparsed });
  if (hasErrors(after.problems) || !after.model) {
    const errors = after.problems.filter((p) => p.severity === 'error');
    // an initiative retired here that the text or another initiative still cites: its 廃止 is named at its
    // cell, as the cause of the errors above it (they name only the citation, 「032」がありません)
    const causes: Problem[] = [...reader.edits]
      .filter(([id, e]) => e.retire && errors.some((p) => p.message.includes(`「${id}」`)))
      .map(([id, e]) => ({
        severity: 'error',
        file: e.retireAt ?? e.at,
        message: words.get('err-retired-cited', { id, title: byId.get(id)?.data.title ?? '' }),
      }));
    return { ...none, problems: [...problems, ...errors, ...causes] };
  }
  const renumber = after.problems.some((p) => p.code === 'number-order');
  if (!opts.write) return { problems, books, changes, written: false, renumber };

  const changed = new Map([...texts].filter(([rel, text]) => !existsSync(path.join(dir, rel)) || text !== readFileSync(path.join(dir, rel), 'utf8')));
  const done = commitAll(dir, changed, io, removals, 'plan:import');
  const why = (code: string) => survey.get('io-reason', { code });
  if (done.ok) return { problems, books, changes, written: true, renumber };
  if (done.stage === 'staging') {
    for (const f of done.failed) err(f.file, words.get('err-staging', { temp: f.temp, reason: why(f.reason) }));
    return { ...none, problems };
  }
  err(JOURNAL, words.get('err-renaming', { reason: why(done.reason), done: done.done.join('、'), pending: done.pending.join('、') }));
  return { ...none, problems, partial: done.done };
}

/** A, B, …, Z, AA, … */
function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

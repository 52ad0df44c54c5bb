// The 基データ tables (総務省「統計表における機械判読可能なデータの表記方法の統一ルール」): one
// value per cell, numbers as numbers, no merged cells or layout rows, every item named in
// every row, units in the headers, 西暦 (time points in ISO 8601) with 和暦 beside, no line break
// inside a cell, codes with their code table where the booklet prints 丸数字, a stable 事業ID, and
// the leading columns of the 自治体標準オープンデータセット (全国地方公共団体コード, ID, 地方公共団体名).
// Each table is written as a CSV and as one sheet of opendata.xlsx (documents/data/index.ts).
import type { Resolved } from '../../resolve/index.js';
import type { ResultsView } from '../../resolve/results.js';
import type { EvaluationYear, IndicatorProgress, IndicatorYear } from '../../resolve/progress.js';
import type { Wording } from '../../templates/index.js';

export type Value = string | number;

export interface Column {
  /** the wording key of its header (col-…) and description (desc-…) */
  key: string;
  header: string;
  type: 'number' | 'text';
  /** the unit of a number (its header says it too) */
  unit?: string;
}

export interface DataTable {
  file: string;
  sheet: string;
  about: string;
  columns: Column[];
  rows: Value[][];
}

/**
 * A text as one line (統一ルール: no line break inside a cell): its lines joined directly after the
 * end of a sentence (。), else with a space; empty lines dropped. The PDFs keep the data's lines.
 */
export function oneLine(s: string): string {
  if (!/[\r\n]/.test(s)) return s;
  return s
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim())
    .reduce((out, l) => (out === '' ? l : /[。！？]$/.test(out) ? out + l : `${out} ${l}`), '');
}

/** Builds a table column by column, so that a header and its values cannot drift apart. */
class TableBuilder<R> {
  private cols: { col: Column; value: (r: R) => Value }[] = [];
  constructor(private words: Wording) {}
  text(key: string, value: (r: R) => string, ctx: object = {}) {
    this.cols.push({ col: { key, header: this.words.get(`col-${key}`, ctx), type: 'text' }, value: (r) => oneLine(value(r)) });
    return this;
  }
  number(key: string, value: (r: R) => number | null, unit?: string, ctx: object = {}) {
    this.cols.push({ col: { key, header: this.words.get(`col-${key}`, ctx), type: 'number', ...(unit ? { unit } : {}) }, value: (r) => value(r) ?? '' });
    return this;
  }
  /** a list as columns 1, 2, … (as many as the longest list has) */
  repeated(key: string, rows: R[], value: (r: R) => string[]) {
    const n = Math.max(1, ...rows.map((r) => value(r).length));
    for (let k = 0; k < n; k++) this.text(key, (r) => value(r)[k] ?? '', { n: k + 1 });
    return this;
  }
  /** a list of numbers (codes) as columns 1, 2, … */
  repeatedNumbers(key: string, rows: R[], value: (r: R) => number[]) {
    const n = Math.max(1, ...rows.map((r) => value(r).length));
    for (let k = 0; k < n; k++) this.number(key, (r) => value(r)[k] ?? null, undefined, { n: k + 1 });
    return this;
  }
  build(file: string, sheet: string, about: string, rows: R[]): DataTable {
    return { file, sheet, about, columns: this.cols.map((c) => c.col), rows: rows.map((r) => this.cols.map((c) => c.value(r))) };
  }
}

function lead<R>(b: TableBuilder<R>, r: Resolved, id: (x: R) => string): TableBuilder<R> {
  const od = r.openData;
  return b.text('code', () => od.localGovernmentCode).text('id', id).text('name', () => od.localGovernmentName);
}

/** the leading columns, then the initiative a row of a per-initiative table belongs to and the row's place in it */
function perInitiative<R extends { initiativeId: string; no: number; title: string; seq: number }>(w: Wording, r: Resolved): TableBuilder<R> {
  return lead(new TableBuilder<R>(w), r, (x) => `${x.initiativeId}-${x.seq}`)
    .text('initiative', (x) => x.initiativeId)
    .number('no', (x) => x.no)
    .text('title', (x) => x.title)
    .number('seq', (x) => x.seq);
}

function resultsTables(view: ResultsView, r: Resolved, w: Wording): DataTable[] {
  const rows = view.pillars.flatMap((p) => p.rows.map((row) => ({ p, row })));
  type Row = (typeof rows)[number];
  const b = lead(new TableBuilder<Row>(w), r, (x) => x.row.initiativeId)
    .text('initiative', (x) => x.row.initiativeId)
    .number('fy', () => view.fiscalYear)
    .text('fy-era', () => view.fyLong)
    .text('pillar-path', (x) => x.p.label)
    .text('pillar', (x) => x.p.title)
    .number('order', (x) => x.row.no)
    .number('new', (x) => (x.row.isNew ? 1 : 0))
    .text('title', (x) => x.row.title)
    .text('description', (x) => x.row.description)
    .number('budget', (x) => (x.row.missing.includes('budget') ? null : x.row.budget), w.get('unit-thousand-yen'))
    .text('achievement', (x) => x.row.achievement)
    .text('category', (x) => x.row.category ?? '')
    .text('outcome', (x) => x.row.outcome)
    .text('answered', (x) => w.get(x.row.missing.length ? 'unanswered' : 'answered'))
    .text('department', (x) => x.row.department)
    .repeated('division', rows, (x) => x.row.divisions);
  const ctx = { fiscalYear: view.fiscalYear, fyLong: view.fyLong };
  const results = b.build(`results-${view.fiscalYear}.csv`, w.get('table-results', ctx), w.get('about-results', ctx), rows);

  type Pillar = ResultsView['pillars'][number];
  const s = lead(new TableBuilder<Pillar>(w), r, (p) => p.id)
    .number('fy', () => view.fiscalYear)
    .text('fy-era', () => view.fyLong)
    .text('pillar-path', (p) => p.label)
    .text('pillar', (p) => p.title)
    .number('count', (p) => p.summary.count, w.get('unit-count'))
    .number('new-count', (p) => p.summary.newCount, w.get('unit-count'))
    .number('budget-total', (p) => p.summary.budgetTotal, w.get('unit-thousand-yen'));
  view.achievements.forEach((label, i) => s.number('achievement-count', (p) => p.summary.achievements[i] ?? 0, w.get('unit-count'), { label }));
  s.text('status', () => w.get(view.draft ? 'draft' : 'final'));
  return [results, s.build(`summary-${view.fiscalYear}.csv`, w.get('table-summary', ctx), w.get('about-summary', ctx), view.pillars)];
}

/** A row of the indicator progress table: one indicator in one fiscal year. */
export interface IndicatorYearRow {
  initiativeId: string;
  no: number;
  title: string;
  seq: number;
  ind: IndicatorProgress;
  y: IndicatorYear;
}

/** 指標の進ちょく: one row per indicator and year, numbers as numbers, units and dates in columns of their own. */
export function indicatorProgressTable(r: Resolved): DataTable {
  const w = r.words.opendata;
  const p = r.progress!;
  const rows: IndicatorYearRow[] = p.initiatives.flatMap((i) => i.indicators.flatMap((ind) => ind.years.map((y) => ({ initiativeId: i.id, no: i.no, title: i.title, seq: ind.seq, ind, y }))));
  const b = lead(new TableBuilder<IndicatorYearRow>(w), r, (x) => `${x.initiativeId}-${x.seq}-${x.y.fiscalYear}`)
    .text('initiative', (x) => x.initiativeId)
    .number('no', (x) => x.no)
    .text('title', (x) => x.title)
    .number('seq', (x) => x.seq)
    .text('indicator', (x) => x.ind.name)
    .number('fy', (x) => x.y.fiscalYear)
    .text('fy-era', (x) => x.y.fyLong)
    .text('indicator-unit', (x) => x.ind.unit)
    .text('direction', (x) => x.ind.direction)
    .number('baseline-number', (x) => x.ind.baseline ?? null)
    .text('baseline-unit', (x) => x.ind.baselineUnit ?? x.ind.unit)
    .text('baseline-date', (x) => x.ind.baselineDate)
    .number('year-target', (x) => x.y.target)
    .number('final-target', (x) => x.ind.target)
    .text('target-date', (x) => x.ind.targetDate)
    .number('actual', (x) => x.y.actual)
    .text('actual-date', (x) => x.y.actualAsOf ?? '')
    .number('rate', (x) => ('value' in x.y.rate ? x.y.rate.value : null), w.get('unit-percent'))
    .text('rate-note', (x) => ('value' in x.y.rate ? (x.y.rate.metEarly ? r.words.progress.get('met-early') : '') : x.y.rateText))
    .text('level', (x) => x.y.level ?? '')
    .text('actual-note', (x) => x.y.note ?? '')
    .text('actual-answered', (x) => w.get(x.y.missing ? 'unanswered' : 'answered'))
    // the year's own status: a year whose answers are all in is final while a later one is still open
    .text('progress-status', (x) => w.get(p.draft?.fiscalYears.includes(x.y.fiscalYear) ? 'draft' : 'final'));
  return b.build('indicator-progress.csv', w.get('table-indicator-progress'), w.get('about-indicator-progress'), rows);
}

/** The data dictionary: every column of every table, its description, type and unit. */
function columnsTable(tables: DataTable[], w: Wording): DataTable {
  const rows = tables.flatMap((t) => t.columns.map((c) => ({ t, c })));
  type Row = (typeof rows)[number];
  const b = new TableBuilder<Row>(w)
    .text('table', (x) => x.t.sheet)
    .text('file', (x) => x.t.file)
    .text('column', (x) => x.c.header)
    .text('about', (x) => w.get(`desc-${x.c.key}`))
    .text('type', (x) => w.get(`type-${x.c.type}`))
    .text('unit', (x) => x.c.unit ?? '');
  const table = b.build('columns.csv', w.get('table-columns'), w.get('about-columns'), rows);
  // the dictionary describes itself too
  table.rows.push(...table.columns.map((c) => [table.sheet, table.file, c.header, w.get(`desc-${c.key}`), w.get(`type-${c.type}`), '']));
  return table;
}

interface EvaluationRow {
  initiativeId: string;
  no: number;
  title: string;
  e: EvaluationYear;
}

/** The self-evaluations of the 進ちょく状況: one row per initiative and year, as the report prints them. */
export function evaluationsTable(r: Resolved): DataTable {
  const w = r.words.opendata;
  const p = r.progress!;
  const rows: EvaluationRow[] = p.initiatives.flatMap((i) => i.evaluations.map((e) => ({ initiativeId: i.id, no: i.no, title: i.title, e })));
  const b = lead(new TableBuilder<EvaluationRow>(w), r, (x) => `${x.initiativeId}-${x.e.fiscalYear}`)
    .text('initiative', (x) => x.initiativeId)
    .number('no', (x) => x.no)
    .text('title', (x) => x.title)
    .number('fy', (x) => x.e.fiscalYear)
    .text('fy-era', (x) => x.e.fyLong)
    .text('grade', (x) => x.e.grade)
    .text('grade-meaning', (x) => x.e.gradeMeaning)
    .text('reason', (x) => x.e.reason)
    .text('outlook', (x) => x.e.outlook)
    .text('evaluation-answered', (x) => w.get(x.e.missing ? 'unanswered' : 'answered'));
  return b.build('evaluations.csv', w.get('table-evaluations'), w.get('about-evaluations'), rows);
}

export function openDataTables(r: Resolved): DataTable[] {
  const w = r.words.opendata;
  const od = r.openData;
  const tables: DataTable[] = [];
  type I = (typeof od.initiatives)[number];
  const i = lead(new TableBuilder<I>(w), r, (x) => x.id)
    .text('initiative', (x) => x.id)
    .number('no', (x) => x.no)
    .text('title', (x) => x.title)
    .text('department', (x) => x.department)
    .repeated('division', od.initiatives, (x) => x.divisions)
    .text('top-path', (x) => x.topNumbers)
    .text('top-title', (x) => x.topTitle)
    .text('section-id', (x) => x.sectionId)
    .text('section-path', (x) => x.sectionNumbers)
    .text('section-title', (x) => x.sectionTitle)
    .number('initiative-new', (x) => (x.isNew ? 1 : 0))
    .text('description', (x) => x.description)
    .repeated('relisted', od.initiatives, (x) => x.relistedIn)
    .repeated('goal', od.initiatives, (x) => x.secondaryGoals)
    .repeatedNumbers('measure', od.initiatives, (x) => x.policyMeasures);
  tables.push(i.build('initiatives.csv', w.get('table-initiatives'), w.get('about-initiatives'), od.initiatives));
  if (od.policyMeasures.length) {
    type P = (typeof od.policyMeasures)[number];
    const m = lead(new TableBuilder<P>(w), r, (x) => x.id)
      .number('measure-code', (x) => x.code)
      .text('measure-title', (x) => x.title);
    tables.push(m.build('policy-measures.csv', w.get('table-measures'), w.get('about-measures'), od.policyMeasures));
  }
  if (od.schedule.length) {
    type S = (typeof od.schedule)[number];
    const s = perInitiative<S>(w, r)
      .number('from', (x) => x.from)
      .text('from-era', (x) => x.fromEra)
      .number('to', (x) => x.to)
      .text('to-era', (x) => x.toEra)
      .text('label', (x) => x.label);
    tables.push(s.build('schedule.csv', w.get('table-schedule'), w.get('about-schedule'), od.schedule));
  }
  if (od.indicators.length) {
    type N = (typeof od.indicators)[number];
    const n = perInitiative<N>(w, r)
      .text('indicator', (x) => x.name)
      .text('baseline-asof-western', (x) => x.baselineAsOfIso)
      .text('baseline-asof', (x) => x.baselineAsOf)
      .text('baseline', (x) => x.baselineValue)
      .text('target-asof-western', (x) => x.targetAsOfIso)
      .text('target-asof', (x) => x.targetAsOf)
      .text('target', (x) => x.targetValue);
    tables.push(n.build('indicators.csv', w.get('table-indicators'), w.get('about-indicators'), od.indicators));
  }
  for (const view of r.results) tables.push(...resultsTables(view, r, w));
  if (r.progress) tables.push(indicatorProgressTable(r), evaluationsTable(r));
  tables.push(columnsTable(tables, w));
  return tables;
}

// The 正誤表's entries from two versions of a data set (a view, like resolve/): documents read
// it, the errata command runs it.
// - Tables (the results reports, the appendix workbook) are compared at the data level, field by
//   field, with the column named: what a reader looks up is a cell, not a flattened row.
// - Prose (the booklet, the list) is compared as the reader sees it, line by line, leaving out
//   what only moves when pages move: page footers, 目次 and 掲載頁 numbers (moved pages have
//   their own table). A changed passage is given as text, without the PDF's line breaks.
import { diffArrays } from 'diff';
import type { ErrataEntry, MovedItem } from '../resolve/errata-view.js';
export type { ErrataEntry, MovedItem };
import type { Wording } from '../templates/index.js';
import type { ResultsView, ResultRow, PillarSummary } from '../resolve/results.js';
import type { InitiativeListView } from '../resolve/initiative-list.js';
import type { CellValue, SheetSpec } from '../render/xlsx.js';
import { cellRef } from '../render/xlsx.js';
import { yen } from '../templates/index.js';
import { readPdfBytes } from './pdf-lines.js';
import { resultsProse } from '../documents/pdf/results-report.js';

export interface Line {
  page: number;
  line: number;
  text: string;
}

const squash = (s: string) => s.replace(/\s+/g, '');
const FOOTER = [/^-\s*(\d+)\s*-$/, /(\d+) \/ \d+$/];

/** Lines of a PDF with the page number printed on each page (its footer), or the physical one. */
export async function pdfLines(bytes: Buffer, dropPageNumbers: boolean): Promise<Line[]> {
  const { pages } = await readPdfBytes(bytes);
  const out: Line[] = [];
  for (const p of pages) {
    const footerAt = p.lines.findIndex((l) => FOOTER.some((re) => re.test(l.trim())));
    const footerLine = p.lines[footerAt]; // none when no line is a footer (index -1)
    const footer = footerLine !== undefined ? FOOTER.map((re) => re.exec(footerLine.trim())).find(Boolean) : undefined;
    const page = footer ? Number(footer[1]) : p.number;
    // table cells are compared on their own, column by column, so that a changed cell is not
    // mixed with its neighbours on the same baseline
    const columns = [...new Set(p.segments.map((x) => Math.round(x.x)))].sort((a, b) => a - b);
    const ordered =
      p.segments.length > p.lines.length * 1.5
        ? [...p.segments].sort((a, b) => columns.indexOf(Math.round(a.x)) - columns.indexOf(Math.round(b.x)) || a.line - b.line)
        : p.segments;
    for (const seg of ordered) {
      if (seg.line === footerAt + 1) continue;
      let text = seg.text.trim();
      // 目次 entries and 掲載頁 end in a page number, or are one
      if (dropPageNumbers) text = text.replace(/^[\d、,\s]+$/, '').replace(/\s+\d+$/, '');
      if (text) out.push({ page, line: seg.line, text });
    }
  }
  return out;
}

/** Changed passages between two line lists; neighbouring changed lines are one passage, joined without breaks. */
export function compareLines(document: string, order: number, before: Line[], after: Line[]): ErrataEntry[] {
  const entries: (ErrataEntry & { end: number })[] = [];
  const parts = diffArrays(
    before.map((l) => l.text),
    after.map((l) => l.text),
  );
  let i = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!; // k is within the loop's bound
    if (!p.added && !p.removed) {
      i += p.count ?? p.value.length;
      continue;
    }
    const removed = p.removed ? p.value : [];
    const next = p.removed && parts[k + 1]?.added ? parts[++k] : p.added ? p : undefined;
    const added = next?.value ?? [];
    // an empty before (no line to stand at) is placed where locate places a text not found: page 1, line 1
    const at = before[Math.min(i, before.length - 1)] ?? { page: 1, line: 1 };
    // the removed lines are before's own, from line i on
    const endLine = removed.length ? before[i + removed.length - 1]!.line : at.line;
    const last = entries[entries.length - 1];
    if (last && last.page === at.page && at.line - last.end <= 1) {
      last.wrong += removed.join('');
      last.right += added.join('');
      last.end = endLine;
    } else entries.push({ document, order, page: at.page, line: at.line, wrong: removed.join(''), right: added.join(''), end: endLine });
    i += removed.length;
  }
  return entries.map(({ end: _end, ...e }) => e);
}

/** Where a text first appears in a published PDF: its printed page and line (a row's number before it is passed over). */
export function locate(lines: Line[], text: string, fallback?: Line): { page: number; line: number } {
  const whole = squash(text);
  const key = whole.slice(0, 14);
  const found = key
    ? lines.find((l) => {
        const t = squash(l.text).replace(/^\d+/, '');
        return t.includes(key) || (t.length >= 6 && whole.startsWith(t));
      })
    : undefined;
  const at = found ?? fallback ?? lines[0];
  return { page: at?.page ?? 1, line: at?.line ?? 1 };
}

const ROW_FIELDS: { key: string; value: (r: ResultRow, w: Wording) => string }[] = [
  { key: 'field-no', value: (r) => String(r.no) },
  { key: 'field-new', value: (r, w) => (r.isNew ? w.get('mark-new') : '') },
  { key: 'field-name', value: (r) => r.title },
  { key: 'field-description', value: (r) => r.description },
  { key: 'field-budget', value: (r) => r.budgetText },
  { key: 'field-achievement', value: (r) => r.achievement },
  { key: 'field-outcome', value: (r) => r.outcome },
  { key: 'field-department', value: (r) => r.department },
  { key: 'field-division', value: (r) => r.divisions.join('、') },
];

/** One year's report, field by field: rows by initiative, the summary by pillar. */
export function compareResults(
  document: string,
  order: number,
  before: ResultsView,
  after: ResultsView,
  lines: Line[],
  w: Wording,
  rw: Wording,
): ErrataEntry[] {
  const out: ErrataEntry[] = [];
  const oldRows = new Map(before.pillars.flatMap((p) => p.rows).map((r) => [r.initiativeId, r]));
  const newRows = new Map(after.pillars.flatMap((p) => p.rows).map((r) => [r.initiativeId, r]));
  const summaryAt = locate(lines, rw.get('summary-title', before));
  // a summary row: the first line from the summary's title on that begins with its label (「1 復興への取組」, 「合計」)
  const from = Math.max(
    0,
    lines.findIndex((l) => l.page === summaryAt.page && l.line === summaryAt.line),
  );
  const rowAt = (label: string) => {
    const found = lines.slice(from).find((l) => squash(l.text).startsWith(squash(label)));
    return found ? { page: found.page, line: found.line } : summaryAt;
  };
  const sums = (v: ResultsView) =>
    new Map<string, { label: string; s: PillarSummary }>([
      ...v.pillars.map((p) => [p.id, { label: p.heading, s: p.summary }] as const),
      ['*', { label: rw.get('summary-total'), s: v.total }],
    ]);
  const oldSums = sums(before);
  const newSums = sums(after);
  const summaryFields = (v: ResultsView, s: PillarSummary): [string, string][] => [
    [rw.get('summary-count'), String(s.count)],
    [rw.get('summary-new'), String(s.newCount)],
    [rw.get('summary-budget'), yen(s.budgetTotal)],
    ...v.achievements.map((a, i) => [a, String(s.achievements[i])] as [string, string]),
  ];
  // the title, the face's date and issuer, the 【活動概要】 sentences and the pillars' headings
  const prose = (v: ResultsView): [string, string][] => {
    const p = resultsProse(v, rw);
    return [
      [w.get('item-title'), p.title],
      [w.get('item-face'), p.issued],
      ...p.overview.map((t): [string, string] => [rw.get('overview-label'), t]),
      ...v.pillars.map((x): [string, string] => [w.get('field-heading'), x.heading]),
    ];
  };
  const oldProse = prose(before);
  prose(after).forEach(([item, text], i) => {
    const was = oldProse[i]?.[1] ?? '';
    if (was !== text) out.push({ document, order, ...locate(lines, was), item, wrong: was, right: text });
  });
  for (const [id, n] of newSums) {
    const o = oldSums.get(id);
    const of = new Map(o ? summaryFields(before, o.s) : []);
    const at = rowAt(o?.label ?? n.label);
    for (const [field, value] of summaryFields(after, n.s)) {
      const was = of.get(field) ?? '';
      if (was !== value) out.push({ document, order, ...at, item: w.get('item-summary', { pillar: n.label, field }), wrong: was, right: value });
    }
  }
  // the chart of the pillars' 達成度 draws the summary's counts: a pillar whose bar changes is named too
  const chartTitle = rw.get('chart-title');
  const chartAt = locate(lines, chartTitle);
  const bar = (v: ResultsView, s: PillarSummary | undefined) =>
    w.get('chart-bar', { parts: v.achievements.map((label, i) => ({ label, count: s?.achievements[i] ?? 0 })).filter((x) => x.count > 0) });
  for (const [id, n] of newSums) {
    if (id === '*') continue;
    const was = bar(before, oldSums.get(id)?.s);
    const now = bar(after, n.s);
    if (was !== now) out.push({ document, order, ...chartAt, item: w.get('item-chart', { chart: chartTitle, pillar: n.label }), wrong: was, right: now });
  }
  for (const [id, n] of newRows) {
    const o = oldRows.get(id);
    if (!o) {
      out.push({ document, order, ...locate(lines, ''), item: w.get('item-row', { no: n.no, title: n.title }), wrong: '', right: w.get('row-added') });
      continue;
    }
    const at = locate(lines, o.title);
    for (const f of ROW_FIELDS) {
      const was = f.value(o, w);
      const now = f.value(n, w);
      if (was !== now)
        out.push({ document, order, ...at, item: w.get('item-field', { no: o.no, title: o.title, field: w.get(f.key) }), wrong: was, right: now });
    }
  }
  for (const [id, o] of oldRows)
    if (!newRows.has(id))
      out.push({
        document,
        order,
        ...locate(lines, o.title),
        item: w.get('item-row', { no: o.no, title: o.title }),
        wrong: o.title,
        right: w.get('row-removed'),
      });
  return out;
}

const cellText = (v: CellValue | undefined, numFmt?: string): string => {
  if (v === null || v === undefined) return '';
  // a number as the sheet shows it (#,##0: 135,304)
  if (typeof v === 'number') return numFmt === '#,##0' ? v.toLocaleString('en-US') : String(v);
  if (typeof v === 'string') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  return typeof v.result === 'number' && numFmt === '#,##0' ? v.result.toLocaleString('en-US') : String(v.result);
};

/** A column's name: its header cells, bottom up, on one line. */
function columnName(s: SheetSpec, c: number): string {
  for (let r = s.header.length - 1; r >= 0; r--) {
    const t = cellText(s.header[r]?.[c]);
    if (t) return t.replace(/\s*\n\s*/g, ' ');
  }
  // a merged header: the nearest named cell to the left on the first row
  for (let k = c; k >= 0; k--) if (cellText(s.header[0]?.[k])) return cellText(s.header[0]?.[k]).replace(/\s*\n\s*/g, ' ');
  return '';
}

/** The appendix workbook, cell by cell; columns named `skip` (掲載頁) only move with pages. */
export function compareSheets(document: string, order: number, before: SheetSpec[], after: SheetSpec[], skip: string[], w: Wording): ErrataEntry[] {
  const out: ErrataEntry[] = [];
  for (const s of after) {
    const o = before.find((x) => x.name === s.name);
    if (!o) continue;
    const names = s.widths.map((_, c) => columnName(s, c));
    const rowText = (r: SheetSpec['rows'][number]) => r.cells.map((v, c) => cellText(v, s.numFmts?.[c]));
    // a row is named by the first columns' text that tells rows apart most (the title; the pillar of
    // a summary), not by a longer text its row shares with others (the pillar beside the first
    // initiative of each), else by its longest text among them
    const named = (t: string | undefined) => !!t && !/^[\d,.\s—-]*$/.test(t);
    const afterRows = s.rows.map(rowText);
    const first = (t: string) => t.split('\n')[0]!; // split gives at least one piece
    const distinct = [0, 1, 2, 3].map((c) => new Set(afterRows.map((r) => r[c]).filter(named)).size);
    const naming = distinct.indexOf(Math.max(...distinct));
    const longest = (r: string[]) =>
      r
        .slice(0, 4)
        .map(first)
        .filter(named)
        .reduce((a, b) => (b.length > a.length ? b : a), '');
    const rowName = (r: string[] | undefined) => (!r ? '' : named(r[naming]) ? first(r[naming]!) : longest(r));
    const cell = (rowIndex: number, c: number, name: string, was: string, now: string, row: string[] | undefined) => {
      if (was === now || skip.includes(name)) return;
      out.push({
        document,
        order,
        page: s.name,
        line: cellRef(s.header.length + rowIndex + 1, c + 1),
        item: w.get('item-cell', { row: rowName(row), column: name }),
        wrong: was,
        right: now,
      });
    };
    const a = o.rows.map(rowText);
    const b = afterRows;
    // rows are matched as a reader would: the same rows in the same places, else by their content
    const parts = diffArrays(
      a.map((r) => JSON.stringify(r)),
      b.map((r) => JSON.stringify(r)),
    );
    let i = 0;
    let j = 0;
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!; // k is within the loop's bound
      if (!p.added && !p.removed) {
        i += p.value.length;
        j += p.value.length;
        continue;
      }
      const removed = p.removed ? p.value.length : 0;
      const addedPart = p.removed && parts[k + 1]?.added ? parts[++k] : p.added ? p : undefined;
      const added = addedPart?.value.length ?? 0;
      for (let n = 0; n < Math.max(removed, added); n++) {
        const ra = n < removed ? a[i + n] : undefined;
        const rb = n < added ? b[j + n] : undefined;
        names.forEach((name, c) => cell(j + Math.min(n, Math.max(added - 1, 0)), c, name, ra?.[c] ?? '', rb?.[c] ?? '', ra ?? rb));
      }
      i += removed;
      j += added;
    }
  }
  return out;
}

/** By document, then page, then line: the order a reader checks them in. */
export function inReadingOrder(entries: ErrataEntry[]): ErrataEntry[] {
  const cellKey = (x: number | string): [number, number] => {
    if (typeof x === 'number') return [x, 0];
    const m = /^([A-Z]+)(\d+)$/.exec(x);
    // both groups take part in every match
    return m ? [Number(m[2]), m[1]!.length * 100 + m[1]!.charCodeAt(0)] : [0, 0];
  };
  return entries
    .map((e, i) => ({ e, i }))
    .sort((x, y) => {
      const a = x.e;
      const b = y.e;
      if (a.order !== b.order) return a.order - b.order;
      if (typeof a.page === 'number' && typeof b.page === 'number' && a.page !== b.page) return a.page - b.page;
      // sheets in the workbook's order (as compared)
      if (a.page !== b.page) return x.i - y.i;
      const [ra, ca] = cellKey(a.line);
      const [rb, cb] = cellKey(b.line);
      return ra - rb || ca - cb || x.i - y.i;
    })
    .map((x) => x.e);
}

/** A table row's fields by name, keyed so that the same row of both versions meets. */
export interface FieldRow {
  key: string;
  /** the row as the 箇所 column names it (its number and title) */
  label: { no?: number; title: string };
  /** text to find the row by in the published PDF */
  find: string;
  fields: [string, string][];
  /** the schedule's fields by name, with the year each is (its cells are printed merged across years) */
  years?: Map<string, string>;
}

/** Rows of the initiative list (and the booklet's entries) as fields named by their columns. */
export function listRows(list: InitiativeListView, descriptions: Map<string, string>, lw: Wording, w: Wording): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const x of list.rows) {
    if (x.kind === 'group') {
      rows.push({
        key: `sec-${x.sectionId}`,
        label: { title: `${x.label} ${x.title}` },
        find: x.title,
        fields: [[w.get('field-heading'), `${x.label} ${x.title}`]],
      });
      continue;
    }
    const years: [string, string][] = [];
    const yearOf = new Map<string, string>();
    for (const c of x.schedule)
      for (let y = c.from; y <= c.to; y++) {
        const fyLabel = list.years.find((v) => v.fy === y)?.label ?? String(y);
        const name = w.get('field-schedule', { fyLabel });
        years.push([name, c.label ?? '']);
        yearOf.set(name, fyLabel);
      }
    rows.push({
      years: yearOf,
      key: x.anchor,
      label: { no: x.no, title: x.title },
      find: x.title,
      fields: [
        [w.get('field-list-name'), `${x.relisted ? lw.get('relisted') : ''}${x.title}`],
        [w.get('field-owner'), x.owner],
        [w.get('field-description'), descriptions.get(x.initiativeId) ?? ''],
        ...years,
        [lw.get('col-goals'), x.goals.join('、')],
        [lw.get('col-indicators'), x.indicators.map((i) => `${i.name} ${i.baseline} ${i.target}`).join('／')],
        [lw.get('col-marks'), x.marks.join('')],
      ],
    });
  }
  return rows;
}

/** Field rows of two versions compared; `at` finds a row's page and line in the published document. */
export function compareFieldRows(
  document: string,
  order: number,
  before: FieldRow[],
  after: FieldRow[],
  at: (r: FieldRow, field?: string) => { page: number; line: number },
  w: Wording,
  keep = (_field: string) => true,
): ErrataEntry[] {
  const out: ErrataEntry[] = [];
  const old = new Map(before.map((r) => [r.key, r]));
  const item = (r: FieldRow, field?: string) => (field ? w.get('item-field', { ...r.label, field }) : w.get('item-row', r.label));
  for (const n of after) {
    const o = old.get(n.key);
    if (!o) {
      out.push({ document, order, ...at(n), item: item(n), wrong: '', right: w.get('row-added') });
      continue;
    }
    const was = new Map(o.fields);
    // a change of a schedule cell merged across years is one entry for those years (「スケジュール R1〜R2」),
    // not one per year: consecutive years changed from the same text to the same text are joined
    let span: { entry: ErrataEntry; from: string; wrong: string; right: string } | undefined;
    for (const [field, value] of n.fields) {
      const changed = keep(field) && (was.get(field) ?? '') !== value;
      const year = n.years?.get(field);
      if (!changed || year === undefined) span = undefined;
      if (!changed) continue;
      const wrong = was.get(field) ?? '';
      if (span && year !== undefined && span.wrong === wrong && span.right === value) {
        span.entry.item = item(o, w.get('field-schedule-span', { from: span.from, to: year }));
        continue;
      }
      const entry: ErrataEntry = { document, order, ...at(o, field), item: item(o, field), wrong, right: value };
      out.push(entry);
      span = year !== undefined ? { entry, from: year, wrong, right: value } : undefined;
    }
  }
  const now = new Set(after.map((r) => r.key));
  for (const o of before) if (!now.has(o.key)) out.push({ document, order, ...at(o), item: item(o), wrong: o.label.title, right: w.get('row-removed') });
  return out;
}

/** Line-diff entries that only repeat what field entries already say (a changed cell seen as lines). */
export function coveredBy(fields: ErrataEntry[]): (e: ErrataEntry) => boolean {
  const olds = fields.map((f) => squash(f.wrong)).filter(Boolean);
  const news = fields.map((f) => squash(f.right)).filter(Boolean);
  const inAny = (xs: string[], t: string) => t === '' || xs.some((x) => x.includes(t));
  // the same place as a field's entry (the row seen as a line), or only text a field's entry holds
  return (e) => fields.some((f) => f.page === e.page && f.line === e.line) || (inAny(olds, squash(e.wrong)) && inAny(news, squash(e.right)));
}

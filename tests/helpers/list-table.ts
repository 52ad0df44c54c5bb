// The 主な取組一覧 compared cell by cell: the published list (the seed's tab-separated rows) and
// the generated one (read back from the PDF by position) as tables of rows keyed by 事業番号,
// so that a value counts only in its own row and column. A text search over the whole PDF
// (helpers/fidelity.ts `found`) finds 「運用」 once and is satisfied; here each of its rows
// must print it, in its own year column.
import type { PdfPage } from '../../src/errata/pdf-lines.js';
import { norm } from './fidelity.js';

/** One initiative row: its number and its cells, left to right (事業番号, 事業名, the years, 従たる目標, 指標, 官民データ). */
export interface TableRow {
  no: number;
  cells: string[];
  /** where it comes from, for messages (the seed's line, the PDF's page) */
  at: string;
}

export interface ListTable {
  /** group rows (1 …, (1) …, ① …) in order; the printed list repeats them at page tops */
  groups: { text: string; at: string }[];
  rows: TableRow[];
}

/** The columns compared, by name: 事業番号, 事業名, one per year, 従たる目標, 指標, 官民データ (掲載頁 differs by design). */
export const columnNames = (years: string[]) => ['事業番号', '事業名', ...years, '従たる目標', '指標', '官民データ'];

// ---------------------------------------------------------------------------------------------
// The published list: tab-separated lines of the seed (seeds/README.md)

/**
 * A seed line of the list as a row, a group row, or nothing (a header line). 事業名 is the first
 * cell after 事業番号 that is not empty; the cells after it are the years, 従たる目標 and 指標 at fixed places; some pages of the extraction carry
 * one more empty column before 掲載頁, so 官民データ and 掲載頁 are told by their form.
 */
export function seedRow(line: string, years: number, at: string): { row?: TableRow; group?: string; page?: string } {
  const cells = line.split('\t').map((c) => c.trim());
  const filled = cells.filter(Boolean);
  if (!filled.length || /^重点/.test(filled[0]) || /^H\d+$/.test(filled[0])) return {};
  const k = cells.findIndex(Boolean);
  if (filled.length === 1) return { group: filled[0] };
  // the extraction ran 事業番号 into 事業名 on some pages (`73 宮城県電子入札…`): two cells
  const joined = /^(\d+) (\D.*)$/.exec(cells[k]);
  const no = joined ? joined[1] : cells[k];
  if (!/^\d+$/.test(no)) throw new Error(`${at}: no 事業番号 in ${line}`);
  // the first page has an empty 細目番号 column between 事業番号 and 事業名
  const nameAt = joined ? k : cells.findIndex((c, i) => i > k && c);
  const name = joined ? joined[2] : cells[nameAt];
  const next = nameAt + 1;
  const schedule = Array.from({ length: years }, (_, y) => cells[next + y] ?? '');
  let goals = cells[next + years] ?? '';
  let indicators = cells[next + years + 1] ?? '';
  // an indicator (現状値 … 目標値) in the 従たる目標 column and nothing in 指標: the extraction
  // dropped the empty 従たる目標 cell of that row (61, 62, 83)
  if (!indicators && /現状値.*目標値/.test(goals)) [goals, indicators] = ['', goals];
  const rest = cells.slice(next + years + 2).filter(Boolean);
  const page = rest.length && /^\d+$/.test(rest.at(-1)!) ? rest.pop() : undefined;
  const marks = rest.filter((c) => /^[①-⑳]+$/.test(c)).join('');
  if (rest.some((c) => !/^[①-⑳]+$/.test(c))) throw new Error(`${at}: cells left over: ${rest.join(' | ')}`);
  return { row: { no: Number(no), cells: [no, name, ...schedule, goals, indicators, marks], at }, page };
}

// ---------------------------------------------------------------------------------------------
// The generated list: the PDF's text items placed by their position

/**
 * The list's rows as printed. `edges` are the x of the column rules (left edge of the first
 * column … right edge of the last); an item belongs to the column it starts in. A row begins at
 * a number in the first column and runs to the next (across a page break too); a text that
 * starts in the first column and is not a number is a group row. Only pages that carry the
 * column header (`yearLabel` in the first year column) are read, below that header and above
 * `bottom` (the page's bottom margin: the footer is not a cell).
 */
export function printedTable(pages: PdfPage[], edges: number[], yearLabel: string, bottom: number): ListTable {
  const table: ListTable = { groups: [], rows: [] };
  const column = (x: number) => edges.findIndex((e, i) => i + 1 < edges.length && x >= e - 1 && x < edges[i + 1] - 1);
  let row: TableRow | undefined;
  for (const p of pages) {
    const items = p.items.filter((i) => i.str.trim() !== '');
    const heads = items.filter((i) => i.str.trim() === yearLabel && column(i.x) === 2);
    if (!heads.length) continue;
    const headerBottom = Math.min(...heads.map((i) => i.y));
    // lines: items on one baseline (within 2 pt), left to right
    const lines: (typeof items)[] = [];
    for (const it of items.filter((i) => i.y < headerBottom - 1 && i.y > bottom).sort((a, b) => b.y - a.y || a.x - b.x)) {
      const line = lines.at(-1);
      if (line && Math.abs(line[0].y - it.y) < 2) line.push(it);
      else lines.push([it]);
    }
    for (const line of lines) {
      line.sort((a, b) => a.x - b.x);
      for (const it of line) {
        const c = column(it.x);
        if (c === 0 && /^\d+$/.test(it.str.trim()) && it.x + it.width <= edges[1]) {
          row = { no: Number(it.str.trim()), cells: Array(edges.length - 1).fill(''), at: `page ${p.number}` };
          row.cells[0] = it.str.trim();
          table.rows.push(row);
        } else if (c <= 0) {
          // a group row (or the note under the list): the whole line, one text
          table.groups.push({
            text: line
              .filter((x) => column(x.x) <= 0 || x.x > edges[1])
              .map((x) => x.str)
              .join(''),
            at: `page ${p.number}`,
          });
          break;
        } else if (row) row.cells[c] += it.str;
      }
    }
  }
  return table;
}

// ---------------------------------------------------------------------------------------------
// The comparison

/**
 * A known difference in one cell, with its reason: in row `row` (every occurrence of that
 * 事業番号) and column `column` the published `seed` is printed as `printed`. For a group row
 * (`row: 'group'`), the printed group `printed` stands in the published one's place.
 */
export interface CellAllowance {
  row: number | 'group';
  column: string;
  seed: string;
  printed: string;
  why: string;
}

/** Rows keyed by number and occurrence (a 再掲 row repeats its number): 19, 19#2. */
function keyed(rows: TableRow[]): Map<string, TableRow> {
  const seen = new Map<number, number>();
  const out = new Map<string, TableRow>();
  for (const r of rows) {
    const n = (seen.get(r.no) ?? 0) + 1;
    seen.set(r.no, n);
    out.set(n === 1 ? String(r.no) : `${r.no}#${n}`, r);
  }
  return out;
}

/**
 * Every cell of the published list against the same row (by 事業番号 and occurrence) and column
 * of the printed one: equal after `norm`, or equal to what an allowance says is printed there
 * instead. Rows the one has and the other has not are differences too, and the group rows must
 * appear in the published order (the printed list may repeat a group at a page top). Each row is
 * compared once, so a value the published list repeats in ten rows must be printed in those ten
 * rows, and a value printed in another row than its own is missing from its own.
 * Returns the differences left, and the allowances that no cell needed (stale).
 */
export function compareTables(
  seed: ListTable,
  printed: ListTable,
  names: string[],
  allowed: CellAllowance[] = [],
): { differences: string[]; stale: CellAllowance[] } {
  const used = new Set<CellAllowance>();
  const allowance = (row: number | 'group', column: string, s: string) => allowed.find((a) => a.row === row && a.column === column && norm(a.seed) === norm(s));
  const differences: string[] = [];
  const want = keyed(seed.rows);
  const got = keyed(printed.rows);
  for (const [key, s] of want) {
    const p = got.get(key);
    if (!p) {
      differences.push(`${s.at}: row ${key} is not printed`);
      continue;
    }
    names.forEach((name, c) => {
      const [sv, pv] = [s.cells[c] ?? '', p.cells[c] ?? ''];
      if (norm(sv) === norm(pv)) return;
      const a = allowance(s.no, name, sv);
      if (a && norm(a.printed) === norm(pv)) used.add(a);
      else differences.push(`${s.at} row ${key}, ${name}: published «${sv}», printed «${pv}» (${p.at})`);
    });
  }
  for (const [key, p] of got) if (!want.has(key)) differences.push(`${p.at}: row ${key} is printed but not in the published list`);
  // group rows: each published one (or what an allowance prints instead) in order among the printed ones
  let from = 0;
  for (const g of seed.groups) {
    const find = (text: string) => printed.groups.findIndex((x, i) => i >= from && norm(x.text) === norm(text));
    let at = find(g.text);
    const a = at < 0 ? allowance('group', 'group', g.text) : undefined;
    if (a) {
      at = find(a.printed);
      if (at >= 0) used.add(a);
    }
    if (at < 0) differences.push(`${g.at}: group row «${g.text}» not printed in its place (next printed: «${printed.groups[from]?.text ?? ''}»)`);
    else from = at + 1;
  }
  return { differences, stale: allowed.filter((a) => !used.has(a)) };
}

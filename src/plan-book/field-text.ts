// The fields of an initiative as they stand in a cell of the plan workbook, both ways: the
// export writes a field with these, the import reads the cell back with them. A cell that reads
// back to the value it was exported from is no change, whatever else the data may hold.
import type { AsOf, Initiative } from '../model/schema.js';

/** 課室: several are written one per line. */
export const divisionText = (d: Initiative['division']) => (Array.isArray(d) ? d.join('\n') : d);
export const readDivision = (text: string): Initiative['division'] => {
  const parts = splitLines(text);
  const [only] = parts;
  return parts.length === 1 && only !== undefined ? only : parts;
};

export { halfWidthFigures } from '../half-width.js';

/** Lists of ids in one cell: one item per line, or separated by 、 , ，. */
export const splitList = (text: string) =>
  text
    .split(/[\n、,，]+/)
    .map((s) => s.trim())
    .filter(Boolean);
/** 課室 names may hold blanks and commas: only lines and 、 separate them */
export function splitLines(text: string): string[] {
  return text
    .split(/[\n、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** 節: the drop-down offers 「1-1-1 見出し」; the id alone is taken as well. */
export const sectionChoice = (id: string, title: string) => `${id} ${title}`;
export const sectionIdOf = (text: string) => text.normalize('NFKC').trim().split(/\s+/)[0] ?? '';

type Relisting = NonNullable<Initiative['relistedIn']>[number];
/** 再掲先: 「4-2-6」, or 「4-2-6（099の後）」 when it is placed after another initiative. */
export const relistingText = (r: Relisting) => (typeof r === 'string' ? r : r.after ? `${r.section}（${r.after}の後）` : r.section);
export const relistingsText = (rs: Initiative['relistedIn']) => (rs ?? []).map(relistingText).join('\n');
const RELISTING = /^([0-9A-Za-z][0-9A-Za-z_-]*)(?:\(([0-9A-Za-z][0-9A-Za-z_-]*)の後\))?$/;
/** The relistings of a cell, or the item that is not one. */
export function readRelistings(text: string): { ok: true; value: Relisting[] } | { ok: false; item: string } {
  const out: Relisting[] = [];
  for (const item of text
    .split(/[\n、，,]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = RELISTING.exec(item.normalize('NFKC').replace(/\s+/g, ''));
    if (!m) return { ok: false, item };
    const section = m[1]!; // the pattern's first group takes part in every match
    out.push(m[2] ? { section, after: m[2] } : section);
  }
  return { ok: true, value: out };
}

/** 時点: 「2018年3月末」「2018年度末」「2017年度実績」「2017年平均」 (western years: a cell typed
 *  「2018年3月」 would become a date in Excel, 「…末」 does not). */
export function asOfText(a: AsOf): string {
  if ('month' in a) return `${Number(a.month.slice(0, 4))}年${Number(a.month.slice(5))}月末`;
  if ('fiscalYear' in a) return `${a.fiscalYear}年度${a.point === 'end' ? '末' : '実績'}`;
  return `${a.year}年平均`;
}
export function readAsOf(text: string): AsOf | undefined {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  let m = /^(\d{4})年(\d{1,2})月末?$/.exec(t);
  // both groups take part in every match
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { month: `${m[1]}-${m[2]!.padStart(2, '0')}` };
  m = /^(\d{4})年度(末|実績)$/.exec(t);
  if (m) return { fiscalYear: Number(m[1]), point: m[2] === '末' ? 'end' : 'actual' };
  m = /^(\d{4})年?平均$/.exec(t);
  if (m) return { year: Number(m[1]), point: 'average' };
  return undefined;
}

/** Same value, compared as JSON (key order of the export's own objects is fixed). */
export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

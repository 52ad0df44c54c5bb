// The order initiatives stand in the booklet, and the numbers that order gives them: the one
// rule shared by validation (numbers out of that order are reported), renumber (which writes
// them) and new-plan (which numbers the carried initiatives). The booklet places sections in
// the order of dataset.json and, inside a section, its initiatives by number (then by id, as
// src/resolve/entries.ts does); `global` numbers run 1..N through the whole plan,
// `per-section` ones restart at 1 in each top-level section (柱).
import type { Dataset, Initiative, Section } from './schema.js';

export interface Numbered {
  id: string;
  file: string;
  section: string;
  /** the number the data holds */
  no: number;
  /** the number its place in the booklet gives it */
  expected: number;
}

/** Section ids in document order, each with its top-level section. */
function sectionOrder(sections: Section[]): Map<string, { at: number; top: string }> {
  const order = new Map<string, { at: number; top: string }>();
  const walk = (list: Section[], top?: string) =>
    list.forEach((s) => {
      if (!order.has(s.id)) order.set(s.id, { at: order.size, top: top ?? s.id });
      if (s.children) walk(s.children, top ?? s.id);
    });
  walk(sections);
  return order;
}

/** Initiatives in booklet order with the numbers that order gives them. Initiatives in a
 *  section dataset.json lacks (an error of their own) come last, in their present order. */
export function bookletOrder(
  dataset: Pick<Dataset, 'sections' | 'numbering'>,
  initiatives: { id: string; file: string; data: Pick<Initiative, 'no' | 'section'> }[],
): Numbered[] {
  const order = sectionOrder(dataset.sections);
  const place = (s: string) => order.get(s)?.at ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...initiatives].sort(
    (a, b) => place(a.data.section) - place(b.data.section) || a.data.no - b.data.no || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const counters = new Map<string, number>();
  return sorted.map((i) => {
    const scope = dataset.numbering === 'global' ? '' : (order.get(i.data.section)?.top ?? i.data.section);
    const expected = (counters.get(scope) ?? 0) + 1;
    counters.set(scope, expected);
    return { id: i.id, file: i.file, section: i.data.section, no: i.data.no, expected };
  });
}

/** The initiatives whose number is not the one their place gives them. */
export const misnumbered = (order: Numbered[]) => order.filter((n) => n.no !== n.expected);

/** Numbers missing between 1 and the highest of each numbering scope (global: one scope, '' ),
 *  the first few of each listed: a number as large as 100000 typed by mistake stays cheap. */
export function gaps(order: Numbered[], dataset: Pick<Dataset, 'sections' | 'numbering'>, shown = 10): { scope: string; first: number[]; count: number }[] {
  const top = sectionOrder(dataset.sections);
  const scopes = new Map<string, Set<number>>();
  for (const n of order) {
    const scope = dataset.numbering === 'global' ? '' : (top.get(n.section)?.top ?? n.section);
    if (!scopes.has(scope)) scopes.set(scope, new Set());
    scopes.get(scope)!.add(n.no);
  }
  const out: { scope: string; first: number[]; count: number }[] = [];
  for (const [scope, used] of scopes) {
    const max = Math.max(...used);
    const count = max - used.size;
    if (count <= 0) continue;
    const first: number[] = [];
    for (let k = 1; k < max && first.length < shown; k++) if (!used.has(k)) first.push(k);
    out.push({ scope, first, count });
  }
  return out;
}

// Section labels (1, (1), ①) from position and depth, and the lookups every document needs.
import type { Dataset, Section } from '../model/schema.js';

export interface ResolvedSection {
  id: string;
  title: string;
  /** the name the 主な取組一覧 gives it (its group row, its 従たる目標 cells): listTitle, else title */
  listTitle: string;
  depth: number;
  /** 1 / (1) / ① */
  label: string;
  /** the labels from the top down, 1(1)①: where the section stands, in one string */
  path: string;
  /** the same place in numbers only, 1-1-1 (the open data writes no 丸数字) */
  numbers: string;
  parentIds: string[];
  section: Section;
}

const circled = (n: number) => (n >= 1 && n <= 20 ? String.fromCodePoint(0x245f + n) : `(${n})`);

export function sectionLabel(depth: number, position: number): string {
  if (depth === 1) return String(position);
  if (depth === 2) return `(${position})`;
  return circled(position);
}

/** In document order. */
export function resolveSections(dataset: Dataset): ResolvedSection[] {
  const out: ResolvedSection[] = [];
  const walk = (list: Section[], depth: number, parents: string[], above: string, aboveNumbers: string) =>
    list.forEach((s, i) => {
      const label = sectionLabel(depth, i + 1);
      const numbers = `${aboveNumbers}${aboveNumbers ? '-' : ''}${i + 1}`;
      out.push({ id: s.id, title: s.title, listTitle: s.listTitle ?? s.title, depth, label, path: above + label, numbers, parentIds: parents, section: s });
      if (s.children) walk(s.children, depth + 1, [...parents, s.id], above + label, numbers);
    });
  walk(dataset.sections, 1, [], '', '');
  return out;
}

/** The 取組の基本方向 (depth 2) a section belongs to; a top-level section stands for itself. */
export function directionOf(s: ResolvedSection): string {
  // below depth 2 a section has its top and its direction above it
  return s.depth <= 2 ? s.id : s.parentIds[1]!;
}

// 主な取組一覧: group rows and initiative rows with schedule cells per fiscal year of the
// period, 従たる目標 titles, indicators as text, 官民データ marks. 掲載頁 is filled later
// from the booklet's layout (by anchor). The list names initiatives and sections by their list
// names (listTitle), which a published list may word apart from chapter 2; the other documents
// keep title. Every form of the list (PDF, booklet chapter 3, workbook, web page) reads this view.
import type { Model, Indicator, ScheduleSpan } from '../model/schema.js';
import type { Wording } from '../templates/index.js';
import { fiscalYears, fiscalYearShort, type EraRule } from '../era/index.js';
import type { ResolvedSection } from './sections.js';
import type { Entry } from './entries.js';

export interface ScheduleCell {
  /** number of year columns this cell spans */
  span: number;
  label?: string;
  /** the fiscal years the cell covers (what its arrow means) */
  from: number;
  to: number;
}

export interface IndicatorText {
  name: string;
  baseline: string;
  target: string;
}

export type ListRow =
  | { kind: 'group'; depth: number; label: string; /** the section's list name */ title: string; sectionId: string }
  | {
      kind: 'item';
      initiativeId: string;
      no: number;
      /** the initiative's list name (listTitle, else title) */
      title: string;
      owner: string;
      relisted: boolean;
      schedule: ScheduleCell[];
      /** 従たる目標 by the sections' list names */
      goals: string[];
      indicators: IndicatorText[];
      marks: string[];
      anchor: string;
    };

export interface InitiativeListView {
  years: { fy: number; label: string }[];
  rows: ListRow[];
}

export function scheduleCells(schedule: ScheduleSpan[] | undefined, years: number[]): ScheduleCell[] {
  const cells: ScheduleCell[] = [];
  const spans = [...(schedule ?? [])].sort((a, b) => a.from - b.from);
  for (let i = 0; i < years.length;) {
    const y = years[i]!; // i < years.length
    const s = spans.find((x) => x.from <= y && y <= x.to);
    if (s) {
      const span = Math.min(s.to, years[years.length - 1]!) - y + 1; // years holds y: it has a last
      cells.push({ span, label: s.label, from: y, to: y + span - 1 });
      i += span;
    } else {
      cells.push({ span: 1, from: y, to: y });
      i++;
    }
  }
  return cells;
}

export function asOfText(a: Indicator['baseline']['asOf'], words: Wording): string {
  if ('month' in a) return words.get('asOf-month', a);
  if ('fiscalYear' in a) return words.get(a.point === 'end' ? 'asOf-end' : 'asOf-actual', a);
  return words.get('asOf-average', a);
}

export function resolveInitiativeList(
  model: Model,
  sections: ResolvedSection[],
  entries: Map<string, Entry[]>,
  words: Wording,
  rule: EraRule,
): InitiativeListView {
  const years = fiscalYears(model.dataset.period);
  const titleOf = new Map(sections.map((s) => [s.id, s.listTitle]));
  const marks = new Map((model.dataset.policyMeasures ?? []).map((m) => [m.id, m.mark]));
  const rows: ListRow[] = [];
  for (const s of sections) {
    rows.push({ kind: 'group', depth: s.depth, label: s.label, title: s.listTitle, sectionId: s.id });
    for (const e of entries.get(s.id) ?? []) {
      const i = e.initiative;
      const divisions = Array.isArray(i.division) ? i.division : [i.division];
      rows.push({
        kind: 'item',
        initiativeId: e.initiativeId,
        no: i.no,
        title: i.listTitle ?? i.title,
        owner: words.get('owner', { department: i.department, divisions }),
        relisted: e.relisted,
        schedule: scheduleCells(i.schedule, years),
        goals: e.secondaryGoals.map((g) => titleOf.get(g) ?? g),
        indicators: (i.indicators ?? []).map((ind) => ({
          name: ind.name,
          baseline: words.get('baseline', { asOf: asOfText(ind.baseline.asOf, words), value: ind.baseline.value }),
          target: words.get('target', { asOf: asOfText(ind.target.asOf, words), value: ind.target.value }),
        })),
        marks: (i.policyMeasures ?? []).map((m) => marks.get(m) ?? m),
        anchor: e.anchor,
      });
    }
  }
  return { years: years.map((fy) => ({ fy, label: fiscalYearShort(fy, rule) })), rows };
}

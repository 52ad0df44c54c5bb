// Which initiatives stand in which section, in printed order, with 再掲 entries placed, and
// the 従たる目標 each row shows.
import type { Initiative, Model } from '../model/schema.js';
import { directionOf, type ResolvedSection } from './sections.js';

export interface Entry {
  initiativeId: string;
  initiative: Initiative;
  sectionId: string;
  relisted: boolean;
  /** the anchor id of this entry in the booklet (for page references) */
  anchor: string;
  /** section ids of 従たる目標 shown on this row */
  secondaryGoals: string[];
}

export function resolveEntries(model: Model, sections: ResolvedSection[]): Map<string, Entry[]> {
  const bySection = new Map<string, Entry[]>(sections.map((s) => [s.id, []]));
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  const direction = (id: string) => {
    const s = sectionById.get(id);
    return s ? directionOf(s) : id;
  };
  const make = (id: string, i: Initiative, sectionId: string, relisted: boolean): Entry => {
    // 従たる目標: the initiative's own goals and the other places it is listed, less the
    // direction (取組の基本方向) of the row itself
    const places = [i.section, ...(i.relistedIn ?? []).map((r) => (typeof r === 'string' ? r : r.section))];
    const goals = [...(i.secondaryGoals ?? []), ...places.map(direction)];
    const own = direction(sectionId);
    const shown = [...new Set(goals)].filter((g) => g !== own);
    // keep the data's order of secondaryGoals first
    // section ids hold no "/" and file names cannot: "001-2" in "1" and "001" in "2-1" stay apart
    return { initiativeId: id, initiative: i, sectionId, relisted, anchor: `entry-${sectionId}/${id}`, secondaryGoals: shown };
  };
  const sorted = [...model.initiatives].sort((a, b) => a.data.no - b.data.no || (a.id < b.id ? -1 : 1));
  for (const { id, data } of sorted) bySection.get(data.section)?.push(make(id, data, data.section, false));
  // 再掲: placed after the named entry, or by number among the section's own entries
  for (const { id, data } of sorted) {
    for (const r of data.relistedIn ?? []) {
      const sectionId = typeof r === 'string' ? r : r.section;
      const list = bySection.get(sectionId);
      if (!list) continue;
      const entry = make(id, data, sectionId, true);
      const after = typeof r === 'string' ? undefined : r.after;
      let at = after !== undefined ? list.findIndex((e) => e.initiativeId === after) + 1 : list.findIndex((e) => e.initiative.no > data.no);
      if (at <= 0 && after === undefined) at = at === -1 ? list.length : 0;
      list.splice(at, 0, entry);
    }
  }
  return bySection;
}

// Each initiative once, at its own entry (not where it is shown again, 再掲), in the order the
// documents list them, with the fields its record begins with: the open data and the progress
// report each make one record of an initiative from these.
import type { ResolvedSection } from './sections.js';
import type { Entry } from './entries.js';

export interface InitiativeHead {
  id: string;
  no: number;
  title: string;
  department: string;
  divisions: string[];
  sectionId: string;
}

export interface OwnEntry {
  entry: Entry;
  section: ResolvedSection;
  head: InitiativeHead;
}

export function ownEntries(sections: ResolvedSection[], entries: Map<string, Entry[]>): OwnEntry[] {
  return sections.flatMap((section) =>
    (entries.get(section.id) ?? [])
      .filter((e) => !e.relisted)
      .map((entry) => {
        const i = entry.initiative;
        const divisions = Array.isArray(i.division) ? i.division : [i.division];
        return { entry, section, head: { id: entry.initiativeId, no: i.no, title: i.title, department: i.department, divisions, sectionId: section.id } };
      }),
  );
}

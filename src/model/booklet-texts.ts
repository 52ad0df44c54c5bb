// The text files the booklet lays out, in its reading order. Validation and resolve read the
// same list, so a heading or a figure placement counts as "in the booklet" in both or in neither
// (a text/ file no part names is printed nowhere, and nothing in it can be cited).
import type { Dataset, Section } from './schema.js';

export type BookletPart = 'notice' | 'intro' | 'narrative' | 'column' | 'references' | 'sources';

export interface BookletText {
  part: BookletPart;
  file: string;
  /** the section of a narrative or a column */
  section?: string;
}

/** Every text file of the booklet in reading order; none when the data set publishes no booklet. */
export function bookletTexts(dataset: Dataset): BookletText[] {
  const b = dataset.documents.booklet;
  if (!b) return [];
  const out: BookletText[] = [];
  const add = (part: BookletPart, file: string | undefined, section?: string) => {
    if (file) out.push({ part, file, ...(section ? { section } : {}) });
  };
  add('notice', b.notice);
  add('intro', b.intro);
  const walk = (list: Section[]) =>
    list.forEach((s) => {
      add('narrative', s.narrative, s.id);
      (s.columns ?? []).forEach((c) => add('column', c, s.id));
      walk(s.children ?? []);
    });
  walk(dataset.sections);
  add('references', b.references);
  add('sources', b.sources);
  return out;
}

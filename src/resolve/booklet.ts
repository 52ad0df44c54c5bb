// The booklet's view model: every text already in its final words and numbers, glossary
// superscripts placed in reading order, section labels derived.
import type { Model, Site } from '../model/schema.js';
import { parseMarkdown, type Block, type Inline } from '../markdown/index.js';
import { renderText } from '../templates/index.js';
import type Handlebars from 'handlebars';
import { monthWithWestern, type EraRule } from '../era/index.js';
import type { ResolvedSection } from './sections.js';
import type { Entry } from './entries.js';
import { numberGlossary, type NumberedTerm } from './glossary.js';

export interface EntryView {
  anchor: string;
  no: number;
  title: Inline[];
  department: string;
  relisted: boolean;
  description: Block[];
  /** the data file it comes from (named when something of it cannot be printed) */
  file: string;
}

export interface SectionView {
  id: string;
  depth: number;
  label: string;
  /** with glossary superscripts, for the heading itself */
  title: Inline[];
  /** without them, for the 目次, the bookmarks and the list */
  plainTitle: string;
  narrative: Block[];
  entries: EntryView[];
  columns: Block[][];
  /** the data files of the narrative and of each column */
  files: { narrative?: string; columns: string[] };
}

export interface BookletView {
  title: string;
  issuer: string;
  issuerUnit?: string;
  history: { when: string; event: string }[];
  notice: Block[];
  intro: Block[];
  sections: SectionView[];
  sites: Site[];
  references: Block[];
  glossary: NumberedTerm[];
  sources: Block[];
  contact: Model['dataset']['contact'];
  /** the data file of each part */
  files: { notice?: string; intro?: string; references?: string; sources?: string; glossary: string; sites: string };
}

/** Figures carry their bytes from the model (validated: inside the data set's figures/). */
function withFigures(blocks: Block[], model: Model): Block[] {
  for (const b of blocks) {
    if (b.kind !== 'figure') continue;
    const rel = b.src.replace(/^\.\//, '');
    const bytes = model.figures[rel];
    if (!bytes) continue;
    b.data = rel.toLowerCase().endsWith('.svg') ? bytes.toString('utf8') : `data:image/${rel.toLowerCase().endsWith('.png') ? 'png' : 'jpeg'};base64,${bytes.toString('base64')}`;
  }
  return blocks;
}

/** Chapter prose headings: # → 1, ## → (1), ### → ① by position. */
export function labelHeadings(blocks: Block[]): Block[] {
  const counters = [0, 0, 0, 0];
  for (const b of blocks) {
    if (b.kind !== 'heading') continue;
    const level = Math.min(b.level, 3);
    counters[level]++;
    for (let l = level + 1; l < counters.length; l++) counters[l] = 0;
    const n = counters[level];
    b.label = level === 1 ? String(n) : level === 2 ? `(${n})` : String.fromCodePoint(0x245f + n);
  }
  return blocks;
}

function runLists(blocks: Block[]): Inline[][] {
  const out: Inline[][] = [];
  for (const b of blocks) {
    if (b.kind === 'list') out.push(...b.items);
    else if (b.kind === 'table') out.push(...b.header, ...b.rows.flat());
    else if (b.kind !== 'figure') out.push(b.inlines);
  }
  return out;
}

export function resolveBooklet(
  model: Model,
  sections: ResolvedSection[],
  entries: Map<string, Entry[]>,
  hb: typeof Handlebars,
  rule: EraRule,
): BookletView {
  const { dataset } = model;
  const ctx = { dataset, period: dataset.period, title: dataset.title, issuer: dataset.issuer };
  const prose = (file: string | undefined): Block[] => (file ? withFigures(parseMarkdown(renderText(hb, model.texts[file] ?? '', ctx)), model) : []);
  const paragraphs = (text: string | undefined): Block[] =>
    (text ?? '').split('\n').filter((t) => t.trim()).map((t) => ({ kind: 'paragraph', inlines: [{ text: t }] }));
  const booklet = dataset.documents.booklet ?? {};

  const intro = labelHeadings(prose(booklet.intro));
  const sectionViews: SectionView[] = sections.map((s) => ({
    id: s.id,
    depth: s.depth,
    label: s.label,
    title: [{ text: s.title }],
    plainTitle: s.title,
    narrative: prose(s.section.narrative),
    entries: (entries.get(s.id) ?? []).map((e) => ({
      anchor: e.anchor,
      no: e.initiative.no,
      title: [{ text: e.initiative.title }],
      department: e.initiative.department,
      relisted: e.relisted,
      description: paragraphs(e.initiative.description),
      file: `initiatives/${e.initiativeId}.json`,
    })),
    columns: (s.section.columns ?? []).map((c) => prose(c)),
    files: { narrative: s.section.narrative, columns: s.section.columns ?? [] },
  }));

  // glossary numbers follow the reading order of chapters 1 and 2 (headings of sections
  // and entries included, chapter titles and the cover not)
  const reading: Inline[][] = [...runLists(intro)];
  for (const s of sectionViews) {
    reading.push(s.title, ...runLists(s.narrative));
    for (const e of s.entries) reading.push(e.title, ...runLists(e.description));
    for (const c of s.columns) reading.push(...runLists(c));
  }
  const glossary = numberGlossary(reading, model.glossary);

  return {
    title: dataset.title,
    issuer: dataset.issuer,
    issuerUnit: dataset.issuerUnit,
    history: (dataset.history ?? []).map((h) => ({ when: monthWithWestern(h.date, rule), event: h.event })),
    notice: prose(booklet.notice),
    intro,
    sections: sectionViews,
    sites: model.sites,
    references: labelHeadings(prose(booklet.references)),
    glossary,
    sources: prose(booklet.sources),
    contact: dataset.contact,
    files: { notice: booklet.notice, intro: booklet.intro, references: booklet.references, sources: booklet.sources, glossary: 'glossary.json', sites: 'sites.json' },
  };
}

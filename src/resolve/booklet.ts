// The booklet's view model: every text already in its final words and numbers, glossary
// superscripts placed in reading order, section labels derived.
import type { Model, Site } from '../model/schema.js';
import { parseMarkdown, type Block, type Inline } from '../markdown/index.js';
import { renderText } from '../templates/index.js';
import { textContext } from '../templates/context.js';
import type Handlebars from 'handlebars';
import { monthWithWestern, type EraRule } from '../era/index.js';
import type { ResolvedSection } from './sections.js';
import type { Entry } from './entries.js';
import { numberGlossary, type NumberedTerm } from './glossary.js';
import type { Wording } from '../templates/index.js';
import { placeFigures, figurePlacements } from './figures.js';
import { referenceTargets, resolveBlockReferences, resolveRuns, nameHeadings } from './references.js';
import { bookletParts } from '../markdown/references.js';
import { anchorNames, nameLinks, blockRuns } from './link-names.js';

export interface EntryView {
  anchor: string;
  no: number;
  title: Inline[];
  department: string;
  relisted: boolean;
  description: Block[];
  /** the data file it comes from (named when something of it cannot be printed) */
  file: string;
  /** figures placed after the description (only on the initiative's own entry) */
  figures: Block[];
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
  /** the note under the 主な取組一覧, its page reference resolved */
  listNote: Inline[];
  /** what chapter 3 holds (its title and numbering follow it): the 主な取組一覧, the 情報発信サイト等 */
  chapter3: { list: boolean; sites: boolean };
}

/** Chapter prose headings: # → 1, ## → (1), ### → ① by position. */
export function labelHeadings(blocks: Block[]): Block[] {
  const counters = [0, 0, 0, 0];
  for (const b of blocks) {
    if (b.kind !== 'heading') continue;
    const level = Math.min(b.level, 3);
    // a level not counted yet stands at 0
    const n = (counters[level] ?? 0) + 1;
    counters[level] = n;
    for (let l = level + 1; l < counters.length; l++) counters[l] = 0;
    b.label = level === 1 ? String(n) : level === 2 ? `(${n})` : String.fromCodePoint(0x245f + n);
  }
  return blocks;
}

/** Headings of level 1 and 2 without a name of their own get `<prefix>-<position>`. */
function anchorByPosition(blocks: Block[], prefix: string): void {
  blocks.forEach((b, i) => {
    if (b.kind === 'heading' && b.level <= 2 && !b.anchor) b.anchor = `${prefix}-${i}`;
  });
}

export function resolveBooklet(
  model: Model,
  sections: ResolvedSection[],
  entries: Map<string, Entry[]>,
  hb: typeof Handlebars,
  rule: EraRule,
  words: { booklet: Wording; list: Wording },
  hasList: boolean,
  /** the list is declared but no initiative has a schedule yet (a next plan just begun) */
  listPending = false,
): BookletView {
  const { dataset } = model;
  const ctx = textContext(dataset);
  const prose = (file: string | undefined): Block[] => (file ? parseMarkdown(renderText(hb, model.texts[file] ?? '', ctx)) : []);
  const paragraphs = (text: string | undefined): Block[] =>
    (text ?? '')
      .split('\n')
      .filter((t) => t.trim())
      .map((t) => ({ kind: 'paragraph', inlines: [{ text: t }] }));
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
      figures: e.relisted ? [] : figurePlacements(e.initiative.figures),
    })),
    columns: (s.section.columns ?? []).map((c) => prose(c)),
    files: { narrative: s.section.narrative, columns: s.section.columns ?? [] },
  }));

  const notice = prose(booklet.notice);
  const references = labelHeadings(prose(booklet.references));
  const sources = prose(booklet.sources);

  // figures are numbered, and references resolved, in the booklet's reading order
  const lists: Block[][] = [notice, intro];
  for (const s of sectionViews) lists.push(s.narrative, ...s.entries.map((e) => e.figures), ...s.columns);
  lists.push(references, sources);
  const figures = placeFigures(lists, model, words.booklet, rule);
  const initiativeAnchors = new Map<string, string>();
  for (const list of entries.values()) for (const e of list) if (!e.relisted) initiativeAnchors.set(e.initiativeId, e.anchor);
  const targets = referenceTargets({
    initiatives: initiativeAnchors,
    sections: sections.map((s) => s.id),
    figures: figures.placed,
    parts: bookletParts({ list: hasList, sites: model.sites.length > 0, references: references.length > 0, glossary: model.glossary.length > 0 }),
    headings: nameHeadings(lists),
    figureLabel: figures.label,
    pendingParts: listPending ? new Map([['initiative-list', words.booklet.get('list-pending')]]) : undefined,
  });
  for (const l of lists) resolveBlockReferences(l, targets);
  // the headings the 目次 lists carry an anchor each, named or by position: the heading, its
  // 目次 line, its bookmark and the web edition's link all read this one
  anchorByPosition(intro, 'intro');
  anchorByPosition(references, 'ref');
  const measuresHeading = dataset.documents.initiativeList?.measuresHeading;
  const listNote = resolveRuns([{ text: words.list.get('note', { measuresHeading }) }], targets);

  // glossary numbers follow the reading order of chapters 1 and 2 (headings of sections
  // and entries included, chapter titles and the cover not)
  const reading: Inline[][] = [...blockRuns(intro)];
  for (const s of sectionViews) {
    reading.push(s.title, ...blockRuns(s.narrative));
    for (const e of s.entries) reading.push(e.title, ...blockRuns(e.description));
    for (const c of s.columns) reading.push(...blockRuns(c));
  }
  const glossary = numberGlossary(reading, model.glossary);
  // every link of the prose says where it leads (the PDF's link descriptions)
  const b = words.booklet;
  const partTitles = new Map<string, string>([
    ['chapter1', b.get('chapter1', { title: dataset.title })],
    ['chapter2', b.get('chapter2')],
    ['chapter3', b.get('chapter3')],
    ['initiative-list', b.get('list-title')],
    ['sites', b.get('sites-title')],
    ['references', b.get('references-title')],
    ['glossary', b.get('glossary-title')],
  ]);
  const names = anchorNames(
    {
      initiatives: new Map([...entries.values()].flat().map((e) => [e.anchor, e.initiative.no])),
      sections: sections.map((s) => ({ id: s.id, label: s.label, title: s.title })),
      figures: new Map([...figures.placed].map((id) => [id, figures.label(id) ?? id])),
      parts: partTitles,
      blocks: lists,
    },
    b,
  );
  nameLinks([...reading, ...lists.flatMap(blockRuns), listNote], names, glossary, b);

  return {
    chapter3: { list: hasList, sites: model.sites.length > 0 },
    title: dataset.title,
    issuer: dataset.issuer,
    issuerUnit: dataset.issuerUnit,
    history: (dataset.history ?? []).map((h) => ({ when: monthWithWestern(h.date), event: h.event })),
    notice,
    intro,
    sections: sectionViews,
    sites: model.sites,
    references,
    glossary,
    sources,
    contact: dataset.contact,
    files: {
      notice: booklet.notice,
      intro: booklet.intro,
      references: booklet.references,
      sources: booklet.sources,
      glossary: 'glossary.json',
      sites: 'sites.json',
    },
    listNote,
  };
}

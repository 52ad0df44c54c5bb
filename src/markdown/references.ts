// References written in prose through the `page` and `figure` helpers. Handlebars runs
// before the layout and before figures are numbered, so a helper leaves a marker in the
// text; resolve/ turns each marker into a page reference (an anchor pdfmake resolves after
// layout) or a figure number. The markers use private-use characters, which no font prints
// and no data contains, and only ASCII inside, which Markdown leaves alone.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** What a page reference can point at. */
export const PAGE_KINDS = ['initiative', 'section', 'figure', 'part', 'heading'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

export type Reference = { page: { kind: string; id: string } } | { figure: string };

export const pageMarker = (kind: string, id: string) => `${OPEN}page ${kind} ${id}${CLOSE}`;
export const figureMarker = (id: string) => `${OPEN}figure ${id}${CLOSE}`;

const MARKER = /\uE000(page|figure) ([^\s\uE001]*)(?: ([^\uE001]*))?\uE001/g;

/** Text split into plain pieces and references, in order. */
export function splitReferences(text: string): (string | Reference)[] {
  if (!text.includes(OPEN)) return [text];
  const out: (string | Reference)[] = [];
  let at = 0;
  for (const m of text.matchAll(MARKER)) {
    if (m.index! > at) out.push(text.slice(at, m.index));
    // the first two groups take part in every match
    out.push(m[1] === 'page' ? { page: { kind: m[2]!, id: m[3] ?? '' } } : { figure: m[2]! });
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** A prose heading may name itself for references: `## 見出し {#policy-measures}`. */
export const HEADING_ID = /\s*\{#([0-9A-Za-z][0-9A-Za-z_-]*)\}\s*$/;

/** Where a figure is placed in prose: `![](#zu3)` (the figure's id from dataset.json). */
export const FIGURE_PLACEMENT = /^#([0-9A-Za-z][0-9A-Za-z_-]*)$/;

/** The parts of the booklet a page reference can name, and the anchor each part's heading carries. */
export const PARTS: Record<string, string> = {
  chapter1: 'chapter-1',
  chapter2: 'chapter-2',
  chapter3: 'chapter-3',
  'initiative-list': 'list-start',
  sites: 'sites',
  references: 'references',
  glossary: 'glossary',
};

/** The parts a booklet has, as keys of PARTS: validation and resolve ask the same question. */
export function bookletParts(has: { list: boolean; sites: boolean; references: boolean; glossary: boolean }): Set<string> {
  return new Set([
    'chapter1',
    'chapter2',
    'chapter3',
    ...(has.list ? ['initiative-list'] : []),
    ...(has.sites ? ['sites'] : []),
    ...(has.references ? ['references'] : []),
    ...(has.glossary ? ['glossary'] : []),
  ]);
}

/** The anchor of a prose heading named `{#name}`, and of a figure. */
export const headingAnchor = (name: string) => `heading-${name}`;
export const figureAnchor = (id: string) => `fig-${id}`;

// Figures and references: every figure of dataset.json's `figures` sound and placed once,
// every `{{figure "…"}}` and `{{page "…" "…"}}` in prose naming something the booklet has.
// The helpers are found in the Handlebars syntax tree, so each problem has its line and column.
import Handlebars from 'handlebars';
import type { RawDataset, JsonFile } from '../load/index.js';
import type { Dataset, Model, Section } from '../model/schema.js';
import type { Severity } from '../problem.js';
import { PAGE_KINDS, PARTS, FIGURE_PLACEMENT, bookletParts } from '../markdown/references.js';
import type { Block } from '../markdown/index.js';
import { bookletTexts } from '../model/booklet-texts.js';
import { imageProblem } from './images.js';
import { planWords } from '../plan/words.js';
import { Wording, createHandlebars } from '../templates/index.js';
import { textWords as w } from './templates.js';

let booklet: Wording | undefined;
const bookletWords = () => (booklet ??= Wording.load(createHandlebars({}), 'booklet'));

export interface Reporter {
  json(severity: Severity, f: JsonFile, path: (string | number)[], message: string): void;
  text(severity: Severity, rel: string, offset: number, message: string): void;
}

/** `![](#id)`: where prose places a figure of dataset.json's figures */
export const PLACEMENT = /!\[[^\]]*\]\(\s*#([^)\s]*)\s*\)/g;
const NAMED_HEADING = /^#{1,6}[ \t].*?\{#([0-9A-Za-z][0-9A-Za-z_-]*)\}[ \t]*$/gm;

interface HelperCall {
  name: string;
  args: (string | undefined)[];
  line: number;
  column: number;
}

/** Every `{{page …}}` and `{{figure …}}` in a Handlebars text (string arguments; others undefined). */
function helperCalls(text: string): HelperCall[] {
  let ast: unknown;
  try {
    ast = Handlebars.parse(text);
  } catch {
    return []; // reported as a syntax error elsewhere
  }
  const calls: HelperCall[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as {
      type?: string;
      path?: { type: string; original: string };
      params?: { type: string; value?: unknown }[];
      loc?: { start: { line: number; column: number } };
    };
    if (
      (node.type === 'MustacheStatement' || node.type === 'SubExpression') &&
      node.path?.type === 'PathExpression' &&
      (node.path.original === 'page' || node.path.original === 'figure')
    )
      calls.push({
        name: node.path.original,
        args: (node.params ?? []).map((p) => (p.type === 'StringLiteral' ? String(p.value) : undefined)),
        line: node.loc?.start.line ?? 1,
        column: (node.loc?.start.column ?? 0) + 1,
      });
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'strip') walk(v);
  };
  walk(ast);
  return calls;
}

function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) at = text.indexOf('\n', at) + 1;
  return at + column - 1;
}

const sectionIds = (list: Section[]): string[] => list.flatMap((s) => [s.id, ...sectionIds(s.children ?? [])]);

/** What the rest of validation knows of the data set's content. */
export interface BookletContent {
  /** each text file as the build reads it: expanded and parsed (absent where that failed) */
  parsed: Map<string, Block[]>;
  sites: number;
  glossary: number;
}

/** Names of headings (`{#name}`) and figures placed (`![](#id)`) in parsed prose, in order. */
function namedIn(blocks: Block[]): { headings: string[]; figures: string[] } {
  const headings: string[] = [];
  const figures: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading' && b.name) headings.push(b.name);
    if (b.kind === 'figure') {
      const id = FIGURE_PLACEMENT.exec(b.src)?.[1];
      if (id) figures.push(id);
    }
  }
  return { headings, figures };
}

const sectionTexts = (list: Section[]): string[] =>
  list.flatMap((s) => [...(s.narrative ? [s.narrative] : []), ...(s.columns ?? []), ...sectionTexts(s.children ?? [])]);

export function checkFiguresAndReferences(
  raw: RawDataset,
  dataset: Dataset,
  initiatives: Model['initiatives'],
  content: BookletContent,
  report: Reporter,
): void {
  const ds = raw.json.get('dataset.json')!;
  const figures = dataset.figures ?? [];
  const byId = new Map<string, (typeof figures)[number]>();
  figures.forEach((f, i) => {
    if (byId.has(f.id)) report.json('error', ds, ['figures', i, 'id'], w('figure-id-twice', { id: f.id }));
    byId.set(f.id, f);
    if (f.image) {
      const message = imageProblem(f.image, raw);
      if (message) report.json('error', ds, ['figures', i, 'image'], message);
    }
    if (f.image && f.timeline) report.json('error', ds, ['figures', i], w('image-and-timeline'));
    if (!f.image && !f.timeline) report.json('warning', ds, ['figures', i], w('figure-without-image', { caption: f.caption, id: f.id }));
    const t = f.timeline;
    if (t) {
      if (t.from > t.to) report.json('error', ds, ['figures', i, 'timeline', 'to'], w('timeline-reversed', { from: t.from, to: t.to }));
      t.groups.forEach((g, gi) =>
        g.rows.forEach((r, ri) => {
          const at = ['figures', i, 'timeline', 'groups', gi, 'rows', ri, 'spans'];
          // a span read from somewhere other than the published figure is data nobody has checked yet
          if (r.unconfirmed)
            report.json(
              'warning',
              ds,
              ['figures', i, 'timeline', 'groups', gi, 'rows', ri, 'unconfirmed'],
              w('span-unconfirmed', {
                caption: f.caption,
                label: r.label,
                spans: r.spans.map((x) => (x.from === x.to ? `${x.from}` : `${x.from}〜${x.to}`)).join('、'),
              }),
            );
          const spans = r.spans.map((s, si) => ({ ...s, si })).sort((a, b) => a.from - b.from);
          for (const s of spans) {
            if (s.from > s.to) report.json('error', ds, [...at, s.si, 'to'], w('span-reversed', { label: r.label, from: s.from, to: s.to }));
            if (s.to < t.from || s.from > t.to)
              report.json('error', ds, [...at, s.si], w('span-outside', { label: r.label, from: s.from, to: s.to, tableFrom: t.from, tableTo: t.to }));
          }
          spans.reduce<(typeof spans)[number] | undefined>((prev, s) => {
            if (prev && s.from <= prev.to) report.json('error', ds, [...at, s.si, 'from'], w('spans-overlap', { label: r.label, fiscalYear: s.from }));
            return s;
          }, undefined);
        }),
      );
    }
  });

  // where figures are placed: ![](#id) in the booklet's prose, `figures` of an initiative. What
  // counts is what the build lays out: the booklet's own text files (model/booklet-texts.ts) as
  // Markdown reads them once expanded; the written form is read only to say where a mistake is.
  const booklet = bookletTexts(dataset);
  const inBooklet = new Set(booklet.map((t) => t.file));
  const where = new Map<string, string>();
  const place = (id: string, file: string, fail: (message: string) => void) => {
    if (!byId.has(id)) fail(w('figure-unknown', { id }));
    else if (where.has(id)) fail(w('figure-placed-twice', { id, file: where.get(id) }));
    else where.set(id, file);
  };
  const written = new Map<string, { headings: string[]; figures: string[] }>();
  for (const [rel, text] of raw.texts) {
    const lines = text.split('\n');
    const mine = { headings: [] as string[], figures: [] as string[] };
    written.set(rel, mine);
    for (const m of text.matchAll(PLACEMENT)) {
      const fail = (message: string) => report.text('error', rel, m.index!, message);
      // a figure is a paragraph of its own: inside a sentence Markdown would print its alt text instead
      const line = text.slice(0, m.index!).split('\n').length - 1;
      // a line before the first or after the last counts as blank
      const blank = (l: number) => !lines[l]?.trim();
      const id = m[1]!; // the pattern's group always takes part
      // line counts the line ends before the match, so it is one of the text's lines
      if (lines[line]!.trim() !== m[0].trim() || !blank(line - 1) || !blank(line + 1)) fail(w('placement-alone', { written: m[0].trim() }));
      else if (!inBooklet.has(rel)) {
        if (!byId.has(id)) fail(w('figure-unknown', { id }));
      } else {
        place(id, rel, fail);
        mine.figures.push(id);
      }
    }
    for (const m of text.matchAll(NAMED_HEADING)) mine.headings.push(m[1]!); // the pattern's group always takes part
  }
  const headings = new Set<string>();
  const placed = new Set<string>();
  // what stands before chapter 1 (the notice, after the 目次) has no printed page number
  const front = new Set<string>();
  const printed = new Set<string>();
  for (const { file, part } of booklet) {
    const blocks = content.parsed.get(file);
    // a text that could not be expanded is refused already: its written form stands in for it
    const found = blocks ? namedIn(blocks) : (written.get(file) ?? { headings: [], figures: [] });
    const text = raw.texts.get(file) ?? '';
    const seen = new Map<string, number>();
    for (const name of found.headings) {
      if (headings.has(name)) {
        // the place of this file's n-th {#name}: the one that repeats a name
        const nth = (seen.get(name) ?? 0) + 1;
        let at = -1;
        for (let k = 0; k < nth; k++) at = text.indexOf(`{#${name}}`, at + 1);
        report.text('error', file, Math.max(at, 0), w('heading-name-twice', { heading: `{#${name}}` }));
      }
      seen.set(name, (seen.get(name) ?? 0) + 1);
      headings.add(name);
      if (part === 'notice') front.add(`heading ${name}`);
    }
    // a file the booklet prints twice (named by two parts) would place its figures twice
    if (printed.has(file))
      for (const id of found.figures)
        report.text('error', file, Math.max(text.lastIndexOf('![', text.indexOf(`#${id}`)), 0), w('figure-file-twice', { id, file }));
    printed.add(file);
    for (const id of found.figures) if (byId.has(id)) placed.add(id);
    if (part === 'notice') for (const id of found.figures) front.add(`figure ${id}`);
  }
  for (const { file, data } of initiatives)
    data.figures?.forEach((id, i) => {
      place(id, file, (message) => report.json('error', raw.json.get(file)!, ['figures', i], message));
      if (dataset.documents.booklet && byId.has(id)) placed.add(id);
    });
  figures.forEach((f, i) => {
    if (!placed.has(f.id)) report.json('warning', ds, ['figures', i, 'id'], w('figure-unplaced', { caption: f.caption, id: f.id }));
  });
  // a text file that no part of dataset.json names is printed nowhere (nothing in it can be cited)
  const named = new Set([...inBooklet, ...sectionTexts(dataset.sections)]);
  for (const rel of raw.texts.keys()) if (rel.endsWith('.md.hbs') && !named.has(rel)) report.text('warning', rel, 0, w('text-unnamed', { file: rel }));

  const measures = dataset.documents.initiativeList?.measuresHeading;
  if (measures && !headings.has(measures))
    report.json('error', ds, ['documents', 'initiativeList', 'measuresHeading'], w('measures-heading-missing', { heading: `{#${measures}}` }));
  else if (measures && front.has(`heading ${measures}`))
    report.json('error', ds, ['documents', 'initiativeList', 'measuresHeading'], w('measures-heading-front', { heading: `{#${measures}}` }));

  // what the booklet can point at (the same parts as resolve/booklet.ts gives it)
  const initiativeIds = new Set(initiatives.map((i) => i.id));
  const sections = new Set(sectionIds(dataset.sections));
  const hasList = Boolean(dataset.documents.initiativeList && initiatives.some((i) => i.data.schedule?.length));
  const references = dataset.documents.booklet?.references;
  const parts = bookletParts({
    list: hasList,
    sites: content.sites > 0,
    // a 参考資料 file with nothing in it has no heading to point at
    references: Boolean(references && (content.parsed.get(references) ?? [1]).length),
    glossary: content.glossary > 0,
  });
  const kinds = PAGE_KINDS.join('・');
  for (const [rel, text] of raw.texts) {
    // only what is printed cites anything (a file named nowhere is warned about above)
    if (!rel.endsWith('.hbs') || !inBooklet.has(rel)) continue;
    for (const c of helperCalls(text)) {
      const err = (message: string) => report.text('error', rel, offsetOf(text, c.line, c.column), message);
      const [a, b] = c.args;
      if (c.name === 'figure') {
        if (c.args.length !== 1) err(w('figure-citation-form'));
        else if (a === undefined) continue;
        else if (!byId.has(a)) err(w('cited-figure-unknown', { id: a }));
        else if (!placed.has(a)) err(w('cited-figure-unplaced', { id: a }));
        else if (byId.get(a)!.numbered === false) err(w('cited-figure-unnumbered', { id: a }));
        continue;
      }
      if (c.args.length !== 2) {
        err(w('page-reference-form', { kinds }));
        continue;
      }
      if (a === undefined || b === undefined) continue;
      // the list is declared but not made until an initiative has a schedule (a next plan just begun)
      if (a === 'part' && b === 'initiative-list' && !hasList && dataset.documents.initiativeList) {
        report.text('warning', rel, offsetOf(text, c.line, c.column), planWords().get('warn-list-pending', { pending: bookletWords().get('list-pending') }));
        continue;
      }
      const named = { name: b, heading: `{#${b}}` };
      const missing =
        a === 'initiative'
          ? initiativeIds.has(b)
            ? undefined
            : 'page-initiative-missing'
          : a === 'section'
            ? sections.has(b)
              ? undefined
              : 'page-section-missing'
            : a === 'figure'
              ? placed.has(b)
                ? undefined
                : 'page-figure-missing'
              : a === 'part'
                ? parts.has(b)
                  ? undefined
                  : PARTS[b]
                    ? 'page-part-absent'
                    : 'page-part-unknown'
                : a === 'heading'
                  ? headings.has(b)
                    ? undefined
                    : 'page-heading-missing'
                  : 'page-kind-unknown';
      if (missing) err(w(missing, { ...named, kind: a, kinds, parts: Object.keys(PARTS).join('・') }));
      else if (front.has(`${a} ${b}`)) err(w('page-front', { ...named, isFigure: a === 'figure' }));
    }
  }
}

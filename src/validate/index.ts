// validate: raw files → model. Shape by the zod schemas, then the cross-checks that the
// shape cannot express, then the fonts. Every problem in one run, each with its place.
import { eachString } from './json-strings.js';
import * as jsonc from 'jsonc-parser';
import type * as z from 'zod';
import type { RawDataset, JsonFile } from '../load/index.js';
import { lineColumn, refusedAtLoad } from '../load/index.js';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { DatasetSchema, InitiativeSchema, GlossarySchema, SitesSchema, type Dataset, type Model, type Section, type AsOf } from '../model/schema.js';
import { issueMessage, placedMessage, unknownKeyMessage, validateWords as w } from './messages.js';
import { knownKeys } from './known-keys.js';
import { nearest } from '../nearest.js';
import { checkDepartments } from './departments.js';
import { checkResultsAnswers } from './results-answers.js';
import { checkProgress } from './progress.js';
import { glossaryCorpus, termUsed } from '../model/terms.js';
import { printable } from '../render/fonts.js';
import { checkFigures } from './figures.js';
import { imageProblem } from './images.js';
import { checkFiguresAndReferences, type Reporter } from './references.js';
import { checkTypedReferences, checkNextPlanMarkers, checkEraYears } from './prose.js';
import { checkBounds } from './bounds.js';
import { checkJsonLinks } from './links.js';
import { checkNumbering } from './numbering.js';
import { checkTemplates, tooLarge, TEXT_FILE_MAX } from './templates.js';
import { TEXT_MAX } from '../model/limits.js';
import type { Block } from '../markdown/index.js';

/** Where a JSON path is in a file: its key, or its nearest existing parent. */
export function place(file: JsonFile, path: (string | number)[]): { line?: number; column?: number } {
  if (!file.tree) return {};
  // a missing key has no node: point at the nearest existing parent
  for (let n = path.length; n >= 0; n--) {
    const node = jsonc.findNodeAtLocation(file.tree, path.slice(0, n));
    if (node) {
      const at = node.parent?.type === 'property' && n > 0 ? node.parent.offset : node.offset;
      return lineColumn(file.text, at);
    }
  }
  return {};
}

function shape<T>(file: JsonFile, schema: z.ZodType<T>, problems: Problem[]): T | undefined {
  const r = schema.safeParse(file.value, { reportInput: true });
  if (r.success) return r.data;
  const pathOf = (issue: z.core.$ZodIssue) => issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
  // a misspelt key is one problem, at the key: the key it stands for is not also reported missing
  const meant = new Set<string>();
  for (const issue of r.error.issues)
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) {
        const guess = nearest(key, knownKeys(schema as z.ZodType, pathOf(issue)));
        if (guess) meant.add(JSON.stringify([...pathOf(issue), guess]));
      }
  for (const found of r.error.issues) {
    // of several accepted forms (an indicator's 時点), the one that came closest, told at its own key
    let issue = found;
    let path = pathOf(found);
    for (;;) {
      if (issue.code !== 'invalid_union') break;
      const best = issue.errors.flatMap((b) => (b.length === 1 ? b : [])).sort((a, b) => b.path.length - a.path.length)[0];
      if (!best || !best.path.length || best.code === 'invalid_union') break;
      path = [...path, ...best.path.map((k) => (typeof k === 'symbol' ? String(k) : k))];
      issue = best;
    }
    if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined && meant.has(JSON.stringify(path))) continue;
    if (issue.code === 'unrecognized_keys') {
      // at the key itself, with the known key it is nearest to
      for (const key of issue.keys) {
        const at = [...path, key];
        problems.push({
          severity: 'error',
          file: file.rel,
          path: at,
          ...place(file, at),
          message: unknownKeyMessage(key, nearest(key, knownKeys(schema as z.ZodType, path))),
        });
      }
      continue;
    }
    problems.push({ severity: 'error', file: file.rel, path, ...place(file, path), message: placedMessage(issue, path) ?? issueMessage(issue) });
  }
  return undefined;
}

export function walkSections(sections: Section[], visit: (s: Section, depth: number, parents: Section[]) => void, depth = 1, parents: Section[] = []) {
  for (const s of sections) {
    visit(s, depth, parents);
    if (s.children) walkSections(s.children, visit, depth + 1, [...parents, s]);
  }
}

/** The point in time an indicator's date stands for, as a comparable "YYYY-MM". */
export function asOfMonth(a: AsOf): string {
  if ('month' in a) return a.month;
  if ('fiscalYear' in a) return `${a.fiscalYear + 1}-03`;
  return `${a.year}-12`;
}

function checkFonts(text: string, report: (cp: number, offset: number) => void) {
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    if (!printable(cp)) report(cp, i);
    i += cp > 0xffff ? 2 : 1;
  }
}

const notInFont = (cp: number) => w('not-in-font', { char: String.fromCodePoint(cp), code: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` });

/** Errors by file, then by place in it (how a reader fixes them), then the warnings in the order
 * their checks give them (the draft year's are grouped per 部局). */
function byPlace(ps: Problem[]): Problem[] {
  const errors = ps.filter((p) => p.severity === 'error');
  return [
    ...errors
      .map((p, i) => ({ p, i }))
      .sort(
        (a, b) =>
          (a.p.file < b.p.file ? -1 : a.p.file > b.p.file ? 1 : 0) || (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i,
      )
      .map((x) => x.p),
    ...ps.filter((p) => p.severity !== 'error'),
  ];
}

export function validate(raw: RawDataset): { model?: Model; problems: Problem[] } {
  const r = validateInOrder(raw);
  return { ...r, problems: byPlace(r.problems) };
}

function validateInOrder(raw: RawDataset): { model?: Model; problems: Problem[] } {
  const problems: Problem[] = [...raw.problems];
  const err = (file: string, message: string, path?: (string | number)[], f?: JsonFile) =>
    problems.push({ severity: 'error', file, path, ...(f && path ? place(f, path) : {}), message });
  const warn = (file: string, message: string, path?: (string | number)[], f?: JsonFile) =>
    problems.push({ severity: 'warning', file, path, ...(f && path ? place(f, path) : {}), message });

  const dsFile = raw.json.get('dataset.json');
  const dataset: Dataset | undefined = dsFile ? shape(dsFile, DatasetSchema, problems) : undefined;

  const initiatives: Model['initiatives'] = [];
  for (const [rel, f] of raw.json) {
    if (!rel.startsWith('initiatives/')) continue;
    const data = shape(f, InitiativeSchema, problems);
    if (data) initiatives.push({ id: rel.slice('initiatives/'.length, -'.json'.length), file: rel, data });
  }
  const glossaryFile = raw.json.get('glossary.json');
  const glossary = glossaryFile ? (shape(glossaryFile, GlossarySchema, problems) ?? []) : [];
  const sitesFile = raw.json.get('sites.json');
  const sites = sitesFile ? (shape(sitesFile, SitesSchema, problems) ?? []) : [];

  // URLs that become links on the web pages: nothing that runs, nothing outside the edition
  checkJsonLinks(raw, (f, path, message) => err(f.rel, message, path, f));

  // fonts: every character of every text must print (no tofu)
  for (const f of raw.json.values()) {
    eachString(f.value, (s, pathOf) => {
      if (s.length > TEXT_MAX) return; // refused by its length already
      checkFonts(s, (cp) => err(f.rel, notInFont(cp), pathOf(), f));
    });
  }
  for (const [rel, text] of raw.texts) {
    if (text.length > TEXT_FILE_MAX) continue; // refused by its length already
    checkFonts(text, (cp, offset) =>
      problems.push({
        severity: 'error',
        file: rel,
        ...lineColumn(text, offset),
        message: notInFont(cp),
      }),
    );
  }

  if (!dataset || !dsFile) return { problems };

  // sections
  const sections = new Map<string, { s: Section; depth: number; parents: Section[]; path: (string | number)[] }>();
  const sectionPaths: (string | number)[][] = [];
  const collectPaths = (list: Section[], base: (string | number)[]) =>
    list.forEach((s, i) => {
      const p = [...base, i];
      sectionPaths.push(p);
      if (s.children) collectPaths(s.children, [...p, 'children']);
    });
  collectPaths(dataset.sections, ['sections']);
  let k = 0;
  walkSections(dataset.sections, (s, depth, parents) => {
    const path = sectionPaths[k++]!; // collectPaths went through the same sections in this order
    if (sections.has(s.id)) err('dataset.json', w('section-id-twice', { id: s.id }), [...path, 'id'], dsFile);
    if (depth > 3) err('dataset.json', w('sections-too-deep'), path, dsFile);
    sections.set(s.id, { s, depth, parents, path });
    for (const [key, files] of [
      ['narrative', s.narrative ? [s.narrative] : []],
      ['columns', s.columns ?? []],
    ] as const) {
      files.forEach((t, i) => {
        // a file the loader refused is there: its own error says why it was not read
        if (!raw.texts.has(t) && !refusedAtLoad(raw, t))
          err('dataset.json', w('text-file-missing', { file: t }), [...path, key, ...(key === 'columns' ? [i] : [])], dsFile);
      });
    }
  });

  // the sections an initiative can be placed in, named when its section does not exist
  const lowestSections = [...sections.values()]
    .filter((x) => !x.s.children?.length)
    .map((x) => x.s.id)
    .join('、');

  const { period } = dataset;
  if (period.from > period.to) err('dataset.json', w('period-reversed', period), ['period'], dsFile);
  const inPeriod = (y: number) => y >= period.from && y <= period.to;
  const outside = (year: number) => w('year-outside-period', { fiscalYear: year, ...period });
  dataset.documents.results?.fiscalYears.forEach((y, i) => {
    if (!inPeriod(y)) err('dataset.json', outside(y), ['documents', 'results', 'fiscalYears', i], dsFile);
  });
  const booklet = dataset.documents.booklet ?? {};
  for (const [key, t] of Object.entries(booklet)) {
    if (t && !raw.texts.has(t) && !refusedAtLoad(raw, t)) err('dataset.json', w('text-file-missing', { file: t }), ['documents', 'booklet', key], dsFile);
  }
  const measures = new Set<string>();
  dataset.policyMeasures?.forEach((m, i) => {
    if (measures.has(m.id)) err('dataset.json', w('measure-id-twice', { id: m.id }), ['policyMeasures', i, 'id'], dsFile);
    measures.add(m.id);
  });

  // initiatives
  const topOf = (sectionId: string) => {
    const e = sections.get(sectionId);
    return e ? (e.parents[0]?.id ?? e.s.id) : sectionId;
  };
  const numbers = new Map<string, string>();
  // the same title in the same section: a file copied (「009 - コピー.json」), not a second initiative;
  // renumbering it would publish the initiative twice
  const titles = new Map<string, string>();
  const byId = new Map(initiatives.map((i) => [i.id, i]));
  for (const { file, data } of initiatives) {
    const f = raw.json.get(file)!;
    const e = (message: string, path: (string | number)[]) => err(file, message, path, f);
    const scope = dataset.numbering === 'global' ? '' : topOf(data.section);
    const key = `${scope}#${data.no}`;
    const copyOf = titles.get(`${data.section}#${data.title}`);
    if (copyOf) e(w('initiative-copy', { other: copyOf, section: data.section, title: data.title }), ['title']);
    else titles.set(`${data.section}#${data.title}`, file);
    if (copyOf) numbers.set(key, numbers.get(key) ?? file);
    else if (numbers.has(key))
      problems.push({
        severity: 'error',
        file,
        path: ['no'],
        ...place(f, ['no']),
        code: 'duplicate-no',
        message: w('number-twice', { no: data.no, other: numbers.get(key), pillar: scope }),
      });
    else numbers.set(key, file);
    if (!sections.has(data.section))
      e(w('section-unknown', { section: data.section, meant: nearest(data.section, [...sections.keys()]), lowest: lowestSections }), ['section']);
    else if (sections.get(data.section)!.s.children?.length) warn(file, w('section-not-lowest', { section: data.section }), ['section'], f);
    data.relistedIn?.forEach((r, i) => {
      const sec = typeof r === 'string' ? r : r.section;
      const path = typeof r === 'string' ? ['relistedIn', i] : ['relistedIn', i, 'section'];
      if (!sections.has(sec)) e(w('relisting-unknown', { section: sec }), path);
      if (sec === data.section) e(w('relisting-own-section'), path);
      if (typeof r !== 'string' && r.after !== undefined) {
        const after = byId.get(r.after);
        if (!after) e(w('after-unknown', { after: r.after }), ['relistedIn', i, 'after']);
        else if (after.data.section !== sec) e(w('after-elsewhere', { after: r.after, section: sec }), ['relistedIn', i, 'after']);
      }
    });
    data.secondaryGoals?.forEach((g, i) => {
      if (!sections.has(g)) e(w('secondary-goal-unknown', { section: g }), ['secondaryGoals', i]);
    });
    data.policyMeasures?.forEach((m, i) => {
      if (!measures.has(m)) e(w('measure-unknown', { measure: m }), ['policyMeasures', i]);
    });
    const spans = (data.schedule ?? []).map((s, i) => ({ ...s, i })).sort((a, b) => a.from - b.from);
    for (const s of spans) {
      if (s.from > s.to) e(w('schedule-reversed', s), ['schedule', s.i, 'to']);
      if (!inPeriod(s.from)) e(outside(s.from), ['schedule', s.i, 'from']);
      if (!inPeriod(s.to)) e(outside(s.to), ['schedule', s.i, 'to']);
    }
    spans.reduce<(typeof spans)[number] | undefined>((prev, s) => {
      if (prev && s.from <= prev.to) e(w('schedule-overlap', { n: prev.i + 1, fiscalYear: s.from }), ['schedule', s.i, 'from']);
      return s;
    }, undefined);
    data.indicators?.forEach((ind, i) => {
      const b = asOfMonth(ind.baseline.asOf);
      const t = asOfMonth(ind.target.asOf);
      if (b > t) e(w('target-before-baseline', { target: t, baseline: b }), ['indicators', i, 'target', 'asOf']);
    });
    for (const fy of Object.keys(data.results ?? {})) {
      const y = Number(fy);
      if (!inPeriod(y)) e(w('results-outside-period', { fiscalYear: fy, ...period }), ['results', fy]);
    }
  }
  // a warning listed with its group (the unanswered rows of a year are shown as a few and a count)
  const warnGrouped = (file: string, m: string, p: (string | number)[], group?: string) => {
    warn(file, m, p, raw.json.get(file));
    const last = problems.at(-1);
    if (group && last) last.group = group;
  };
  checkResultsAnswers(dataset, initiatives, (file, m, p) => err(file, m, p, raw.json.get(file)), warnGrouped);

  // the 主な取組一覧 prints a row for every initiative: once some have their schedule (a next plan
  // whose departments are filling theirs in), an initiative without one prints a row of empty years
  if (dataset.documents.initiativeList && initiatives.some((i) => i.data.schedule?.length))
    for (const i of initiatives) if (!i.data.schedule?.length) warnGrouped(i.file, w('no-schedule', { department: i.data.department }), [], 'no-schedule');

  checkDepartments(dataset, initiatives, (file, m, p) => err(file, m, p, raw.json.get(file)));
  const complete = initiatives.length === [...raw.json.keys()].filter((k) => k.startsWith('initiatives/')).length;
  checkBounds(dataset, initiatives, complete, (file, message, path) => err(file, message, path, raw.json.get(file)));
  checkProgress(dataset, initiatives, complete, (file, m, p) => err(file, m, p, raw.json.get(file)), warnGrouped);
  // an initiative that could not be read (or is in an error: a copy, a section that does not exist)
  // has no place yet: the others' numbers would look wrong, and renumber would number the error in
  if (complete && !hasErrors(problems))
    checkNumbering(dataset, initiatives, (file, message, path) =>
      problems.push({ severity: 'warning', file, path, ...place(raw.json.get(file)!, path), code: 'number-order', message }),
    );

  // glossary: unique terms, each appearing somewhere; not when a text or an initiative could
  // not be read (its terms would be reported unused although they are used there)
  const unread = problems.some((p) => p.severity === 'error' && (p.file.startsWith('text/') || p.file.startsWith('initiatives/')));
  const corpus = glossaryCorpus(
    [...raw.texts.values()].filter((t) => t.length <= TEXT_FILE_MAX),
    initiatives.map((i) => i.data),
  );
  // each term with the place of its first definition, which a second one is named against
  const terms = new Map<string, number>();
  glossary.forEach((g, i) => {
    const first = terms.get(g.term);
    if (first !== undefined) {
      const at = glossaryFile ? place(glossaryFile, [first, 'term']) : {};
      err('glossary.json', w('term-twice', { term: g.term, nth: first + 1, line: at.line }), [i, 'term'], glossaryFile);
    } else terms.set(g.term, i);
    if (!unread && !termUsed(corpus, g)) warn('glossary.json', w('term-unused', { term: g.term }), [i, 'term'], glossaryFile);
  });

  // figures the prose refers to: inside the data set's folder, present, of a kind we can print
  for (const [rel, text] of raw.texts) {
    for (const m of text.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)/g)) {
      const target = m[1]!; // the pattern's group always takes part
      if (target.startsWith('#')) continue; // a figure of dataset.json's figures, checked with them
      const message = imageProblem(target, raw);
      if (message) problems.push({ severity: 'error', file: rel, ...lineColumn(text, m.index!), message });
    }
  }
  // figures, page and figure references, page numbers typed in prose
  const report: Reporter = {
    json: (severity, f, path, message) => problems.push({ severity, file: f.rel, path, ...place(f, path), message }),
    text: (severity, rel, offset, message) => problems.push({ severity, file: rel, ...lineColumn(raw.texts.get(rel) ?? '', offset), message }),
  };
  // text files: Handlebars syntax, helpers, partials and what they expand to; each text as the
  // build will read it (expanded and parsed) is kept for the references below
  const expanded = [...sections.values()].flatMap(({ s }) => [s.narrative ?? '', ...(s.columns ?? [])]);
  const parsed = new Map<string, Block[]>();
  problems.push(...checkTemplates(raw.texts, new Set([...expanded, ...Object.values(booklet).map(String)]), dataset, parsed));

  // texts too large to parse are refused by checkTemplates, and parsed by nothing
  const parseable = { ...raw, texts: new Map([...raw.texts].filter(([rel, t]) => !tooLarge(rel, t))) };
  checkFiguresAndReferences(parseable, dataset, initiatives, { parsed, sites: sites.length, glossary: glossary.length }, report);
  checkTypedReferences(parseable, report);
  checkEraYears(parseable, dataset.era?.asOf, report);
  checkNextPlanMarkers(parseable, report);

  problems.push(...checkFigures(raw));

  if (hasErrors(problems)) return { problems };
  const texts = Object.fromEntries(raw.texts);
  initiatives.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { model: { dir: raw.dir, dataset, initiatives, glossary, sites, texts, figures: Object.fromEntries(raw.figures) }, problems };
}

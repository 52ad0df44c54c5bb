// new-plan: the next plan's data set, made from the current one. The initiatives chosen to
// continue are carried with their titles, departments, descriptions, indicators and places;
// their schedules start empty (the new period is still to be planned), their results stay
// behind with the old plan, and they are numbered in booklet order. The texts are carried as
// a starting point, each with a mark that validation reports until it is rewritten; a
// citation of something not carried is replaced by a note with the same mark. The glossary,
// sites and figures are carried as they are. dataset.json gets the new id and period, and the
// new plan's date (era.asOf, when the old plan had one, and its history). Results, their
// dates and the publication records are left out.
//
// Every file is edited from the old file's text through jsonc-parser (order and formatting
// kept), written into a staging folder beside the target, validated there, and only then
// renamed into place: the new data set appears whole, with no errors, or not at all. The
// old data set is only read.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { checkDataset } from '../pipeline.js';
import { bookletOrder, type Numbered } from '../model/booklet-order.js';
import { glossaryCorpus, termUsed } from '../model/terms.js';
import { asOfMonth } from '../validate/index.js';
import { PLACEMENT } from '../validate/references.js';
import { writeSynced, fsyncDir } from '../write/index.js';
import { asOutputError } from '../write/output-error.js';
import { citations } from './citations.js';
import { planWords } from './words.js';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export interface NewPlanOptions {
  /** the current plan's data set (read only) */
  from: string;
  period: { from: number; to: number };
  /** the new plan's date, YYYY-MM-DD */
  date: string;
  id: string;
  /** the folder the new data set is made in (as <out>/<id>) */
  out: string;
  /** ids of the initiatives to carry; all when not given */
  carry?: string[];
}

export interface NewPlanResult {
  problems: Problem[];
  /** a mistake in the command's arguments (exit code 2) */
  usage?: string;
  folder?: string;
  /** the carried initiatives in booklet order, old number → new */
  carried: Numbered[];
  /** initiative files left behind */
  left: string[];
  afterDropped: { file: string; section: string; after: string }[];
  citations: { file: string; line: number; call: string; kind: string }[];
  /** files whose isNew (新規) was taken off */
  renewed: string[];
  unusedTerms: string[];
  oldTargets: { file: string; name: string }[];
  /** text files marked for rewriting */
  marked: string[];
  /** the list of 部局 written into dataset.json (where the old plan had none), for the books' 部局 to be checked against */
  departments?: string[];
}

/** 2021-2025 → { from: 2021, to: 2025 } */
export function parsePeriod(value: string): { from: number; to: number } | undefined {
  const m = /^(\d{4})\s*[-〜~]\s*(\d{4})$/.exec(value.trim());
  if (!m) return undefined;
  const [from, to] = [Number(m[1]), Number(m[2])];
  return from <= to ? { from, to } : undefined;
}

const ID = /^[0-9A-Za-z][0-9A-Za-z_-]*$/;
const exists = (p: string) => {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
};

/** A `$schema` written relative to its file, rewritten to point at the same file from the new place. */
function movedSchema(value: unknown, oldFile: string, newFile: string): string | undefined {
  if (typeof value !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(value) || path.isAbsolute(value)) return undefined;
  const target = path.resolve(path.dirname(oldFile), value);
  const moved = path.relative(path.dirname(newFile), target).split(path.sep).join('/');
  return moved === value ? undefined : moved;
}

/** The mark as a paragraph of its own: after the text's first heading, else first. */
function mark(text: string, marker: string): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const first = /^(?:[ \t]*\r?\n)*(#{1,6}[ \t][^\n]*)\n/.exec(body);
  if (first)
    return `${bom}${body.slice(0, first.index + first[0].length)}\n${marker}\n${body.slice(first.index + first[0].length).replace(/^(?!\r?\n)/, '\n')}`;
  return `${bom}${marker}\n\n${body}`;
}

/** Text safe inside a sentence of Markdown (a table cell, a link): no markup characters. */
const plainName = (s: string) => s.replace(/[|*_`[\]<>{}\\#]/g, '');

export function newPlan(opts: NewPlanOptions): NewPlanResult {
  const w = planWords();
  const result: NewPlanResult = {
    problems: [],
    carried: [],
    left: [],
    afterDropped: [],
    citations: [],
    renewed: [],
    unusedTerms: [],
    oldTargets: [],
    marked: [],
  };
  if (!ID.test(opts.id)) return { ...result, usage: w.get('new-plan-id', { value: opts.id }) };

  const checked = checkDataset(opts.from);
  if (!checked.model || hasErrors(checked.problems))
    return {
      ...result,
      problems: [...checked.problems.filter((p) => p.severity === 'error'), { severity: 'error', file: '', message: w.get('new-plan-source-broken') }],
    };
  const { model, raw } = checked;
  const byId = new Map(model.initiatives.map((i) => [i.id, i]));
  const carryIds = opts.carry ?? model.initiatives.map((i) => i.id);
  const carried = model.initiatives.filter((i) => carryIds.includes(i.id));
  const keep = new Set(carried.map((i) => i.id));
  result.left = model.initiatives.filter((i) => !keep.has(i.id)).map((i) => i.file);

  const target = path.join(opts.out, opts.id);
  if (exists(target)) return { ...result, problems: [{ severity: 'error', file: target, message: w.get('new-plan-exists', { folder: target }) }] };

  const files = new Map<string, string | Buffer>();
  const newFile = (rel: string) => path.join(target, rel);
  const edit = (text: string, at: (string | number)[], value: unknown) => jsonc.applyEdits(text, jsonc.modify(text, at, value, FORMAT));
  const schema = (text: string, value: unknown, rel: string) => {
    const moved = movedSchema(value, path.join(opts.from, rel), newFile(rel));
    return moved ? edit(text, ['$schema'], moved) : text;
  };

  // dataset.json: the new plan's id, period and date; no results
  {
    const f = raw.json.get('dataset.json')!;
    const ds = model.dataset;
    let text = f.text;
    text = edit(text, ['id'], opts.id);
    text = edit(text, ['period'], opts.period);
    if (ds.era?.asOf) text = edit(text, ['era', 'asOf'], opts.date);
    text = edit(text, ['history'], [{ date: opts.date.slice(0, 7), event: w.get('history-event') }]);
    if (ds.documents.results) text = edit(text, ['documents', 'results'], undefined);
    // the 部局 of the old plan's initiatives (in their numbers' order), so that a 部局 typed wrong in a
    // department's book (「教育長」 for 教育庁) is refused with the name meant instead of making a 部局 of its own
    if (!ds.departments) {
      const byNo = [...model.initiatives].sort((a, b) => a.data.no - b.data.no);
      result.departments = [...new Set(byNo.map((i) => i.data.department))];
      text = edit(text, ['departments'], result.departments);
    }
    files.set('dataset.json', schema(text, ds.$schema, 'dataset.json'));
  }

  // initiatives: numbered in booklet order, schedules empty, results left behind
  result.carried = bookletOrder(model.dataset, carried);
  const number = new Map(result.carried.map((n) => [n.id, n.expected]));
  const startMonth = `${opts.period.from}-04`;
  for (const { id, file, data } of carried) {
    let text = raw.json.get(file)!.text;
    text = edit(text, ['no'], number.get(id));
    if (data.schedule) text = edit(text, ['schedule'], []);
    if (data.results) text = edit(text, ['results'], undefined);
    if (data.isNew) {
      text = edit(text, ['isNew'], false);
      result.renewed.push(file);
    }
    // a 再掲 placed after an initiative left behind stays, placed by number
    data.relistedIn?.forEach((r, i) => {
      if (typeof r !== 'string' && r.after !== undefined && !keep.has(r.after)) {
        text = edit(text, ['relistedIn', i, 'after'], undefined);
        result.afterDropped.push({ file, section: r.section, after: r.after });
      }
    });
    data.indicators?.forEach((ind) => {
      if (asOfMonth(ind.target.asOf) < startMonth) result.oldTargets.push({ file, name: ind.name });
    });
    files.set(file, schema(text, data.$schema, file));
  }

  // texts: carried with the mark; citations of what is not carried replaced by a marked note
  const marker = w.get('marker');
  const figures = new Map((model.dataset.figures ?? []).map((f) => [f.id, f]));
  const placed = new Set<string>();
  for (const text of raw.texts.values()) for (const m of text.matchAll(PLACEMENT)) placed.add(m[1]!); // the group takes part in every match
  for (const { data } of carried) for (const f of data.figures ?? []) placed.add(f);
  const texts = new Map<string, string>();
  for (const [rel, original] of raw.texts) {
    let text = original;
    const gone = citations(text).filter((c) => (c.kind === 'initiative' ? byId.has(c.id) && !keep.has(c.id) : figures.has(c.id) && !placed.has(c.id)));
    for (const c of [...gone].reverse()) {
      const name = c.kind === 'initiative' ? `${byId.get(c.id)!.data.no} ${byId.get(c.id)!.data.title}` : figures.get(c.id)!.caption;
      const note = w.get('cited-left-behind', {
        kind: w.get(`kind-${c.kind}`),
        name: plainName(name),
        what: c.what === 'page' ? undefined : w.get('what-number'),
        marker,
      });
      text = text.slice(0, c.start) + note + text.slice(c.end);
    }
    const marked = mark(text, marker);
    // the lines from where the mark went in are further down in the file written: named there, as validate names them
    const added = marked.split('\n').length - text.split('\n').length;
    const movedFrom = text.slice(0, marked.indexOf(marker)).split('\n').length;
    for (const c of gone)
      result.citations.push({ file: rel, line: c.line >= movedFrom ? c.line + added : c.line, call: c.source, kind: w.get(`kind-${c.kind}`) });
    texts.set(rel, marked);
    result.marked.push(rel);
  }
  for (const [rel, text] of texts) files.set(rel, text);
  for (const rel of ['glossary.json', 'sites.json']) {
    const f = raw.json.get(rel);
    if (f) files.set(rel, f.text);
  }
  for (const [rel, bytes] of raw.figures) files.set(rel, bytes);

  // terms of the glossary that nothing carried uses any more
  const corpus = glossaryCorpus(
    [...texts.values()],
    carried.map((i) => i.data),
  );
  result.unusedTerms = model.glossary.filter((g) => !termUsed(corpus, g)).map((g) => g.term);

  // written beside the target, checked, then renamed into place whole
  mkdirSync(opts.out, { recursive: true });
  const staging = mkdtempSync(path.join(opts.out, `.${opts.id}.new-plan-`));
  try {
    // a temporary folder is made for its owner alone; the data set is the user's like any folder
    chmodSync(staging, 0o777 & ~process.umask());
    for (const [rel, content] of files) {
      const at = path.join(staging, rel);
      mkdirSync(path.dirname(at), { recursive: true });
      writeSynced(at, content);
    }
    const made = checkDataset(staging);
    if (!made.model || hasErrors(made.problems)) {
      rmSync(staging, { recursive: true, force: true });
      return {
        ...result,
        problems: [
          ...made.problems.filter((p) => p.severity === 'error').map((p) => ({ ...p, base: target })),
          { severity: 'error', file: '', message: w.get('new-plan-made-broken') },
        ],
      };
    }
    for (const d of new Set([...files.keys()].map((rel) => path.dirname(path.join(staging, rel))))) fsyncDir(d);
    // a folder of that name made meanwhile is never replaced
    if (exists(target)) {
      rmSync(staging, { recursive: true, force: true });
      return { ...result, problems: [{ severity: 'error', file: target, message: w.get('new-plan-exists', { folder: target }) }] };
    }
    renameSync(staging, target);
    fsyncDir(opts.out);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw asOutputError(e, staging, true);
  }
  return { ...result, folder: target };
}

// renumber: gives every initiative the number its place in the booklet gives it
// (src/model/booklet-order.ts), writing `no` in the initiative files that change and nothing
// else. Ids (file names) stay: relistedIn's `after` and `{{page "initiative" "…"}}` name ids,
// so they keep pointing at the same initiative. The files are written all or nothing
// (src/survey/commit.ts, with its journal); a data set published (a record under published/,
// or a results year with its date) is renumbered only as a correction.
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { checkDataset } from '../pipeline.js';
import { DatasetSchema, InitiativeSchema, type Dataset, type Model } from '../model/schema.js';
import { bookletOrder, type Numbered } from '../model/booklet-order.js';
import { commitAll, fileIo, recover, JOURNAL, type CommitIo } from '../survey/commit.js';
import { publications } from '../publish/record.js';
import { fiscalYearLong } from '../era/index.js';
import { planWords } from './words.js';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export interface RenumberOptions {
  dryRun?: boolean;
  correction?: boolean;
  /** where publications are recorded (published/) */
  publishedRoot: string;
  io?: CommitIo;
}

export interface RenumberResult {
  problems: Problem[];
  /** every initiative in booklet order, with its number now and the one it gets */
  order: Numbered[];
  /** the files whose number changes (written unless dry run or refused) */
  changed: string[];
  written: boolean;
  /** how the data set was published, when it was (each in words) */
  published: string[];
  /** files completed from a write that stopped earlier */
  recovered: string[];
  /** numbers run through the whole plan (else they restart in each top-level section) */
  global: boolean;
}

/** The publications of a data set, in words: records under published/ and results years with a date. */
export function publishedAs(dataset: Dataset, publishedRoot: string): string[] {
  const w = planWords();
  const recorded = publications(publishedRoot, dataset.id).map((p) => w.get('published-record', { label: p.label, on: p.date }));
  const on = dataset.documents.results?.publishedOn;
  const dated = !on
    ? []
    : typeof on === 'string'
      ? dataset.documents.results!.fiscalYears.map((y) => [y, on] as const)
      : Object.entries(on).map(([y, d]) => [Number(y), d] as const);
  const rule = { asOf: dataset.era?.asOf };
  return [...recorded, ...dated.map(([y, date]) => w.get('published-results', { fiscalYear: fiscalYearLong(y, rule), on: date }))];
}

/** The data set's parts when its only errors are duplicate numbers (which renumbering mends). */
function withDuplicates(checked: ReturnType<typeof checkDataset>): { dataset: Dataset; initiatives: Model['initiatives'] } | undefined {
  if (!checked.problems.filter((p) => p.severity === 'error').every((p) => p.code === 'duplicate-no')) return undefined;
  const ds = DatasetSchema.safeParse(checked.raw.json.get('dataset.json')?.value);
  if (!ds.success) return undefined;
  const initiatives: Model['initiatives'] = [];
  for (const [rel, f] of checked.raw.json) {
    if (!rel.startsWith('initiatives/')) continue;
    const i = InitiativeSchema.safeParse(f.value);
    if (!i.success) return undefined;
    initiatives.push({ id: rel.slice('initiatives/'.length, -'.json'.length), file: rel, data: i.data });
  }
  return { dataset: ds.data, initiatives };
}

export function renumber(dir: string, opts: RenumberOptions): RenumberResult {
  const w = planWords();
  const io = opts.io ?? fileIo;
  const none = (problems: Problem[], extra: Partial<RenumberResult> = {}): RenumberResult => ({
    problems,
    order: [],
    changed: [],
    written: false,
    published: [],
    recovered: [],
    global: true,
    ...extra,
  });
  const problems: Problem[] = [];
  const recovered: string[] = [];
  // a write that stopped half way (this command's or a survey import's) is finished first
  if (!opts.dryRun) {
    const r = recover(dir, io);
    if (r.kind === 'completed') {
      recovered.push(...r.files);
      problems.push({ severity: 'warning', file: JOURNAL, message: w.get('recovered', { files: r.files.join('、') }) });
    } else if (r.kind === 'failed') {
      return none([
        {
          severity: 'error',
          file: JOURNAL,
          message: w.get('renumber-half', { reason: r.reason, done: r.done.join('、') || '—', pending: r.pending.join('、') || '—' }),
        },
      ]);
    }
  }

  const checked = checkDataset(dir);
  const parts = checked.model ?? (hasErrors(checked.problems) ? withDuplicates(checked) : undefined);
  if (!parts) return none([...problems, ...checked.problems, { severity: 'error', file: '', message: w.get('renumber-broken') }]);
  // the data's other warnings are validate's to tell; duplicate numbers are what this command mends
  const { dataset, initiatives } = parts;
  const order = bookletOrder(dataset, initiatives);
  const changed = order.filter((n) => n.no !== n.expected);
  const published = publishedAs(dataset, opts.publishedRoot);
  const result = { order, changed: changed.map((n) => n.file), published, recovered, global: dataset.numbering === 'global' };

  if (changed.length && published.length && !opts.correction) {
    const refusal: Problem = { severity: opts.dryRun ? 'warning' : 'error', file: 'dataset.json', message: w.get('renumber-published', { published }) };
    return { ...result, problems: [...problems, refusal], written: false };
  }
  if (opts.dryRun || changed.length === 0) return { ...result, problems, written: false };

  const texts = new Map<string, string>();
  for (const n of changed) {
    const text = checked.raw.json.get(n.file)!.text;
    texts.set(n.file, jsonc.applyEdits(text, jsonc.modify(text, ['no'], n.expected, FORMAT)));
  }
  const done = commitAll(dir, texts, io, [], 'renumber');
  if (done.ok) return { ...result, problems, written: true };
  if (done.stage === 'staging')
    return { ...result, problems: [...problems, { severity: 'error', file: '', message: w.get('renumber-failed', { failed: done.failed }) }], written: false };
  return {
    ...result,
    problems: [
      ...problems,
      {
        severity: 'error',
        file: JOURNAL,
        message: w.get('renumber-half', { reason: done.reason, done: done.done.join('、') || '—', pending: done.pending.join('、') }),
      },
    ],
    written: false,
  };
}

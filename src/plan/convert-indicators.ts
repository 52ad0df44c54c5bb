// indicators:convert: today's text values (「5市」「35市町村」「16.5%」) → the numeric form
// (number, unit, direction) where the text is one number and one unit, the same unit on both
// sides. Everything else is listed for the keeper, never guessed (「5市」 against 「35市町村」 is a
// unit mismatch: which is meant is the keeper's call). Shown first; written only with --yes,
// all files or none (src/survey/commit.ts and its journal).
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { checkDataset } from '../pipeline.js';
import type { Indicator } from '../model/schema.js';
import { commitAll, fileIo, recover, JOURNAL, type CommitIo } from '../survey/commit.js';
import { createHandlebars, Wording } from '../templates/index.js';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
export const convertWords = () => Wording.load(createHandlebars({}), 'indicators');

/** One number (digits, thousands commas, a decimal point; full-width too) and a unit with no digits or brackets. */
export function readQuantity(text: string): { number: number; unit: string } | undefined {
  const half = text.trim().replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([^\d\s()（）[\]［］、。,.]{1,10})$/.exec(half);
  if (!m) return undefined;
  // the number's and the unit's groups take part in every match
  return { number: Number(m[1]!.replace(/,/g, '') + (m[2] ?? '')), unit: m[3]! };
}

export interface Conversion {
  file: string;
  index: number;
  name: string;
  baseline: string;
  target: string;
  number: { baseline: number; target: number; unit: string; direction: '増やす' | '減らす' };
}
export interface Unconverted {
  file: string;
  index: number;
  name: string;
  /** `unreadable` (which side), `bound` (a side is a bound: 3.0%以内), `unit-mismatch`, `same-values` (no direction to read) */
  why: 'unreadable' | 'bound' | 'unit-mismatch' | 'same-values';
  baseline: string;
  target: string;
  side?: string;
}

export interface ConvertResult {
  problems: Problem[];
  conversions: Conversion[];
  unconverted: Unconverted[];
  written: boolean;
  recovered: string[];
}

/** the words that make a number a bound, not a value (以内, 以下, …) */
const BOUND = /^(?:以内|以下|以上|未満|超|まで)$/u;

function convertOne(file: string, index: number, ind: Indicator): Conversion | Unconverted {
  const at = { file, index, position: index + 1, name: ind.name, baseline: ind.baseline.value, target: ind.target.value };
  const b = readQuantity(ind.baseline.value);
  const t = readQuantity(ind.target.value);
  if (!b || !t) {
    const w = convertWords();
    return { ...at, why: 'unreadable', side: [!b ? w.get('side-baseline') : '', !t ? w.get('side-target') : ''].filter(Boolean).join(w.get('side-and')) };
  }
  // 「3.0%以内」 against 「0.37%」: the same unit, one side a bound (its words read as part of the unit)
  const bound = (x: typeof b, other: typeof b) => x.unit.startsWith(other.unit) && BOUND.test(x.unit.slice(other.unit.length));
  if (bound(t, b) || bound(b, t)) {
    const w = convertWords();
    return { ...at, why: 'bound', side: bound(t, b) ? w.get('side-target') : w.get('side-baseline') };
  }
  if (b.unit !== t.unit) return { ...at, why: 'unit-mismatch' };
  if (b.number === t.number) return { ...at, why: 'same-values' };
  return { ...at, number: { baseline: b.number, target: t.number, unit: t.unit, direction: t.number > b.number ? '増やす' : '減らす' } };
}

export function convertIndicators(dir: string, opts: { write: boolean; io?: CommitIo }): ConvertResult {
  const w = convertWords();
  const io = opts.io ?? fileIo;
  const problems: Problem[] = [];
  const recovered: string[] = [];
  const none = (ps: Problem[]): ConvertResult => ({ problems: ps, conversions: [], unconverted: [], written: false, recovered });
  if (opts.write) {
    // a write that stopped half way (this command's or another's) is finished first
    const r = recover(dir, io);
    if (r.kind === 'completed') {
      recovered.push(...r.files);
      problems.push({ severity: 'warning', file: JOURNAL, message: w.get('recovered', { files: r.files.join('、') }) });
    } else if (r.kind === 'failed')
      return none([
        {
          severity: 'error',
          file: JOURNAL,
          message: w.get('half', { reason: r.reason, done: r.done.join('、') || '—', pending: r.pending.join('、') || '—' }),
        },
      ]);
  }
  const checked = checkDataset(dir);
  if (!checked.model || hasErrors(checked.problems))
    return none([...problems, ...checked.problems.filter((p) => p.severity === 'error'), { severity: 'error', file: '', message: w.get('broken') }]);
  const conversions: Conversion[] = [];
  const unconverted: Unconverted[] = [];
  for (const { file, data } of checked.model.initiatives)
    data.indicators?.forEach((ind, k) => {
      // an indicator with its numeric form is the keeper's already
      if (ind.unit !== undefined) return;
      const c = convertOne(file, k, ind);
      if ('why' in c) unconverted.push(c);
      else conversions.push(c);
    });
  const result = { conversions, unconverted, recovered };
  if (!opts.write || !conversions.length) return { ...result, problems, written: false };

  const texts = new Map<string, string>();
  for (const c of conversions) {
    let text = texts.get(c.file) ?? checked.raw.json.get(c.file)!.text;
    const edits: [(string | number)[], unknown][] = [
      [['indicators', c.index, 'baseline', 'number'], c.number.baseline],
      [['indicators', c.index, 'target', 'number'], c.number.target],
      [['indicators', c.index, 'unit'], c.number.unit],
      [['indicators', c.index, 'direction'], c.number.direction],
    ];
    for (const [p, v] of edits) text = jsonc.applyEdits(text, jsonc.modify(text, p, v, FORMAT));
    texts.set(c.file, text);
  }
  const done = commitAll(dir, texts, io, [], 'indicators:convert');
  if (done.ok) return { ...result, problems, written: true };
  if (done.stage === 'staging')
    return { ...result, problems: [...problems, { severity: 'error', file: '', message: w.get('failed', { failed: done.failed }) }], written: false };
  return {
    ...result,
    problems: [
      ...problems,
      {
        severity: 'error',
        file: JOURNAL,
        message: w.get('half', { reason: done.reason, done: done.done.join('、') || '—', pending: done.pending.join('、') }),
      },
    ],
    written: false,
  };
}

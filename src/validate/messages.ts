// zod issues in the words of a data keeper (wording in templates/validate.hbs).
import type * as z from 'zod';
import { westernYear } from '../era/parse.js';
import { wordsOf } from '../templates/words.js';

export const validateWords = wordsOf('validate');
const w = validateWords;

function describeInput(input: unknown): string {
  if (input === undefined) return w('input-undefined');
  if (input === null) return w('input-null');
  if (Array.isArray(input)) return w('input-array');
  if (typeof input === 'string') return w('input-string', { text: input.length > 20 ? input.slice(0, 20) + '…' : input });
  if (typeof input === 'number') return w('input-number', { value: input });
  if (typeof input === 'boolean') return w('input-boolean', { value: input });
  return w('input-object');
}

type Issue = z.core.$ZodIssue;

export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined) return w('required');
      const want = w.has(`type-${issue.expected}`) ? w(`type-${issue.expected}`) : issue.expected;
      return w('wrong-type', { want, input: describeInput(input) });
    }
    case 'unrecognized_keys':
      return w('unrecognized-keys', { keys: issue.keys.map((k) => `"${k}"`).join('、') });
    case 'invalid_value':
      return w('one-of', { values: issue.values.map((v) => `"${String(v)}"`).join('、') });
    case 'too_small':
      if (issue.origin === 'array') return w('too-few', { minimum: String(issue.minimum) });
      if (issue.origin === 'string') return issue.message || w('empty-string');
      return issue.message?.match(/[ぁ-ん]/) ? issue.message : w('too-small', { minimum: String(issue.minimum) });
    case 'too_big': {
      if (issue.message?.match(/[ぁ-ん]/)) return issue.message;
      const input = (issue as { input?: unknown }).input;
      if (issue.origin === 'string') return w('too-long', { maximum: String(issue.maximum), length: typeof input === 'string' ? input.length : undefined });
      if (issue.origin === 'array') return w('too-many', { maximum: String(issue.maximum) });
      return w('too-big', { maximum: String(issue.maximum) });
    }
    case 'invalid_format':
      return issue.message?.match(/[ぁ-ん]/) ? issue.message : w('bad-form');
    case 'invalid_union': {
      // report the branch that came closest (fewest problems)
      const branches = issue.errors.filter((b) => b.length > 0).sort((a, b) => a.length - b.length);
      const best = branches[0]?.[0];
      if (best) {
        const where = best.path.length ? `${best.path.join('.')}: ` : '';
        return w('bad-form-closest', { where, message: issueMessage(best) });
      }
      return w('bad-form');
    }
    default:
      return issue.message;
  }
}

// ---- messages that need the place or the input: years, budgets, keys, departments ----

const YEAR_KEYS = new Set(['from', 'to', 'fiscalYear', 'year']);

/** Whether a JSON path holds a fiscal year (a Western year is asked for there). */
export function isYearPath(path: (string | number)[]): boolean {
  const last = path[path.length - 1];
  return (typeof last === 'string' && YEAR_KEYS.has(last)) || path[path.length - 2] === 'fiscalYears';
}

export const yearMessage = (written: unknown, year: number | undefined) =>
  year !== undefined ? w('year-western', { written, quoted: typeof written === 'string', fiscalYear: year }) : w('year-four-digits');

export const resultsKeyMessage = (written: string, year: number | undefined) =>
  year !== undefined ? w('results-key-western', { written, fiscalYear: year }) : w('results-key-four-digits', { written });

/** 「135,304」「1943682円」: the number to write, or undefined when the text is not one. */
export function budgetDigits(written: unknown): string | undefined {
  if (typeof written !== 'string') return undefined;
  const t = written.normalize('NFKC').replace(/[,、\s]|千?円$/g, '');
  return /^\d+$/.test(t) ? String(Number(t)) : undefined;
}

export const budgetMessage = (written: string, digits: string) => w('budget-digits', { written, digits });

export const unknownKeyMessage = (key: string, guess: string | undefined) => w('unknown-key', { key, guess });

export const unknownDepartmentMessage = (name: string, guess: string | undefined) => w('unknown-department', { name, guess });

/** 「令和元年5月1日」「平成31年3月」 typed where a fiscal year goes: the fiscal year it falls in, or undefined. */
export function fiscalYearOfEraDate(written: unknown): number | undefined {
  if (typeof written !== 'string') return undefined;
  const m = /^(.+?年)\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?(?:末)?$/.exec(written.normalize('NFKC').trim());
  const year = m ? westernYear(m[1]) : undefined;
  // April to March: January to March belong to the fiscal year before
  return year === undefined ? undefined : Number(m![2]) < 4 ? year - 1 : year;
}

/** 「１７」「1,500」 typed as text where a number goes: the number to write, or undefined. */
export function numberDigits(written: unknown): string | undefined {
  if (typeof written !== 'string') return undefined;
  const t = written.normalize('NFKC').trim().replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(t) ? String(Number(t)) : undefined;
}

/** A message that depends on where the issue is and what was written there, or undefined for the general one. */
export function placedMessage(issue: Issue, path: (string | number)[]): string | undefined {
  const input = (issue as { input?: unknown }).input;
  if (isYearPath(path) && issue.code === 'invalid_type' && westernYear(input) === undefined && fiscalYearOfEraDate(input) !== undefined)
    return w('year-of-date', { written: String(input), fiscalYear: fiscalYearOfEraDate(input) });
  if (issue.code === 'invalid_key' && path[path.length - 2] === 'results')
    return resultsKeyMessage(String(path[path.length - 1]), westernYear(path[path.length - 1]));
  if (
    isYearPath(path) &&
    ((issue.code === 'invalid_type' && typeof input === 'string') || ((issue.code === 'too_small' || issue.code === 'too_big') && typeof input === 'number'))
  ) {
    const year = westernYear(input);
    // a Western year before 昭和 keeps the schema's own message (the era module's first year)
    if (year === undefined && issue.code === 'too_small' && typeof input === 'number' && input >= 1000 && /[ぁ-ん]/.test(issue.message)) return undefined;
    return yearMessage(input, year);
  }
  if (path[path.length - 1] === 'budget' && issue.code === 'invalid_type' && typeof input === 'string') {
    const digits = budgetDigits(input);
    if (digits) return budgetMessage(input, digits);
  }
  // a number typed with full-width digits or quotes: the number itself, as it is to be written
  if (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int') && numberDigits(input) !== undefined)
    return w('number-digits', { written: String(input), digits: numberDigits(input) });
  return undefined;
}

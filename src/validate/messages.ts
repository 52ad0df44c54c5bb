// zod issues in the words of a data keeper, in Japanese.
import type * as z from 'zod';
import { westernYear } from '../era/parse.js';

const typeNames: Record<string, string> = {
  string: '文字列（"…"）',
  number: '数値',
  int: '整数',
  boolean: 'true か false',
  array: '配列（[…]）',
  object: 'オブジェクト（{…}）',
  null: 'null',
};

function describeInput(input: unknown): string {
  if (input === undefined) return 'ありません';
  if (input === null) return 'null です';
  if (Array.isArray(input)) return '配列になっています';
  if (typeof input === 'string') return `文字列 "${input.length > 20 ? input.slice(0, 20) + '…' : input}" になっています`;
  if (typeof input === 'number') return `数値 ${input} になっています`;
  if (typeof input === 'boolean') return `${input} になっています`;
  return 'オブジェクトになっています';
}

type Issue = z.core.$ZodIssue;

export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const input = (issue as { input?: unknown }).input;
      if (input === undefined) return '必須の項目がありません';
      const want = typeNames[issue.expected] ?? issue.expected;
      return `${want}で書いてください（${describeInput(input)}）`;
    }
    case 'unrecognized_keys':
      return `知らない項目があります: ${issue.keys.map((k) => `"${k}"`).join('、')}（綴りを確かめてください）`;
    case 'invalid_value':
      return `${issue.values.map((v) => `"${String(v)}"`).join('、')} のどれかを書いてください`;
    case 'too_small':
      if (issue.origin === 'array') return `少なくとも ${String(issue.minimum)} 件必要です`;
      if (issue.origin === 'string') return issue.message || '空の文字列は使えません';
      return issue.message?.match(/[ぁ-ん]/) ? issue.message : `${String(issue.minimum)} 以上の値を書いてください`;
    case 'too_big': {
      if (issue.message?.match(/[ぁ-ん]/)) return issue.message;
      const input = (issue as { input?: unknown }).input;
      if (issue.origin === 'string')
        return `${String(issue.maximum)}文字以内で書いてください${typeof input === 'string' ? `（${input.length}文字あります）` : ''}`;
      if (issue.origin === 'array') return `${String(issue.maximum)} 件以内にしてください`;
      return `${String(issue.maximum)} 以下の値を書いてください`;
    }
    case 'invalid_format':
      return issue.message?.match(/[ぁ-ん]/) ? issue.message : '書き方が正しくありません';
    case 'invalid_union': {
      // report the branch that came closest (fewest problems)
      const branches = issue.errors.filter((b) => b.length > 0).sort((a, b) => a.length - b.length);
      const best = branches[0]?.[0];
      if (best) {
        const sub = issueMessage(best);
        const where = best.path.length ? `${best.path.join('.')}: ` : '';
        return `書き方が正しくありません（${where}${sub}）`;
      }
      return '書き方が正しくありません';
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
  year !== undefined
    ? `年度は西暦で書いてください: ${typeof written === 'string' ? `「${written}」` : written} ではなく ${year}`
    : '年度は西暦4桁の数値で書いてください（例: 2019 = 平成31年度・令和元年度）';

export const resultsKeyMessage = (written: string, year: number | undefined) =>
  year !== undefined
    ? `実績の年度は西暦で書いてください: "${written}" ではなく "${year}"`
    : `実績の年度は西暦4桁で書いてください（"${written}" になっています。例: "2017" = 平成29年度）`;

/** 「135,304」「1943682円」: the number to write, or undefined when the text is not one. */
export function budgetDigits(written: unknown): string | undefined {
  if (typeof written !== 'string') return undefined;
  const t = written.normalize('NFKC').replace(/[,、\s]|千?円$/g, '');
  return /^\d+$/.test(t) ? String(Number(t)) : undefined;
}

export const budgetMessage = (written: string, digits: string) =>
  `事業費は千円単位の数値で、「"」「,」「円」を付けずに書いてください: "${written}" ではなく ${digits}`;

export const unknownKeyMessage = (key: string, guess: string | undefined) =>
  `知らない項目 "${key}" があります${guess ? `。"${guess}" のことですか` : '（綴りを確かめてください）'}`;

export const unknownDepartmentMessage = (name: string, guess: string | undefined) =>
  `部局「${name}」は dataset.json の departments にありません${guess ? `。「${guess}」のことですか` : ''}`;

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
    return `年度は西暦で書いてください: 「${String(input)}」は ${fiscalYearOfEraDate(input)}年度です。${fiscalYearOfEraDate(input)} と書いてください`;
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
    return `数値は「"」を付けず半角で書いてください: "${String(input)}" ではなく ${numberDigits(input)}`;
  return undefined;
}

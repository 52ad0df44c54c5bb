// zod issues in the words of a data keeper, in Japanese.
import type * as z from 'zod';

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
    case 'too_big':
      return `${String(issue.maximum)} 以下の値を書いてください`;
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

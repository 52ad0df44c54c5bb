// What a survey book was filled in from: the value of each answer cell as it was exported, kept
// as a fingerprint in the book's hidden sheet. A value the data has changed since (a correction
// taken in from another copy of the book, an edit by hand) is then told from one the department
// changed: a cell still as it was exported does not write its old value back over the data's
// newer one (an old copy of a book, imported after a correction, put the corrected values back
// without a word).
import { createHash } from 'node:crypto';
import type { Initiative } from '../model/schema.js';
import { isNewIn } from '../resolve/new-mark.js';

export type BaseKey = 'budget' | 'achievement' | 'outcome' | 'isNew';
export const BASE_KEYS: BaseKey[] = ['budget', 'achievement', 'outcome', 'isNew'];

/** A value's fingerprint (absent and null alike): short, as a hidden cell holds it. */
export const fingerprint = (v: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(v ?? null))
    .digest('base64url')
    .slice(0, 16);

/** The values a book's row shows for the year: its results and whether it is 新規 that year. */
export function answerValues(i: Initiative, fy: number): Record<BaseKey, unknown> {
  const r = i.results?.[String(fy)];
  return { budget: r?.budget ?? null, achievement: r?.achievement ?? null, outcome: r?.outcome ?? null, isNew: isNewIn(i, fy) };
}

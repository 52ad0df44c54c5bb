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

/**
 * How a book's answer for one field stands against the data, where the book knows what it was made
 * with (`base`): `fresh` when the data has not changed since (or the book is older than these
 * fingerprints), `stale` when it has and the book's value is still the one it was made with (the data's
 * newer value stays), `both` when it has and the book's value was written over too (the book's is taken).
 * A cleared cell is typed on purpose, never a value left from the export.
 */
export function sinceExport(base: string | undefined, now: unknown, to: unknown, cleared: boolean): 'fresh' | 'stale' | 'both' {
  if (base === undefined || fingerprint(now) === base) return 'fresh';
  return !cleared && fingerprint(to) === base ? 'stale' : 'both';
}

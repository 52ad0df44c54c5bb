// Which parts of one year's 実績 are still unanswered, and which summary category a
// 目標の達成度 counts in. Shared by validation (the warnings that list them) and resolve
// (the draft mark and the totals), so both read a row the same way.
import type { Dataset, Result } from './schema.js';

export type AnswerField = 'budget' | 'achievement' | 'outcome';

/** A budget this many times last year's is taken for one written in 円 (1,000 times 千円): validate, survey:import and survey:status say so. */
export const YEN_FACTOR = 500;

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

/**
 * The fields of a row that are not answered yet. Every row of the published report has a
 * 達成度 and a 実績 ("—" is an answer), so a blank one is missing. A budget of null is printed
 * "—" (none: nine rows of the published report) and is what new-year opens a row with: it
 * counts as missing only in a row with nothing else answered, where it cannot be an answer.
 */
export function missingAnswers(r: Result): AnswerField[] {
  const missing: AnswerField[] = [];
  const achievement = blank(r.achievement);
  const outcome = blank(r.outcome);
  if (achievement && outcome && r.budget === null) missing.push('budget');
  if (achievement) missing.push('achievement');
  if (outcome) missing.push('outcome');
  return missing;
}

type Categories = NonNullable<NonNullable<Dataset['documents']['results']>['achievementCategories']>;

/**
 * The summary category of a 達成度: the data set's category named so or listing it; the text itself
 * when the data set has no categories; undefined when it is blank or no category lists it.
 */
export function categoryOf(achievement: string | undefined, categories: Categories | undefined): string | undefined {
  if (blank(achievement)) return undefined;
  if (!categories) return achievement;
  // the label itself is an answer too: the survey's drop-down offers the labels
  return categories.find((c) => c.label === achievement || c.values.includes(achievement!))?.label;
}

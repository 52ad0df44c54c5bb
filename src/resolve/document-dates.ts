// The date each document is written on, and the era rule that follows from it (src/era/): a
// document names the years after its own date in the eras known on that date. Real dates
// (publication, 回答期限, 公表日, history) are written in their own era whatever the rule.
//   plan documents (冊子, 一覧, 付表, オープンデータ, web): the data set's era.asOf
//   a year's 事業実施結果, its 照会用ブック and 未回答・要確認一覧: that year's publishedOn, else its draft date
//   the 正誤表: the later of the data's documents' date and the date of the publication it corrects
// Without era.asOf the data set asks for every year in its own era, and every document gets that.
import type { Dataset } from '../model/schema.js';
import type { EraRule } from '../era/index.js';
import { draftDateOf, publishedOnOf } from '../model/published.js';

/** The rule of a document written on `date`. */
export function ruleOn(dataset: Dataset, date: string): EraRule {
  return dataset.era?.asOf ? { asOf: date } : {};
}

/** The rule of the plan's own documents: the data set's era.asOf. */
export const planRule = (dataset: Dataset): EraRule => ({ asOf: dataset.era?.asOf });

/** The date a year's report (and its survey books) is written on: its publication date, else its draft's. */
export const yearDateOf = (dataset: Dataset, fy: number): string => publishedOnOf(dataset.documents.results, fy) ?? draftDateOf(fy);

/** The rule of a year's report and survey books. */
export const yearRuleOf = (dataset: Dataset, fy: number): EraRule => ruleOn(dataset, yearDateOf(dataset, fy));

/** A 正誤表 is written after the publication it corrects, never before. */
export const errataDateOf = (documentsDate: string, publishedOn: string | undefined): string =>
  publishedOn && publishedOn > documentsDate ? publishedOn : documentsDate;

// Which years of a report are published, and on what date: the results report's
// (documents.results) and the 進ちょく状況's (documents.progress). `publishedOn` is one date for
// every year in fiscalYears (the original form) or one date per year; a year without a date is
// not published yet (its survey is still open).

/** a report's years and their publication dates (documents.results, documents.progress) */
export interface Published {
  fiscalYears: number[];
  publishedOn?: string | Record<string, string>;
}
type Results = Published;

/** The publication date of `fy`'s report, if the year is published. */
export function publishedOnOf(results: Results | undefined, fy: number): string | undefined {
  const p = results?.publishedOn;
  if (p === undefined) return undefined;
  if (typeof p === 'string') return results!.fiscalYears.includes(fy) ? p : undefined;
  return p[String(fy)];
}

/** The date an unpublished year's draft carries: no clock, and never another year's date. */
export const draftDateOf = (fy: number) => `${fy + 1}-04-01`;

/** The latest publication date of the data set's results (the appendix covers every year). */
export function latestPublishedOn(results: Results | undefined): string | undefined {
  const p = results?.publishedOn;
  if (p === undefined || typeof p === 'string') return p;
  return Object.values(p).sort().at(-1);
}

// resolve: the model → every derived value, once. Documents read only this.
import type { Model } from '../model/schema.js';
import { createHandlebars, Wording } from '../templates/index.js';
import { fiscalYearLong, type EraRule } from '../era/index.js';
import { resolveSections, type ResolvedSection } from './sections.js';
import { resolveEntries } from './entries.js';
import { resolveBooklet, type BookletView } from './booklet.js';
import { resolveInitiativeList, type InitiativeListView } from './initiative-list.js';
import { latestPublishedOn } from '../model/published.js';
import { resolveResults, type ResultsView } from './results.js';
import { withResultsTexts } from './results-texts.js';
import { resolveOpenData, type OpenDataView } from './open-data.js';
import { planRule, yearDateOf, yearRuleOf } from './document-dates.js';
import { resolveProgress, type ProgressView } from './progress.js';

export interface Resolved {
  id: string;
  title: string;
  issuer: string;
  /** 全国地方公共団体コード (the open data's first column), when the data set names it */
  localGovernmentCode?: string;
  /** the plan documents' era rule (a year's report has its own: ResultsView.rule) */
  rule: EraRule;
  /** the date the documents carry (PDF and workbook metadata), from the data */
  date: string;
  /**
   * the date of the workbooks that hold every year's results (the appendix, the open data): the
   * later of `date` and each year's own date, so that a draft year's sheets are not dated before
   * their draft (a set published 2018-06-01 holding the FY2018 draft of 2019-04-01)
   */
  allYearsDate: string;
  /** 平成29年度 and 平成32年度: the plan period under the era rule */
  period: { from: string; to: string };
  sections: ResolvedSection[];
  words: { common: Wording; booklet: Wording; list: Wording; results: Wording; workbook: Wording; opendata: Wording; web: Wording; progress: Wording };
  booklet?: BookletView;
  list?: InitiativeListView;
  results: ResultsView[];
  /** the 基データ tables: a row per initiative, schedule span and indicator */
  openData: OpenDataView;
  /** 進ちょく状況: indicators' actuals, 達成率 and self-evaluations, when the data set has them */
  progress?: ProgressView;
}

/** The date a data set's documents carry: the results' own date, the era rule's date, or the last history entry. */
function documentDate(model: Model): string {
  const d = model.dataset;
  const published = latestPublishedOn(d.documents.results);
  if (published) return published;
  const last = d.history?.[d.history.length - 1]?.date;
  if (last) return `${last}-01`;
  if (d.era?.asOf) return d.era.asOf;
  return `${d.period.from}-04-01`;
}

export function resolve(model: Model): Resolved {
  const rule = planRule(model.dataset);
  const hb = createHandlebars(rule);
  const words = {
    common: Wording.load(hb, 'common'),
    booklet: Wording.load(hb, 'booklet'),
    list: Wording.load(hb, 'initiative-list'),
    results: Wording.load(hb, 'results'),
    workbook: Wording.load(hb, 'workbook'),
    opendata: Wording.load(hb, 'opendata'),
    web: Wording.load(hb, 'web'),
    progress: Wording.load(hb, 'progress-report'),
  };
  const sections = resolveSections(model.dataset);
  const entries = resolveEntries(model, sections);
  const docs = model.dataset.documents;
  const hasSchedules = model.initiatives.some((i) => i.data.schedule?.length);
  return {
    id: model.dataset.id,
    title: model.dataset.title,
    issuer: model.dataset.issuer,
    localGovernmentCode: model.dataset.localGovernmentCode,
    rule,
    date: documentDate(model),
    allYearsDate: [documentDate(model), ...(docs.results?.fiscalYears ?? []).map((fy) => yearDateOf(model.dataset, fy))].sort().at(-1)!,
    period: { from: fiscalYearLong(model.dataset.period.from, rule), to: fiscalYearLong(model.dataset.period.to, rule) },
    sections,
    words,
    booklet: docs.booklet
      ? resolveBooklet(model, sections, entries, hb, rule, words, Boolean(docs.initiativeList && hasSchedules), Boolean(docs.initiativeList && !hasSchedules))
      : undefined,
    list: docs.initiativeList && hasSchedules ? resolveInitiativeList(model, sections, entries, words.common, rule) : undefined,
    // each year's report is written on its own date, and names its years as they were then
    results: (docs.results?.fiscalYears ?? []).map((fy) => {
      const own = yearRuleOf(model.dataset, fy);
      return withResultsTexts(resolveResults(model, fy, sections, entries, own), Wording.load(createHandlebars(own), 'results'), model.dataset.issuer);
    }),
    openData: resolveOpenData(model, sections, entries, words.common, rule),
    progress: resolveProgress(
      model,
      sections,
      entries,
      (own) => Wording.load(createHandlebars(own), 'common'),
      (own) => Wording.load(createHandlebars(own), 'progress-report'),
    ),
  };
}

// 事業実施結果 for one fiscal year: pillars with their rows and the summary computed from
// the data (counts, 新規, budget totals, 目標の達成度 tallies). Unanswered rows are counted in
// no category; the view says how many there are, and the report prints itself as a draft.
import { isNewIn } from './new-mark.js';
import type { Model } from '../model/schema.js';
import { yearDateOf } from './document-dates.js';
import { fiscalYearLong, fiscalYearShort, fiscalYearShortWithNendo, yearOfPeriod, type EraRule } from '../era/index.js';
import { yen } from '../templates/index.js';
import type { ResolvedSection } from './sections.js';
import type { Entry } from './entries.js';
import { missingAnswers, categoryOf, type AnswerField } from '../model/results-answers.js';

export interface ResultRow {
  initiativeId: string;
  no: number;
  isNew: boolean;
  title: string;
  description: string;
  budget: number | null;
  budgetText: string;
  achievement: string;
  /** the summary's category of `achievement`; none while unanswered or in no category */
  category?: string;
  outcome: string;
  /** fields not answered yet (the report is a draft while any row has one) */
  missing: AnswerField[];
  department: string;
  divisions: string[];
}

export interface PillarSummary {
  count: number;
  newCount: number;
  /** the sum of the budgets known; null when no row has one */
  budgetTotal: number | null;
  /** count per achievement value, in the order of `achievements` */
  achievements: number[];
}

/** The report's sentences made from its numbers (resolve/results-texts.ts). */
export interface ResultsTexts {
  title: string;
  /** the face under the title: the report's own month and the issuer (平成30年6月　福島県) */
  issued: string;
  /** 「…」、「…」及び「…」 */
  pillars: string;
  chartAlt: string;
  /**
   * The bar chart's parts, for every form: the 達成度 categories and, while the year is not finished,
   * 「集計外」 for the initiatives not counted (unanswered, or in no category), so that each bar is
   * as long as the count written after it.
   */
  chart: { labels: string[]; counts: number[][] };
}

/** A year's report before its sentences are made (resolve/results-texts.ts makes them from these numbers). */
export interface ResultsNumbers {
  fiscalYear: number;
  /** the date this year's report carries and is written on: its own publication date, or its draft's */
  date: string;
  /** the era rule of that date (src/resolve/document-dates.ts) */
  rule: EraRule;
  fyLong: string;
  fyShort: string;
  /** H29 / R1: the bare short form (sheet names) */
  fyLabel: string;
  planTitle: string;
  periodFrom: string;
  periodTo: string;
  /** plan period as Western years (2015, 2018) */
  from: number;
  to: number;
  purpose: string;
  note?: string;
  yearOfPlan: number;
  /** `name`: the pillar as the 【活動概要】 calls it (pillarNames, else its title) */
  pillars: { id: string; label: string; title: string; name: string; rows: ResultRow[]; summary: PillarSummary }[];
  /** distinct 目標の達成度 values in order of first appearance */
  achievements: string[];
  total: PillarSummary;
  /** set while the year is not finished: rows with a field unanswered, 達成度 in no category */
  draft?: { unanswered: number; uncategorised: number };
  /** its sentences (resolve/results-texts.ts); set by resolve() */
}

/** A pillar as every form shows it: with its heading 「1 …」, as headings and table rows name it. */
export type ResultsPillar = ResultsNumbers['pillars'][number] & { heading: string };

/** A year's report as every form shows it: its numbers and the sentences made from them, once. */
export type ResultsView = Omit<ResultsNumbers, 'pillars'> & { pillars: ResultsPillar[]; texts: ResultsTexts };

export function resolveResults(model: Model, fy: number, sections: ResolvedSection[], entries: Map<string, Entry[]>, rule: EraRule): ResultsNumbers {
  const docs = model.dataset.documents.results;
  const cats = docs?.achievementCategories;
  // categories in the data set's order, then (without categories) the texts in order of appearance
  const achievements: string[] = (cats ?? []).map((c) => c.label);
  const pillars = sections
    .filter((s) => s.depth === 1)
    .map((s) => {
      // a pillar holds the entries of itself and of its sub-sections
      const ids = new Set([s.id, ...sections.filter((x) => x.parentIds.includes(s.id)).map((x) => x.id)]);
      const rows: ResultRow[] = [];
      for (const sid of sections.map((x) => x.id).filter((x) => ids.has(x))) {
        for (const e of entries.get(sid) ?? []) {
          const r = e.initiative.results?.[String(fy)];
          if (!r || e.relisted) continue;
          const achievement = r.achievement ?? '';
          const cat = categoryOf(r.achievement, cats);
          if (cat !== undefined && !achievements.includes(cat)) achievements.push(cat);
          rows.push({
            initiativeId: e.initiativeId,
            no: e.initiative.no,
            isNew: isNewIn(e.initiative, fy),
            title: e.initiative.title,
            description: e.initiative.description ?? '',
            budget: r.budget,
            budgetText: yen(r.budget),
            achievement,
            category: cat,
            outcome: r.outcome ?? '',
            missing: missingAnswers(r),
            department: e.initiative.department,
            divisions: Array.isArray(e.initiative.division) ? e.initiative.division : [e.initiative.division],
          });
        }
      }
      return { id: s.id, label: s.label, title: s.title, name: docs?.pillarNames?.[s.id] ?? s.title, rows };
    })
    .filter((p) => p.rows.length > 0);
  const summarize = (rows: ResultRow[]): PillarSummary => ({
    count: rows.length,
    newCount: rows.filter((r) => r.isNew).length,
    budgetTotal: rows.some((r) => r.budget !== null) ? rows.reduce((a, r) => a + (r.budget ?? 0), 0) : null,
    achievements: achievements.map((a) => rows.filter((r) => r.category === a).length),
  });
  const withSummary = pillars.map((p) => ({ ...p, summary: summarize(p.rows) }));
  const all = pillars.flatMap((p) => p.rows);
  const unanswered = all.filter((r) => r.missing.length > 0).length;
  // a 達成度 that is there and that no category of the data set lists
  const uncategorised = all.filter((r) => r.category === undefined && r.achievement.trim() !== '').length;
  return {
    fiscalYear: fy,
    date: yearDateOf(model.dataset, fy),
    rule,
    fyLong: fiscalYearLong(fy, rule),
    fyShort: fiscalYearShortWithNendo(fy, rule),
    fyLabel: fiscalYearShort(fy, rule),
    planTitle: model.dataset.title,
    periodFrom: fiscalYearLong(model.dataset.period.from, rule),
    periodTo: fiscalYearLong(model.dataset.period.to, rule),
    from: model.dataset.period.from,
    to: model.dataset.period.to,
    purpose: model.dataset.documents.results?.purpose ?? '',
    note: model.dataset.documents.results?.notes?.[String(fy)],
    yearOfPlan: yearOfPeriod(fy, model.dataset.period),
    pillars: withSummary,
    achievements,
    total: summarize(all),
    ...(unanswered || uncategorised ? { draft: { unanswered, uncategorised } } : {}),
  };
}

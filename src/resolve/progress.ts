// 進ちょく状況: every numeric indicator's years (target, actual, 達成率, level), each initiative's
// self-evaluations, and the summary per 重点目標 / 取組の基本方向, derived once for the PDF, the
// web page, the open data and the appendix. Unanswered actuals and grades make it a draft.
import type { Model, Indicator, ProgressSettings, AsOf } from '../model/schema.js';
import type { Wording } from '../templates/index.js';
import { fiscalYearLong, fiscalYearShortWithNendo, type EraRule } from '../era/index.js';
import type { ResolvedSection } from './sections.js';
import type { Entry } from './entries.js';
import { asOfText } from './initiative-list.js';
import { ruleOn } from './document-dates.js';
import { draftDateOf, publishedOnOf } from '../model/published.js';
import { ownEntries, type InitiativeHead } from './own-entries.js';
import { achievementRate, levelOf, type Rate } from './achievement.js';
import { isNumeric, fiscalYearOfAsOf, expectsActual, actualMissing, evaluationMissing } from '../model/progress-answers.js';

export interface IndicatorYear {
  fiscalYear: number;
  /** R1年度 */
  fyLabel: string;
  /** 令和元年度 */
  fyLong: string;
  /** the target the year is measured against: its own (yearlyTargets) or the final one */
  target: number;
  targetText: string;
  /** true when the year has no target of its own and is measured against the final one */
  finalTarget: boolean;
  actual: number | null;
  actualText: string;
  actualAsOf?: string;
  note?: string;
  /** an actual is asked for this year (after the baseline's year) and none is there */
  missing: boolean;
  rate: Rate;
  /** 23.3% — or the reason in words */
  rateText: string;
  level?: string;
}

export interface IndicatorProgress {
  initiativeId: string;
  /** 1, 2, … among the initiative's indicators (as the open data numbers them) */
  seq: number;
  name: string;
  unit: string;
  direction: '増やす' | '減らす';
  baseline?: number;
  baselineUnit?: string;
  baselineText: string;
  baselineAsOf: string;
  /** the day the baseline's time point stands for (ISO 8601) */
  baselineDate: string;
  baselineYear: number;
  target: number;
  targetText: string;
  targetAsOf: string;
  targetDate: string;
  targetYear: number;
  /** whether a 達成率 could be computed from these cells once an actual is there (the appendix's formula) */
  computable: boolean;
  years: IndicatorYear[];
}

export interface EvaluationYear {
  fiscalYear: number;
  fyLabel: string;
  /** 令和2年度, as the open data names a year */
  fyLong: string;
  grade: string;
  gradeMeaning: string;
  reason: string;
  outlook: string;
  missing: boolean;
}

export interface InitiativeProgress extends InitiativeHead {
  indicators: IndicatorProgress[];
  evaluations: EvaluationYear[];
}

export interface ProgressSummary {
  indicators: number;
  /** per level of the data set, in its order (the last year) */
  levels: number[];
  uncomputable: number;
  unanswered: number;
  initiatives: number;
  /** per grade of the data set, in its order (the last year) */
  grades: number[];
  ungraded: number;
}

export interface ProgressGroup {
  id: string;
  /** 1 / 1(1) */
  path: string;
  title: string;
  depth: number;
  summary: ProgressSummary;
}

export interface ProgressView {
  title: string;
  /** the report's date (publishedOn, else April 1st after its last year) */
  date: string;
  rule: EraRule;
  fiscalYears: number[];
  /** the years as table headings (R2年度) */
  fyLabels: string[];
  /** the years as running text writes them (令和2年度): the abbreviation is for tables */
  fyLongLabels: string[];
  /** the year the summary counts */
  lastYear: number;
  lastFyLong: string;
  method: ProgressSettings['method'];
  levels: string[];
  /** each level's lower bound (%), in the same order; the last has none */
  levelMins: (number | undefined)[];
  grades: ProgressSettings['grades'];
  outlooks: string[];
  /** 重点目標 and 取組の基本方向 in document order, each with the initiatives standing in it or below */
  groups: ProgressGroup[];
  total: ProgressSummary;
  /** in document order, with the top-level section each stands under */
  initiatives: (InitiativeProgress & { topId: string })[];
  /** the top-level sections that hold initiatives, for headings */
  tops: { id: string; path: string; title: string }[];
  draft?: {
    unanswered: number;
    /** the years with answers missing, as table headings write them (R2年度) */
    years: string[];
    /** the same years, as fiscal years (a year's rows in the open data are 未確定 while it has answers missing) */
    fiscalYears: number[];
  };
  /** the face under the title (令和3年6月　架空県), under the report's own era rule */
  issued: string;
  /** the summary chart in words (the text alternative of its bars) */
  chartAlt: string;
}

const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });
/** A 達成率 as printed: one decimal, a negative one with the minus sign (−16.7%, not the hyphen of -16.7), never −0.0. */
export const rateText = (rate: Rate, w: Wording) => {
  if (!('value' in rate)) return w.get(`reason-${rate.reason}`);
  const shown = Math.abs(rate.value).toFixed(1);
  return w.get('rate', { value: shown, negative: rate.value < 0 && shown !== '0.0' });
};

/** The day a time point stands for, in ISO 8601: a month's or a fiscal year's last day, a year's average its last day. */
export function asOfDate(a: AsOf): string {
  const last = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  if ('month' in a) {
    // validated as YYYY-MM
    return last(Number(a.month.slice(0, 4)), Number(a.month.slice(5, 7)));
  }
  if ('fiscalYear' in a) return last(a.fiscalYear + 1, 3);
  return last(a.year, 12);
}

export function hasProgress(model: Model): boolean {
  return Boolean(model.dataset.documents.progress) && model.initiatives.some((i) => (i.data.indicators ?? []).some(isNumeric));
}

function indicatorProgress(
  initiativeId: string,
  ind: Indicator,
  seq: number,
  settings: ProgressSettings,
  rule: EraRule,
  common: Wording,
  w: Wording,
): IndicatorProgress {
  const direction = ind.direction ?? '増やす';
  const target = ind.target.number ?? 0; // validation requires it with a unit
  const baselineYear = fiscalYearOfAsOf(ind.baseline.asOf);
  const targetYear = fiscalYearOfAsOf(ind.target.asOf);
  const unit = ind.unit!;
  /** the rate of a year's actual value against the year's own target, or the final one */
  const rateOf = (year: number, actual: number | null | undefined, yearTarget?: number) =>
    achievementRate({
      method: settings.method,
      direction,
      year,
      baselineYear,
      targetYear,
      baseline: ind.baseline.number,
      baselineUnit: ind.baseline.unit,
      unit,
      target,
      yearTarget,
      actual,
    });
  const years = settings.fiscalYears.map((fy): IndicatorYear => {
    const a = ind.actuals?.[String(fy)];
    const own = ind.yearlyTargets?.[String(fy)];
    const rate = rateOf(fy, a?.value, own);
    const actual = a?.value ?? null;
    const missing = actualMissing(ind, fy);
    return {
      fiscalYear: fy,
      fyLabel: fiscalYearShortWithNendo(fy, rule),
      fyLong: fiscalYearLong(fy, rule),
      target: own ?? target,
      targetText: num(own ?? target),
      finalTarget: own === undefined,
      actual,
      actualText: actual === null ? (missing ? w.get('unanswered') : expectsActual(ind, fy) ? '' : w.get('no-actual-asked')) : num(actual),
      actualAsOf: a?.asOf,
      note: a?.note,
      missing,
      rate,
      rateText: rateText(rate, w),
      level: 'value' in rate ? levelOf(rate.value, settings.levels) : undefined,
    };
  });
  return {
    initiativeId,
    seq,
    name: ind.name,
    unit,
    direction,
    baseline: ind.baseline.number,
    baselineUnit: ind.baseline.unit,
    // the header line quotes the plan as written (「80%以上」, 「新規事業のため実績なし」): the numbers are for the rates
    baselineText:
      planText(ind.baseline.value) ?? (ind.baseline.number === undefined ? w.get('no-number') : `${num(ind.baseline.number)}${ind.baseline.unit ?? unit}`),
    baselineAsOf: asOfText(ind.baseline.asOf, common),
    baselineDate: asOfDate(ind.baseline.asOf),
    baselineYear,
    target,
    targetText: planText(ind.target.value) ?? `${num(target)}${unit}`,
    targetAsOf: asOfText(ind.target.asOf, common),
    targetDate: asOfDate(ind.target.asOf),
    targetYear,
    // the target reached the year after the baseline: a rate comes out unless the data cannot give one
    computable: settings.fiscalYears.some((fy) => fy > baselineYear) && 'value' in rateOf(baselineYear + 1, target),
    years,
  };
}

/** a value as the plan writes it, where it writes one */
const planText = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export function resolveProgress(
  model: Model,
  sections: ResolvedSection[],
  entries: Map<string, Entry[]>,
  common: (rule: EraRule) => Wording,
  words: (rule: EraRule) => Wording,
): ProgressView | undefined {
  // (the wording is loaded under the report's own era rule, known only once its date is)
  const settings = model.dataset.documents.progress;
  if (!settings || !hasProgress(model)) return undefined;
  const lastYear = Math.max(...settings.fiscalYears);
  // the last year's date: a new year opened after a publication is a draft until it is published itself
  const date = publishedOnOf(settings, lastYear) ?? draftDateOf(lastYear);
  const rule = ruleOn(model.dataset, date);
  const w = words(rule);
  const c = common(rule);
  const fiscalYears = [...settings.fiscalYears].sort((a, b) => a - b);
  const ordered = { ...settings, fiscalYears };
  const grades = settings.grades;
  const initiatives: ProgressView['initiatives'] = [];
  for (const { entry: e, section: s, head } of ownEntries(sections, entries)) {
    const i = e.initiative;
    const numeric = (i.indicators ?? []).map((ind, k) => ({ ind, seq: k + 1 })).filter((x) => isNumeric(x.ind));
    if (!numeric.length) continue;
    initiatives.push({
      ...head,
      topId: s.parentIds[0] ?? s.id,
      indicators: numeric.map((x) => indicatorProgress(e.initiativeId, x.ind, x.seq, ordered, rule, c, w)),
      evaluations: fiscalYears.map((fy) => {
        const ev = i.evaluation?.[String(fy)];
        return {
          fiscalYear: fy,
          fyLabel: fiscalYearShortWithNendo(fy, rule),
          fyLong: fiscalYearLong(fy, rule),
          grade: ev?.grade?.trim() ?? '',
          gradeMeaning: grades.find((g) => g.label === ev?.grade)?.meaning ?? '',
          reason: ev?.reason ?? '',
          outlook: ev?.outlook ?? '',
          missing: evaluationMissing(i, fy),
        };
      }),
    });
  }
  const summarize = (list: typeof initiatives): ProgressSummary => {
    const years = list.flatMap((i) => i.indicators.map((ind) => ind.years.find((y) => y.fiscalYear === lastYear)!));
    const evals = list.map((i) => i.evaluations.find((e) => e.fiscalYear === lastYear)!);
    return {
      indicators: years.length,
      levels: settings.levels.map((l) => years.filter((y) => y.level === l.label).length),
      uncomputable: years.filter((y) => !y.missing && y.level === undefined).length,
      unanswered: years.filter((y) => y.missing).length,
      initiatives: list.length,
      grades: grades.map((g) => evals.filter((e) => e.grade === g.label).length),
      ungraded: evals.filter((e) => !e.grade).length,
    };
  };
  const groups = sections
    .filter((s) => s.depth <= 2)
    .map((s) => ({ s, list: initiatives.filter((i) => i.sectionId === s.id || sections.find((x) => x.id === i.sectionId)?.parentIds.includes(s.id)) }))
    .filter((g) => g.list.length > 0)
    .map(({ s, list }) => ({ id: s.id, path: s.path, title: s.title, depth: s.depth, summary: summarize(list) }));
  const unanswered = initiatives.reduce(
    (n, i) => n + i.indicators.reduce((m, ind) => m + ind.years.filter((y) => y.missing).length, 0) + i.evaluations.filter((e) => e.missing).length,
    0,
  );
  // the years the missing answers belong to, for the draft mark (an earlier year's gap keeps a later report a draft)
  const missingYears = fiscalYears.filter((fy) =>
    initiatives.some(
      (i) => i.evaluations.some((e) => e.fiscalYear === fy && e.missing) || i.indicators.some((ind) => ind.years.some((y) => y.fiscalYear === fy && y.missing)),
    ),
  );
  const lastFyLong = fiscalYearLong(lastYear, rule);
  const chart = groups
    .filter((g) => g.depth === 1)
    .map((g) => ({
      name: w.get('group-heading', g),
      count: g.summary.indicators,
      parts: [
        ...settings.levels.map((l, k) => ({ label: l.label, count: g.summary.levels[k] ?? 0 })),
        { label: w.get('summary-uncomputable'), count: g.summary.uncomputable },
        { label: w.get('summary-unanswered'), count: g.summary.unanswered },
      ].filter((x) => x.count > 0),
    }));
  const tops = sections.filter((s) => s.depth === 1 && initiatives.some((i) => i.topId === s.id)).map((s) => ({ id: s.id, path: s.path, title: s.title }));
  return {
    title: w.get('title', { planTitle: model.dataset.title }),
    date,
    rule,
    fiscalYears,
    fyLabels: fiscalYears.map((fy) => fiscalYearShortWithNendo(fy, rule)),
    fyLongLabels: fiscalYears.map((fy) => fiscalYearLong(fy, rule)),
    lastYear,
    lastFyLong,
    method: settings.method,
    levels: settings.levels.map((l) => l.label),
    levelMins: settings.levels.map((l) => l.min),
    grades,
    outlooks: settings.outlooks,
    groups,
    total: summarize(initiatives),
    initiatives,
    tops,
    ...(unanswered ? { draft: { unanswered, years: missingYears.map((fy) => fiscalYearShortWithNendo(fy, rule)), fiscalYears: missingYears } } : {}),
    issued: w.get('issued', { published: date.slice(0, 7), issuer: model.dataset.issuer }),
    chartAlt: w.get('chart-alt', { title: w.get('chart-title', { fyLong: lastFyLong }), groups: chart }),
  };
}

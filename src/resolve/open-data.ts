// The 基データ (open data) as plain records: a row per initiative, per schedule span and per
// indicator, every value one value, years as 西暦 and time points in ISO 8601 with the 和暦
// beside, numbers where the booklet prints 丸数字. The tables and their column names are made
// from these in documents/data/; results come from ResultsView. A record names an initiative and
// its 従たる目標 by their titles (the plan's names, as chapter 2): the 主な取組 table is the record of
// each initiative, not the 主な取組一覧's layout, so a list name (listTitle) is not its name.
import type { Model, Indicator } from '../model/schema.js';
import type { Wording } from '../templates/index.js';
import { fiscalYearLong, monthEndIso, fiscalYearEndIso, fiscalYearIso, type EraRule } from '../era/index.js';
import type { ResolvedSection } from './sections.js';
import type { Entry } from './entries.js';
import { asOfText } from './initiative-list.js';
import { isNewInAnyYear } from './new-mark.js';
import { ownEntries, type InitiativeHead } from './own-entries.js';

export interface InitiativeRecord extends InitiativeHead {
  /** 1-1-1 (the booklet's 1(1)① in numbers) */
  sectionNumbers: string;
  sectionTitle: string;
  /** the top-level section (重点目標 / 柱) it belongs to: its number and title */
  topNumbers: string;
  topTitle: string;
  isNew: boolean;
  description: string;
  /** where it is shown again (再掲), as section numbers */
  relistedIn: string[];
  /** 従たる目標, by title */
  secondaryGoals: string[];
  /** 官民データ活用の推進に関する施策, by code (the booklet's ① is 1; see `policyMeasures` of the view) */
  policyMeasures: number[];
}

/** A row of the code table of 官民データ施策: the booklet's mark ① is code 1. */
export interface PolicyMeasureRecord {
  code: number;
  id: string;
  title: string;
}

export interface ScheduleRecord {
  initiativeId: string;
  no: number;
  title: string;
  /** 1, 2, … within the initiative */
  seq: number;
  from: number;
  fromEra: string;
  to: number;
  toEra: string;
  label: string;
}

export interface IndicatorRecord {
  initiativeId: string;
  no: number;
  title: string;
  seq: number;
  name: string;
  baselineAsOf: string;
  /** ISO 8601: 2018-03-31, 2017-04/2018-03 (a fiscal year), 2017 */
  baselineAsOfIso: string;
  baselineValue: string;
  targetAsOf: string;
  targetAsOfIso: string;
  targetValue: string;
}

export interface OpenDataView {
  /** 全国地方公共団体コード; empty when the data set does not name it */
  localGovernmentCode: string;
  localGovernmentName: string;
  initiatives: InitiativeRecord[];
  schedule: ScheduleRecord[];
  indicators: IndicatorRecord[];
  /** the code table of 官民データ施策 (empty when the data set has none) */
  policyMeasures: PolicyMeasureRecord[];
}

/** A time point in ISO 8601: a month's end is a date, a fiscal year's results the interval of its months, a year's average the year. */
function asOfIso(a: Indicator['baseline']['asOf']): string {
  if ('month' in a) return monthEndIso(a.month);
  if ('fiscalYear' in a) return a.point === 'end' ? fiscalYearEndIso(a.fiscalYear) : fiscalYearIso(a.fiscalYear);
  return String(a.year);
}

export function resolveOpenData(model: Model, sections: ResolvedSection[], entries: Map<string, Entry[]>, common: Wording, rule: EraRule): OpenDataView {
  const byId = new Map(sections.map((s) => [s.id, s]));
  // codes in the order the data set lists them, which is the order of the marks ①, ②, …
  const policyMeasures = (model.dataset.policyMeasures ?? []).map((m, k): PolicyMeasureRecord => ({ code: k + 1, id: m.id, title: m.title }));
  const codes = new Map(policyMeasures.map((m) => [m.id, m.code]));
  const initiatives: InitiativeRecord[] = [];
  const schedule: ScheduleRecord[] = [];
  const indicators: IndicatorRecord[] = [];
  for (const { entry: e, section: s, head } of ownEntries(sections, entries)) {
    const i = e.initiative;
    const top = byId.get(s.parentIds[0] ?? s.id)!;
    initiatives.push({
      ...head,
      sectionNumbers: s.numbers,
      sectionTitle: s.title,
      topNumbers: top.numbers,
      topTitle: top.title,
      // the results mark 新規 per year; the 事業 table has none (issue 23: Fukushima's 12 were 0 here)
      isNew: isNewInAnyYear(i),
      description: i.description ?? '',
      relistedIn: (i.relistedIn ?? []).map((r) => byId.get(typeof r === 'string' ? r : r.section)?.numbers ?? ''),
      secondaryGoals: e.secondaryGoals.map((g) => byId.get(g)?.title ?? g),
      // validation has checked every id against the data set's list
      policyMeasures: (i.policyMeasures ?? []).map((m) => codes.get(m)!),
    });
    [...(i.schedule ?? [])]
      .sort((a, b) => a.from - b.from)
      .forEach((sp, k) =>
        schedule.push({
          initiativeId: e.initiativeId,
          no: i.no,
          title: i.title,
          seq: k + 1,
          from: sp.from,
          fromEra: fiscalYearLong(sp.from, rule),
          to: sp.to,
          toEra: fiscalYearLong(sp.to, rule),
          label: sp.label,
        }),
      );
    (i.indicators ?? []).forEach((ind, k) =>
      indicators.push({
        initiativeId: e.initiativeId,
        no: i.no,
        title: i.title,
        seq: k + 1,
        name: ind.name,
        baselineAsOf: asOfText(ind.baseline.asOf, common),
        baselineAsOfIso: asOfIso(ind.baseline.asOf),
        baselineValue: ind.baseline.value,
        targetAsOf: asOfText(ind.target.asOf, common),
        targetAsOfIso: asOfIso(ind.target.asOf),
        targetValue: ind.target.value,
      }),
    );
  }
  return {
    localGovernmentCode: model.dataset.localGovernmentCode ?? '',
    localGovernmentName: model.dataset.issuer,
    initiatives,
    schedule,
    indicators,
    policyMeasures,
  };
}

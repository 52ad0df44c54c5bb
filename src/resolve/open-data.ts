// The 基データ (open data) as plain records: a row per initiative, per schedule span and per
// indicator, every value one value, years as 西暦 with the 和暦 beside. The tables and their
// column names are made from these in documents/data/; results come from ResultsView.
import type { Model, Indicator } from '../model/schema.js';
import type { Wording } from '../templates/index.js';
import { fiscalYearLong, type EraRule } from '../era/index.js';
import type { ResolvedSection } from './sections.js';
import type { Entry } from './entries.js';
import { asOfText } from './initiative-list.js';
import { isNewInAnyYear } from './new-mark.js';

export interface InitiativeRecord {
  id: string;
  no: number;
  title: string;
  department: string;
  divisions: string[];
  sectionId: string;
  /** 1(1)① */
  sectionPath: string;
  sectionTitle: string;
  /** the top-level section (重点目標 / 柱) it belongs to */
  topPath: string;
  topTitle: string;
  isNew: boolean;
  description: string;
  /** where it is shown again (再掲), as section paths */
  relistedIn: string[];
  /** 従たる目標, by title */
  secondaryGoals: string[];
  /** 官民データ活用の推進に関する施策, by mark (①) */
  policyMeasures: string[];
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
  baselineAsOfWestern: string;
  baselineValue: string;
  targetAsOf: string;
  targetAsOfWestern: string;
  targetValue: string;
}

export interface OpenDataView {
  /** 全国地方公共団体コード; empty when the data set does not name it */
  localGovernmentCode: string;
  localGovernmentName: string;
  initiatives: InitiativeRecord[];
  schedule: ScheduleRecord[];
  indicators: IndicatorRecord[];
}

/** A time point in Western years, in the words of templates/opendata.hbs. */
function asOfWestern(a: Indicator['baseline']['asOf'], words: Wording): string {
  if ('month' in a) {
    const [y, m] = a.month.split('-').map(Number);
    return words.get('asOf-month-western', { year: y, month: m });
  }
  if ('fiscalYear' in a) return words.get(a.point === 'end' ? 'asOf-end-western' : 'asOf-actual-western', a);
  return words.get('asOf-average-western', a);
}

export function resolveOpenData(model: Model, sections: ResolvedSection[], entries: Map<string, Entry[]>, common: Wording, words: Wording, rule: EraRule): OpenDataView {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const marks = new Map((model.dataset.policyMeasures ?? []).map((m) => [m.id, m.mark]));
  // each initiative once, at its own entry (not a 再掲), in the order the documents list them
  const own = sections.flatMap((s) => (entries.get(s.id) ?? []).filter((e) => !e.relisted));
  const initiatives: InitiativeRecord[] = [];
  const schedule: ScheduleRecord[] = [];
  const indicators: IndicatorRecord[] = [];
  for (const e of own) {
    const i = e.initiative;
    const s = byId.get(e.sectionId)!;
    const top = byId.get(s.parentIds[0] ?? s.id)!;
    initiatives.push({
      id: e.initiativeId,
      no: i.no,
      title: i.title,
      department: i.department,
      divisions: Array.isArray(i.division) ? i.division : [i.division],
      sectionId: s.id,
      sectionPath: s.path,
      sectionTitle: s.title,
      topPath: top.path,
      topTitle: top.title,
      // the results mark 新規 per year; the 事業 table has none (issue 23: Fukushima's 12 were 0 here)
      isNew: isNewInAnyYear(i),
      description: i.description ?? '',
      relistedIn: (i.relistedIn ?? []).map((r) => byId.get(typeof r === 'string' ? r : r.section)?.path ?? ''),
      secondaryGoals: e.secondaryGoals.map((g) => byId.get(g)?.title ?? g),
      policyMeasures: (i.policyMeasures ?? []).map((m) => marks.get(m) ?? m),
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
        baselineAsOfWestern: asOfWestern(ind.baseline.asOf, words),
        baselineValue: ind.baseline.value,
        targetAsOf: asOfText(ind.target.asOf, common),
        targetAsOfWestern: asOfWestern(ind.target.asOf, words),
        targetValue: ind.target.value,
      }),
    );
  }
  return { localGovernmentCode: model.dataset.localGovernmentCode ?? '', localGovernmentName: model.dataset.issuer, initiatives, schedule, indicators };
}

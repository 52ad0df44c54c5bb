// 進ちょく管理 (issue 22): what the schema alone cannot say about indicators' numeric form, the
// self-evaluations and documents.progress. Unanswered actuals and grades are warnings (the
// report is built, marked 未確定), listed per 部局 like the results' unanswered rows.
import type { Dataset, Model } from '../model/schema.js';
import { isNumeric, actualMissing, evaluationMissing } from '../model/progress-answers.js';
import { answerWords as w, cut, reportPerDepartment, who, type Line } from './unanswered.js';
import { validateWords } from './messages.js';

type Report = (file: string, message: string, path: (string | number)[], group?: string) => void;

const list = (xs: string[]) => xs.map((x) => `「${x}」`).join('・');

export function checkProgress(dataset: Dataset, initiatives: Model['initiatives'], complete: boolean, err: Report, warn: Report): void {
  const { period } = dataset;
  const inPeriod = (y: number) => y >= period.from && y <= period.to;
  const outside = (key: string, fiscalYear: number | string) => w(key, { fiscalYear, ...period });
  const settings = dataset.documents.progress;
  const at = (...p: (string | number)[]) => ['documents', 'progress', ...p];

  if (settings) {
    const seen = new Set<number>();
    settings.fiscalYears.forEach((y, i) => {
      if (!inPeriod(y)) err('dataset.json', validateWords('year-outside-period', { fiscalYear: y, ...period }), at('fiscalYears', i));
      if (seen.has(y)) err('dataset.json', validateWords('year-twice', { fiscalYear: y }), at('fiscalYears', i));
      seen.add(y);
    });
    // a report of a year is published after the year has ended (31 March of the next year)
    // (one date for every year: the last year's; a date per year: each year's, and a year it lists must be a year of the report)
    const last = Math.max(...settings.fiscalYears);
    const p = settings.publishedOn;
    const dates: [number, string, (string | number)[]][] =
      p === undefined ? [] : typeof p === 'string' ? [[last, p, at('publishedOn')]] : Object.entries(p).map(([y, d]) => [Number(y), d, at('publishedOn', y)]);
    for (const [y, d, place] of dates) {
      if (typeof p !== 'string' && !settings.fiscalYears.includes(y)) warn('dataset.json', w('date-of-unlisted-year', { fiscalYear: y }), place);
      else if (d <= `${y + 1}-03-31`) err('dataset.json', w('progress-published-early', { publishedOn: d, last: y, next: y + 1 }), place);
    }
    // levels are read from the top: each but the last needs a lower bound, and the bounds go down
    settings.levels.forEach((l, i) => {
      const last = i === settings.levels.length - 1;
      if (!last && l.min === undefined) err('dataset.json', w('level-min-missing', { label: l.label }), at('levels', i));
      if (last && l.min !== undefined) err('dataset.json', w('level-last-min', { label: l.label }), at('levels', i, 'min'));
      const prev = settings.levels[i - 1]?.min;
      if (l.min !== undefined && prev !== undefined && l.min >= prev)
        err('dataset.json', w('level-min-order', { label: l.label, min: l.min, prev }), at('levels', i, 'min'));
    });
    const unique = (xs: string[], key: string) =>
      xs.forEach((x, i) => {
        if (xs.indexOf(x) !== i) err('dataset.json', w('label-twice', { what: w(`what-${key}`), label: x }), at(key, i));
      });
    unique(
      settings.levels.map((l) => l.label),
      'levels',
    );
    unique(
      settings.grades.map((g) => g.label),
      'grades',
    );
    unique(settings.outlooks, 'outlooks');
    if (complete && !initiatives.some((x) => (x.data.indicators ?? []).some(isNumeric))) err('dataset.json', w('no-numeric-indicator'), at());
  }

  const grades = settings?.grades.map((g) => g.label) ?? [];
  const outlooks = settings?.outlooks ?? [];
  for (const { file, data } of initiatives) {
    data.indicators?.forEach((ind, k) => {
      const p = (...rest: (string | number)[]) => ['indicators', k, ...rest];
      const numericFields = [
        ind.baseline.number !== undefined && 'baseline.number',
        ind.baseline.unit !== undefined && 'baseline.unit',
        ind.target.number !== undefined && 'target.number',
        ind.direction !== undefined && 'direction',
        ind.yearlyTargets !== undefined && 'yearlyTargets',
        ind.actuals !== undefined && 'actuals',
      ].filter((x): x is string => Boolean(x));
      if (!isNumeric(ind)) {
        if (numericFields.length) err(file, w('indicator-no-unit', { name: cut(ind.name), fields: numericFields.join('・') }), p());
        return;
      }
      if (ind.target.number === undefined) err(file, w('indicator-no-target-number', { name: cut(ind.name), value: ind.target.value }), p('target'));
      if (ind.direction === undefined) err(file, w('indicator-no-direction', { name: cut(ind.name) }), p());
      for (const y of Object.keys(ind.yearlyTargets ?? {}))
        if (!inPeriod(Number(y))) err(file, outside('yearly-target-outside-period', y), p('yearlyTargets', y));
      for (const y of Object.keys(ind.actuals ?? {})) if (!inPeriod(Number(y))) err(file, outside('actual-outside-period', y), p('actuals', y));
    });
    for (const [y, e] of Object.entries(data.evaluation ?? {})) {
      const p = ['evaluation', y];
      if (!inPeriod(Number(y))) err(file, outside('evaluation-outside-period', y), p);
      if (!settings) {
        err(file, w('evaluation-without-settings'), p);
        continue;
      }
      if (e.grade?.trim() && !grades.includes(e.grade)) err(file, w('grade-unknown', { grade: e.grade, choices: list(grades) }), [...p, 'grade']);
      if (e.outlook?.trim() && !outlooks.includes(e.outlook))
        err(file, w('outlook-unknown', { outlook: e.outlook, choices: list(outlooks) }), [...p, 'outlook']);
    }
  }

  if (!settings) return;
  const sorted = [...initiatives].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  settings.fiscalYears.forEach((fy, i) => {
    const lines: Line[] = [];
    for (const { file, data } of sorted) {
      data.indicators?.forEach((ind, k) => {
        if (actualMissing(ind, fy))
          lines.push({
            department: data.department,
            file,
            path: ['indicators', k, 'actuals'],
            message: w('actual-unanswered', { who: who(data), name: cut(ind.name), fiscalYear: fy }),
          });
      });
      if (evaluationMissing(data, fy))
        lines.push({ department: data.department, file, path: ['evaluation'], message: w('evaluation-unanswered', { who: who(data), fiscalYear: fy }) });
    }
    if (!lines.length) return;
    reportPerDepartment(
      lines,
      (mine) => mine.length,
      (perDepartment) => warn('dataset.json', w('progress-draft', { fiscalYear: fy, count: lines.length, perDepartment }), at('fiscalYears', i)),
      (l) => warn(l.file, l.message, l.path, `progress-unanswered-${fy}`),
    );
  });
}

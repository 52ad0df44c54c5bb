// The rows of a published results year that are not answered yet, or whose 目標の達成度 no
// summary category counts: warnings (the report is still built, marked 未確定), listed per
// 部局 so that the policy division knows whom to ask. Also: pillarNames name real pillars.
import type { Dataset, Model } from '../model/schema.js';
import { missingAnswers, categoryOf, YEN_FACTOR } from '../model/results-answers.js';
import { answerWords as w, cut, reportPerDepartment, who, type Line } from './unanswered.js';

type Report = (file: string, message: string, path: (string | number)[], group?: string) => void;

export function checkResultsAnswers(dataset: Dataset, initiatives: Model['initiatives'], err: Report, warn: Report): void {
  const results = dataset.documents.results;
  if (!results) return;
  const pillars = new Set(dataset.sections.map((s) => s.id));
  for (const id of Object.keys(results.pillarNames ?? {}))
    if (!pillars.has(id)) err('dataset.json', w('pillar-unknown', { id }), ['documents', 'results', 'pillarNames', id]);

  // one date for several years: every year's report carries it and every year counts as published
  if (typeof results.publishedOn === 'string' && results.fiscalYears.length > 1)
    warn('dataset.json', w('one-date-for-years', { publishedOn: results.publishedOn, years: results.fiscalYears.join('・'), first: results.fiscalYears[0] }), [
      'documents',
      'results',
      'publishedOn',
    ]);
  if (results.publishedOn && typeof results.publishedOn === 'object')
    for (const y of Object.keys(results.publishedOn))
      if (!results.fiscalYears.includes(Number(y)))
        warn('dataset.json', w('date-of-unlisted-year', { fiscalYear: y }), ['documents', 'results', 'publishedOn', y]);

  // a budget a thousand times last year's is 円 typed for 千円 (135304000 for 135,304), whichever way it came in
  for (const { file, data } of initiatives)
    for (const [fy, r] of Object.entries(data.results ?? {})) {
      const prev = data.results?.[String(Number(fy) - 1)]?.budget;
      if (typeof r.budget === 'number' && typeof prev === 'number' && prev > 0 && r.budget >= prev * YEN_FACTOR)
        warn(
          file,
          w('budget-in-yen', { who: who(data), fiscalYear: fy, now: r.budget.toLocaleString('en-US'), prev: prev.toLocaleString('en-US'), factor: YEN_FACTOR }),
          ['results', fy, 'budget'],
        );
    }

  const sorted = [...initiatives].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  results.fiscalYears.forEach((fy, i) => {
    const lines: Line[] = [];
    let unanswered = 0;
    let uncategorised = 0;
    for (const { file, data } of sorted) {
      const r = data.results?.[String(fy)];
      if (!r) continue;
      const missing = missingAnswers(r);
      if (missing.length) {
        unanswered++;
        lines.push({
          department: data.department,
          file,
          path: ['results', String(fy)],
          message: w('results-unanswered', { who: who(data), fiscalYear: fy, fields: missing.map((f) => w(`field-${f}`)).join('・') }),
        });
      }
      if (r.achievement?.trim() && results.achievementCategories && categoryOf(r.achievement, results.achievementCategories) === undefined) {
        uncategorised++;
        lines.push({
          department: data.department,
          file,
          path: ['results', String(fy), 'achievement'],
          message: w('achievement-uncounted', { who: who(data), fiscalYear: fy, achievement: cut(r.achievement) }),
        });
      }
    }
    if (!lines.length) return;
    const counts = [unanswered ? w('count-unanswered', { count: unanswered }) : '', uncategorised ? w('count-uncounted', { count: uncategorised }) : '']
      .filter(Boolean)
      .join('、');
    // a 部局 counts initiatives, an initiative with two lines once
    reportPerDepartment(
      lines,
      (mine) => new Set(mine.map((l) => l.file)).size,
      (perDepartment) => warn('dataset.json', w('results-draft', { fiscalYear: fy, counts, perDepartment }), ['documents', 'results', 'fiscalYears', i]),
      (l) => warn(l.file, l.message, l.path, `unanswered-${fy}`),
    );
  });
}

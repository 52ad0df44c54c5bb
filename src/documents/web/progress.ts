// The 進ちょく状況 report as a web page, from the same view as progress.pdf: the summary table
// (th with scope), the chart as SVG drawn from the counts with its text alternative, then per
// initiative a captioned table per indicator and one for the self-evaluations.
import type { Resolved } from '../../resolve/index.js';
import type { ProgressView } from '../../resolve/progress.js';
import type { WebPage } from './booklet.js';
import { barChart, barLegend } from './bar-chart.js';

export const PROGRESS_PAGE = 'progress.html';
/** A bar per 重点目標: its indicators by level, then those that cannot be computed and those unanswered. */
const chart = (view: ProgressView, name: (g: ProgressView['groups'][number]) => string) =>
  barChart(
    view.groups
      .filter((g) => g.depth === 1)
      .map((g) => ({ label: name(g), counts: [...g.summary.levels, g.summary.uncomputable, g.summary.unanswered], total: g.summary.indicators })),
  );

export function progressWebPage(view: ProgressView, r: Resolved): WebPage {
  const w = r.words.progress;
  const ww = r.words.web;
  const levelCols = [...view.levels, w.get('summary-uncomputable'), w.get('summary-unanswered')];
  const gradeCols = [...view.grades.map((g) => g.label), w.get('summary-ungraded')];
  const name = (g: { path: string; title: string }) => w.get('group-heading', g);
  const sumRow = (label: string, s: ProgressView['total'], depth: number) => ({
    label,
    sub: depth > 1,
    levels: [s.indicators, ...s.levels, s.uncomputable, s.unanswered],
    grades: [s.initiatives, ...s.grades, s.ungraded],
  });
  return {
    file: PROGRESS_PAGE,
    template: 'progress',
    heading: view.title,
    body: {
      draft: view.draft ? w.get('draft-mark', view.draft) : undefined,
      draftNote: view.total.unanswered > 0 ? w.get('draft-note') : undefined,
      issued: view.issued,
      about: [w.get('about', { years: view.fyLongLabels.join('・') }), w.get(`method-${view.method}`)],
      summaryTitle: w.get('summary-title', { fyLong: view.lastFyLong }),
      head: {
        group: w.get('summary-group'),
        levels: w.get('summary-levels-head'),
        grades: w.get('summary-grades-head'),
        levelCols: [w.get('summary-indicators'), ...levelCols],
        gradeCols: [w.get('summary-initiatives'), ...gradeCols],
      },
      rows: view.groups.map((g) => sumRow(name(g), g.summary, g.depth)),
      total: sumRow(w.get('summary-total'), view.total, 1),
      legendText: w.get('grades-legend', { grades: view.grades }),
      chartTitle: w.get('chart-title', { fyLong: view.lastFyLong }),
      chartAlt: view.chartAlt,
      chart: chart(view, name),
      legend: barLegend(levelCols),
      hint: ww.get('scroll-hint'),
      cols: ['col-year', 'col-target', 'col-actual', 'col-rate', 'col-level', 'col-note'].map((k) => w.get(k)),
      evalCols: ['col-year', 'col-grade', 'col-reason', 'col-outlook'].map((k) => w.get(k)),
      tops: view.tops.map((t) => ({
        id: `top-${t.id}`,
        heading: name(t),
        initiatives: view.initiatives
          .filter((i) => i.topId === t.id)
          .map((x) => ({
            id: `initiative-${x.id}`,
            heading: w.get('initiative-heading', x),
            owner: w.get('initiative-owner', { department: x.department, divisions: x.divisions.join('・') }),
            indicators: x.indicators.map((ind) => ({
              id: `indicator-${x.id}-${ind.seq}`,
              caption: w.get('indicator-head', { name: ind.name, unit: ind.unit, direction: w.get(`direction-${ind.direction}`) }),
              baseline: w.get('baseline-line', { asOf: ind.baselineAsOf, baseline: ind.baselineText, targetAsOf: ind.targetAsOf, target: ind.targetText }),
              years: ind.years.map((y) => ({
                year: y.fyLabel,
                target: y.targetText,
                actual: y.actualText,
                missing: y.missing,
                rate: y.rateText,
                level: y.level ?? '',
                note: [y.finalTarget ? w.get('final-target-note') : '', 'value' in y.rate && y.rate.metEarly ? w.get('met-early') : '', y.note ?? '']
                  .filter(Boolean)
                  .join('　'),
              })),
            })),
            evalCaption: w.get('evaluation-caption', { title: x.title }),
            evaluations: x.evaluations.map((e) => ({
              year: e.fyLabel,
              grade: e.grade ? `${e.grade}${e.gradeMeaning ? `（${e.gradeMeaning}）` : ''}` : '',
              missing: e.missing,
              reason: e.reason,
              outlook: e.outlook,
            })),
          })),
      })),
      unanswered: w.get('unanswered'),
    },
  };
}

// The 主な取組一覧 and the results reports as web pages: real tables (caption, th with scope
// for the years and for each row's 事業名), schedule spans as text, the chart as SVG drawn from
// the summary's numbers, with its text alternative from resolve/ and the numbers beside it.
import type { Resolved } from '../../resolve/index.js';
import type { ResultsView } from '../../resolve/results.js';
import type { WebPage } from './booklet.js';
import type { WebContext } from './blocks.js';
import { yen } from '../../templates/index.js';
import { barChart, barLegend } from './bar-chart.js';

export const resultsPage = (fy: number) => `results-${fy}.html`;

export function listPage(r: Resolved, anchorPages: Map<string, string>, ctx: WebContext): WebPage {
  const list = r.list!;
  const lw = r.words.list;
  const ww = r.words.web;
  const pathOf = new Map(r.sections.map((s) => [s.id, s.path]));
  const groups: { id: string; depth: number; text: string; rows: object[] }[] = [];
  for (const row of list.rows) {
    if (row.kind === 'group') {
      groups.push({ id: `list-${row.sectionId}`, depth: row.depth, text: `${row.label}${row.depth === 1 ? ' ' : ''}${row.title}`, rows: [] });
      continue;
    }
    const group = groups.at(-1);
    // resolve/initiative-list.ts opens the list with the group of its first initiative
    if (!group) throw new Error(`initiative ${row.initiativeId} stands before any group of the list`);
    const section = group.id.slice('list-'.length);
    const page = anchorPages.get(row.anchor);
    group.rows.push({
      id: `row-${row.initiativeId}${row.relisted ? `-${section}` : ''}`,
      no: row.no,
      relisted: row.relisted ? lw.get('relisted') : undefined,
      title: row.title,
      owner: lw.get('owner', { owner: row.owner }),
      schedule: row.schedule.map((c) => ({ span: c.span, text: c.label ? lw.get('schedule-alt', c) : '' })),
      goals: row.goals,
      indicators: row.indicators,
      marks: row.marks.join(''),
      place: page
        ? { href: `${page}#${row.anchor}`, text: pathOf.get(section) ?? '', label: ww.get('place-label', { title: row.title, path: pathOf.get(section) }) }
        : undefined,
    });
  }
  return {
    file: 'list.html',
    template: 'list',
    heading: r.words.booklet.get('list-title'),
    part: r.words.booklet.get('chapter3', r.booklet?.chapter3 ?? { list: true, sites: false }),
    body: {
      caption: ww.get('list-caption', { title: r.title }),
      hint: ww.get('scroll-hint'),
      years: list.years.map((y) => y.label),
      yearCount: list.years.length,
      columns: list.years.length + 6,
      head: {
        no: lw.get('col-no'),
        name: lw.get('col-name'),
        schedule: lw.get('col-schedule'),
        goals: lw.get('col-goals'),
        indicators: lw.get('col-indicators'),
        marks: lw.get('col-marks'),
        place: ww.get('col-place'),
      },
      groups,
      note: r.booklet ? ctx.runs(r.booklet.listNote, 'list.html') : [{ text: lw.get('note') }],
    },
  };
}

/** A bar per pillar: its initiatives by achievement, with the legend. */
const chart = (view: ResultsView) => ({
  ...barChart(view.pillars.map((p, k) => ({ label: p.heading, counts: view.texts.chart.counts[k]!, total: p.summary.count }))),
  legend: barLegend(view.texts.chart.labels),
});

export function resultsWebPage(view: ResultsView, r: Resolved): WebPage {
  const w = r.words.results;
  const ww = r.words.web;
  const ctx = { fyLong: view.fyLong, fyNendo: view.fyShort };
  const t = view.texts;
  const head = ['col-no', 'col-new', 'col-name', 'col-description', 'col-budget', 'col-achievement', 'col-outcome', 'col-department', 'col-division'].map((k) =>
    w.get(k, ctx),
  );
  const unanswered = w.get('unanswered-cell');
  const sumRow = (label: string, s: ResultsView['total']) => ({
    label,
    count: s.count,
    newCount: s.newCount,
    budget: yen(s.budgetTotal),
    achievements: s.achievements,
  });
  return {
    file: resultsPage(view.fiscalYear),
    template: 'results',
    heading: t.title,
    body: {
      draft: view.draft ? w.get('draft-mark', view.draft) : undefined,
      draftNote: view.draft ? w.get('draft-note', view.draft) : undefined,
      // the face's date and issuer, as the PDF prints them: which version a reader has before them
      issued: t.issued,
      overviewLabel: w.get('overview-label'),
      overview: [w.get('overview-1', view), w.get('overview-2', { pillars: t.pillars })],
      summaryTitle: w.get('summary-title', { fyLong: view.fyLong }),
      summaryHead: [w.get('summary-pillar'), w.get('summary-count'), w.get('summary-new'), w.get('summary-budget'), ...view.achievements],
      summaryRows: view.pillars.map((p) => sumRow(p.heading, p.summary)),
      total: sumRow(w.get('summary-total'), view.total),
      chartTitle: w.get('chart-title'),
      chartAlt: t.chartAlt,
      chartImage: ww.get('chart-image'),
      chart: chart(view),
      countWord: ww.get('chart-count', { count: '' }),
      hint: ww.get('scroll-hint'),
      note: w.get('note'),
      head,
      pillars: view.pillars.map((p, i) => ({
        id: `pillar-${p.id}`,
        heading: p.heading,
        caption: ww.get('pillar-table-caption', { heading: p.heading }),
        first: i === 0,
        rows: p.rows.map((row) => ({
          id: `row-${row.initiativeId}`,
          no: row.no,
          isNew: row.isNew ? w.get('new-mark') : '',
          title: row.title,
          description: row.description,
          budget: row.budgetText,
          achievement: row.achievement,
          outcome: row.outcome,
          missing: { budget: row.missing.includes('budget'), achievement: row.missing.includes('achievement'), outcome: row.missing.includes('outcome') },
          unanswered,
          department: row.department,
          divisions: row.divisions.join('\n'),
        })),
      })),
    },
  };
}

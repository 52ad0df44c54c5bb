// The sentences of a results report made from its numbers, once, for every form of it (PDF,
// web page): the title, the pillars named in the 【活動概要】, each pillar's heading and the
// chart in words (the text alternative of the bars).
import type { Wording } from '../templates/index.js';
import type { ResultsNumbers, ResultsView } from './results.js';

/** `w`: the results wording under the report's own era rule (view.rule). */
export function withResultsTexts(view: ResultsNumbers, w: Wording, issuer: string): ResultsView {
  const quotes = view.pillars.map((p) => w.get('pillar-quote', { name: p.name }));
  const pillars = quotes.length > 1 ? `${quotes.slice(0, -1).join('、')}${w.get('pillar-last')}${quotes.at(-1)}` : (quotes[0] ?? '');
  const withHeadings = view.pillars.map((p) => ({ ...p, heading: w.get('pillar-heading', p) }));
  const chart = withHeadings.map((p) => ({
    name: p.heading,
    count: p.summary.count,
    parts: view.achievements.map((a, i) => ({ label: a, count: p.summary.achievements[i] ?? 0 })).filter((x) => x.count > 0),
  }));
  const issued = w.get('issued', { published: view.date.slice(0, 7), issuer });
  return {
    ...view,
    pillars: withHeadings,
    texts: { title: w.get('title', view), issued, pillars, chartAlt: w.get('chart-alt', { title: w.get('chart-title'), pillars: chart }) },
  };
}

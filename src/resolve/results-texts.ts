// The sentences of a results report made from its numbers, once, for every form of it (PDF,
// web page): the title, the pillars named in the 【活動概要】, each pillar's heading and the
// chart in words (the text alternative of the bars).
import type { Wording } from '../templates/index.js';
import type { PillarSummary, ResultsNumbers, ResultsView } from './results.js';

/** `w`: the results wording under the report's own era rule (view.rule). */
export function withResultsTexts(view: ResultsNumbers, w: Wording, issuer: string): ResultsView {
  const quotes = view.pillars.map((p) => w.get('pillar-quote', { name: p.name }));
  const pillars = quotes.length > 1 ? `${quotes.slice(0, -1).join('、')}${w.get('pillar-last')}${quotes.at(-1)}` : (quotes[0] ?? '');
  const withHeadings = view.pillars.map((p) => ({ ...p, heading: w.get('pillar-heading', p) }));
  // a draft's bars end where its counted initiatives end: the rest (unanswered, in no category) is a part of its own
  const uncounted = (s: PillarSummary) => s.count - s.achievements.reduce((a, b) => a + b, 0);
  const withUncounted = view.pillars.some((p) => uncounted(p.summary) > 0);
  const labels = withUncounted ? [...view.achievements, w.get('chart-uncounted')] : view.achievements;
  const counts = view.pillars.map((p) => (withUncounted ? [...p.summary.achievements, uncounted(p.summary)] : p.summary.achievements));
  const chart = withHeadings.map((p, k) => ({
    name: p.heading,
    count: p.summary.count,
    parts: labels.map((a, i) => ({ label: a, count: counts[k]![i] ?? 0 })).filter((x) => x.count > 0),
  }));
  const issued = w.get('issued', { published: view.date.slice(0, 7), issuer });
  return {
    ...view,
    pillars: withHeadings,
    texts: {
      title: w.get('title', view),
      issued,
      pillars,
      chartAlt: w.get('chart-alt', { title: w.get('chart-title'), pillars: chart }),
      chart: { labels, counts },
    },
  };
}

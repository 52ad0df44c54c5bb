// Figures (図表) of the data set: numbered in the order the booklet places them, each with
// its caption line, its source credits, and either its image, its table, or — where the data
// has no image — a plain statement that it is not reproduced. An image is never made up.
import type { Model, Figure } from '../model/schema.js';
import type { Block, TimelineView } from '../markdown/index.js';
import { FIGURE_PLACEMENT, figureAnchor } from '../markdown/references.js';
import type { Wording } from '../templates/index.js';
import { fiscalYearShort, type EraRule } from '../era/index.js';

export interface PlacedFigures {
  placed: Set<string>;
  /** 「図表N」 of a numbered figure */
  label: (id: string) => string | undefined;
}

/** Image bytes as pdfmake takes them: SVG text or a data URL. */
export function imageData(rel: string, model: Model): string | undefined {
  const bytes = model.figures[rel.replace(/^\.\//, '')];
  if (!bytes) return undefined;
  const lower = rel.toLowerCase();
  return lower.endsWith('.svg') ? bytes.toString('utf8') : `data:image/${lower.endsWith('.png') ? 'png' : 'jpeg'};base64,${bytes.toString('base64')}`;
}

function timelineView(t: NonNullable<Figure['timeline']>, words: Wording, rule: EraRule): TimelineView {
  const years: string[] = [];
  for (let fy = t.from; fy <= t.to; fy++) years.push(words.get('timeline-year', { short: fiscalYearShort(fy, rule), western: fy }));
  const rows: TimelineView['rows'] = [];
  for (const g of t.groups) {
    if (g.label) rows.push({ group: g.label });
    for (const r of g.rows)
      rows.push({
        label: r.unconfirmed ? words.get('timeline-unconfirmed-label', { label: r.label }) : r.label,
        ...(r.unconfirmed ? { unconfirmed: true } : {}),
        spans: r.spans
          .map((s) => {
            const from = Math.max(s.from, t.from);
            const to = Math.min(s.to, t.to);
            // the period as the plan gives it, also where the table shows only part of it
            const period = words.get('timeline-period', { from: s.from, to: s.to, label: s.label, unconfirmed: r.unconfirmed });
            return { start: from - t.from, length: to - from + 1, period, ...(s.label ? { label: s.label } : {}) };
          })
          .filter((s) => s.length > 0)
          .sort((a, b) => a.start - b.start),
      });
  }
  return { years, rows };
}

/** Fills every placed figure block (`![](#id)`) in reading order and numbers the numbered ones. */
export function placeFigures(lists: Block[][], model: Model, words: Wording, rule: EraRule): PlacedFigures {
  const defs = new Map((model.dataset.figures ?? []).map((f) => [f.id, f]));
  const numbers = new Map<string, number>();
  const placed = new Set<string>();
  for (const blocks of lists)
    for (const b of blocks) {
      if (b.kind !== 'figure') continue;
      const id = FIGURE_PLACEMENT.exec(b.src)?.[1];
      const f = id ? defs.get(id) : undefined;
      if (!f) {
        // a plain image of the earlier form: ![caption](figures/x.png)
        b.data = imageData(b.src, model);
        continue;
      }
      placed.add(f.id);
      const numbered = f.numbered !== false;
      if (numbered && !numbers.has(f.id)) numbers.set(f.id, numbers.size + 1);
      b.anchor = figureAnchor(f.id);
      b.caption = numbered ? words.get('figure-caption', { number: numbers.get(f.id), caption: f.caption }) : f.caption;
      b.credits = f.credits ?? [];
      if (f.timeline) {
        b.timeline = timelineView(f.timeline, words, rule);
        // an estimated period is printed as one, and the figure says what its mark means
        if (f.timeline.groups.some((g) => g.rows.some((r) => r.unconfirmed))) b.credits = [...b.credits, words.get('timeline-unconfirmed-note')];
      }
      if (!f.timeline && f.image) b.data = imageData(f.image, model);
      if (!b.timeline && !b.data) b.placeholder = words.get('figure-missing', { caption: f.caption });
    }
  return { placed, label: (id) => (numbers.has(id) ? words.get('figure-ref', { number: numbers.get(id) }) : undefined) };
}

/** The blocks that place an initiative's own figures after its description. */
export const figurePlacements = (ids: string[] | undefined): Block[] => (ids ?? []).map((id) => ({ kind: 'figure', src: `#${id}`, caption: '' }));

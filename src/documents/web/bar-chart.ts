// The stacked bar charts of the web pages (results and progress) as numbers: the templates draw
// them as SVG (no markup is made here), each bar a row, each count a part of it.
const PALETTE = ['#2f6db5', '#3d8b40', '#b86e00', '#c9302c', '#7b5aa6', '#5a6268', '#117a8b'];
const LABEL = 300;
const BAR = 380;
const ROW = 30;

export interface Bar {
  label: string;
  /** the parts, in the order of the legend */
  counts: number[];
  /** the number written after the bar (and the longest bar's length) */
  total: number;
}

export function barChart(bars: Bar[]) {
  const max = Math.max(1, ...bars.map((b) => b.total));
  const rows = bars.map((b, i) => {
    let x = LABEL;
    const parts = b.counts
      .map((c, k) => {
        const w = (c / max) * BAR;
        const part = { x: x.toFixed(2), width: w.toFixed(2), fill: PALETTE[k % PALETTE.length] };
        x += w;
        return c > 0 ? part : undefined;
      })
      .filter(Boolean);
    return { y: i * ROW + 6, textY: i * ROW + 21, label: b.label, parts, countX: (x + 6).toFixed(2), count: b.total };
  });
  return { width: LABEL + BAR + 60, height: bars.length * ROW + 6, rows };
}

/** The legend: a label per part, in the part's colour. */
export const barLegend = (labels: string[]) => labels.map((label, k) => ({ label, fill: PALETTE[k % PALETTE.length] }));

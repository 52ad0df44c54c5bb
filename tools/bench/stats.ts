// The arithmetic of a before/after comparison: medians of each side, and the median of the
// ratios of runs taken in pairs (A then B), which cancels most of a shared machine's drift
// between pairs better than the ratio of two medians does.

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** current[i] / baseline[i] for each pair; pairs with a zero baseline are left out */
export function pairRatios(current: number[], baseline: number[]): number[] {
  if (current.length !== baseline.length) throw new Error(`pairRatios: ${current.length} current runs against ${baseline.length} baseline runs`);
  return current.flatMap((c, i) => (baseline[i] > 0 ? [c / baseline[i]] : []));
}

export interface Run {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
}
export const METRICS = ['wallMs', 'cpuMs', 'maxRssKiB'] as const;
export type Metric = (typeof METRICS)[number];

export interface Comparison {
  current: Record<Metric, number>;
  baseline: Record<Metric, number>;
  /** median of the pair-by-pair ratios current / baseline */
  ratio: Record<Metric, number>;
}

export function compare(current: Run[], baseline: Run[]): Comparison {
  const out = { current: {}, baseline: {}, ratio: {} } as Comparison;
  for (const m of METRICS) {
    const c = current.map((r) => r[m]);
    const b = baseline.map((r) => r[m]);
    out.current[m] = median(c);
    out.baseline[m] = median(b);
    out.ratio[m] = median(pairRatios(c, b));
  }
  return out;
}

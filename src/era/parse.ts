// A year written the way people write it on forms (平成31, H31, R2, 令和元, 31) as the Western
// year the data format asks for: what a message suggests instead.
const ERA_START: Record<string, number> = { 昭和: 1925, S: 1925, 平成: 1988, H: 1988, 令和: 2018, R: 2018 };

export function westernYear(written: unknown): number | undefined {
  if (typeof written === 'number') return Number.isInteger(written) && written > 0 && written < 100 ? bare(written) : undefined;
  if (typeof written !== 'string') return undefined;
  const t = written.normalize('NFKC').trim();
  const m = /^(昭和|平成|令和|[SHRshr])\s*(\d{1,2}|元)\s*年?度?$/.exec(t);
  // both groups take part in every match, and the first admits only ERA_START's names (s → S)
  if (m) return ERA_START[m[1]!.toUpperCase()]! + (m[2] === '元' ? 1 : Number(m[2]));
  const w = /^(\d{4})\s*年?度?$/.exec(t);
  if (w) return Number(w[1]);
  const n = /^(\d{1,2})\s*年?度?$/.exec(t);
  return n ? bare(Number(n[1])) : undefined;
}

/** A bare era year: 20 and over is 平成 (31 → 2019), below is 令和 (2 → 2020). */
const bare = (n: number) => (n >= 20 ? 1988 + n : 2018 + n);

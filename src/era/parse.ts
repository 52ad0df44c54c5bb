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

/**
 * A date written the way people write it (2019/8/30, 2019.8.30, 令和元年8月30日, R1.8.30) as the
 * ISO date the data format asks for, when it is a day of the calendar: what a message suggests.
 */
export function isoDateOf(written: string): string | undefined {
  const t = written.normalize('NFKC').replace(/\s/g, '');
  const m = /^(\d{4}|(?:昭和|平成|令和|[SHRshr])(?:\d{1,2}|元))[./年-](\d{1,2})[./月-](\d{1,2})日?$/.exec(t);
  if (!m) return undefined;
  // a Western year as it is, an era's year (令和元, R1) as westernYear reads it
  const year = westernYear(m[1]) ?? Number.NaN;
  const iso = `${year}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  // a day of the calendar: the same date back (2019/2/29 would come back as 2019-03-01)
  const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

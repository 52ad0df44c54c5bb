// 和暦 and 年度: the one place that knows 昭和, 平成, 令和 and 元年.
// The rule: a calendar date that happens (a publication date, a 回答期限, a 公表日, a history
// event) is written in the era in force on that day, always: 2019-08-30 is 令和元年8月30日.
// Only years and months a document names ahead of its own date (`asOf`) keep the era known on
// that date, as people wrote them then: a plan of March 2019 writes FY2020 as 平成32年度 and
// March 2021 as 平成33年3月. Without `asOf`, every year and month is written in its own era.
// Each document has its own date (src/resolve/document-dates.ts). The era names and the units 年・月・日
// stay in code: they are the calendar, not wording (tests/wording-in-code.test.ts lists why).
import dayjs from 'dayjs';
import { checkDate, checkMonth, checkYear } from './range.js';

export { EraInputError, FIRST_DATE, FIRST_YEAR, LAST_YEAR, isSupportedDate, isSupportedMonth, isSupportedYear } from './range.js';

export interface EraRule {
  /** ISO date the document is written on; years and months after it are named in the eras known then. */
  asOf?: string;
}

/** A real date: written in its own era whatever the document's date. */
const REAL: EraRule = {};

interface Era {
  name: string;
  abbr: string;
  /** first day, ISO */
  start: string;
}

/** The eras, oldest first: never empty. */
type Eras = [Era, ...Era[]];

const ERAS: Eras = [
  { name: '昭和', abbr: 'S', start: '1926-12-25' },
  { name: '平成', abbr: 'H', start: '1989-01-08' },
  { name: '令和', abbr: 'R', start: '2019-05-01' },
];

export interface EraYear {
  era: string;
  abbr: string;
  /** year number in the era (1 = 元年) */
  year: number;
}

function knownEras(rule: EraRule): Eras {
  if (!rule.asOf) return ERAS;
  const asOf = dayjs(checkDate(rule.asOf));
  // 昭和 is known on every date checkDate lets through (FIRST_DATE is its first day)
  const [first, ...later] = ERAS;
  return [first, ...later.filter((e) => !dayjs(e.start).isAfter(asOf))];
}

// a document asks for the same few dates thousands of times (every schedule cell): each
// (date, asOf) is worked out once; the answer is pure, and every caller gets its own copy
const known = new Map<string, EraYear>();

/** The era a calendar date is written in. */
export function eraOfDate(iso: string, rule: EraRule): EraYear {
  // Stryker disable next-line StringLiteral: any text that is no date stands for 「no asOf」 as well as ''
  const key = `${iso}|${rule.asOf ?? ''}`;
  const hit = known.get(key);
  // Stryker disable next-line ConditionalExpression: without the cache the same answer is worked out again
  if (hit) return { ...hit };
  const d = dayjs(checkDate(iso));
  const eras = knownEras(rule);
  let era = eras[0];
  for (const e of eras) if (!dayjs(e.start).isAfter(d)) era = e;
  const found = { era: era.name, abbr: era.abbr, year: d.year() - dayjs(era.start).year() + 1 };
  known.set(key, found);
  return { ...found };
}

/**
 * The era a calendar year or fiscal year is named in: the era in force at the end of
 * that year's calendar span, so that FY2019 is 令和元年度 and 2019 is 令和元年.
 */
export function eraOfYear(year: number, rule: EraRule): EraYear {
  return eraOfDate(`${checkYear(year)}-12-31`, rule);
}

const yearNumber = (n: number) => (n === 1 ? '元' : String(n));

/** 平成29年度 / 令和元年度 */
export function fiscalYearLong(fy: number, rule: EraRule): string {
  const e = eraOfYear(fy, rule);
  return `${e.era}${yearNumber(e.year)}年度`;
}

/** H29 / R1: the bare short form used in schedule column headers */
export function fiscalYearShort(fy: number, rule: EraRule): string {
  const e = eraOfYear(fy, rule);
  return `${e.abbr}${e.year}`;
}

/** H29年度 / R元年度 */
export function fiscalYearShortWithNendo(fy: number, rule: EraRule): string {
  const e = eraOfYear(fy, rule);
  return `${e.abbr}${yearNumber(e.year)}年度`;
}

/** 平成29年 / 令和元年 (a calendar year) */
export function yearLong(year: number, rule: EraRule): string {
  const e = eraOfYear(year, rule);
  return `${e.era}${yearNumber(e.year)}年`;
}

/** "2018-03" → { era, year, month } by the first day of that month */
function eraOfMonth(month: string, rule: EraRule): EraYear & { month: number } {
  const d = dayjs(`${checkMonth(month)}-01`);
  // the last day of the month decides: May 2019 is 令和元年5月
  const e = eraOfDate(d.endOf('month').format('YYYY-MM-DD'), rule);
  return { ...e, month: d.month() + 1 };
}

/** 平成30年3月 */
export function monthLong(month: string, rule: EraRule): string {
  const e = eraOfMonth(month, rule);
  return `${e.era}${yearNumber(e.year)}年${e.month}月`;
}

/** H30年3月 */
export function monthShort(month: string, rule: EraRule): string {
  const e = eraOfMonth(month, rule);
  return `${e.abbr}${yearNumber(e.year)}年${e.month}月`;
}

/** 平成29年(2017年)3月: the cover's history lines, events that happened (in their own era) */
export function monthWithWestern(month: string): string {
  const e = eraOfMonth(month, REAL);
  const western = dayjs(`${month}-01`).year();
  return `${e.era}${yearNumber(e.year)}年(${western}年)${e.month}月`;
}

/** 平成30年2月5日: a real calendar date, in the era in force on that day (never 平成31年8月30日) */
export function dateLong(iso: string): string {
  const e = eraOfDate(iso, REAL);
  const d = dayjs(iso);
  return `${e.era}${yearNumber(e.year)}年${d.month() + 1}月${d.date()}日`;
}

/** Which year of a plan period a fiscal year is (1-based). */
export function yearOfPeriod(fy: number, period: { from: number }): number {
  return fy - period.from + 1;
}

/** The fiscal years of a period, in order. */
export function fiscalYears(period: { from: number; to: number }): number[] {
  const out: number[] = [];
  for (let y = period.from; y <= period.to; y++) out.push(y);
  return out;
}

// Time points of the open data in ISO 8601 (総務省 統一ルール), the 和暦 beside them in their own column.

/** The last day of a month: 2018-03 → 2018-03-31 (「2018年3月末」). */
export function monthEndIso(month: string): string {
  return dayjs(`${checkMonth(month)}-01`)
    .endOf('month')
    .format('YYYY-MM-DD');
}

/** The last day of a fiscal year (April to March): 2018 → 2019-03-31 (「2018年度末」). */
export function fiscalYearEndIso(fy: number): string {
  return `${checkYear(fy) + 1}-03-31`;
}

/** A fiscal year as an ISO 8601 interval of months: 2017 → 2017-04/2018-03 (「2017年度実績」). */
export function fiscalYearIso(fy: number): string {
  return `${checkYear(fy)}-04/${fy + 1}-03`;
}

// A page number typed as text in prose goes stale as soon as the layout changes, and a typed
// 図表 number as soon as a figure is added before it: warn, and say how to write each as a
// reference that the tool fills in.
import type { RawDataset } from '../load/index.js';
import type { Reporter } from './references.js';
import { nextPlanMarker, planWords } from '../plan/words.js';
import { textWords as w } from './templates.js';

// 37ページ / 17頁 / Nページ参照 / p.17 (a number or a placeholder N, then the word for page)
const TYPED_PAGE = /(?:(?<![A-Za-zＡ-Ｚａ-ｚ])[NＮ]|[0-9０-９]+)\s*(?:ページ|頁)|(?<![A-Za-z])[pPｐＰ]\.\s?[0-9０-９]+/g;

// 図表3 (a figure's number, which the tool assigns in reading order)
const TYPED_FIGURE = /図表\s*[0-9０-９]+/g;
/** Every string of a JSON value with its path. */
function* strings(value: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== '$schema') yield* strings(v, [...path, k]);
}

/** An image's own caption (`![図表1 …](figures/x.png)`, the earlier form) is the figure, not a citation of it. */
const withoutImageCaptions = (text: string) => text.replace(/!\[[^\]]*\]/g, (m) => ' '.repeat(m.length));

export function checkTypedReferences(raw: RawDataset, report: Reporter): void {
  for (const [rel, text] of raw.texts) {
    for (const m of text.matchAll(TYPED_PAGE)) report.text('warning', rel, m.index!, w('typed-page', { written: m[0], advice: w('page-advice-text') }));
    for (const m of withoutImageCaptions(text).matchAll(TYPED_FIGURE))
      report.text('warning', rel, m.index!, w('typed-figure', { written: m[0], advice: w('figure-advice-text') }));
  }
  for (const f of raw.json.values()) {
    if (f.rel === 'dataset.json') continue;
    for (const [s, path] of strings(f.value)) {
      for (const m of s.matchAll(TYPED_PAGE)) report.json('warning', f, path, w('typed-page', { written: m[0], advice: w('page-advice-json') }));
      for (const m of s.matchAll(TYPED_FIGURE)) report.json('warning', f, path, w('typed-figure', { written: m[0], advice: w('figure-advice-json') }));
    }
  }
}

/** Text new-plan carried from the last plan still holds its mark: one warning per place, until it is rewritten. */
export function checkNextPlanMarkers(raw: RawDataset, report: Reporter): void {
  const marker = nextPlanMarker();
  for (const [rel, text] of raw.texts)
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length))
      report.text('warning', rel, at, planWords().get('warn-marker', { marker }));
}

/** how a text writes the year (and the fiscal year) for the tool to name in the plan's era */
const helperExamples = (y: number) => ({ yearExample: `{{year ${y}}}`, fyExample: `{{fy ${y}}}` });

// 平成32年 and later: years 平成 never reached (令和 began on 2019-05-01)
const HEISEI_AFTER = /平成\s*(3[2-9]|[4-9][0-9])\s*年/g;

/**
 * A plan dated in 令和 (era.asOf from 2019-05-01) names 2020 as 令和2年: a 平成32年 typed in its text
 * (carried from the plan of March 2019, which rightly wrote it) reads as a year that never was, beside
 * the 令和 the tool writes. One warning per place, saying the year meant.
 */
export function checkEraYears(raw: RawDataset, asOf: string | undefined, report: Reporter): void {
  if (!asOf || asOf < '2019-05-01') return;
  const say = (m: RegExpMatchArray, advice: string) =>
    w('heisei-after', { written: m[0], reiwa: Number(m[1]) - 30, westernYear: Number(m[1]) + 1988, asOf, advice });
  for (const [rel, text] of raw.texts)
    for (const m of text.matchAll(HEISEI_AFTER)) report.text('warning', rel, m.index!, say(m, w('heisei-advice-text', helperExamples(Number(m[1]) + 1988))));
  for (const f of raw.json.values())
    for (const [s, path] of strings(f.value)) for (const m of s.matchAll(HEISEI_AFTER)) report.json('warning', f, path, say(m, ''));
}

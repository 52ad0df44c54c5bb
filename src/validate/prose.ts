// A page number typed as text in prose goes stale as soon as the layout changes, and a typed
// 図表 number as soon as a figure is added before it: warn, and say how to write each as a
// reference that the tool fills in.
import { eachString } from './json-strings.js';
import type { RawDataset } from '../load/index.js';
import type { Reporter } from './references.js';
import { nextPlanMarker, planWords } from '../plan/words.js';
import { textWords as w } from './templates.js';

// 37ページ / 17頁 / Nページ参照 / p.17 (a number or a placeholder N, then the word for page)
const TYPED_PAGE = /(?:(?<![A-Za-zＡ-Ｚａ-ｚ])[NＮ]|[0-9０-９]+)\s*(?:ページ|頁)|(?<![A-Za-z])[pPｐＰ]\.\s?[0-9０-９]+/g;

// 図表3 (a figure's number, which the tool assigns in reading order)
const TYPED_FIGURE = /図表\s*[0-9０-９]+/g;
// what a string must hold for each pattern to match in it (a quick test before the search)
const MAY_TYPE_PAGE = /ページ|頁|[pPｐＰ]\./;
const MAY_TYPE_FIGURE = /図表/;
const MAY_NAME_HEISEI = /平成/;
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
    eachString(f.value, (s, pathOf) => {
      // matchAll copies its pattern for every string: only a string with the word is searched
      if (MAY_TYPE_PAGE.test(s))
        for (const m of s.matchAll(TYPED_PAGE)) report.json('warning', f, pathOf(), w('typed-page', { written: m[0], advice: w('page-advice-json') }));
      if (MAY_TYPE_FIGURE.test(s))
        for (const m of s.matchAll(TYPED_FIGURE)) report.json('warning', f, pathOf(), w('typed-figure', { written: m[0], advice: w('figure-advice-json') }));
    });
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
    eachString(f.value, (s, pathOf) => {
      if (MAY_NAME_HEISEI.test(s)) for (const m of s.matchAll(HEISEI_AFTER)) report.json('warning', f, pathOf(), say(m, ''));
    });
}

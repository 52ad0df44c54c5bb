// A page number typed as text in prose goes stale as soon as the layout changes: warn, and say
// how to write it as a reference that the layout fills in.
import type { RawDataset } from '../load/index.js';
import type { Reporter } from './references.js';

// 37ページ / 17頁 / Nページ参照 / p.17 (a number or a placeholder N, then the word for page)
const TYPED_PAGE = /(?:(?<![A-Za-zＡ-Ｚａ-ｚ])[NＮ]|[0-9０-９]+)\s*(?:ページ|頁)|(?<![A-Za-z])[pPｐＰ]\.\s?[0-9０-９]+/g;

const ADVICE_TEXT = '頁番号は組版で決まるので、{{page "initiative" "037"}}ページ のように参照先で書いてください（種類は initiative・section・figure・part・heading。例: {{page "section" "4-2"}}、{{page "part" "initiative-list"}}）';
const ADVICE_JSON = '頁番号は組版で決まるので、ここには書かず、本文（text/*.md.hbs）で {{page "initiative" "037"}} のように参照先を書いてください';

/** Every string of a JSON value with its path. */
function* strings(value: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== '$schema') yield* strings(v, [...path, k]);
}

export function checkTypedPageNumbers(raw: RawDataset, report: Reporter): void {
  for (const [rel, text] of raw.texts)
    for (const m of text.matchAll(TYPED_PAGE)) report.text('warning', rel, m.index!, `頁番号が文字で書かれています（「${m[0]}」）。${ADVICE_TEXT}`);
  for (const f of raw.json.values()) {
    if (f.rel === 'dataset.json') continue;
    for (const [s, path] of strings(f.value))
      for (const m of s.matchAll(TYPED_PAGE)) report.json('warning', f, path, `頁番号が文字で書かれています（「${m[0]}」）。${ADVICE_JSON}`);
  }
}

// Each seed text cut into fragments: headings, sentences (cut at 。), table cells (cut at tabs),
// 目次 entries, 用語解説 entries, URLs. What a line of the seed is follows its place in the
// published document (seeds/README.md); the extraction's accidents are undone here, each named.
import { cells, fragment, pieces, readSeed, type Fragment } from './fidelity.js';
import { seedRow, type ListTable } from './list-table.js';

export const MIYAGI_SEED = '000_101d020b453a0a38.txt';
export const FUKUSHIMA_SEED = '003_6ae23ba59ccd8917.txt';

/** What the cutting left out on purpose, with the reason, so the report can count it. */
export interface Skipped {
  line: number;
  raw: string;
  why: string;
}

/** A block's pieces; in a table cell, a piece without 。 is a cell, not a heading. */
function prose(text: string, line: number, region: string, into: Fragment[], inTable = false) {
  for (const p of pieces(text)) into.push(fragment(p.raw, line, inTable && p.kind === 'heading' ? 'cell' : p.kind, region));
}

/** The years of the Miyagi list (H29–H32): its schedule columns. */
export const MIYAGI_LIST_YEARS = 4;

/**
 * みやぎICT・データ利活用推進プラン. Regions: `list` (第3章 1 主な取組一覧, printed both in the
 * booklet's chapter 3 and as initiative-list.pdf), `figure3` (図表3, a table in the seed), and
 * `booklet` for everything else. The list's rows and group rows are not fragments: they are
 * `list`, a table compared cell by cell in its own row and column (helpers/list-table.ts); its
 * column headers stay fragments.
 */
export function miyagiFragments(): { fragments: Fragment[]; skipped: Skipped[]; list: ListTable } {
  const lines = readSeed(MIYAGI_SEED);
  const fragments: Fragment[] = [];
  const skipped: Skipped[] = [];
  const at = (pred: (l: string) => boolean, from = 0) => lines.findIndex((l, i) => i >= from && pred(l.trim()));
  const tocStart = at((l) => l === '目 次');
  const tocEnd = at((l) => l === '※ 注意事項');
  const ch3 = at((l) => l.startsWith('第3章'), tocEnd);
  const listStart = at((l) => l === '1 主な取組一覧', ch3) + 1; // the table under the heading
  const listEnd = at((l) => l.startsWith('※「官民データ」欄'), listStart);
  const fig3 = at((l) => l.startsWith('図表3'));
  const fig3End = at((l) => l.startsWith('年度\t'), fig3);
  let listHeaderSeen = false;
  const list: ListTable = { groups: [], rows: [] };

  lines.forEach((rawLine, i) => {
    const n = i + 1;
    const line = rawLine.trim();
    if (!line) return;
    if (i > tocStart && i < tocEnd && line.includes('\t')) {
      // a 目次 entry: its label and title; the page number is the original's (seeds/README.md)
      const c = cells(line);
      const page = /^\d+$/.test(c.at(-1)!) ? c.pop() : undefined;
      if (page) skipped.push({ line: n, raw: page, why: '目次の頁番号（原本の頁）' });
      fragments.push(fragment(c.join(' '), n, 'toc', 'booklet'));
      return;
    }
    if (i >= fig3 && i <= fig3End) {
      for (const c of line.includes('\t') ? cells(line) : [line]) fragments.push(fragment(c, n, 'cell', 'figure3'));
      return;
    }
    // (a group row of the list is one cell and the tabs after it: the trimmed line has none)
    if (i >= listStart && i < listEnd && rawLine.includes('\t')) {
      const c = cells(rawLine);
      if (/^重点/.test(c[0])) {
        // the header row, repeated on every page of the original with its vertical text scrambled
        // by the extraction (方組の向性の, デ ィ 官 民 タ): the first one stands for all
        if (listHeaderSeen) return void skipped.push({ line: n, raw: line, why: '一覧の見出し行の繰り返し（原本の各頁）' });
        listHeaderSeen = true;
      }
      if (/^重点/.test(c[0]) || /^H\d+$/.test(c[0])) {
        for (const cell of c) fragments.push(fragment(cell, n, 'cell', 'list'));
        return;
      }
      const r = seedRow(rawLine, MIYAGI_LIST_YEARS, `seed line ${n}`);
      if (r.page) skipped.push({ line: n, raw: r.page, why: '掲載頁（原本の頁）' });
      if (r.row) list.rows.push(r.row);
      if (r.group) list.groups.push({ text: r.group, at: `seed line ${n}` });
      return;
    }
    const glossary = /^- (\d+) \*\*(.+?)\*\* ?[:：] ?(.*)$/.exec(line);
    if (glossary) {
      fragments.push(fragment(`${glossary[1]} ${glossary[2]}`, n, 'glossary', 'booklet'));
      prose(glossary[3], n, 'booklet', fragments);
      return;
    }
    const region = i >= listStart && i < listEnd ? 'list' : 'booklet';
    if (line.includes('\t')) for (const c of cells(line)) prose(c, n, region, fragments, true);
    else prose(line.replace(/^- /, ''), n, region, fragments);
  });
  return { fragments: dedupe(fragments), skipped, list };
}

/** ふくしま創生ICT戦略アクションプラン2017 事業実施結果: one region, results-2017.pdf. */
export function fukushimaFragments(): { fragments: Fragment[]; skipped: Skipped[] } {
  const fragments: Fragment[] = [];
  readSeed(FUKUSHIMA_SEED).forEach((rawLine, i) => {
    const line = rawLine.trim().replace(/^#+ /, '');
    if (!line) return;
    if (line.includes('\t')) for (const c of cells(line)) prose(c, i + 1, 'results', fragments, true);
    else prose(line, i + 1, 'results', fragments);
  });
  return { fragments: dedupe(fragments), skipped: [] };
}

/** A fragment the seed repeats (header rows, 再掲 entries) is checked once, at its first line. */
function dedupe(fragments: Fragment[]): Fragment[] {
  const seen = new Set<string>();
  return fragments.filter((f) => {
    const key = `${f.region}\u0000${f.text}`;
    if (seen.has(key) || !f.text) return false;
    seen.add(key);
    return true;
  });
}

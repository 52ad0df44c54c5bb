// Typographic faults a proof-reader marks, measured on the laid-out pages of the booklet and
// the standalone list (issue 15): one-character last lines in table cells, wrapped dates,
// a 目次 without leader dots, continuation pages of the list without their group levels.
import { describe, it, expect, beforeAll } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
import { readPdf, type PdfPage } from '../src/errata/pdf-lines.js';
import { shortLastLines } from './helpers/short-lines.js';
import { listPage } from './helpers/list-pages.js';
import { initiatives, json, squash } from './helpers/data.js';
import { out } from './outputs.js';

const BOOKLET = out('miyagi-ict-plan', 'plan-booklet.pdf');
const LIST = out('miyagi-ict-plan', 'initiative-list.pdf');
let booklet: PdfPage[];
let list: PdfPage[];
beforeAll(async () => {
  ({ pages: booklet } = await readPdf(BOOKLET));
  ({ pages: list } = await readPdf(LIST));
});

describe('table cells', () => {
  it('never end on a line of one character (「…の運／用」, 「推進事／業」, 「多言語／化」)', () => {
    for (const pages of [booklet, list]) {
      const single = pages.flatMap(shortLastLines).filter((s) => /／.$/u.test(s));
      expect(single).toEqual([]);
    }
  });

  it('print the dates of 「本プランの策定経過」 on one line each (「平成28年7月／13日」 no more)', () => {
    const page = booklet.find((p) => p.number > 2 && p.text.includes('本プランの策定経過') && p.text.includes('年月日'))!;
    const texts = page.segments.map((s) => s.text);
    expect(texts.filter((t) => /^平成\d+年\d+月\d+日/.test(t)).length).toBeGreaterThan(5);
    // a date that wraps leaves its day (「13日」) or its month at the start of a line
    expect(texts.filter((t) => /^\d+[日月]/.test(t))).toEqual([]);
  });
});

describe('spaced-out titles', () => {
  it('set the cover’s issuer and the 目次 heading spaced as the published booklet does (「宮 城 県」), not tight', async () => {
    const { glyphPositions } = await import('./helpers/glyph-positions.js');
    const glyphs = await glyphPositions(new Uint8Array(readFileSync(BOOKLET)));
    const at = (page: number, chars: string) => [...chars].map((c) => glyphs.find((g) => g.page === page && g.char === c && g.size >= 16)!);
    const [miya, shiro, ken] = at(1, '宮城県');
    // 18 pt characters and 6 pt between them (the style's characterSpacing)
    expect(shiro!.x - miya!.x).toBeCloseTo(24, 1);
    expect(ken!.x - shiro!.x).toBeCloseTo(24, 1);
    const [moku, tsugi] = at(2, '目次');
    // 16 pt, then the space's width of spacing and 4 pt on each side of it
    expect(tsugi!.x - moku!.x).toBeCloseTo(16 + 8 + (683 / 2048) * 16, 1);
    // and the heading reads as one word in the tags (a space read aloud parts it): poppler's view of the tree
    const { spawnSync } = await import('node:child_process');
    const tree = spawnSync('pdfinfo', ['-struct-text', BOOKLET], { encoding: 'utf8' }).stdout;
    expect(tree).toMatch(/H1 \(block\)\n\s+"目次"\n/);
  });
});

describe('line starts', () => {
  it('never begin with 「～」 (JLReq cl-03; the line breaker takes the full-width tilde for an ideograph: 「（11月／～1月）」)', async () => {
    const { pages: results } = await readPdf(out('fukushima-ict-strategy', 'results-2017.pdf'));
    const all = [booklet, list, results].flatMap((pages) => pages.flatMap((p) => p.lines.map((l) => `p.${p.number}: ${l.trim()}`)));
    // the bundled data has the mark: the check reads lines that hold it
    expect(all.some((l) => /[～〜]/.test(l))).toBe(true);
    expect(all.filter((l) => /^p\.\d+: [～〜]/.test(l))).toEqual([]);
  });
});

describe('body text', () => {
  it('never ends a paragraph on a line of one character and its full stop (「…図りま／す。」), ', () => {
    const short = booklet.flatMap((p) =>
      p.lines.flatMap((l, i) => (/^\S?[。、）」]$/u.test(l.trim()) && i > 0 ? [`p.${p.number}: …${p.lines[i - 1]!.slice(-6)}／${l.trim()}`] : [])),
    );
    expect(short).toEqual([]);
  });
});

describe('目次', () => {
  it('leads the eye from each title to its page number with dots', async () => {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(BOOKLET)), verbosity: 0 }).promise;
    const page = await doc.getPage(2);
    const ops = await page.getOperatorList();
    // each dotted leader is a dashed rule: count the dash patterns set on the 目次 page
    const dashes = ops.fnArray.filter((f, i) => f === OPS.setDash && (ops.argsArray[i][0] as number[]).length > 0).length;
    await doc.destroy();
    const numbered = booklet[1].lines.filter((l) => /\d+$/.test(l)).length;
    expect(numbered).toBeGreaterThan(20);
    expect(dashes).toBeGreaterThanOrEqual(numbered);
  });
});

describe('pages', () => {
  it('leave no nearly empty page before the landscape chapter 3 (a page holding only the last entry)', () => {
    // the chapter's own page (landscape), not the 目次 that names it
    const ch3 = booklet.findIndex(
      (p) => p.lines.some((l) => l.startsWith('第3章')) && p.text.includes('1 主な取組一覧') && p.lines.some((l) => l.includes('H29')),
    );
    const before = booklet[ch3 - 1];
    const ys = before.items.filter((i) => i.str.trim() && i.y > 60).map((i) => i.y);
    // the body of an A4 page is 842 less the margins (64 + 56): a quarter of it at least is text
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan((841.89 - 64 - 56) / 4);
  });

  it('join the repeated column header of the 主な取組一覧 to the body, as on its first page (no white band)', () => {
    for (const pages of [booklet, list]) {
      const gaps = pages
        .map((p) => {
          const head = p.items.find((i) => i.str === 'H29');
          if (!head) return undefined;
          const next = p.items.filter((i) => i.y < head.y - 1 && i.str.trim()).sort((a, b) => b.y - a.y)[0];
          return head.y - next.y;
        })
        .filter((g): g is number => g !== undefined);
      expect(gaps.length).toBeGreaterThan(5);
      // from the last header line to the first body line: one row's rule and padding, never a band
      for (const g of gaps) expect(g).toBeLessThan(16);
    }
  });
});

describe('主な取組一覧 continuation pages', () => {
  // every group of the data with its printed text (「1 目標」「(1)取組の基本方向」「①施策」) and its chain
  const groups = new Map<string, string[]>();
  const walk = (tree: any[], depth: number, above: string[]) =>
    tree.forEach((s, i) => {
      const label = depth === 1 ? `${i + 1}` : depth === 2 ? `(${i + 1})` : String.fromCodePoint(0x2460 + i);
      // the list names a group by its list name where it has one (listTitle)
      const chain = [...above, squash(`${label}${s.listTitle ?? s.title}`)];
      groups.set(s.id, chain);
      walk(s.children ?? [], depth + 1, chain);
    });
  walk(json('miyagi-ict-plan', 'dataset.json').sections, 1, []);
  const byNo = new Map(initiatives('miyagi-ict-plan').map((i) => [i.data.no as number, i.data]));
  /** the chains a row of this number can stand in: its own section, or where it is 再掲 */
  const chainsOf = (no: number, relisted: boolean): string[][] => {
    const d = byNo.get(no)!;
    const ids = relisted ? (d.relistedIn ?? []).map((x: any) => (typeof x === 'string' ? x : x.section)) : [d.section];
    return ids.map((id: string) => groups.get(id)!);
  };
  const allGroups = new Set([...groups.values()].map((c) => c.at(-1)!));

  it('begin with the column header and every group level of their first initiative, in the booklet and the list alike', () => {
    for (const [name, pages] of [
      ['booklet', booklet],
      ['list', list],
    ] as const) {
      const laid = pages.map(listPage).filter((p) => p !== undefined);
      const [first, ...continuing] = laid;
      expect(continuing.length, name).toBeGreaterThan(5);
      // all 104 rows are read, so no page is left out
      expect(
        laid.reduce((n, p) => n + p.rows, 0),
        name,
      ).toBe(104);
      // the note under the list keeps the last group's rows with it: no last page of one row
      expect(laid.at(-1)!.rows, name).toBeGreaterThan(1);
      for (const p of continuing) {
        expect(p.header, `${name} p.${p.number}`).toBe(first.header);
        expect(p.firstRow, `${name} p.${p.number}`).toBeDefined();
        const { no, relisted } = p.firstRow!;
        // 目標 › 取組の基本方向 (› 施策): the whole chain, nothing else between the header and the row
        expect(chainsOf(no, relisted), `${name} p.${p.number} (事業 ${no})`).toContainEqual(p.above);
        expect(p.above.length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('print a group row once on a page: where a run starts below other rows, its enclosing levels are not printed again', () => {
    for (const pages of [booklet, list]) {
      const laid = pages.map(listPage).filter((p) => p !== undefined);
      const seen = new Set<string>();
      for (const p of laid) {
        const rows = p.lines.filter((l) => allGroups.has(l));
        expect(rows, `p.${p.number}`).toEqual([...new Set(rows)]);
        rows.forEach((r) => seen.add(r));
      }
      expect(seen).toEqual(allGroups);
    }
  });
});

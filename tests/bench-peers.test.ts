// npm run bench -- --peers without running a peer: the Typst source it writes from the resolved data
// (markup characters in Japanese data escaped, every initiative there), the web pages Chromium
// prints, and which works the options select. No browser and no Typst run here (too slow).
import { describe, it, expect } from 'vitest';
import { checkDataset } from '../src/pipeline.js';
import { resolve } from '../src/resolve/index.js';
import { typstText, bookletTypst, resultsTypst } from '../tools/bench/typst-source.js';
import { peerWorks } from '../tools/bench/peer-works.js';
import { peerWebPages } from '../tools/bench/peers.js';
import { checkBenchArgs, runsOf } from '../tools/bench/options.js';

const HOSTILE = '見出し#強調*下線_数式$参照@ラベル<a1>[括弧]逆斜線\\終わり';
const HOSTILE_TYPST = '見出し\\#強調\\*下線\\_数式\\$参照\\@ラベル\\<a1\\>\\[括弧\\]逆斜線\\\\終わり';

/** a bundled data set with one initiative's title and description made of Typst markup */
function hostile(dir: string) {
  const { model } = checkDataset(dir);
  const first = model!.initiatives[0];
  first.data.title = HOSTILE;
  first.data.description = `${HOSTILE}\n= 行頭の等号 - 行頭の線 1. 番号 // 注釈ではない`;
  const r = resolve(model!);
  // a page reference to a place the Typst rendering does not draw (the contact block has no label there)
  r.booklet?.notice.push({ kind: 'paragraph', inlines: [{ text: '', pageRef: 'contact' }] });
  return r;
}

describe('the Typst source', () => {
  it('escapes every markup character of the data, and keeps line breaks as Typst line breaks', () => {
    expect(typstText(HOSTILE)).toBe(HOSTILE_TYPST);
    expect(typstText('= 1. - + / ~ ` " \' : http://x')).toBe('\\= 1\\. \\- \\+ \\/ \\~ \\` \\" \\\' \\: http\\:\\/\\/x');
    expect(typstText('一行目\n二行目')).toBe('一行目\\\n二行目');
  });

  it('writes the booklet with every initiative, escaped, and a page reference for each row of the list', () => {
    const r = hostile('data/miyagi-ict-plan');
    const s = bookletTypst(r);
    expect(s).toContain(HOSTILE_TYPST);
    expect(s).not.toContain(HOSTILE);
    expect(s).toContain('\\= 行頭の等号 \\- 行頭の線 1\\. 番号 \\/\\/ 注釈ではない');
    // every initiative's entry heading (chapter 2) and its row in the list (chapter 3)
    for (const section of r.booklet!.sections) for (const e of section.entries) expect(s, `entry ${e.no}`).toContain(`[${e.no} ${typstText(e.title[0].text)}`);
    const items = r.list!.rows.filter((x) => x.kind === 'item');
    for (const row of items)
      expect(s, `list row ${row.no}`).toContain(
        `align(center)[${row.no}], [${row.relisted ? typstText(r.words.list.get('relisted')) : ''}${typstText(row.title)}`,
      );
    expect(s.match(/#context counter\(page\)\.at\(<a\d+>\)/g)?.length).toBeGreaterThanOrEqual(items.length);
    // every label a page reference names is placed once (Typst refuses a missing label)
    const named = new Set([...s.matchAll(/\.at\(<(a\d+)>\)/g)].map((m) => m[1]));
    for (const l of named) expect(s.match(new RegExp(`(?<!\\.at\\()<${l}>`, 'g'))?.length, l).toBe(1);
  });

  it('writes the results report with every row of the year, escaped', () => {
    const r = hostile('data/fukushima-ict-strategy');
    const view = r.results[0];
    const s = resultsTypst(r, view);
    expect(s).toContain(`[${HOSTILE_TYPST}]`);
    expect(s).not.toContain(HOSTILE);
    const rows = view.pillars.flatMap((p) => p.rows);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows)
      expect(s, `row ${row.no}`).toContain(
        `align(center)[${row.no}], align(center)[${row.isNew ? '○' : ''}], [${typstText(row.title)}], [${typstText(row.description)}]`,
      );
    // one table per pillar, its header repeated on each page
    expect(s.match(/table\.header\(/g)?.length).toBe(view.pillars.length + 1);
  });
});

describe('the pages Chromium prints', () => {
  it("are the booklet's web pages in reading order, or the year's results page", () => {
    const miyagi = resolve(checkDataset('data/miyagi-ict-plan').model!);
    const pages = peerWebPages(miyagi, { kind: 'booklet', document: 'plan-booklet.pdf' });
    expect(pages[0]).toBe('index.html');
    expect(pages).toEqual(expect.arrayContaining(['chapter-1.html', 'list.html', 'sites.html', 'references.html', 'glossary.html']));
    expect(pages.indexOf('chapter-1.html')).toBeLessThan(pages.indexOf('list.html'));
    const fukushima = resolve(checkDataset('data/fukushima-ict-strategy').model!);
    expect(peerWebPages(fukushima, { kind: 'results', document: 'results-2017.pdf' })).toEqual(['results-2017.html']);
  });
});

describe('--peers options', () => {
  const names = (argv: string[]) => peerWorks(argv).map((w) => w.name);

  it('measures the booklet at ×1 and ×10 and the results at ×100 by default', () => {
    expect(names(['--peers'])).toEqual(['×1 plan-booklet.pdf', '×10 plan-booklet.pdf', '×100 results-2017.pdf']);
    expect(peerWorks(['--peers'])[2]).toMatchObject({ dataset: 'fukushima-ict-strategy', document: 'results-2017.pdf', scale: 100, kind: 'results' });
  });

  it('takes --scale for every document and --only for the documents', () => {
    expect(names(['--peers', '--scale', '1'])).toEqual(['×1 plan-booklet.pdf', '×1 results-2017.pdf']);
    expect(names(['--peers', '--only', 'results', '--scale', '1,10'])).toEqual(['×1 results-2017.pdf', '×10 results-2017.pdf']);
    expect(names(['--peers', '--only', 'plan'])).toEqual(['×1 plan-booklet.pdf', '×10 plan-booklet.pdf']);
  });

  it('refuses what it cannot compare, before anything runs', () => {
    expect(() => peerWorks(['--peers', '--only', 'appendix'])).toThrow(/冊子（plan-booklet）と事業実施結果（results）だけ/);
    expect(() => peerWorks(['--peers', '--scale', '0'])).toThrow(/--scale には 1 以上の整数/);
    expect(() => runsOf(['--peers', '--runs', '0'], 3)).toThrow(/--runs には 1 以上の整数/);
    expect(runsOf(['--peers'], 3)).toBe(3);
    expect(runsOf(['--peers', '--runs', '1'], 3)).toBe(1);
    expect(() => checkBenchArgs(['--peers', '--scale', '1', '--runs', '1'])).not.toThrow();
    expect(() => checkBenchArgs(['--peer'])).toThrow(/--peers のことですか/);
  });
});

describe('--targets table', () => {
  it('says met or not met from the median against each target, and takes the flag', async () => {
    const { targetsTable, TARGETS } = await import('../tools/bench/targets.js');
    const table = targetsTable([
      { key: 'fresh', wallMs: [4000, 2900, 2950], cpuMs: [6000, 5000, 5500] },
      { key: 'unchanged', wallMs: [900, 1200, 1100] },
      { key: 'watch', wallMs: [TARGETS.watch] },
    ]);
    const rows = table.split('\n').slice(2);
    expect(rows[0]).toMatch(/\| 3\.00 s \| 2\.95 s \| 2\.90〜4\.00 s \| 5\.50 s \| 達成 \|$/);
    expect(rows[1]).toMatch(/\| 1\.00 s \| 1\.10 s \| .* \| — \| 未達 \|$/);
    expect(rows[2]).toMatch(/\| 1\.50 s \| 1\.50 s \| .* 達成 \|$/);
    expect(() => checkBenchArgs(['--targets', '--runs', '3'])).not.toThrow();
  });
});

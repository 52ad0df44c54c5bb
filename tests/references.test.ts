// References that are computed, never typed: page citations in prose come from the layout,
// 図表 numbers from the reading order, and a citation of something the booklet does not have
// is an error with its file and place.
import { describe, it, expect, beforeAll } from 'vitest';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { readPdf, type PdfPage } from '../src/errata/pdf-lines.js';
import { checkDataset } from '../src/pipeline.js';
import { resolve } from '../src/resolve/index.js';
import { bookletBody } from '../src/documents/pdf/booklet.js';
import { formatProblem } from '../src/problem.js';
import { json, squash, ROOT } from './helpers/data.js';
import { out } from './outputs.js';
import { withBuiltVariant } from './helpers/variant.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');
const SEED = path.join(ROOT, 'seeds', '000_101d020b453a0a38.txt');
const TYPED = '頁番号が文字で書かれています';

let pages: PdfPage[];
let all: string;
/** printed page number of each physical page (from its footer), or undefined */
let printed: (number | undefined)[];

beforeAll(async () => {
  ({ pages } = await readPdf(out('miyagi-ict-plan', 'plan-booklet.pdf')));
  all = squash(pages.map((p) => p.text).join(''));
  printed = pages.map((p) => {
    const m = p.lines.map((l) => /^-(\d+)-$/.exec(squash(l))).find(Boolean);
    return m ? Number(m[1]) : undefined;
  });
});

/** The printed page of the first page after the 目次 with a line that reads exactly `line`. */
function printedPageOf(line: string): number | undefined {
  const want = squash(line);
  for (let i = 3; i < pages.length; i++) if (pages[i].lines.some((l) => squash(l) === want)) return printed[i];
  return undefined;
}

/** A copy of the small fixture with some changes, removed afterwards. */
function withMini<T>(change: (dir: string) => void, check: (dir: string) => T): T {
  const work = mkdtempSync(path.join(tmpdir(), 'refs-'));
  const dir = path.join(work, 'mini');
  try {
    cpSync(MINI, dir, { recursive: true });
    change(dir);
    return check(dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe('page citations in prose', () => {
  it('print the footer page of what they name, in the booklet and in the standalone list', async () => {
    const cited = (re: RegExp) => {
      const m = re.exec(all);
      expect(m, String(re)).not.toBeNull();
      return Number(m![1]);
    };
    // 第1章: the list of 主な取組 (a part of the booklet)
    const list = cited(/主な取組は、(\d+)ページ以降の一覧表に掲載しています/);
    expect(list).toBe(printedPageOf('1 主な取組一覧'));
    // 参考資料: 宮城県高度情報化推進協議会 is described with initiative 32 (its own entry, not the 再掲)
    const council = cited(/宮城県高度情報化推進協議会（(\d+)ページ参照）/);
    expect(council).toBe(printedPageOf('32 ICT講演会等開催支援及び人材育成支援による地域の活性化（震災復興・企画部）'));
    // 第3章 note: the heading under which the 施策 are listed
    const measures = cited(/欄の丸数字は、(\d+)ページに記載の「官民データ活用の推進に関する施策」/);
    expect(measures).toBe(printedPageOf('(3) 官民データ活用推進基本法への対応'));
    expect(new Set([list, council, measures]).size).toBe(3);
    // the standalone list prints the same booklet page in its note
    const standalone = squash((await readPdf(out('miyagi-ict-plan', 'initiative-list.pdf'))).pages.map((p) => p.text).join(''));
    expect(standalone).toContain(`欄の丸数字は、${measures}ページに記載の「官民データ活用の推進に関する施策」`);
  });

  it('are not typed in the bundled data, and a typed one (or a typed 図表 number) is warned about with its place and the way to write it', () => {
    for (const dir of ['data/miyagi-ict-plan', 'data/fukushima-ict-strategy']) {
      const typed = checkDataset(path.join(ROOT, dir)).problems.filter((p) => p.message.includes(TYPED) || p.message.includes('図表番号が文字で'));
      expect(typed.map((p) => formatProblem(p))).toEqual([]);
    }
    const problems = withMini(
      (dir) => appendFileSync(path.join(dir, 'text', '1-1.md.hbs'), '\n詳しくは37ページを、\n計画は17頁、協議会（Nページ参照）を見てください。\n'),
      (dir) => checkDataset(dir).problems.filter((p) => p.message.includes(TYPED)),
    );
    expect(
      problems.map((p) => [p.severity, p.file, p.line, p.column]),
      problems.map((p) => formatProblem(p)).join('\n'),
    ).toEqual([
      ['warning', 'text/1-1.md.hbs', 3, 5],
      ['warning', 'text/1-1.md.hbs', 4, 4],
      ['warning', 'text/1-1.md.hbs', 4, 12],
    ]);
    expect(problems[0].message).toContain('「37ページ」');
    expect(problems[0].message).toContain('{{page "initiative" "037"}}');
    expect(problems[2].message).toContain('「Nページ」');
    // a typed 図表 number in prose, likewise (the caption of an image of the earlier form is not a citation)
    const figures = withMini(
      (dir) => appendFileSync(path.join(dir, 'text', 'intro.md.hbs'), '\n流れは図表1のとおりです。\n'),
      (dir) =>
        checkDataset(dir)
          .problems.filter((p) => p.message.includes('図表番号が文字で書かれています'))
          .map((p) => formatProblem(p)),
    );
    expect(figures).toEqual([expect.stringMatching(/^警告 text\/intro\.md\.hbs:\d+:4: 図表番号が文字で書かれています（「図表1」）。.*\{\{figure "zu3"\}\}/)]);
  });

  it('naming an unknown target is an error with file, line and column', () => {
    const problems = withMini(
      (dir) =>
        writeFileSync(
          path.join(dir, 'text', '2-1.md.hbs'),
          '事務を効率化します。\n一覧は{{page "part" "no-such-part"}}ページ、事業は{{page "initiative" "999"}}ページ。\n{{page "chapter" "1"}}\n',
        ),
      (dir) =>
        checkDataset(dir)
          .problems.filter((p) => p.severity === 'error')
          .map((p) => formatProblem(p)),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^エラー text\/2-1\.md\.hbs:2:4: 頁の参照先の部分「no-such-part」はありません/),
      expect.stringMatching(/^エラー text\/2-1\.md\.hbs:2:41: 頁の参照先の事業「999」がありません/),
      expect.stringMatching(/^エラー text\/2-1\.md\.hbs:3:1: 頁の参照先の種類「chapter」は使えません/),
    ]);
  });
  it('resolve every kind of target to the footer page it stands on', async () => {
    await withBuiltVariant(
      (dir) => {
        const ds = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
        ds.figures = [{ id: 'flow', caption: '推進の流れ', image: 'figures/flow.svg' }];
        writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(ds));
        const intro = path.join(dir, 'text', 'intro.md.hbs');
        writeFileSync(
          intro,
          readFileSync(intro, 'utf8')
            .replace('## 目的', '## 目的 {#purpose}')
            .replace(/!\[[^\]]*\]\(figures\/flow\.svg\)/, '![](#flow)') +
            '\n図は{{page "figure" "flow"}}ページ、節は{{page "section" "2-1"}}ページ、目的は{{page "heading" "purpose"}}ページ、' +
            '一覧は{{page "part" "initiative-list"}}ページ、事業は{{page "initiative" "002"}}ページ、用語は{{page "part" "glossary"}}ページ（{{figure "flow"}}）。\n',
        );
      },
      async (outDir) => {
        const { pages: ps } = await readPdf(path.join(outDir, 'plan-booklet.pdf'));
        const footer = ps.map((p) => p.lines.map((l) => /^-(\d+)-$/.exec(squash(l))).find(Boolean)?.[1]);
        const at = (line: string) => footer[ps.findIndex((p, i) => i > 1 && p.lines.some((l) => squash(l) === squash(line)))];
        const text = squash(ps.map((p) => p.text).join(''));
        const m = /図は(\d+)ページ、節は(\d+)ページ、目的は(\d+)ページ、一覧は(\d+)ページ、事業は(\d+)ページ、用語は(\d+)ページ（図表1）/.exec(text);
        expect(m, text.slice(0, 400)).not.toBeNull();
        expect(m!.slice(1)).toEqual([
          at('図表1 推進の流れ'),
          at('(1) 事務の効率化'),
          at('(1) 目的'),
          at('1 主な取組一覧'),
          at('2 電子申請システムの運用（企画部）'),
          at('用語解説'),
        ]);
        expect(new Set(m!.slice(1)).size).toBeGreaterThan(2);
      },
    );
  });
});

describe('figures', () => {
  it('warns, row by row, about every 図表3 span not confirmed against the published figure', () => {
    const { problems } = checkDataset(path.join(ROOT, 'data', 'miyagi-ict-plan'));
    const rows = json('miyagi-ict-plan', 'dataset.json')
      .figures.flatMap((f: any) => f.timeline?.groups ?? [])
      .flatMap((g: any) => g.rows)
      .filter((r: any) => r.unconfirmed);
    expect(rows.length).toBeGreaterThan(0);
    const warned = problems.filter((p) => p.severity === 'warning' && p.path?.at(-1) === 'unconfirmed');
    expect(warned.map((p) => p.message)).toEqual(rows.map((r: any) => expect.stringContaining(`「${r.label}」の期間`)));
    expect(warned.every((p) => p.file === 'dataset.json' && p.line! > 0)).toBe(true);
  });

  it('citing a figure the data set does not have is an error with file:line:column, exit 1 and nothing built', () => {
    withMini(
      (dir) =>
        appendFileSync(path.join(dir, 'text', '1-1.md.hbs'), '\n流れは{{figure "zu9"}}のとおりです。\n\n![](#zu8)\n\n次の図 ![](#zu7) を見てください。\n'),
      (dir) => {
        const outDir = path.join(path.dirname(dir), 'out');
        let code = 0;
        let stderr = '';
        try {
          execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'build', '--data', dir, '--out', outDir], {
            cwd: ROOT,
            stdio: 'pipe',
          });
        } catch (e) {
          code = (e as { status: number }).status;
          stderr = (e as { stderr: Buffer }).stderr.toString();
        }
        expect(code).toBe(1);
        expect(stderr).toMatch(/エラー \S*mini\/text\/1-1\.md\.hbs:3:4: 引用している図「zu9」は dataset\.json の figures にありません/);
        expect(stderr).toMatch(/エラー \S*mini\/text\/1-1\.md\.hbs:5:1: 図「zu8」は dataset\.json の figures にありません/);
        expect(stderr).toMatch(/エラー \S*mini\/text\/1-1\.md\.hbs:7:5: 図の置き場所 !\[\]\(#zu7\) は、前後を空行にして一行だけで書いてください/);
        expect(existsSync(outDir)).toBe(false);
      },
    );
  });

  it('has every 図表1–6 caption and source credit line of the seed, and the picture caption of 事業37, in the booklet', () => {
    const seed = readFileSync(SEED, 'utf8').split('\n');
    const captions = seed.filter((l) => /^図表[1-6] /.test(l));
    expect(captions).toHaveLength(6);
    const credits = seed.flatMap((l, i) => {
      if (/^引用：/.test(l)) return /^\s+\(原出典/.test(seed[i + 1]) ? [l, seed[i + 1]] : [l];
      return /^出典 [^:]/.test(l) ? [l] : [];
    });
    expect(credits).toHaveLength(4);
    for (const line of [...captions, ...credits]) expect(all, line).toContain(squash(line));
    // numbered in reading order: 図表1 … 図表6 stand in that order
    const at = captions.map((c) => all.indexOf(squash(c)));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // the 事業37 picture: its caption, right after the initiative's description, without a number
    expect(all).toMatch(/授業スタイルである「MIYAGIStyle」.*MIYAGIStyleにおける授業イメージ（図は公表版の冊子を参照してください）38総合教育センター/);
  });

  it('says plainly where an image is not in the data, and validation warns the data keeper', () => {
    const figures: { id: string; image?: string; timeline?: unknown }[] = json('miyagi-ict-plan', 'dataset.json').figures;
    const without = figures.filter((f) => !f.image && !f.timeline);
    expect(without.length).toBeGreaterThan(0);
    const placeholder = /（図は公表版の冊子を参照してください）/g;
    expect(all.match(placeholder)?.length).toBe(without.length);
    const warned = checkDataset(path.join(ROOT, 'data/miyagi-ict-plan')).problems.filter(
      (p) => p.severity === 'warning' && p.message.includes('画像がデータにありません'),
    );
    expect(warned.map((p) => p.path?.[1])).toEqual(without.map((f) => figures.indexOf(f)));
    expect(warned[0].file).toBe('dataset.json');
    expect(warned[0].line).toBeGreaterThan(1);
  });

  it('draws 図表3 as a table with the plans as rows and their fiscal years as spans over year columns', () => {
    const ds = json('miyagi-ict-plan', 'dataset.json');
    const zu3 = ds.figures.find((f: { id: string }) => f.id === 'zu3').timeline;
    const { model } = checkDataset(path.join(ROOT, 'data/miyagi-ict-plan'));
    const r = resolve(model!);
    // the figure's node in the booklet's definition: a stack with the caption (its anchor) and the table
    let figure: any;
    const find = (n: any): void => {
      if (!n || typeof n !== 'object' || figure) return;
      if (Array.isArray(n)) return n.forEach(find);
      if (Array.isArray(n.stack) && n.stack.some((c: any) => c?.id === 'fig-zu3')) figure = n;
      for (const k of ['stack', 'columns']) if (Array.isArray(n[k])) find(n[k]);
    };
    find(bookletBody(r.booklet!, r));
    const table = figure.stack.find((c: any) => c.table).table;
    const years = zu3.to - zu3.from + 1;
    expect(table.body[0]).toHaveLength(years + 1);
    expect(squash(table.body[0][1].text)).toBe('H132001');
    const rows = table.body.slice(1).filter((row: any[]) => row[0].colSpan === undefined);
    const plans = zu3.groups.flatMap((g: any) => g.rows);
    // a plan whose period is not confirmed is marked ※ (tests/timeline-figure.test.ts)
    expect(rows.map((row: any[]) => row[0].text)).toEqual(plans.map((p: any) => (p.unconfirmed ? `${p.label}※` : p.label)));
    rows.forEach((row: any[], i: number) => {
      expect(row).toHaveLength(years + 1);
      // the filled cells of the row are exactly the plan's years
      const filled = row.flatMap((c: any, col: number) =>
        c.colSpan ? Array.from({ length: c.colSpan }, (_, k) => zu3.from + col - 1 + k) : c.fillColor ? [zu3.from + col - 1] : [],
      );
      const wanted = plans[i].spans
        .flatMap((s: any) => Array.from({ length: s.to - s.from + 1 }, (_, k) => s.from + k))
        .filter((y: number) => y >= zu3.from && y <= zu3.to);
      expect(filled, plans[i].label).toEqual(wanted);
    });
    // and the printed figure holds every plan's name, between its caption and 図表4 (a name
    // wrapped in its cell is read back interleaved with the labels of its row's spans)
    const spanLabels = plans.flatMap((p: any) => p.spans.map((s: any) => s.label).filter(Boolean));
    let printedFigure = all.slice(all.indexOf('図表3宮城県のICT戦略・計画等の変遷'), all.indexOf('図表4推進体制'));
    for (const l of spanLabels) printedFigure = printedFigure.split(l).join('');
    for (const p of plans) expect(printedFigure).toContain(squash(p.label));
  });
});

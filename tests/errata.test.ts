// 正誤表: a corrected title, a corrected budget and a correction that moves pages, compared
// against the published version given as a folder or as a git revision.
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { errata } from '../src/errata/index.js';
import { buildDataset } from '../src/pipeline.js';
import { newYear } from '../src/yearly/new-year.js';
import { readPdf, readPdfBytes } from '../src/errata/pdf-lines.js';
import { ROOT, squash } from './helpers/data.js';
import { out } from './outputs.js';

const edit = (file: string, from: string, to: string) => {
  const t = readFileSync(file, 'utf8');
  expect(t).toContain(from);
  writeFileSync(file, t.replace(from, to));
};

describe('errata', () => {
  it('lists a changed title with its page and line in the published booklet, and the pages a longer text moves', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'errata-'));
    try {
      const data = path.join(work, 'miyagi-ict-plan');
      cpSync(path.join(ROOT, 'data', 'miyagi-ict-plan'), data, { recursive: true });
      edit(
        path.join(data, 'initiatives', '009.json'),
        '"title": "宮城県河川流域情報システム（MIRAI）の運用"',
        '"title": "宮城県河川流域情報システム（MIRAI）の運用・高度化"',
      );
      // a schedule cell: printed in the booklet's list (第3章) only, not in the entry
      edit(
        path.join(data, 'initiatives', '009.json'),
        '"label": "保守管理、システム更新、水位局・カメラ増設"',
        '"label": "保守管理、システム更新、水位局増設"',
      );
      appendFileSync(path.join(data, 'text', '1-1-1.md.hbs'), `\n${'県民への情報提供を一層充実させます。'.repeat(40)}\n`);
      // nothing built from the corrected data yet: the 正誤表 has no documents to stand beside
      const early = await errata(data, path.join(ROOT, 'data', 'miyagi-ict-plan'), path.join(work, 'out'), () => {}, undefined, { data: 'miyagi' });
      expect(early.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('にこのデータセットの文書がありません'));
      expect(early.files).toEqual([]);
      await buildDataset(data, path.join(work, 'out'), { log: () => {} });
      const r = await errata(data, path.join(ROOT, 'data', 'miyagi-ict-plan'), path.join(work, 'out'), () => {});
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const v = r.view!;
      // the published booklet prints entry 9 on this page
      const { pages } = await readPdf(out('miyagi-ict-plan', 'plan-booklet.pdf'));
      const page = pages.find((p) => p.lines.some((l) => squash(l).startsWith('9宮城県河川流域情報システム')))!;
      const printed = Number(/-(\d+)-/.exec(squash(page.lines.at(-1)!))![1]);
      const title = v.entries.find((e) => e.document === '冊子' && e.right.includes('運用・高度化') && e.wrong.includes('宮城県河川流域情報システム'));
      expect(title, JSON.stringify(v.entries.slice(0, 5))).toBeDefined();
      expect(title!.page).toBe(printed);
      expect(page.lines[Number(title!.line) - 1]).toContain('宮城県河川流域情報システム');
      // the schedule's correction stands at the list's row in the booklet, not at the entry in 第2章
      const schedule = v.entries.find((e) => e.document === '冊子' && e.wrong === '保守管理、システム更新、水位局・カメラ増設');
      expect(schedule, JSON.stringify(v.entries.filter((e) => e.document === '冊子').slice(0, 8))).toBeDefined();
      const listPage = pages.find((p) => p.number > page.number && p.lines.some((l) => squash(l).includes('宮城県河川流域情報システム（MIRAI）')));
      expect(listPage).toBeDefined();
      expect(schedule!.page).not.toBe(printed);
      expect(schedule!.page).toBe(Number(/-(\d+)-/.exec(squash(listPage!.lines.at(-1)!))![1]));
      // the list's row, field by field with the column named; the appendix's cell too
      expect(v.entries).toContainEqual(
        expect.objectContaining({
          document: '主な取組一覧',
          item: '9 宮城県河川流域情報システム（MIRAI）の運用／事業名',
          wrong: '宮城県河川流域情報システム（MIRAI）の運用',
          right: '宮城県河川流域情報システム（MIRAI）の運用・高度化',
        }),
      );
      expect(v.entries).toContainEqual(
        expect.objectContaining({
          document: '付表（Excel）',
          page: '主な取組一覧',
          item: '宮城県河川流域情報システム（MIRAI）の運用／事業名 【担当部局・課室名】',
        }),
      );
      expect(v.entries.some((e) => e.right.includes('県民への情報提供を一層充実させます'))).toBe(true);
      // entries after the longer text move to later pages (up to the next 重点目標, which opens a page)
      expect(v.moved.length).toBeGreaterThan(5);
      expect(v.moved.every((m) => m.to > m.from)).toBe(true);
      expect(v.moved.some((m) => m.item.startsWith('事業 13 '))).toBe(true);
      // moved pages stay in their own table: no footer, 目次 or 掲載頁 number is listed as a correction
      expect(v.entries.filter((e) => e.wrong !== e.right && e.wrong.replace(/\d/g, '') === e.right.replace(/\d/g, ''))).toEqual([]);
      // the longer text is one passage without the PDF's line breaks
      expect(v.entries.find((e) => e.right.includes('県民への情報提供を一層充実させます'))!.right).not.toContain('\n');
      const text = squash((await readPdf(path.join(work, 'out', 'miyagi-ict-plan', 'errata.pdf'))).pages.map((p) => p.text).join(''));
      expect(text).toContain('頁番号が変わる箇所があります');
      // how the 行 were counted (above: the line read from the top of the printed page), and what the appendix's are
      expect(text).toContain(squash('行は、その頁の上から数えた文字の行です（頁の見出しや表の見出しの行も数えます。'));
      expect(text).toContain(squash('付表（Excel）はセルの位置です。'));
      // the published version given as a folder: named by the published data (its last 改定), not by the folder
      expect(v.publication).toEqual({ name: 'みやぎICT・データ利活用推進プラン（平成31年3月改定）', date: undefined });
      expect(text).toContain(squash('公表版：みやぎICT・データ利活用推進プラン（平成31年3月改定）'));
      expect(text).not.toContain('公表版:miyagi-ict-plan');
      expect(text).toContain('運用・高度化');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(work, 'out', 'miyagi-ict-plan', 'errata.xlsx'));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['正誤表', '頁の移動']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('lists a corrected indicator actual in the 進ちょく状況 at its page and line (it ended in an internal error)', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'errata-progress-'));
    try {
      const data = path.join(work, 'sample-progress');
      cpSync(path.join(ROOT, 'data', 'sample-progress'), data, { recursive: true });
      const file = path.join(data, 'initiatives', '01.json');
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace('"value": 12,', '"value": 13,'));
      expect(readFileSync(file, 'utf8')).not.toBe(text);
      await buildDataset(data, path.join(work, 'out'), { log: () => {} });
      const r = await errata(data, path.join(ROOT, 'data', 'sample-progress'), path.join(work, 'out'), () => {});
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const report = r.view!.entries.filter((e) => e.document === '進ちょく状況');
      expect(report.length, JSON.stringify(r.view!.entries)).toBeGreaterThan(0);
      const { pages } = await readPdf(out('sample-progress', 'progress.pdf'));
      for (const e of report) expect(squash(pages[Number(e.page) - 1]!.lines[Number(e.line) - 1]!)).toContain(squash(e.wrong.split('\n')[0]!));
      expect(report.some((e) => /\b12\b/.test(e.wrong) && /\b13\b/.test(e.right))).toBe(true);
      // the appendix's sheet of the indicators too
      expect(r.view!.entries).toContainEqual(expect.objectContaining({ document: '付表（Excel）', page: '指標の進ちょく', wrong: '12', right: '13' }));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('refuses a correction that leaves a published report 「未確定」, not a year still being collected', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'errata-draft-'));
    try {
      const data = path.join(work, 'fukushima-ict-strategy');
      const outRoot = path.join(work, 'out');
      cpSync(path.join(ROOT, 'data', 'fukushima-ict-strategy'), data, { recursive: true });
      // FY2018 opened and being collected (a draft), and a budget of FY2017 corrected: the 正誤表 is made
      expect(newYear(data, 2018).problems.filter((p) => p.severity === 'error')).toEqual([]);
      edit(path.join(data, 'initiatives', '1-01.json'), '"budget": 135304', '"budget": 136000');
      await buildDataset(data, outRoot, { log: () => {} });
      const ok = await errata(data, path.join(ROOT, 'data', 'fukushima-ict-strategy'), outRoot, () => {});
      expect(ok.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(ok.files.length).toBe(2);
      // a 達成度 typed outside the categories: FY2017's published report would be rebuilt as a draft
      const file = path.join(data, 'initiatives', '1-01.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/"achievement": "[^"]*"/, '"achievement": "計画通り実施"'));
      await buildDataset(data, outRoot, { log: () => {} });
      const r = await errata(data, path.join(ROOT, 'data', 'fukushima-ict-strategy'), outRoot, () => {});
      expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([
        expect.stringMatching(/^訂正後のデータでは報告書が未確定になるため、正誤表を作りません（平成29年度: 未回答 0 件、集計区分外 1 件）/),
      ]);
      expect(r.files).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('lists a changed budget against a git revision, marking only the changed characters', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'errata-git-'));
    try {
      const data = path.join(work, 'data', 'fukushima-ict-strategy');
      cpSync(path.join(ROOT, 'data', 'fukushima-ict-strategy'), data, { recursive: true });
      const git = (...args: string[]) =>
        execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { stdio: 'pipe' });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'published');
      edit(path.join(data, 'initiatives', '1-01.json'), '"budget": 135304', '"budget": 136000');
      // and its 達成度 into another category: the chart's bar for its pillar changes as well as the summary
      edit(path.join(data, 'initiatives', '1-01.json'), '"achievement": "計画どおり実施"', '"achievement": "目標達成"');
      await buildDataset(data, path.join(work, 'out'), { log: () => {} });
      const r = await errata(data, 'HEAD', path.join(work, 'out'), () => {});
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const e = r.view!.entries.find((x) => x.wrong.includes('135,304'));
      expect(e).toMatchObject({ document: '事業実施結果（平成29年度）', page: 2, item: expect.stringContaining('事業費（千円）') });
      expect(e!.right).toContain('136,000');
      // the summary's totals change too, each named at its row's line in the published report (not at the table's title)
      const published = (await readPdf(out('fukushima-ict-strategy', 'results-2017.pdf'))).pages[0]!;
      const lineOf = (label: string) => published.lines.findIndex((l) => squash(l).startsWith(squash(label))) + 1;
      const pillar = r.view!.entries.find((x) => x.right === '2,733,703')!;
      expect(pillar).toMatchObject({ page: 1, item: '集計 1 復興への取組／事業費合計（千円）', line: lineOf('1 復興への取組') });
      const total = r.view!.entries.find((x) => x.item?.startsWith('集計 合計／事業費'))!;
      expect(total).toMatchObject({ page: 1, line: lineOf('合計') });
      expect(Number(total.line)).toBeGreaterThan(Number(pillar.line));
      // the chart, in words, at its title: one entry for the pillar whose bar changed, none for the others
      const chart = r.view!.entries.filter((x) => x.item?.startsWith('図 柱ごとの目標の達成度（事業数）'));
      expect(chart).toHaveLength(1);
      expect(chart[0]).toMatchObject({ page: 1, item: '図 柱ごとの目標の達成度（事業数）／1 復興への取組' });
      const count = (t: string, label: string) => Number(new RegExp(`${label} (\\d+)件`).exec(t)?.[1] ?? 0);
      expect(count(chart[0]!.right, '計画どおり実施')).toBe(count(chart[0]!.wrong, '計画どおり実施') - 1);
      expect(count(chart[0]!.right, '目標達成')).toBe(count(chart[0]!.wrong, '目標達成') + 1);
      expect(r.view!.moved).toEqual([]);
      // named and dated by the data at that revision (its results' publication date), not by 「HEAD」 and the commit's date
      expect(r.view!.publication).toEqual({ name: 'ふくしま創生ICT戦略', date: '2018-06-01' });
      // the web edition and the open data were made from the corrected data too: the 正誤表 says so
      const text = squash((await readPdf(path.join(work, 'out', 'fukushima-ict-strategy', 'errata.pdf'))).pages.map((p) => p.text).join(''));
      expect(text).toContain('ウェブ版とオープンデータ（CSV・Excel）も、訂正後の内容にしています。');
      // corrected again and only the report made (build --only): the web edition and the open data are the earlier data's, so no 正誤表
      edit(path.join(data, 'initiatives', '1-01.json'), '"budget": 136000', '"budget": 137000');
      await buildDataset(data, path.join(work, 'out'), { log: () => {}, only: new Set(['results-2017.pdf']) });
      const stale = await errata(data, 'HEAD', path.join(work, 'out'), () => {});
      // said as it is: built after the correction, but --only left these from the earlier data
      expect(stale.problems.map((p) => p.message)).toContainEqual(
        expect.stringMatching(
          /の appendix\.xlsx、data\/、web\/ は、訂正の後の build で作り直されておらず（--only でほかの文書だけを作ったため）、前のデータのままです。.*--only を付けずに/,
        ),
      );
      expect(stale.files).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('refuses an unknown revision', async () => {
    const r = await errata(path.join(ROOT, 'data', 'fukushima-ict-strategy'), 'no-such-revision-xyz', tmpdir(), () => {});
    expect(r.problems[0].message).toContain('git のリビジョン');
  });
});

describe('marking', () => {
  it('marks only what changed, a figure as a whole', async () => {
    const { markedPair } = await import('../src/documents/errata-marks.js');
    const m = markedPair('事業費 135,304 千円', '事業費 136,000 千円');
    const marked = (xs: typeof m.wrong) =>
      xs
        .filter((x) => x.color)
        .map((x) => x.text)
        .join('');
    const plain = (xs: typeof m.wrong) =>
      xs
        .filter((x) => !x.color)
        .map((x) => x.text)
        .join('');
    expect(marked(m.wrong)).toBe('135,304');
    expect(marked(m.right)).toBe('136,000');
    expect(plain(m.wrong)).toBe('事業費  千円');
    expect(plain(m.right)).toBe('事業費  千円');
    expect(m.wrong.map((x) => x.text).join('')).toBe('事業費 135,304 千円');
    // 0 → 520,000: the whole new figure (character by character its last 0 read as unchanged)
    const z = markedPair('0', '520,000');
    expect([marked(z.wrong), marked(z.right), plain(z.right)]).toEqual(['0', '520,000', '']);
    // text is still compared character by character, a full-width figure with its counter as one,
    // unbreakable where it is marked
    const t = markedPair('延べ２，４６５件を実施', '延べ２，４６６件を実施した');
    expect([marked(t.wrong), marked(t.right), plain(t.right)]).toEqual(['２，４６５件', '２，４６６件した', '延べを実施']);
    expect(t.right.filter((x) => x.noWrap).map((x) => x.text)).toEqual(['２，４６６件']);
    // a counter word of one or two kanji goes with its figure (「20業／務」 had left 務 alone)
    const k = markedPair('(R3年3月末)20業務', '(R3年3月末)30業務');
    expect([marked(k.wrong), marked(k.right)]).toEqual(['20業務', '30業務']);
    expect(k.right.at(-1)).toMatchObject({ text: '30業務', noWrap: true });
    // a word inserted after a figure whose counter then reads otherwise (「万件」 before a kana, not before 突):
    // only the word is marked, the unchanged figure not (a walk found 「6.7万件」 marked as wrong)
    const i = markedPair('アクセス数6.7万件突破', 'アクセス数6.7万件を突破');
    expect([marked(i.wrong), marked(i.right), plain(i.wrong), plain(i.right)]).toEqual(['', 'を', 'アクセス数6.7万件突破', 'アクセス数6.7万件突破']);
    // and the other way, a word taken out
    const o = markedPair('6.7万件を突破', '6.7万件突破');
    expect([marked(o.wrong), marked(o.right)]).toEqual(['を', '']);
  });
});

/** The 正誤表 PDF of a view made by hand, as the command renders it. */
async function errataPdf(view: object): Promise<Buffer> {
  const { errataDocument } = await import('../src/documents/pdf/errata.js');
  const { Wording, createHandlebars } = await import('../src/templates/index.js');
  const { renderPdf } = await import('../src/render/pdf/index.js');
  const { bytes } = await renderPdf(errataDocument(view as never, Wording.load(createHandlebars({}), 'errata')));
  return bytes;
}

describe('the 正誤表 PDF', () => {
  it('prints 「（削除）」 for a value taken out, carries its own date, and passes the tag checker', async () => {
    const { checkTags } = await import('./helpers/tag-check.js');
    const { PDFDocument } = await import('pdf-lib');
    const view = {
      title: '計画',
      publication: { name: '公表版', date: '2019-03-29' },
      date: '2019-04-10',
      issuer: '宮城県',
      moved: [],
      entries: [
        { document: '冊子', page: 3, line: 4, item: '指標', wrong: '100件', right: '' },
        { document: '冊子', page: 5, line: 1, item: '名称', wrong: '旧', right: '新' },
      ],
    };
    const bytes = await errataPdf(view);
    const lines = (await readPdfBytes(bytes)).pages.flatMap((p) => p.lines.map(squash));
    expect(lines.find((l) => l.includes('100件'))).toContain('100件（削除）');
    expect(lines.some((l) => l.endsWith('旧新'))).toBe(true);
    const r = await checkTags(bytes);
    expect(r.problems).toEqual([]);
    // the 正誤表's own date (view.date), in Info and XMP alike
    expect((await PDFDocument.load(bytes, { updateMetadata: false })).getCreationDate()?.toISOString()).toBe('2019-04-09T15:00:00.000Z');
    expect(r.xmp?.createDate).toBe('2019-04-09T15:00:00Z');
  });
});

describe('the 正誤表 PDF cells', () => {
  it('never end a 誤 or 正 on a line of one character, marks and all (「計画どおり実施 20／件」)', async () => {
    const { shortLastLines } = await import('./helpers/short-lines.js');
    // counts of growing length: at some of them the cell's width falls between the figure and 件
    const entries = Array.from({ length: 36 }, (_, k) => ({
      document: '事業実施結果',
      page: 1,
      line: k + 1,
      item: '柱ごとの目標の達成度',
      wrong: `1 復興への取組 ${'計画どおり実施'.slice(0, k % 7)}${'あ'.repeat(k)} 19件`,
      right: `1 復興への取組 ${'計画どおり実施'.slice(0, k % 7)}${'あ'.repeat(k)} 20件`,
    }));
    const view = { title: '計画', publication: { name: '公表版', date: '2019-03-29' }, date: '2019-04-10', issuer: '福島県', moved: [], entries };
    const pages = (await readPdfBytes(await errataPdf(view))).pages;
    expect(pages.flatMap((p) => p.lines).filter((l) => /件/.test(l)).length).toBeGreaterThan(0);
    expect(pages.flatMap(shortLastLines)).toEqual([]);
  });
});

describe('a schedule cell merged across years', () => {
  it('is one entry for the years it spans when they changed alike, one per year otherwise', async () => {
    const { compareFieldRows } = await import('../src/errata/compare.js');
    const { Wording, createHandlebars } = await import('../src/templates/index.js');
    const words = Wording.load(createHandlebars({}), 'errata');
    const names = ['H29', 'H30', 'R1', 'R2'].map((y) => words.get('field-schedule', { fyLabel: y }));
    const row = (labels: string[]) => ({
      key: 'entry-17',
      label: { no: 17, title: '事業' },
      find: '事業',
      fields: [...names.map((n, k): [string, string] => [n, labels[k]!]), ['目標', '行政運営'] as [string, string]],
      years: new Map(names.map((n, k) => [n, ['H29', 'H30', 'R1', 'R2'][k]!])),
    });
    const at = () => ({ page: 1, line: 1 });
    const same = compareFieldRows('冊子', 1, [row(['構築', '構築', '運用', '運用'])], [row(['構築', '構築', '運用・拡充', '運用・拡充'])], at, words);
    expect(same.map((e) => [e.item, e.wrong, e.right])).toEqual([['17 事業／スケジュール R1〜R2', '運用', '運用・拡充']]);
    const apart = compareFieldRows('冊子', 1, [row(['構築', '構築', '運用', '運用'])], [row(['構築', '構築', '運用・拡充', '拡充'])], at, words);
    expect(apart.map((e) => e.item)).toEqual(['17 事業／スケジュール R1', '17 事業／スケジュール R2']);
  });
});

describe('changed passages', () => {
  it('a text where the published PDF has no line to stand at is placed on page 1, line 1 (as a text not found is)', async () => {
    const { compareLines } = await import('../src/errata/compare.js');
    expect(compareLines('冊子', 1, [], [{ page: 3, line: 2, text: '追加した文' }])).toEqual([
      { document: '冊子', order: 1, page: 1, line: 1, wrong: '', right: '追加した文' },
    ]);
  });
});

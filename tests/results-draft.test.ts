// A results year that is not finished prints as a draft: the mark with its counts on every
// page (and in the workbook's sheet headers), the missing rows listed per 部局 as warnings,
// and totals that count only what is known. A finished year prints without the mark.
// Also: the 【活動概要】 words as the published report has them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildDataset, checkDataset } from '../src/pipeline.js';
import { newYear } from '../src/yearly/new-year.js';
import { readPdf, type PdfPage } from '../src/errata/pdf-lines.js';
import type { Problem } from '../src/problem.js';
import { formatProblem } from '../src/problem.js';
import { ROOT, squash } from './helpers/data.js';
import { out } from './outputs.js';
import { resolve } from '../src/resolve/index.js';

const SOURCE = path.join(ROOT, 'data', 'fukushima-ict-strategy');
const editJson = (file: string, edit: (j: any) => void) => {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  edit(j);
  writeFileSync(file, JSON.stringify(j, null, 2) + '\n');
};

// rows answered for 2018; 1-04 has a 達成度 that no 集計区分 lists
const ANSWERED: Record<string, object> = {
  '1-01': { budget: 120000, achievement: '計画どおり実施', outcome: '維持管理費を補助した。' },
  '1-02': { budget: null, achievement: '目標達成', outcome: '相談活動を実施した。' },
  '2-01': { budget: 5000, achievement: '概ね計画どおり実施', outcome: '実施した。' },
};
const ODD = { '1-04': { budget: 300, achievement: '検討中', outcome: '企画を進めた。' } };

let work: string;
let data: string;
let outDir: string;
let problems: Problem[];
let pages2018: PdfPage[];
let pages2017: PdfPage[];
let departmentOf: Map<string, string>;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'results-draft-'));
  data = path.join(work, 'fukushima-ict-strategy');
  outDir = path.join(work, 'out');
  cpSync(SOURCE, data, { recursive: true });
  expect(newYear(data, 2018).opened).toHaveLength(103);
  // new-year lists the year in fiscalYears itself
  expect(JSON.parse(readFileSync(path.join(data, 'dataset.json'), 'utf8')).documents.results.fiscalYears).toEqual([2017, 2018]);
  for (const [id, answer] of Object.entries({ ...ANSWERED, ...ODD }))
    editJson(path.join(data, 'initiatives', `${id}.json`), (j) => (j.results['2018'] = answer));
  // 2017 is read from the suite's build of the bundled data
  const r = await buildDataset(data, outDir, { log: () => {}, only: new Set(['results-2018.pdf', 'appendix.xlsx']) });
  problems = r.problems;
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  pages2018 = (await readPdf(path.join(outDir, 'fukushima-ict-strategy', 'results-2018.pdf'))).pages;
  pages2017 = (await readPdf(out('fukushima-ict-strategy', 'results-2017.pdf'))).pages;
  departmentOf = new Map(checkDataset(data).model!.initiatives.map((i) => [i.file, i.data.department]));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const MARK = '未確定（未回答 99 件、集計区分外 1 件）';

describe('a results year with rows unanswered', () => {
  it('carries the draft mark with its counts on every page', () => {
    expect(pages2018.length).toBeGreaterThan(5);
    pages2018.forEach((p) => expect(p.lines, `page ${p.number}`).toContain(MARK));
  });

  it('lists every unanswered or uncategorised initiative as a warning, file by file, grouped per 部局', () => {
    const rows = problems.filter((p) => p.file.startsWith('initiatives/') && p.path?.[1] === '2018');
    const unanswered = rows.filter((p) => p.message.includes('未回答'));
    const expected = [...departmentOf.keys()].filter(
      (f) => !Object.keys(ANSWERED).some((id) => f === `initiatives/${id}.json`) && f !== 'initiatives/1-04.json',
    );
    expect(unanswered.map((p) => p.file).sort()).toEqual(expected.sort());
    expect(unanswered.every((p) => p.severity === 'warning')).toBe(true);
    const one = unanswered.find((p) => p.file === 'initiatives/1-03.json')!;
    expect(formatProblem(one)).toMatch(
      /^警告 initiatives\/1-03\.json:\d+:\d+ results\.2018: 総務部（広報課）「インターネット広報広聴事業」: 2018年度の事業費・目標の達成度・取組実績・成果等が未回答です$/,
    );
    const odd = rows.find((p) => p.file === 'initiatives/1-04.json')!;
    expect(odd.path).toEqual(['results', '2018', 'achievement']);
    expect(odd.message).toContain('目標の達成度「検討中」は集計区分');
    // grouped: each 部局's warnings stand together, and the summary counts them per 部局
    const order = rows.map((p) => departmentOf.get(p.file)!);
    const groups = order.filter((d, i) => d !== order[i - 1]);
    expect(new Set(groups).size).toBe(groups.length);
    const summary = problems.find((p) => p.file === 'dataset.json' && p.path?.join('.') === 'documents.results.fiscalYears.1')!;
    expect(summary.severity).toBe('warning');
    expect(summary.message).toContain('2018年度の事業実施結果は未確定です（未回答 99 件、目標の達成度が集計区分外 1 件）');
    for (const d of groups) expect(summary.message).toContain(`${d} ${rows.filter((p) => departmentOf.get(p.file) === d).length} 件`);
    // the finished year gives no such warning
    expect(problems.some((p) => p.path?.[1] === '2017' || p.message.includes('2017年度の事業実施結果'))).toBe(false);
  });

  it('warns of a budget a thousand times last year’s (円 typed for 千円), however it came into the data', () => {
    const copy = path.join(work, 'yen');
    cpSync(data, copy, { recursive: true });
    editJson(path.join(copy, 'initiatives', '1-01.json'), (j) => (j.results['2018'] = { ...j.results['2018'], budget: j.results['2017'].budget * 1000 }));
    const found = checkDataset(copy).problems.filter(
      (p) => p.severity === 'warning' && p.file === 'initiatives/1-01.json' && p.message.includes('円で書いていませんか'),
    );
    expect(found.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^[^「]+「[^」]+」: 2018年度の事業費 135,304,000 千円は前年度（135,304 千円）の 500 倍以上です。円で書いていませんか（事業費は千円で書きます）$/,
      ),
    ]);
    // the bundled data (a 289億円 project among them) has none
    expect(checkDataset(SOURCE).problems.filter((p) => p.message.includes('円で書いていませんか'))).toEqual([]);
  });

  it('counts only what is known: no その他 column, known budgets summed, — where none is known', () => {
    const first = pages2018[0].lines;
    const head = first.find((l) => l.startsWith('柱 事業数'))!;
    expect(head).toBe('柱 事業数 うち新規 事業費合計（千円） 計画どおり実施 目標達成 一部実施 未実施 該当なし');
    // pillar 1: 01 and 02 answered (計画どおり実施, 目標達成), 04 counted in no category
    expect(first).toContain('1 復興への取組 13 0 120,300 1 1 0 0 0');
    expect(first).toContain('2 産業振興・地域活性化 20 0 5,000 1 0 0 0 0');
    expect(first).toContain('3 安全・安心、防災への対応 25 0 — 0 0 0 0 0');
    expect(first).toContain('合計 103 0 125,300 2 1 0 0 0');
    expect(squash(pages2018[0].text)).toContain('※未確定：未回答の事業は目標の達成度の集計に数えず');
    // an unanswered row says so in its cells instead of printing — as if there were no budget
    const row3 = pages2018[1].lines.find((l) => l.startsWith('3 インターネット広報広聴事業'))!;
    expect(row3).toContain('未回答 未回答 未回答');
  });

  it('draws each bar as long as the count written after it: the initiatives not counted are a part of their own, in the legend and the words', () => {
    const view = resolve(checkDataset(data).model!).results.find((v) => v.fiscalYear === 2018)!;
    // pillar 1: 13 initiatives, 2 counted (計画どおり実施, 目標達成), 11 not (10 unanswered, 1-04 in no category)
    expect(view.texts.chart.labels).toEqual(['計画どおり実施', '目標達成', '一部実施', '未実施', '該当なし', '集計外（未回答など）']);
    expect(view.texts.chart.counts[0]).toEqual([1, 1, 0, 0, 0, 11]);
    view.pillars.forEach((p, k) =>
      expect(
        view.texts.chart.counts[k]!.reduce((a, b) => a + b, 0),
        p.heading,
      ).toBe(p.summary.count),
    );
    expect(view.texts.chartAlt).toContain('1 復興への取組：13件（計画どおり実施 1件、目標達成 1件、集計外（未回答など） 11件）');
    expect(squash(pages2018[0].text)).toContain('集計外（未回答など）');
    // a finished year's chart is its categories alone
    const done = resolve(checkDataset(SOURCE).model!).results.find((v) => v.fiscalYear === 2017)!;
    expect(done.texts.chart.labels).not.toContain('集計外（未回答など）');
    expect(done.texts.chart.counts[0]).toEqual(done.pillars[0]!.summary.achievements);
  });

  it('marks the workbook sheets of that year, and only those', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(outDir, 'fukushima-ict-strategy', 'appendix.xlsx'));
    expect(wb.getWorksheet('事業実施結果 H30')!.headerFooter.oddHeader).toBe(`&R${MARK}`);
    expect(wb.getWorksheet('集計 H30')!.headerFooter.oddHeader).toBe(`&R${MARK}`);
    expect(wb.getWorksheet('事業実施結果 H29')!.headerFooter.oddHeader).toBeFalsy();
    // dated as its latest sheet is: the FY2018 draft (2019-04-01), not the FY2017 publication (2018-06-01)
    expect(wb.created.toISOString()).toBe('2019-04-01T00:00:00.000Z');
  });

  it('prints a finished year without the mark, and the year once every row is answered', async () => {
    for (const p of pages2017) expect(p.text, `page ${p.number}`).not.toContain('未確定');
    // answer the rest: the 2018 report is no longer a draft
    for (const file of departmentOf.keys())
      editJson(path.join(data, file), (j) => {
        const r = j.results['2018'];
        if (!r.outcome) j.results['2018'] = { budget: null, achievement: '計画どおり実施', outcome: '実施した。' };
      });
    editJson(path.join(data, 'initiatives', '1-04.json'), (j) => (j.results['2018'].achievement = '計画どおり実施'));
    const r = await buildDataset(data, outDir, { log: () => {}, only: new Set(['results-2018.pdf']) });
    expect(r.problems).toEqual([]);
    const { pages } = await readPdf(path.join(outDir, 'fukushima-ict-strategy', 'results-2018.pdf'));
    for (const p of pages) expect(p.text, `page ${p.number}`).not.toContain('未確定');
    expect(pages[0].lines).toContain('合計 103 0 125,300 102 1 0 0 0');
  });
});

describe('the 【活動概要】 as published', () => {
  const seed = readFileSync(path.join(ROOT, 'seeds', '003_6ae23ba59ccd8917.txt'), 'utf8').split('\n');
  const published = (start: string) => squash(seed.find((l) => l.startsWith(start))!);

  it('names the pillars as the published report does, sentence for sentence', async () => {
    const { pages } = await readPdf(out('fukushima-ict-strategy', 'results-2017.pdf'));
    const text = squash(pages[0].text);
    expect(text).toContain('「電子自治体・公共サービスの充実」');
    expect(text).not.toContain('「電子自治体・行政サービスの充実」');
    expect(text).toContain(published('本計画の柱である'));
    expect(text).toContain(published('「ふくしま創生ICT戦略（2015-2018）」は'));
    expect(text).toContain(squash(seed.find((l) => l.includes('アクションプラン2017に係る事業実施結果'))!));
    // the pillar's heading keeps the section's title, as the published report's heading does
    expect(pages.some((p) => p.lines.includes('5 電子自治体・行政サービスの充実'))).toBe(true);
    // the note on 目標の達成度※ stands under the first pillar's heading, before its table
    const p2 = pages[1].lines;
    expect(p2.findIndex((l) => l.startsWith('※ 目標の達成度：'))).toBe(1);
    expect(p2[0]).toBe('1 復興への取組');
  });

  it('rejects a pillar name for a section that is not a pillar, naming the place', () => {
    const w = mkdtempSync(path.join(tmpdir(), 'pillar-names-'));
    try {
      cpSync(SOURCE, w, { recursive: true });
      editJson(path.join(w, 'dataset.json'), (j) => (j.documents.results.pillarNames = { '5': '電子自治体・公共サービスの充実', '5-1': 'x' }));
      const { problems: ps } = checkDataset(w);
      const e = ps.filter((p) => p.severity === 'error');
      expect(e).toHaveLength(1);
      expect(formatProblem(e[0])).toMatch(/^エラー dataset\.json:\d+:\d+ documents\.results\.pillarNames\.5-1: 柱 "5-1" は sections の最上位の節にありません/);
    } finally {
      rmSync(w, { recursive: true, force: true });
    }
  });
});

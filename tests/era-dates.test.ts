// Real dates in the era in force on them, on both sides of 1 May 2019 (令和元年), in every
// document that prints one: the results report's face, the 正誤表's 公表日 and its list of
// corrections, the survey workbook's 回答期限, the booklet; and publish, which gives the
// documents it records the date it records. The small fixture's plan is of March 2019
// (era.asOf 2019-03-01): its own years after that stay 平成 (平成32年度).
import { describe, it, expect } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { renderDataset } from '../src/render-dataset.js';
import { readPdf, readPdfBytes } from '../src/errata/pdf-lines.js';
import { errata } from '../src/errata/index.js';
import { buildDataset } from '../src/pipeline.js';
import { surveyExport } from '../src/survey/export.js';
import { runCli } from './helpers/cli.js';
import { squash } from './helpers/data.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');

/** A copy of the small fixture in a temporary folder, changed by `change`; removed after `use`. */
async function withMini(change: (dir: string, edit: (f: (j: any) => void) => void) => void, use: (dir: string, work: string) => Promise<void>): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'era-dates-'));
  try {
    const dir = path.join(work, 'mini');
    cpSync(MINI, dir, { recursive: true });
    const edit = (f: (j: any) => void) => {
      const j = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
      f(j);
      writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(j, null, 2) + '\n');
    };
    change(dir, edit);
    await use(dir, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The text of one document of a data set, rendered in memory, without whitespace. */
async function textOf(dir: string, name: string): Promise<string[]> {
  const r = await renderDataset(dir, { log: () => {}, only: new Set([name]) });
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const bytes = r.outputs.find((o) => o.name === name)!.bytes;
  return (await readPdfBytes(bytes)).pages.map((p) => squash(p.text));
}

const cellText = (v: ExcelJS.CellValue): string => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v ?? ''));

describe('the results report is written on its own date', () => {
  it('published 2019-04-30 its face says 平成31年4月, published 2019-05-01 令和元年5月 (the plan of March 2019 does not decide it)', async () => {
    for (const [publishedOn, face, never] of [
      ['2019-04-30', '平成31年4月', '令和'],
      ['2019-05-01', '令和元年5月', '平成31年5月'],
    ])
      await withMini(
        (_, edit) => edit((j) => (j.documents.results.publishedOn = { '2017': publishedOn })),
        async (dir) => {
          const [first] = await textOf(dir, 'results-2017.pdf');
          expect(first).toContain(`事業実施結果${face}テスト県`);
          expect(first).not.toContain(never);
        },
      );
  });
});

describe('the booklet', () => {
  it('writes a real date in its own era, and still names its later fiscal years as in March 2019', async () => {
    await withMini(
      (dir, edit) => {
        edit(
          (j) =>
            (j.history = [
              { date: '2019-03', event: '策定' },
              { date: '2019-05', event: '改定' },
            ]),
        );
        const intro = path.join(dir, 'text', 'intro.md.hbs');
        writeFileSync(intro, readFileSync(intro, 'utf8') + '\n{{date "2019-04-30"}}に公表し、{{date "2019-05-01"}}に改めました。\n');
      },
      async (dir) => {
        const pages = await textOf(dir, 'plan-booklet.pdf');
        const all = pages.join('');
        // the cover's history: events that happened
        expect(pages[0]).toContain('平成31年(2019年)3月策定');
        expect(pages[0]).toContain('令和元年(2019年)5月改定');
        expect(all).toContain('平成31年4月30日に公表し、令和元年5月1日に改めました。');
        expect(all).not.toContain('平成31年5月1日');
        // the plan's own years after its date, as people wrote them in March 2019
        expect(all).toContain('平成29年度から平成32年度までの計画です。');
      },
    );
  });
});

describe('the survey workbook', () => {
  it('prints the 回答期限 2019-04-30 as 平成31年4月30日 and 2019-05-01 as 令和元年5月1日, in the book of FY2018', async () => {
    for (const [deadline, written] of [
      ['2019-04-30', '平成31年4月30日（2019/04/30）'],
      ['2019-05-01', '令和元年5月1日（2019/05/01）'],
    ])
      await withMini(
        (_, edit) => edit((j) => (j.documents.results.survey = { deadline })),
        async (dir, work) => {
          const out = path.join(work, 'books');
          const r = await surveyExport(dir, 2018, out);
          expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.readFile(path.join(out, '総務部.xlsx'));
          const cover = wb.getWorksheet('記入のしかた')!;
          const row = cover
            .getSheetValues()
            .find((v) => Array.isArray(v) && v.some((c) => cellText(c as ExcelJS.CellValue) === '回答期限')) as ExcelJS.CellValue[];
          expect(row.map(cellText)).toContain(written);
        },
      );
  });

  it('is written on its year’s date: FY2019’s book, made in April 2020, says 令和元年度 (the plan of March 2019 said 平成31年度)', async () => {
    await withMini(
      () => {},
      async (dir, work) => {
        const out = path.join(work, 'books');
        expect((await surveyExport(dir, 2019, out)).problems.filter((p) => p.severity === 'error')).toEqual([]);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path.join(out, '企画部.xlsx'));
        expect(cellText(wb.getWorksheet('記入のしかた')!.getCell('A1').value)).toContain('令和元年度 事業実施結果 照会');
        // last year's column: FY2018, before the book's date, in its own era
        expect(cellText(wb.getWorksheet('事業実施結果')!.getCell('I1').value)).toContain('H30年度');
        expect(wb.created.toISOString().slice(0, 10)).toBe('2020-04-01');
      },
    );
  });
});

describe('the 正誤表', () => {
  it('names the publication by its 公表日 in the era of that day, and lists a changed face date as a correction', async () => {
    await withMini(
      (_, edit) => edit((j) => (j.documents.results.publishedOn = { '2017': '2019-05-01' })),
      async (dir, work) => {
        // the record: the data as published, its report dated 2019-04-30 (one day before 令和)
        const record = path.join(work, 'record');
        mkdirSync(record);
        cpSync(dir, path.join(record, 'data'), { recursive: true });
        const published = path.join(record, 'data', 'dataset.json');
        writeFileSync(published, readFileSync(published, 'utf8').replace('"2017": "2019-05-01"', '"2017": "2019-04-30"'));
        writeFileSync(path.join(record, 'publication.json'), JSON.stringify({ label: '初版', date: '2019-05-01', dataset: 'mini', inputs: '', files: [] }));
        // built from the corrected data first: the 正誤表 stands beside those documents
        await buildDataset(dir, path.join(work, 'out'), { log: () => {} });
        const r = await errata(dir, record, path.join(work, 'out'), () => {});
        expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const { pages } = await readPdf(path.join(work, 'out', 'mini', 'errata.pdf'));
        const text = squash(pages.map((p) => p.text).join(''));
        expect(text).toContain(squash('公表版：初版（令和元年5月1日公表）'));
        expect(text).toContain(squash('表紙の日付・発行者'));
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path.join(work, 'out', 'mini', 'errata.xlsx'));
        const ws = wb.worksheets[0];
        expect(cellText(ws.getCell('A1').value)).toContain('公表版：初版（令和元年5月1日公表）');
        const rows: string[][] = [];
        ws.eachRow((row, n) => {
          if (n > 2) rows.push([1, 2, 3, 4, 5, 6].map((c) => cellText(row.getCell(c).value)));
        });
        expect(rows).toContainEqual([
          '事業実施結果（平成29年度）',
          '1',
          expect.any(String),
          '表紙の日付・発行者',
          '平成31年4月　テスト県',
          '令和元年5月　テスト県',
        ]);

        // a publication of the day before: 平成31年4月30日
        writeFileSync(path.join(record, 'publication.json'), JSON.stringify({ label: '初版', date: '2019-04-30', dataset: 'mini', inputs: '', files: [] }));
        expect((await errata(dir, record, path.join(work, 'out'), () => {})).problems.filter((p) => p.severity === 'error')).toEqual([]);
        const day0 = await readPdf(path.join(work, 'out', 'mini', 'errata.pdf'));
        expect(squash(day0.pages[0].text)).toContain(squash('公表版：初版（平成31年4月30日公表）'));
      },
    );
  });
});

describe('publish --date', () => {
  it('dates the results year it publishes (dataset.json, as written), builds its report again and records that', async () => {
    await withMini(
      () => {},
      async (dir, work) => {
        const out = path.join(work, 'out');
        const pub = path.join(work, 'published');
        const before = readFileSync(path.join(dir, 'dataset.json'), 'utf8');
        expect(runCli(['build', '--data', dir, '--out', out, '--quiet']).code).toBe(0);
        const r = runCli(['publish', '--data', dir, '--out', out, '--published', pub, '--label', '初版', '--date', '2019-05-01']);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain('2017年度の公表日 2019-05-01 を書き、文書を作り直しました（results-2017.pdf の表紙: 令和元年5月　テスト県）');
        // the one change, in the file's own layout
        const after = readFileSync(path.join(dir, 'dataset.json'), 'utf8');
        expect(after).toBe(
          before.replace(
            '"purpose": "テスト県の情報化を進めるための指針"',
            '"purpose": "テスト県の情報化を進めるための指針",\n      "publishedOn": {\n        "2017": "2019-05-01"\n      }',
          ),
        );
        // the recorded report shows the recorded date
        const recorded = await readPdf(path.join(pub, 'mini', '初版', 'output', 'results-2017.pdf'));
        expect(squash(recorded.pages[0].text)).toContain('令和元年5月テスト県');
        expect(JSON.parse(readFileSync(path.join(pub, 'mini', '初版', 'publication.json'), 'utf8')).date).toBe('2019-05-01');
        expect(readFileSync(path.join(pub, 'mini', '初版', 'data', 'dataset.json'), 'utf8')).toBe(after);
        // and the year is closed: answers come in only as corrections
        const books = path.join(work, 'books');
        expect(runCli(['survey-export', '--data', dir, '--fiscal-year', '2017', '--out', books]).code).toBe(0);
        const late = runCli(['survey-import', '--data', dir, '--fiscal-year', '2017', books]);
        expect(late.code).toBe(1);
        expect(late.stderr).toContain('2017年度の事業実施結果は公表済みです（令和元年5月1日公表）');
      },
    );
  });

  it('refuses a date before a year’s publishedOn, naming the place, and records nothing', async () => {
    await withMini(
      (_, edit) => edit((j) => (j.documents.results.publishedOn = { '2017': '2019-05-01' })),
      async (dir, work) => {
        const out = path.join(work, 'out');
        const pub = path.join(work, 'published');
        expect(runCli(['build', '--data', dir, '--out', out, '--quiet']).code).toBe(0);
        const before = readFileSync(path.join(dir, 'dataset.json'), 'utf8');
        const r = runCli(['publish', '--data', dir, '--out', out, '--published', pub, '--label', '初版', '--date', '2019-04-30']);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(
          /エラー .*dataset\.json:\d+:\d+ documents\.results\.publishedOn\.2017: 2017年度の報告書の公表日（2019-05-01）が --date の 2019-04-30 より後です/,
        );
        expect(existsSync(pub)).toBe(false);
        expect(readFileSync(path.join(dir, 'dataset.json'), 'utf8')).toBe(before);
      },
    );
  });

  // a date typed as people write it (2019/8/30, 2019年8月30日) is refused as a usage error that gives the form to type
  it('offers a date typed with slashes or 年月日 in the form --date takes (publish, errata, new-plan)', async () => {
    const { isoDateMeant } = await import('../src/date-meant.js');
    expect(['2019/8/30', '2019.08.30', '２０１９年８月３０日', '2019-8-30', '2019/2/30', '8/30'].map(isoDateMeant)).toEqual([
      '2019-08-30',
      '2019-08-30',
      '2019-08-30',
      '2019-08-30',
      undefined,
      undefined,
    ]);
    await withMini(
      () => {},
      async (dir, work) => {
        for (const args of [
          ['publish', '--data', dir, '--out', path.join(work, 'out'), '--published', path.join(work, 'pub'), '--label', '初版', '--date', '2019/8/30'],
          ['errata', '--data', dir, '--against', '初版', '--out', path.join(work, 'out'), '--published', path.join(work, 'pub'), '--date', '2019/8/30'],
          ['new-plan', '--from', dir, '--period', '2021-2025', '--date', '2019/8/30', '--id', 'next', '--out', path.join(work, 'next')],
        ]) {
          const r = runCli(args);
          expect(r.code, args[0]).toBe(2);
          expect(r.stderr, args[0]).toContain('（「2019/8/30」になっています。--date 2019-08-30 と書いてください）');
        }
      },
    );
  });

  // every report already published (2018-06-01): recorded as published on 2019-08-30, the record
  // and its 正誤表 would name a day that no document shows (their face: 平成30年6月)
  it('refuses a first record dated after the day every report was published, naming the place and the date to give; records that date, and a later correction', async () => {
    await withMini(
      (_, edit) => edit((j) => (j.documents.results.publishedOn = '2018-06-01')),
      async (dir, work) => {
        const out = path.join(work, 'out');
        const pub = path.join(work, 'published');
        expect(runCli(['build', '--data', dir, '--out', out, '--quiet']).code).toBe(0);
        const before = readFileSync(path.join(dir, 'dataset.json'), 'utf8');
        const r = runCli(['publish', '--data', dir, '--out', out, '--published', pub, '--label', '初版', '--date', '2019-08-30']);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/エラー .*dataset\.json:\d+:\d+ documents\.results\.publishedOn: 報告書はどれも公表済みで（最後は 2017年度、2018-06-01。/);
        expect(r.stderr).toContain('その公表を記録するなら --date 2018-06-01 を指定してください');
        expect(existsSync(pub)).toBe(false);
        expect(readFileSync(path.join(dir, 'dataset.json'), 'utf8')).toBe(before);
        // the day it was published is recorded
        const first = runCli(['publish', '--data', dir, '--out', out, '--published', pub, '--label', '初版', '--date', '2018-06-01']);
        expect(first.code, first.stderr).toBe(0);
        // a correction recorded later, against that record, keeps its own day
        writeFileSync(path.join(dir, 'dataset.json'), before.replace('"テスト県"', '"テスト県（訂正）"'));
        expect(runCli(['build', '--data', dir, '--out', out, '--quiet']).code).toBe(0);
        const second = runCli(['publish', '--data', dir, '--out', out, '--published', pub, '--label', '訂正版', '--date', '2019-08-30']);
        expect(second.code, second.stderr).toBe(0);
        expect(JSON.parse(readFileSync(path.join(pub, 'mini', '訂正版', 'publication.json'), 'utf8')).date).toBe('2019-08-30');
      },
    );
  });
});

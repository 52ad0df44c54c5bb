// Every printed workbook — both appendices (付表), the 正誤表 workbooks, the survey workbooks
// (照会用のブック) and the 未回答・要確認一覧 — printed through LibreOffice as the prefecture's staff
// print them (issues 15 and 23): with BIZ UDPゴシック resolvable by the name the workbooks ask
// for (as on a PC that has the font), text of 8 pt or more on landscape A4 (A3 for the wider
// appendix sheets), header cells that never break inside a word, columns as wide as their
// content, rows as tall as their text (nothing runs out of its row, no row much taller), no
// cell's text ending on a line of one character; and on a PC without the font, still 8 pt or
// more. The workbooks are made the way a user makes them: build; build → publish → correct →
// errata (and the booklet's, whose pages move); survey:export; new-year → survey:status.
// All of them are printed in one LibreOffice run per font condition, both at once. CI installs
// LibreOffice (.ci/run).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDataset } from '../src/pipeline.js';
import { publish } from '../src/publish/index.js';
import { errata } from '../src/errata/index.js';
import { surveyExport } from '../src/survey/export.js';
import { surveyStatus } from '../src/survey/status.js';
import { newYear } from '../src/yearly/new-year.js';
import { textUnits } from '../src/documents/text-width.js';
import { SHEET_FONT_SIZE } from '../src/render/sheet-text.js';
import { initiatives } from './helpers/data.js';
import { out as built } from './outputs.js';
import { readPdf } from '../src/errata/pdf-lines.js';
import { printedSizes } from './helpers/printed-sizes.js';
import {
  soffice,
  printWorkbooks,
  cellText,
  headerWords,
  brokenWords,
  topLines,
  overlapping,
  unreadable,
  tallRows,
  loneLastLines,
} from './helpers/printed-sheets.js';
import { ROOT } from './helpers/data.js';

const edit = (file: string, from: string, to: string) => {
  const t = readFileSync(file, 'utf8');
  expect(t).toContain(from);
  writeFileSync(file, t.replace(from, to));
};

if (!soffice) {
  if (process.env.CI) throw new Error('LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui');
  console.warn('\n*** LibreOffice (soffice) is not installed: the printed-workbook tests are SKIPPED (apt-get install libreoffice-calc-nogui) ***\n');
}

/** A printed workbook: its file, and the rows of each sheet that hold its column headers. */
interface Book {
  file: string;
  headerRows: (ws: ExcelJS.Worksheet) => number[];
}

describe.skipIf(!soffice)('workbooks printed through LibreOffice', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'wb-print-'));
  const books: Book[] = [];
  const loaded = new Map<string, ExcelJS.Workbook>();
  const printed = new Map<string, string>();
  /** the same workbooks printed on a PC without the font */
  const substituted = new Map<string, string>();
  const appendix = (id: string) => built(id, 'appendix.xlsx');

  beforeAll(async () => {
    const log = () => {};
    const out = path.join(work, 'out');
    // both appendices, as the build made them (tests/setup)
    for (const id of ['miyagi-ict-plan', 'fukushima-ict-strategy'])
      books.push({ file: appendix(id), headerRows: (ws) => (ws.name === '主な取組一覧' ? [1, 2] : [1]) });
    // the 正誤表 as publish-errata.test.ts makes it: build, publish, correct a budget and a title, errata
    const data = path.join(work, 'fukushima-ict-strategy');
    const pub = path.join(work, 'published');
    cpSync(path.join(ROOT, 'data', 'fukushima-ict-strategy'), data, { recursive: true });
    expect((await buildDataset(data, out, { log })).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect((await publish(data, '公表版', '2018-06-01', out, pub, data)).problems.filter((p) => p.severity === 'error')).toEqual([]);
    edit(path.join(data, 'initiatives', '1-01.json'), '"budget": 135304', '"budget": 136000');
    edit(path.join(data, 'initiatives', '1-02.json'), '"title": "避難者見守り活動支援事業"', '"title": "避難者見守り活動支援事業（訂正）"');
    await buildDataset(data, out, { log });
    expect((await errata(data, '公表版', out, log, pub)).problems.filter((p) => p.severity === 'error')).toEqual([]);
    books.push({ file: path.join(out, 'fukushima-ict-strategy', 'errata.xlsx'), headerRows: () => [2] });
    // the booklet's 正誤表 (against the bundled data): a longer text moves pages, which gives it its second sheet
    const plan = path.join(work, 'miyagi-ict-plan');
    cpSync(path.join(ROOT, 'data', 'miyagi-ict-plan'), plan, { recursive: true });
    edit(
      path.join(plan, 'initiatives', '009.json'),
      '"title": "宮城県河川流域情報システム（MIRAI）の運用"',
      '"title": "宮城県河川流域情報システム（MIRAI）の運用・高度化"',
    );
    appendFileSync(path.join(plan, 'text', '1-1-1.md.hbs'), `\n${'県民への情報提供を一層充実させます。'.repeat(40)}\n`);
    await buildDataset(plan, out, { log });
    const e = await errata(plan, path.join(ROOT, 'data', 'miyagi-ict-plan'), out, log);
    expect(e.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(e.view?.moved.length).toBeGreaterThan(0);
    books.push({ file: path.join(out, 'miyagi-ict-plan', 'errata.xlsx'), headerRows: () => [2] });
    // the survey workbooks of a year with its results filled in (the longest cells)
    const sent = path.join(work, 'survey');
    expect((await surveyExport(data, 2017, sent)).problems.filter((p) => p.severity === 'error')).toEqual([]);
    for (const f of readdirSync(sent).sort()) books.push({ file: path.join(sent, f), headerRows: (ws) => (ws.name === '事業実施結果' ? [1] : []) });
    // the 未回答・要確認一覧 of a year just opened (every initiative unanswered)
    const next = path.join(work, 'next');
    cpSync(path.join(ROOT, 'data', 'fukushima-ict-strategy'), next, { recursive: true });
    expect(newYear(next, 2018).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const status = path.join(work, '未回答・要確認一覧.xlsx');
    expect(
      await surveyStatus(
        next,
        2018,
        status,
        () => {},
        () => {},
      ),
    ).toBe(0);
    books.push({ file: status, headerRows: () => [1] });
    // the 進ちょく状況's appendix sheet (指標の進ちょく), as the build made it
    books.push({ file: appendix('sample-progress'), headerRows: () => [1] });
    for (const b of books) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(b.file) as unknown as ArrayBuffer);
      loaded.set(b.file, wb);
    }
    const [installed, missing] = await Promise.all([
      printWorkbooks(
        books.map((b) => b.file),
        path.join(work, 'installed'),
        'installed',
      ),
      printWorkbooks(
        books.map((b) => b.file),
        path.join(work, 'missing'),
        'missing',
      ),
    ]);
    for (const [file, pdf] of installed) printed.set(file, pdf);
    for (const [file, pdf] of missing) substituted.set(file, pdf);
  }, 400_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const label = (b: Book) => (b.file.startsWith(work) ? path.relative(work, b.file) : path.relative(built(), b.file));
  const visible = (b: Book) => loaded.get(b.file)!.worksheets.filter((w) => w.state === 'visible');
  const isAppendix = (b: Book) => path.basename(b.file) === 'appendix.xlsx';

  it('prints both appendices, the 正誤表 (both sheets), every 部局’s survey workbook and the 未回答・要確認一覧', () => {
    expect(books.length).toBeGreaterThan(12);
    expect(visible(books[0]).map((w) => w.name)).toEqual(['主な取組一覧']);
    expect(visible(books[1]).map((w) => w.name)).toEqual(['事業実施結果 H29', '集計']);
    expect(visible(books[2]).map((w) => w.name)).toEqual(['正誤表']);
    expect(visible(books[3]).map((w) => w.name)).toEqual(['正誤表', '頁の移動']);
  });

  it('sets every sheet to print at 100 % on landscape paper, never fitted to the page (which shrinks the text)', () => {
    for (const b of books)
      for (const ws of visible(b)) {
        expect(ws.pageSetup, `${label(b)} ${ws.name}`).toMatchObject({ orientation: 'landscape', scale: 100 });
        expect(ws.pageSetup.fitToPage, `${label(b)} ${ws.name}`).toBeFalsy();
        expect([8, 9], `${label(b)} ${ws.name}`).toContain(ws.pageSetup.paperSize);
      }
  });

  it('prints every page with text of 8 pt or more, on landscape A4 (A3 only for the wider appendix sheets)', async () => {
    for (const b of books) {
      const pages = await printedSizes(printed.get(b.file)!);
      expect(pages.length, label(b)).toBeGreaterThan(0);
      expect(unreadable(pages), label(b)).toEqual([]);
      // the sheet's own size, not shrunk
      expect(Math.min(...pages.flatMap((p) => p.items.map((i) => i.size))), label(b)).toBeCloseTo(SHEET_FONT_SIZE, 1);
      // none but the appendices needs A3: they are sized for A4
      if (!isAppendix(b))
        expect(
          pages.filter((p) => Math.round(p.width) !== 842).map((p) => p.number),
          label(b),
        ).toEqual([]);
    }
  });

  it('prints with text of 8 pt or more on a PC without the font too (another font, other widths: the same scale)', async () => {
    for (const b of books) {
      const pages = await printedSizes(substituted.get(b.file)!);
      expect(pages.length, label(b)).toBeGreaterThan(0);
      expect(unreadable(pages), `${label(b)} without the font`).toEqual([]);
    }
  });

  it('prints rows as tall as their text: no row more than one and a half lines taller', async () => {
    for (const b of books) {
      const pages = await printedSizes(printed.get(b.file)!);
      const seen = pages.map((p) => tallRows(p));
      // the check reads the rows from the borders LibreOffice draws: it must have found them
      expect(
        seen.reduce((n, s) => n + s.rows, 0),
        label(b),
      ).toBeGreaterThan(pages.length);
      expect(
        seen.flatMap((s) => s.tall),
        label(b),
      ).toEqual([]);
    }
  });

  // Still open (issue 23): four cells of the Fukushima appendix's results sheet, where the
  // LibreOffice used here breaks before 「。」 (it applies no Japanese line-breaking rules with
  // its en-US profile) and no width of the two long text columns that fits A3 avoids it. Listed
  // by name so that any other cell fails at once, and a fixed one fails until it is removed here.
  const OPEN = [/千／円/, /営強化を支援する／。/, /開発・実証を行う／。/, /画どおり実施した／。/];

  it('ends no cell’s text on a line of one character (「努めた／。」), but the four cells still open', async () => {
    const lone: string[] = [];
    for (const b of books) for (const l of (await printedSizes(printed.get(b.file)!)).flatMap(loneLastLines)) lone.push(`${label(b)} ${l}`);
    expect(lone.filter((l) => !OPEN.some((r) => r.test(l)))).toEqual([]);
    expect(OPEN.filter((r) => !lone.some((l) => r.test(l))).map(String), 'fixed: remove from OPEN').toEqual([]);
  });

  it('converts the appendix summary with its formulas recalculated to the same totals', async () => {
    const { pages } = await readPdf(printed.get(appendix('fukushima-ict-strategy'))!);
    const total = initiatives('fukushima-ict-strategy').reduce((a, r) => a + (r.data.results['2017'].budget ?? 0), 0);
    expect(pages.map((p) => p.text).join('\n')).toContain(total.toLocaleString('en-US'));
  });

  it('breaks no header cell inside a word (「事業／番号」)', async () => {
    for (const b of books) {
      const { pages } = await readPdf(printed.get(b.file)!);
      for (const ws of visible(b)) {
        const words = headerWords(ws, b.headerRows(ws));
        if (!words.length) continue;
        // the pages of this sheet: those whose top lines print most of its header's words whole
        // (a cover page names a few of them in its instructions)
        const own = pages.filter((p) => words.filter((w) => topLines(p).some((l) => l.includes(w))).length >= words.length * 0.8);
        expect(own.length, `${label(b)} ${ws.name}`).toBeGreaterThan(0);
        expect(brokenWords(own, words), `${label(b)} ${ws.name}`).toEqual([]);
      }
    }
  });

  it('prints every code of an ID column on one line (never 「4-／02」)', async () => {
    let checked = 0;
    for (const b of books) {
      const { pages } = await readPdf(printed.get(b.file)!);
      const printedWords = new Set(pages.flatMap((p) => p.segments.flatMap((s) => s.text.split(/\s+/))));
      for (const ws of visible(b)) {
        const head = b.headerRows(ws);
        if (!head.length || ws.getRow(Math.max(...head)).getCell(1).value !== 'ID') continue;
        const codes: string[] = [];
        for (let r = Math.max(...head) + 1; r <= ws.rowCount; r++) {
          const v = cellText(ws.getRow(r).getCell(1));
          if (v && /^[0-9A-Za-z]+(?:-[0-9A-Za-z]+)+$/.test(v)) codes.push(v);
        }
        checked += codes.length;
        expect(
          codes.filter((c) => !printedWords.has(c)),
          `${label(b)} ${ws.name}`,
        ).toEqual([]);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('prints all of every cell, and no text runs out of its row into the next', async () => {
    for (const b of books) {
      const name = label(b);
      const { pages } = await readPdf(printed.get(b.file)!);
      expect(pages.flatMap(overlapping), name).toEqual([]);
      const want = new Map<string, number>();
      for (const ws of visible(b))
        ws.eachRow((row) =>
          row.eachCell((c) => {
            const t = c.master === c ? cellText(c) : undefined;
            for (const ch of (t ?? '').replace(/\s/g, '')) want.set(ch, (want.get(ch) ?? 0) + 1);
          }),
        );
      const got = new Map<string, number>();
      for (const ch of pages
        .map((p) => p.items.map((i) => i.str).join(''))
        .join('')
        .replace(/\s/g, ''))
        got.set(ch, (got.get(ch) ?? 0) + 1);
      const missing = [...want].filter(([ch, n]) => (got.get(ch) ?? 0) < n).map(([ch, n]) => `${ch}×${n - (got.get(ch) ?? 0)}`);
      expect(missing, name).toEqual([]);
    }
  });

  it('makes no column much wider than its content and its header’s words (columns left blank for writing in excepted)', () => {
    // (the appendices keep set minimum widths: 事業番号 over numbers of one or two digits)
    for (const b of books.filter((x) => !isAppendix(x)))
      for (const ws of visible(b)) {
        const head = b.headerRows(ws);
        if (!head.length) continue;
        const last = Math.max(...head);
        ws.columns.forEach((col, k) => {
          let need = 0;
          let filled = false;
          for (let r = 1; r <= ws.rowCount; r++) {
            const c = ws.getRow(r).getCell(k + 1);
            // merged group rows and titles span the sheet: they need no one column
            if (c.isMerged) continue;
            const t = cellText(c) ?? (typeof c.value === 'number' ? c.value.toLocaleString('en-US') : undefined);
            if (!t) continue;
            if (r > last) filled = true;
            const header = r <= last && head.includes(r);
            const pieces = header ? t.split(/[\s\u3000]+/) : t.split('\n');
            need = Math.max(need, ...pieces.map((p) => textUnits(p, header)));
          }
          if (filled) expect(col.width, `${label(b)} ${ws.name} column ${k + 1}`).toBeLessThanOrEqual(Math.ceil(need * 1.1 + 3));
        });
      }
  });
});

// The correction cycle as a user walks it, on a copy of the Fukushima data set: build, record
// the publication under a label, correct a budget and a title, make the 正誤表 against the
// label; the reader-facing text of errata.pdf and errata.xlsx is checked.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { readPdf } from '../src/errata/pdf-lines.js';
import { shortLastLines } from './helpers/short-lines.js';
import { checkTags } from './helpers/tag-check.js';
import { ROOT, squash } from './helpers/data.js';

// the compiled command, as npm run runs it (compiled once by the suite's set-up): nine runs from sources took over a minute on a busy machine
const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
const edit = (file: string, from: string, to: string) => {
  const t = readFileSync(file, 'utf8');
  expect(t).toContain(from);
  writeFileSync(file, t.replace(from, to));
};

/** The text of each column of a table page, top to bottom (items assigned by their left edge). */
function columns(items: { x: number; y: number; str: string }[], lefts: number[]): string[] {
  const out = lefts.map(() => '');
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  for (const it of sorted) {
    let k = lefts.length - 1;
    while (k > 0 && it.x < lefts[k]) k--;
    out[k] += it.str;
  }
  return out.map(squash);
}

describe('publish, then errata against the label', () => {
  it('refuses to record a data set whose report of a year is still a draft (未確定), recording nothing', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'publish-draft-'));
    try {
      const data = path.join(work, 'fukushima-ict-strategy');
      const out = path.join(work, 'out');
      const pub = path.join(work, 'published');
      cpSync(path.join(ROOT, 'data', 'fukushima-ict-strategy'), data, { recursive: true });
      expect(cli('new-year', '--data', data, '--fiscal-year', '2018').status).toBe(0);
      expect(cli('build', '--data', data, '--out', out, '--quiet').status).toBe(0);
      const p = cli('publish', '--data', data, '--out', out, '--published', pub, '--label', '途中版', '--date', '2019-03-29');
      expect(p.status).toBe(1);
      expect(p.stderr).toMatch(/未確定の報告書があるため記録しません（平成30年度: 未回答 \d+ 件/);
      expect(existsSync(pub)).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('records the publication, refuses the label twice, and lists the corrections by field with the publication named', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'publish-'));
    try {
      const data = path.join(work, 'fukushima-ict-strategy');
      const out = path.join(work, 'out');
      const pub = path.join(work, 'published');
      cpSync(path.join(ROOT, 'data', 'fukushima-ict-strategy'), data, { recursive: true });
      const common = ['--data', data, '--out', out, '--published', pub];
      // data not built yet: nothing to record
      const early = cli('publish', ...common, '--label', '平成30年6月公表版', '--date', '2018-06-01');
      expect(early.status).toBe(1);
      expect(early.stderr).toContain('npm run build');
      expect(existsSync(pub)).toBe(false);

      expect(cli('build', '--data', data, '--out', out, '--quiet').status).toBe(0);
      const p = cli('publish', ...common, '--label', '平成30年6月公表版', '--date', '2018-06-01');
      expect(p.status, p.stderr).toBe(0);
      expect(p.stderr).toContain('公表版「平成30年6月公表版」（2018-06-01 公表）を');
      expect(p.stderr).toContain('results-2017.pdf、appendix.xlsx');
      // the errata command it suggests names the same output and records (the 正誤表 goes beside those documents)
      expect(p.stderr).toContain(`npm run errata -- --data ${data} --against 平成30年6月公表版 --out ${out} --published ${pub}`);
      const record = path.join(pub, 'fukushima-ict-strategy', '平成30年6月公表版');
      expect(readdirSync(path.join(record, 'output')).sort()).toEqual(['appendix.xlsx', 'manifest.json', 'results-2017.pdf']);
      // the record's folder opens for others as its neighbours do (a temporary folder is made drwx------)
      expect(statSync(record).mode & 0o777).toBe(statSync(path.dirname(record)).mode & 0o777);
      expect(readFileSync(path.join(record, 'data', 'initiatives', '1-01.json'), 'utf8')).toContain('"budget": 135304');
      const again = cli('publish', ...common, '--label', '平成30年6月公表版', '--date', '2019-03-30');
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('公表版「平成30年6月公表版」はすでに記録されています');
      expect(JSON.parse(readFileSync(path.join(record, 'publication.json'), 'utf8')).date).toBe('2018-06-01');
      expect(cli('publish', ...common, '--label', 'a/b', '--date', '2018-06-01').status).toBe(2);

      // the correction: one budget, one title
      edit(path.join(data, 'initiatives', '1-01.json'), '"budget": 135304', '"budget": 136000');
      edit(path.join(data, 'initiatives', '1-02.json'), '"title": "避難者見守り活動支援事業"', '"title": "避難者見守り活動支援事業（訂正）"');
      // the first initiative of a pillar (whose row in the appendix also holds the pillar, merged down)
      edit(path.join(data, 'initiatives', '2-01.json'), '2,465件', '2,466件');
      // and a sentence of the 【活動概要】, which comes from dataset.json
      edit(path.join(data, 'dataset.json'), 'ICTの積極的な活用を図るための指針', 'ICTの積極的な利活用を図るための指針');
      // not built again after the correction: the 正誤表 would contradict the report beside it
      const unbuilt = cli('errata', '--data', data, '--against', '平成30年6月公表版', '--out', out, '--published', pub);
      expect(unbuilt.status).toBe(1);
      expect(unbuilt.stderr).toContain('の文書が今のデータから作られたものではありません');
      expect(unbuilt.stderr).toContain(`npm run build -- --data ${data} --out ${out}`);
      expect(existsSync(path.join(out, 'fukushima-ict-strategy', 'errata.pdf'))).toBe(false);
      expect(cli('build', '--data', data, '--out', out, '--quiet').status).toBe(0);
      const e = cli('errata', '--data', data, '--against', '平成30年6月公表版', '--out', out, '--published', pub);
      expect(e.status, e.stderr).toBe(0);

      const { pages } = await readPdf(path.join(out, 'fukushima-ict-strategy', 'errata.pdf'));
      // the 正誤表 is a tagged PDF like the others (tests/tagging.test.ts checks those)
      const tags = await checkTags(readFileSync(path.join(out, 'fukushima-ict-strategy', 'errata.pdf')));
      expect(tags.problems).toEqual([]);
      expect(tags.roles).toEqual(expect.arrayContaining(['H1', 'Table', 'TH']));
      // dated by its own date (errataDateOf): the day of the publication it corrects, which is its
      // documents' day (2018-06-01); Info and the XMP packet alike (the checker compares them)
      expect(tags.xmp?.createDate).toBe('2018-05-31T15:00:00Z');
      const info = await PDFDocument.load(readFileSync(path.join(out, 'fukushima-ict-strategy', 'errata.pdf')), { updateMetadata: false });
      expect(info.getCreationDate()?.toISOString()).toBe('2018-05-31T15:00:00.000Z');
      const corrected = await PDFDocument.load(readFileSync(path.join(out, 'fukushima-ict-strategy', 'results-2017.pdf')), { updateMetadata: false });
      expect(corrected.getCreationDate()?.toISOString()).toBe('2018-05-31T15:00:00.000Z');
      // no cell ends on a line of one or two characters (「主な取組一／覧」)
      expect(pages.flatMap(shortLastLines)).toEqual([]);
      const text = squash(pages.map((x) => x.text).join('\n'));
      expect(text).toContain(squash('公表版：平成30年6月公表版（平成30年6月1日公表）'));
      expect(text).not.toMatch(/公表版:HEAD|published\//);
      // the table read column by column (文書, 頁, 行, 箇所, 誤, 正: the left edges of errata.pdf's columns)
      const lefts = [40, 110, 176, 210, 330, 440];
      const col = columns(pages[0].items, lefts);
      // a sheet name breaks at its space, never inside a word (「事業実施結／果 H29」): the 頁・シート
      // column is as wide as its widest word
      const sheetLines = pages[0].items.filter((it) => it.x >= lefts[1]! && it.x < lefts[2]!).map((it) => it.str.trim());
      expect(sheetLines).toEqual(expect.arrayContaining(['事業実施結果', 'H29', '集計']));
      expect(sheetLines).not.toContain('事業実施結');
      expect(col[0]).toContain(squash('事業実施結果（平成29年度）'));
      expect(col[3]).toContain(squash('1 ふるさとふくしま帰還支援事業（ウェブカメラ整備事業）／事業費（千円）'));
      expect(col[3]).toContain(squash('2 避難者見守り活動支援事業／施策（事業）名称'));
      expect(col[3]).toContain(squash('集計 合計／事業費合計（千円）'));
      expect(col[4]).toContain('135,304');
      expect(col[5]).toContain('136,000');
      expect(col[5]).toContain('避難者見守り活動支援事業（訂正）');
      expect(col[3]).toContain('【活動概要】');
      expect(col[5]).toContain('ICTの積極的な利活用を図るための指針として策定され');
      expect(col[4]).toContain('75,638,203');
      expect(col[5]).toContain('75,638,899');
      expect(text).toContain('この訂正による頁番号の変更はありません');
      // no footer or page numbers as corrections, no whole rows flattened
      expect(text).not.toContain('/14');

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(out, 'fukushima-ict-strategy', 'errata.xlsx'));
      // one sheet: nothing moved, and an empty sheet would print as a blank page
      expect(wb.worksheets.map((w) => w.name)).toEqual(['正誤表']);
      const ws = wb.worksheets[0];
      expect(String(ws.getCell('A1').value)).toBe('ふくしま創生ICT戦略 正誤表　公表版：平成30年6月公表版（平成30年6月1日公表）');
      const rows: string[][] = [];
      ws.eachRow((row, n) => {
        if (n > 2)
          rows.push(
            [1, 2, 3, 4, 5, 6].map((c) => {
              const v = row.getCell(c).value as unknown;
              return v && typeof v === 'object' && 'richText' in (v as object)
                ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('')
                : String(v ?? '');
            }),
          );
      });
      expect(rows).toContainEqual([
        '事業実施結果（平成29年度）',
        '2',
        expect.any(String),
        '1 ふるさとふくしま帰還支援事業（ウェブカメラ整備事業）／事業費（千円）',
        '135,304',
        '136,000',
      ]);
      // the appendix workbook's changed cells, by sheet and cell
      expect(rows).toContainEqual([
        '付表（Excel）',
        '事業実施結果 H29',
        'F2',
        'ふるさとふくしま帰還支援事業（ウェブカメラ整備事業）／平成29年度 事業費（千円） ※当初予算',
        '135,304',
        '136,000',
      ]);
      expect(rows).toContainEqual(['付表（Excel）', '集計', 'D7', '合計／事業費合計（千円）', '75,638,203', '75,638,899']);
      // named by the initiative, not by its pillar
      const pillarFirst = rows.filter((r) => r[0] === '付表（Excel）' && r[4].includes('2,465件'));
      expect(pillarFirst.map((r) => r[3].split('／')[0])).toEqual(['中小企業制度資金']);
      // by document, then page
      const docs = rows.map((r) => r[0]);
      expect(docs.indexOf('付表（Excel）')).toBeGreaterThan(docs.lastIndexOf('事業実施結果（平成29年度）'));
      const results = rows.filter((r) => r[0].startsWith('事業実施結果')).map((r) => Number(r[1]));
      expect(results).toEqual([...results].sort((a, b) => a - b));

      // built again from the same data: the 正誤表 stays beside its documents
      expect(cli('build', '--data', data, '--out', out).status).toBe(0);
      expect(existsSync(path.join(out, 'fukushima-ict-strategy', 'errata.pdf'))).toBe(true);
      // a further change, built: the 正誤表 of the earlier data is taken out, and said so
      edit(path.join(data, 'initiatives', '1-01.json'), '"budget": 136000', '"budget": 136500');
      const later = cli('build', '--data', data, '--out', out);
      expect(later.status, later.stderr).toBe(0);
      expect(later.stderr).toContain('正誤表（errata.pdf・errata.xlsx）は前のデータから作ったもので、今作った文書と食い違うため出力から外しました');
      expect(readdirSync(path.join(out, 'fukushima-ict-strategy')).filter((f) => f.startsWith('errata'))).toEqual([]);
      expect(
        JSON.parse(readFileSync(path.join(out, 'fukushima-ict-strategy', 'manifest.json'), 'utf8')).files.map((f: { file: string }) => f.file),
      ).not.toContain('errata.pdf');

      // made again on its own date (--date): printed with the issuer under the title, and the files' date
      const common2 = ['--data', data, '--against', '平成30年6月公表版', '--out', out, '--published', pub];
      const tooEarly = cli('errata', ...common2, '--date', '2018-05-01');
      expect(tooEarly.status).toBe(1);
      expect(tooEarly.stderr).toContain('--date の 2018-05-01 は、訂正する公表版とその文書の日付（2018-06-01）より前です');
      expect(cli('errata', ...common2, '--date', '2019/10/01').status).toBe(2);
      const dated = cli('errata', ...common2, '--date', '2019-10-01');
      expect(dated.status, dated.stderr).toBe(0);
      const datedPdf = path.join(out, 'fukushima-ict-strategy', 'errata.pdf');
      const head = squash((await readPdf(datedPdf)).pages[0]!.text);
      expect(head).toContain(squash('令和元年10月1日 福島県'));
      expect((await PDFDocument.load(readFileSync(datedPdf), { updateMetadata: false })).getCreationDate()?.toISOString()).toBe('2019-09-30T15:00:00.000Z');
      const datedBook = new ExcelJS.Workbook();
      await datedBook.xlsx.readFile(path.join(out, 'fukushima-ict-strategy', 'errata.xlsx'));
      expect(String(datedBook.worksheets[0]!.getCell('A1').value)).toBe(
        'ふくしま創生ICT戦略 正誤表　公表版：平成30年6月公表版（平成30年6月1日公表）　令和元年10月1日　福島県',
      );

      // the correction recorded: its 正誤表 (made from the data as it is) is in the record with the documents
      const recorded = cli('publish', ...common, '--label', '令和元年10月訂正版', '--date', '2019-10-01');
      expect(recorded.status, recorded.stderr).toBe(0);
      expect(recorded.stderr).toContain('results-2017.pdf、appendix.xlsx、errata.pdf、errata.xlsx');
      expect(readdirSync(path.join(pub, 'fukushima-ict-strategy', '令和元年10月訂正版', 'output')).sort()).toEqual(
        ['appendix.xlsx', 'errata.pdf', 'errata.xlsx', 'manifest.json', 'results-2017.pdf'].sort(),
      );
      // a 正誤表 against that record itself has nothing to list: said, with the record to name instead
      const none = cli('errata', '--data', data, '--against', '令和元年10月訂正版', '--out', out, '--published', pub);
      expect(none.status, none.stderr).toBe(0);
      expect(none.stderr).toMatch(/^警告 .*: 公表版「令和元年10月訂正版」と今のデータに違いがない/m);
      expect(none.stderr).toContain(
        '公表版「令和元年10月訂正版」と今のデータに違いがないため、正誤表は「公表版との違いはありません。」だけになります。訂正の正誤表なら、訂正する前に公表した版の名前を --against に指定してください（記録されているほかの公表版：平成30年6月公表版（2018-06-01））',
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 180_000); // a whole walk: build, publish twice, correct, errata, each through the command line
});

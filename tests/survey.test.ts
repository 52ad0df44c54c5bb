// The survey round trip: export → edit one cell → import → only that value changes;
// bad returns are refused with the workbook, sheet and cell named, and nothing is written.
import { describe, it, expect, beforeEach } from 'vitest';
import ExcelJS from 'exceljs';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { surveyExport } from '../src/survey/export.js';
import { surveyImport } from '../src/survey/import.js';
import { surveyStatus } from '../src/survey/status.js';
import { ROOT } from './helpers/data.js';
import { editBook, exportedOnce } from './helpers/survey.js';

let work: string;
let data: string;
let sent: string;

const snapshot = () => Object.fromEntries(readdirSync(path.join(data, 'initiatives')).map((f) => [f, readFileSync(path.join(data, 'initiatives', f), 'utf8')]));

const edit = (file: string, change: (ws: ExcelJS.Worksheet, meta: ExcelJS.Worksheet) => void) =>
  editBook(path.join(sent, file), (wb) => change(wb.getWorksheet('事業実施結果')!, wb.getWorksheet('_survey')!));

// exported once; each case works on its own copy of the data and the books
const exported = exportedOnce('fukushima-ict-strategy', 2017);
beforeEach(() => {
  ({ work, data, sent } = exported.fresh());
});

describe('survey export', () => {
  it('says, for a published year, that the returns will be corrections (--correction), and still writes the books', async () => {
    const again = path.join(work, '公表後');
    const r = await surveyExport(data, 2017, again);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.problems.filter((p) => p.severity === 'warning').map((p) => p.message)).toContainEqual(
      expect.stringMatching(
        /^2017年度の事業実施結果は公表済みです（平成30年\d+月\d+日公表）。このブックの回答は公表後の訂正として、survey:import に --correction を付けて取り込みます/,
      ),
    );
    expect(readdirSync(again)).toContain('総務部.xlsx');
    // a year not yet published says nothing of it
    const open = await surveyExport(data, 2018, path.join(work, '未公表'));
    expect(open.problems.map((p) => p.message).join('\n')).not.toContain('公表済み');
  });

  it('writes one workbook per 部局 with its initiatives, locked columns and the year’s values filled in', async () => {
    const files = readdirSync(sent).sort();
    expect(files).toContain('総務部.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(sent, '総務部.xlsx'));
    const ws = wb.getWorksheet('事業実施結果')!;
    const meta = wb.getWorksheet('_survey')!;
    expect(meta.state).toBe('veryHidden');
    expect(meta.getCell('A1').value).toBe('fukushima-ict-strategy');
    expect(meta.getCell('A2').value).toBe(2017);
    const first = JSON.parse(readFileSync(path.join(data, 'initiatives', `${ws.getCell('A2').value}.json`), 'utf8'));
    expect(first.department).toBe('総務部');
    expect(ws.getCell('C2').value).toBe(first.title);
    expect(ws.getCell('E2').value).toBe(first.results['2017'].budget);
    expect(ws.getCell('C2').protection?.locked).not.toBe(false);
    expect(ws.getCell('E2').protection?.locked).toBe(false);
    expect(ws.getCell('F2').dataValidation?.type).toBe('list');
    // a whole number, or the clear mark
    expect(ws.getCell('E2').dataValidation?.type).toBe('custom');
    // every initiative in exactly one workbook
    let rows = 0;
    for (const f of files) {
      const b = new ExcelJS.Workbook();
      await b.xlsx.readFile(path.join(sent, f));
      rows += b.getWorksheet('事業実施結果')!.rowCount - 1;
    }
    expect(rows).toBe(103);
  });
});

describe('survey import', () => {
  it('changes nothing when the workbooks come back as they went', async () => {
    const before = snapshot();
    const r = await surveyImport(data, sent, { correction: true });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.changes).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('writes one edited budget and nothing else, and a second import changes nothing', async () => {
    const before = snapshot();
    let id = '';
    await edit('総務部.xlsx', (ws) => {
      id = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 140000;
    });
    const r = await surveyImport(data, sent, { correction: true });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.changes).toEqual([
      { file: `initiatives/${id}.json`, path: 'results.2017.budget', title: expect.any(String), what: '2017年度の事業費', from: expect.anything(), to: 140000 },
    ]);
    const after = snapshot();
    for (const f of Object.keys(before)) {
      if (f !== `${id}.json`) expect(after[f]).toBe(before[f]);
    }
    const a = before[`${id}.json`].split('\n');
    const b = after[`${id}.json`].split('\n');
    expect(b.length).toBe(a.length);
    const diff = a.map((l, i) => [l, b[i]]).filter(([x, y]) => x !== y);
    expect(diff).toHaveLength(1);
    expect(diff[0][1]).toMatch(/"budget": 140000,?$/);
    const again = await surveyImport(data, sent, { correction: true });
    expect(again.changes).toEqual([]);
  });

  it('refuses a negative budget with workbook, sheet and cell named, writing nothing', async () => {
    const before = snapshot();
    await edit('総務部.xlsx', (ws) => {
      ws.getCell('E3').value = -5;
      ws.getCell('E4').value = 'たくさん';
    });
    const r = await surveyImport(data, sent, { correction: true });
    const messages = r.problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toContain('総務部.xlsx!事業実施結果!E3: 事業費は0以上の整数（千円単位、例: 1500）で入力してください。入力されているのは「-5」です');
    expect(messages).toContain('総務部.xlsx!事業実施結果!E4: 事業費は0以上の整数（千円単位、例: 1500）で入力してください。入力されているのは「たくさん」です');
    expect(r.changes).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses an edited locked column, a workbook of another data set, an unknown id and a duplicated initiative', async () => {
    const before = snapshot();
    await edit('総務部.xlsx', (ws) => {
      ws.getCell('C2').value = '書き換えた名称';
    });
    await edit('企業局.xlsx', (_ws, meta) => {
      meta.getCell('A1').value = 'miyagi-ict-plan';
    });
    await edit('土木部.xlsx', (ws, meta) => {
      meta.getCell(`A5`).value = '9-99';
      ws.getCell('A2').value = '9-99';
    });
    copyFileSync(path.join(sent, '教育庁.xlsx'), path.join(sent, '教育庁（再送）.xlsx'));
    const r = await surveyImport(data, sent, { correction: true });
    const text = r.problems.map((p) => `${p.file}: ${p.message}`).join('\n');
    expect(text).toMatch(/総務部\.xlsx!事業実施結果!C2: 変更できない欄（施策（事業）名称）が書き換えられています/);
    expect(text).toMatch(/企業局\.xlsx: このブックは別のデータセット（miyagi-ict-plan）の照会です/);
    expect(text).toMatch(/土木部\.xlsx!事業実施結果!A2: ID「9-99」の事業はデータセットにありません/);
    // one 部局 in two books is one message, not one per initiative
    expect(text).toMatch(/教育庁（再送）\.xlsx: 教育庁の回答は 教育庁\.xlsx にもあります/);
    expect(text).not.toMatch(/教育庁（再送）\.xlsx!事業実施結果/);
    expect(snapshot()).toEqual(before);
  });

  it('fills a new year’s results for the initiatives asked about', async () => {
    const out2018 = path.join(work, 'sent2018');
    // no deadline or contact in the data: the cover would say 「（別途お知らせします）」 and 福島県 only
    const exported2018 = await surveyExport(data, 2018, out2018);
    expect(exported2018.problems.filter((p) => p.severity === 'warning').map((p) => p.message)).toContainEqual(
      expect.stringMatching(
        /^照会の表紙に載せる回答期限と問い合わせ先（deadline と contact）が documents\.results\.survey にありません。表紙は期限が「（別途お知らせします）」、問い合わせ先が「福島県」だけになります/,
      ),
    );
    sent = out2018;
    let id = '';
    let prev = 0;
    const cut: number[] = [];
    await edit('総務部.xlsx', (ws) => {
      id = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 1200;
      ws.getCell('F2').value = '計画どおり実施';
      // figures typed full-width with a Japanese IME: stored half-width, as every document prints them
      ws.getCell('G2').value = '県内７地区で研修を実施し、延べ１，２３４人が受講した。';
      // a budget typed in 円 (last year's × 1000), as a department may: taken, and said at its cell
      const other = JSON.parse(readFileSync(path.join(data, 'initiatives', `${ws.getCell('A3').value}.json`), 'utf8'));
      prev = other.results['2017'].budget;
      ws.getCell('E3').value = prev * 1000;
      // a budget cut to 0, and one left blank in a row otherwise answered: each said at its cell, as a
      // department's forgotten cell prints 「—」 and leaves the total without a word
      for (const row of [4, 5]) {
        const was = JSON.parse(readFileSync(path.join(data, 'initiatives', `${ws.getCell(`A${row}`).value}.json`), 'utf8')).results['2017'].budget;
        cut.push(was);
        ws.getCell(`E${row}`).value = row === 4 ? 0 : null;
        ws.getCell(`F${row}`).value = '計画どおり実施';
        ws.getCell(`G${row}`).value = '研修を実施した。';
      }
    });
    const r = await surveyImport(data, out2018, { fiscalYear: 2018 });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const n = (x: number) => x.toLocaleString('en-US');
    expect(r.problems.filter((p) => p.severity === 'warning').map((p) => `${p.file}: ${p.message}`)).toContain(
      `総務部.xlsx!事業実施結果!E3: 事業費が前年度の 3 倍以上または 3 分の1以下に変わっています（${n(prev)} → ${n(prev * 1000)} 千円）。円で書いていませんか。事業費は千円で書きます（値はこのまま取り込みます）`,
    );
    expect(cut.every((b) => b > 0)).toBe(true);
    expect(r.problems.filter((p) => p.severity === 'warning').map((p) => `${p.file}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        `総務部.xlsx!事業実施結果!E4: 事業費が前年度の 3 倍以上または 3 分の1以下に変わっています（${n(cut[0]!)} → 0 千円）。0 は「0」と印刷します。事業費のない年度なら空欄にします（「—」と印刷します）（値はこのまま取り込みます）`,
        `総務部.xlsx!事業実施結果!E5: 事業費が空欄です（前年度 ${n(cut[1]!)} 千円）。空欄は事業費なし（「—」）と印刷し、合計に入りません。書き忘れでないか確かめてください（このまま取り込みます）`,
      ]),
    );
    // survey:status asks about both, in the same words
    const said: string[] = [];
    expect(
      await surveyStatus(
        data,
        2018,
        undefined,
        (l) => said.push(l),
        (l) => said.push(l),
      ),
    ).toBe(0);
    const lines = said.join('\n');
    expect(lines).toContain(`【事業費の増減】事業費が前年度の 3 倍以上または 3 分の1以下に変わっています（${n(cut[0]!)} → 0 千円）。0 は「0」と印刷します`);
    expect(lines).toContain(`【事業費の空欄】事業費が空欄です（前年度 ${n(cut[1]!)} 千円）`);
    const j = JSON.parse(readFileSync(path.join(data, 'initiatives', `${id}.json`), 'utf8'));
    expect(j.results['2018']).toEqual({ budget: 1200, achievement: '計画どおり実施', outcome: '県内7地区で研修を実施し、延べ1,234人が受講した。' });
    expect(Object.keys(j.results)).toEqual(['2017', '2018']);
  });
});

describe('survey of a year with no entries yet', () => {
  it('writes nothing for rows sent back blank', async () => {
    const work2 = mkdtempSync(path.join(tmpdir(), 'survey-blank-'));
    try {
      const d = path.join(work2, 'data');
      cpSync(path.join(ROOT, 'data', 'miyagi-ict-plan'), d, { recursive: true });
      await surveyExport(d, 2019, path.join(work2, 'sent'));
      const before = readdirSync(path.join(d, 'initiatives')).map((f) => readFileSync(path.join(d, 'initiatives', f), 'utf8'));
      const r = await surveyImport(d, path.join(work2, 'sent'));
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.changes).toEqual([]);
      expect(readdirSync(path.join(d, 'initiatives')).map((f) => readFileSync(path.join(d, 'initiatives', f), 'utf8'))).toEqual(before);
    } finally {
      rmSync(work2, { recursive: true, force: true });
    }
  });
});

// The 指標 sheet of the yearly survey, walked with a copy of the fictional sample
// (data/sample-progress, 2020): what departments type — 「12件」 in another unit, 「約80%」, a
// formula, a grade not on the list, a protected cell changed, a renamed sheet — is refused with
// its cell and nothing is written; 「１２件」, full-width digits, 「120%」 as Excel keeps it and
// Ａ-for-A are read, a blank erases nothing; survey:status then lists what looks mistyped, and
// the progress report built from the data shows the actuals and is no longer a draft.
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { surveyExport } from '../src/survey/export.js';
import { ROOT } from './helpers/data.js';
import { layoutText } from './helpers/layout-text.js';
import path from 'node:path';
import { surveyImport } from '../src/survey/import.js';
import { runCli } from './helpers/cli.js';
import { editBook, exportedOnce } from './helpers/survey.js';

const SHEET = '指標';

const files = (data: string) =>
  Object.fromEntries(readdirSync(path.join(data, 'initiatives')).map((f) => [f, readFileSync(path.join(data, 'initiatives', f), 'utf8')]));
const edit = (book: string, change: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) => editBook(book, (wb) => change(wb.getWorksheet(SHEET)!, wb));

const exported = exportedOnce('sample-progress', 2020);

describe('the 指標 sheet as exported', () => {
  it('has one row per numeric indicator, the protected identity cells, last year greyed, this year to fill, and the evaluation in each initiative’s first row', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(exported.pristine.sent, '総務部.xlsx'));
    const ws = wb.getWorksheet(SHEET)!;
    expect(wb.getWorksheet('_indicators')!.state).toBe('veryHidden');
    // a progress data set without a results report asks for its 指標 only: no 事業実施結果 sheet to leave 「未回答」
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['記入のしかた', SHEET]);
    expect(String(wb.worksheets[0]!.getCell('A1').value)).toContain('令和2年度 指標の実績・自己評価 照会（総務部）');
    // the cover names the cells that cannot be changed as this book has them (it named a 担当課 column the 指標 sheet has not)
    const cover = wb.worksheets[0]!.getSheetValues().flat().map(String).join('\n');
    expect(cover).toContain('ID・事業番号・名称・指標名・単位・基準値・目標値は変更できません');
    expect(cover).not.toContain('担当課');
    const row = (r: number) => (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1, 14);
    expect(row(1).map((v) => String(v).replace(/\n/g, ''))).toEqual([
      'ID',
      '事業番号',
      '施策（事業）名称',
      '指標名',
      '単位',
      '基準値（時点）',
      '目標値（時点）',
      '（参考）R元年度実績値',
      'R2年度実績値',
      '実績値の注記（速報値など）',
      'R2年度自己評価',
      '未達成の理由',
      '今後の方向性',
    ]);
    // 03: its 2020 actual of 事故の件数 and its 2020 evaluation are the sample's unanswered ones
    expect(row(7).slice(0, 8)).toEqual(['03', 3, '職員の情報セキュリティ研修', '情報セキュリティ事故の件数', '件', '12件（H30年度末）', '0件（R4年度末）', 14]);
    expect([ws.getCell('I7').value, ws.getCell('K6').value, ws.getCell('I6').value, ws.getCell('K2').value]).toEqual([null, null, 330, 'C']);
    expect(row(2)[6]).toBe('35市町村（R2年度末）\nR2年度の目標 35市町村');
    expect(ws.rowCount).toBe(7);
    const locked = (a: string) => ws.getCell(a).protection?.locked !== false;
    expect(['A2', 'C2', 'D2', 'E2', 'H2', 'K3', 'M3'].map(locked)).toEqual([true, true, true, true, true, true, true]);
    expect(['I2', 'J2', 'K2', 'L2', 'M2', 'I3', 'J3'].map(locked)).toEqual([false, false, false, false, false, false, false]);
    expect(ws.getCell('K2').dataValidation.formulae).toEqual(["'_indicators'!$J$1:$J$5"]);
  });
});

describe('a return with the habits departments have', () => {
  it('is refused cell by cell, with what was typed, and nothing is written (exit code 1)', async () => {
    const { data, sent } = exported.fresh();
    const before = files(data);
    const status = runCli(['survey-status', '--data', data, '--fiscal-year', '2020']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('03 職員の情報セキュリティ研修（情報政策課）: 【未回答】指標「情報セキュリティ事故の件数」の2020年度の実績値が未回答です');
    expect(status.stdout).toContain('03 職員の情報セキュリティ研修（情報政策課）: 【未回答】2020年度の自己評価が未回答です');
    await edit(path.join(sent, '総務部.xlsx'), (ws) => {
      ws.getCell('I2').value = '12件'; // the indicator counts 市町村
      ws.getCell('I4').value = '約80%';
      ws.getCell('I3').value = { formula: 'H3*1.2', result: 624 } as ExcelJS.CellValue;
      ws.getCell('K4').value = 'S';
      ws.getCell('C5').value = '行政手続のデジタル化';
      ws.getCell('I6').value = null; // 330 in the data: a blank keeps it
      ws.getCell('I7').value = '１２件'; // readable, but the book has errors: not written either
    });
    await edit(path.join(sent, '企画部.xlsx'), (ws) => (ws.name = '指標（記入済み）'));
    const r = runCli(['survey-import', '--data', data, '--fiscal-year', '2020', sent]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    const at = (cell: string, message: string) => expect(lines).toContain(`エラー 総務部.xlsx!指標!${cell}: ${message}`);
    at('I2', '「12件」の単位「件」は、この指標の単位「市町村」と違います。市町村で数えた数値だけを入力してください');
    at(
      'I4',
      '「約80%」は概数・見込みの書き方のため取り込めません。実績値の欄には数値だけ（例: 80）を入力し、概数・見込みであることは「実績値の注記」の欄に書いてください',
    );
    at('I3', '数式やエラー値（=H3*1.2）は取り込めません。値を入力してください');
    at('K4', '「R2年度自己評価」の欄は一覧（A、B、C、D）から選んでください。入力されているのは「S」です');
    at('C5', '変更できない欄（施策（事業）名称）が書き換えられています（元: 行政手続のオンライン化）');
    expect(lines).toContain(
      'エラー 企画部.xlsx: シート「指標」がありません（このブックのシート: 「記入のしかた」、「指標（記入済み）」）。シートの名前を変えたときは「指標」に戻してください',
    );
    expect(lines.filter((l) => l.startsWith('エラー '))).toHaveLength(6);
    expect(r.stderr).toContain('誤りがあるため、データは変更していません');
    expect(files(data)).toEqual(before);
  });

  it('refuses a book whose indicator has since changed its unit in the data, naming the row', async () => {
    const { data, sent } = exported.fresh();
    const file = path.join(data, 'initiatives', '02.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"unit": "%"', '"unit": "ポイント"'));
    await edit(path.join(sent, '総務部.xlsx'), (ws) => (ws.getCell('I4').value = 57));
    const r = await surveyImport(data, sent, { fiscalYear: 2020 });
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`)).toEqual([
      '総務部.xlsx!指標!D4: 指標「電子申請の利用率」（ID「02」の事業）は、照会の後にデータで変わっています（データの単位は「ポイント」）。新しく書き出した照会のブックに回答してもらってください',
    ]);
    expect(r.changes).toEqual([]);
  });

  it('is read where it can mean one value only, the rest of each file byte for byte; survey:status asks about the odd ones; the progress report shows the actuals', async () => {
    const { data, sent, work } = exported.fresh();
    const before = files(data);
    await edit(path.join(sent, '総務部.xlsx'), (ws) => {
      ws.getCell('I7').value = '１２件';
      ws.getCell('J7').value = '速報値';
      ws.getCell('I5').value = '１３'; // full-width digits
      ws.getCell('I6').value = null; // blank: 330 stays
      ws.getCell('I3').value = '1,830'; // ×3.5 of last year's 520: read, then asked about
      // 「120%」 typed into a % indicator's cell: Excel keeps 1.2 shown through a percent format
      ws.getCell('I4').value = 1.2;
      ws.getCell('I4').style = { ...ws.getCell('I4').style, numFmt: '0%' };
      ws.getCell('K6').value = 'Ｂ';
      ws.getCell('L6').value = '誤送信の防止策が間に合わなかった。';
      ws.getCell('M6').value = '継続';
      // last year's actual, for reference: typed over (the sheet's protection bypassed), not taken, and said
      ws.getCell('H7').value = 13;
    });
    const r = runCli(['survey-import', '--data', data, '--fiscal-year', '2020', sent]);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('エラー'))).toEqual([]);
    expect(r.stderr).toContain(
      '総務部.xlsx!指標!H7: 参考の欄「（参考）R元年度実績値」は取り込みません（ブック: 13、データ: 14）。2019年度の実績値を直すときは、その年度の照会用ブックで取り込んでください（--fiscal-year 2019。公表済みなら --correction も）',
    );
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('initiatives/'))
        .sort(),
    ).toEqual([
      // each value in words (the initiative, the indicator by name, the year), not as its JSON path
      'initiatives/01.json「オープンデータの公開促進」 指標「県の公開データセット数」の2020年度の実績値: 610 → 1830',
      'initiatives/02.json「行政手続のオンライン化」 指標「窓口の平均待ち時間」の2020年度の実績値: 14 → 13',
      'initiatives/02.json「行政手続のオンライン化」 指標「電子申請の利用率」の2020年度の実績値: 55 → 120',
      'initiatives/03.json「職員の情報セキュリティ研修」 2020年度の今後の方向性: （空欄） → "継続"',
      'initiatives/03.json「職員の情報セキュリティ研修」 2020年度の未達成の理由: （空欄） → "誤送信の防止策が間に合わなかった。"',
      'initiatives/03.json「職員の情報セキュリティ研修」 2020年度の自己評価: （空欄） → "B"',
      'initiatives/03.json「職員の情報セキュリティ研修」 指標「情報セキュリティ事故の件数」の2020年度の実績値: （空欄） → 12',
      'initiatives/03.json「職員の情報セキュリティ研修」 指標「情報セキュリティ事故の件数」の2020年度の実績値の注記: （空欄） → "速報値"',
    ]);
    expect(r.stdout).toContain('総務部: 変更 3 件、変更なし 0 件、未回答 0 件、指標の実績・自己評価の未回答 0 件（9 件中）');
    const after = files(data);
    // only the values answered change; every other byte of the files stays
    expect(after['01.json']).toBe(before['01.json'].replace('"value": 610', '"value": 1830'));
    expect(after['02.json']).toBe(before['02.json'].replace('"value": 55.0', '"value": 120').replace('"value": 14,', '"value": 13,'));
    for (const f of ['04.json', '05.json', '06.json']) expect(after[f]).toBe(before[f]);
    const was = JSON.parse(before['03.json']);
    was.indicators[1].actuals['2020'] = { value: 12, note: '速報値' };
    was.evaluation['2020'] = { grade: 'B', reason: '誤送信の防止策が間に合わなかった。', outlook: '継続' };
    expect(JSON.parse(after['03.json'])).toEqual(was);
    expect(after['03.json'].startsWith(before['03.json'].slice(0, before['03.json'].indexOf('"actuals"')))).toBe(true);
    // the same books again: nothing changes
    const again = await surveyImport(data, sent, { fiscalYear: 2020 });
    expect(again.changes).toEqual([]);
    // and each initiative is counted once: answered, so unchanged (変更 + 変更なし + 未回答 = the 3 asked)
    expect(again.summary.find((s) => s.department === '総務部')).toMatchObject({ changed: 0, unchanged: 3, unanswered: 0 });

    const status = runCli(['survey-status', '--data', data, '--fiscal-year', '2020']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(
      '01 オープンデータの公開促進（情報政策課）: 【実績値の増減】指標「県の公開データセット数」の実績値が前年度の 3 倍以上または 3 分の1以下に変わっています（520 → 1,830 件）。桁や単位の誤りがないか確かめてください',
    );
    expect(status.stdout).toContain(
      '02 行政手続のオンライン化（行政改革課）: 【100%超】指標「電子申請の利用率」の実績値が 120% で、100% を超えています。割合として正しいか確かめてください',
    );
    expect(status.stdout).not.toMatch(/実績値が未回答|自己評価が未回答|実績欄がありません|事業費/);
    expect(status.stdout).toContain('令和2年度 指標の実績・自己評価 未回答・要確認一覧');

    const out = path.join(work, 'out');
    const built = runCli(['build', '--data', data, '--out', out, '--only', 'progress.pdf', '--quiet'], { timeout: 120_000 });
    expect(built.code, built.stderr).toBe(0);
    const text = layoutText(path.join(out, 'sample-progress', 'progress.pdf'));
    const rows = text.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
    // 事故の件数 (減らす, 12 → 0): 2020's actual 12 is 0.0 % of the way; the report is no longer a draft
    expect(rows).toContain('R2年度 0 12 0.0% 未達成 （最終目標） 速報値');
    expect(rows.some((l) => /^R2年度 B（概ね順調） 誤送信の防止策が間に合わなかった。 継続$/.test(l))).toBe(true);
    expect(text).not.toContain('未確定');
  });
});

describe('the cover of a progress data set without a results report', () => {
  it('takes its deadline and contact from documents.progress.survey, and says so when they are missing', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'progress-cover-'));
    try {
      const data = path.join(work, 'sample-progress');
      cpSync(path.join(ROOT, 'data', 'sample-progress'), data, { recursive: true });
      const bare = await surveyExport(data, 2020, path.join(work, 'bare'));
      expect(bare.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('が documents.progress.survey にありません'));
      const file = path.join(data, 'dataset.json');
      const j = JSON.parse(readFileSync(file, 'utf8'));
      j.documents.progress.survey = { deadline: '2021-04-30', contact: '総務部情報政策課 データ担当' };
      writeFileSync(file, JSON.stringify(j, null, 2));
      const told = await surveyExport(data, 2020, path.join(work, 'told'));
      expect(told.problems.filter((p) => p.severity !== 'error' && /表紙|回答期限/.test(p.message))).toEqual([]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(work, 'told', '総務部.xlsx'));
      const cover = wb.worksheets[0]!.getSheetValues()
        .flat()
        .filter((v) => typeof v === 'string')
        .join('\n');
      expect(cover).toContain('令和3年4月30日');
      expect(cover).toContain('総務部情報政策課 データ担当');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('a year whose 進ちょく状況 is published', () => {
  it('takes the 指標 sheet only as a correction (--correction), and survey:export says so (a later import had changed it silently)', async () => {
    const { data, sent } = exported.fresh();
    // the report of 2019–2020 published on 2021-06-30 (one date for both years)
    const datasetFile = path.join(data, 'dataset.json');
    const text = readFileSync(datasetFile, 'utf8');
    writeFileSync(datasetFile, text.replace('"method": "progress"', '"publishedOn": "2021-06-30",\n      "method": "progress"'));
    const ex = await surveyExport(data, 2020, path.join(data, '..', 'again'));
    expect(ex.problems.filter((p) => p.severity === 'warning').map((p) => p.message)).toContainEqual(
      expect.stringContaining('2020年度の指標の実績・自己評価は、進ちょく状況で公表済みです（令和3年6月30日公表）'),
    );
    await edit(path.join(sent, '総務部.xlsx'), (ws) => (ws.getCell('I7').value = 9));
    const before = files(data);
    const refused = await surveyImport(data, sent);
    expect(refused.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.message])).toContainEqual([
      '総務部.xlsx',
      '2020年度の指標の実績・自己評価は、進ちょく状況で公表済みです（令和3年6月30日公表）。公表後の訂正として取り込むときは --correction を付けてください',
    ]);
    expect(files(data)).toEqual(before);
    const corrected = await surveyImport(data, sent, { correction: true });
    expect(corrected.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(data, 'initiatives', '03.json'), 'utf8')).indicators[1].actuals['2020'].value).toBe(9);
  });
});

describe('a fraction where the unit counts whole things', () => {
  it('is taken, and asked about at its cell (350.5 人 had gone in without a word)', async () => {
    const { data, sent } = exported.fresh();
    await edit(path.join(sent, '総務部.xlsx'), (ws) => {
      ws.getCell('I6').value = 350.5; // 研修の受講者数（人）
      ws.getCell('I7').value = 2; // 情報セキュリティ事故の件数（件）: whole, nothing said
    });
    const r = await surveyImport(data, sent);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.problems.filter((p) => p.severity === 'warning' && p.message.includes('小数')).map((p) => [p.file, p.message])).toEqual([
      ['総務部.xlsx!指標!I6', '単位が「人」の実績値に小数（350.5）が入っています。数え方が正しいか確かめてください（このまま取り込みます）'],
    ]);
    expect(JSON.parse(readFileSync(path.join(data, 'initiatives', '03.json'), 'utf8')).indicators[0].actuals['2020'].value).toBe(350.5);
    // and survey:status asks about it (it said 「未回答・要確認の事業はありません」 for such a year)
    const status = runCli(['survey-status', '--data', data, '--fiscal-year', '2020']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('【小数】指標「研修の受講者数」の実績値が 350.5人 で、数える単位に小数があります。数え方が正しいか確かめてください');
    expect(status.stdout).not.toContain('「情報セキュリティ事故の件数」の実績値が 2件');
  });
});

describe('an actual not out yet', () => {
  it('typed as 「集計中」 is refused at its cell, saying to leave it blank and write so in the note', async () => {
    const { data, sent } = exported.fresh();
    await edit(path.join(sent, '総務部.xlsx'), (ws) => (ws.getCell('I7').value = '集計中'));
    const r = await surveyImport(data, sent);
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.message])).toEqual([
      [
        '総務部.xlsx!指標!I7',
        '実績値は数値で入力してください（単位は件、例: 12）。入力されているのは「集計中」です。まだ数値が出ていないとき（集計中など）は、実績値を空欄のままにし、そのことを「実績値の注記」の欄に書いてください',
      ],
    ]);
  });
});

describe('an evaluation with its reason or outlook but no grade', () => {
  it('is taken as written and said at the grade cell, the evaluation staying unanswered (survey:status alone had said so)', async () => {
    const { data, sent } = exported.fresh();
    await edit(path.join(sent, '総務部.xlsx'), (ws) => {
      ws.getCell('L6').value = '研修の内容を見直した。'; // 03, whose 2020 grade is unanswered
      ws.getCell('M6').value = '見直し';
    });
    const r = await surveyImport(data, sent);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.problems.filter((p) => p.file === '総務部.xlsx!指標!K6').map((p) => [p.severity, p.message])).toEqual([
      [
        'warning',
        '「R2年度自己評価」が空欄のまま、未達成の理由か今後の方向性が記入されています。自己評価を一覧から選んでください（空欄のままでは、この事業の自己評価は未回答です）',
      ],
    ]);
    // a grade given, or one stored before: nothing said
    await edit(path.join(sent, '総務部.xlsx'), (ws) => (ws.getCell('K6').value = 'C'));
    const again = await surveyImport(data, sent);
    expect(again.problems.filter((p) => p.message.includes('空欄のまま'))).toEqual([]);
  });
});

describe('an older copy of the 指標 sheet', () => {
  // as the 事業実施結果 sheet: a copy made before values were taken in from another copy does not write
  // its old values back; a value written over in it is taken, and both are said at their cells
  it('keeps the values the data changed since the book was made, and takes one the department wrote', async () => {
    const { data, sent, work } = exported.fresh();
    const old = path.join(work, 'old-copy');
    mkdirSync(old);
    copyFileSync(path.join(sent, '総務部.xlsx'), path.join(old, '総務部.xlsx'));
    await edit(path.join(sent, '総務部.xlsx'), (ws) => {
      ws.getCell('I6').value = 331;
      ws.getCell('K2').value = 'B';
    });
    expect((await surveyImport(data, sent, { fiscalYear: 2020 })).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const before = files(data);
    const stale = runCli(['survey-import', '--data', data, '--fiscal-year', '2020', old]);
    expect(stale.code, stale.stderr).toBe(0);
    expect(stale.stderr).toMatch(/^警告 総務部\.xlsx!指標!I6: .*このブックを作った後に、データの値が変わっています（今のデータ: 331、ブック: 330）/m);
    expect(stale.stderr).toMatch(/^警告 総務部\.xlsx!指標!K2: .*このブックを作った後に、データの値が変わっています（今のデータ: "B"、ブック: "C"）/m);
    expect(files(data)).toEqual(before);
    await edit(path.join(old, '総務部.xlsx'), (ws) => {
      ws.getCell('I6').value = 333;
    });
    const both = runCli(['survey-import', '--data', data, '--fiscal-year', '2020', old]);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stderr).toMatch(/^警告 総務部\.xlsx!指標!I6: .*データの値も変わっていましたが（331）、ブックで書き直された値（333）を取り込みます/m);
    expect(files(data)).not.toEqual(before);
  });
});

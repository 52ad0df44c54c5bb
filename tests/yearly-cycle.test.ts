// The yearly cycle, walked through the command line on a copy of the Fukushima data set the
// way a new user and the departments do it: new-year → survey:export → returned workbooks
// (filled with exceljs as departments fill them) → survey:import → survey:status → build.
import { UNIT_PT } from '../src/render/sheet-text.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import { ROOT, squash } from './helpers/data.js';
import { readPdf } from '../src/errata/pdf-lines.js';

const SHEET = '事業実施結果';
let work: string;
let data: string;
let sent: string;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}
const readJson = (rel: string) => JSON.parse(readFileSync(path.join(data, rel), 'utf8'));
const writeJson = (rel: string, change: (j: any) => void) => {
  const j = readJson(rel);
  change(j);
  writeFileSync(path.join(data, rel), JSON.stringify(j, null, 2) + '\n');
};
/** every initiative file's text, by name */
const initiativeTexts = () =>
  Object.fromEntries(
    readdirSync(path.join(data, 'initiatives'))
      .sort()
      .map((f) => [f, readFileSync(path.join(data, 'initiatives', f), 'utf8')]),
  );
const results2018 = () => Object.fromEntries(Object.entries(initiativeTexts()).map(([f, t]) => [f, JSON.parse(t).results?.['2018']]));

/** A department's answer: the book as sent, opened and saved with exceljs. */
async function answer(from: string, to: string, change: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  change(wb.getWorksheet(SHEET)!, wb);
  mkdirSync(path.dirname(to), { recursive: true });
  await wb.xlsx.writeFile(to);
}
const folder = (name: string) => {
  const d = path.join(work, name);
  mkdirSync(d, { recursive: true });
  return d;
};

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'yearly-cycle-'));
  data = path.join(work, 'fukushima-ict-strategy');
  sent = path.join(work, '照会');
  cpSync(path.join(ROOT, 'data', 'fukushima-ict-strategy'), data, { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the yearly cycle on the Fukushima data set', () => {
  it('new-year opens the year completely: results entries, fiscalYears, and a date per year', () => {
    const r = run('new-year', '--data', data, '--fiscal-year', '2018');
    expect(r.status, r.all).toBe(0);
    expect(r.stderr).toContain('2018年度の実績欄を 103 件追加しました');
    const results = readJson('dataset.json').documents.results;
    expect(results.fiscalYears).toEqual([2017, 2018]);
    // FY2017 keeps its date; FY2018 has none until it is published
    expect(results.publishedOn).toEqual({ '2017': '2018-06-01' });
    expect(Object.values(results2018()).every((x) => x && x.budget === null)).toBe(true);
    // run again: nothing more to do, nothing doubled
    const again = run('new-year', '--data', data, '--fiscal-year', '2018');
    expect(again.stderr).toContain('追加するものはありません');
    expect(readJson('dataset.json').documents.results.fiscalYears).toEqual([2017, 2018]);
  });

  it('survey:export writes the books a department can fill in, and never overwrites', async () => {
    writeJson('dataset.json', (j) => {
      j.documents.results.survey = {
        request: '平成30年度の事業実施結果を照会します。',
        deadline: '2019-04-26',
        contact: '企画調整部 情報政策課 電話 024-521-0000',
      };
    });
    const r = run('survey-export', '--data', data, '--fiscal-year', '2018', '--out', sent);
    expect(r.status, r.all).toBe(0);
    // the cover has this round's deadline and contact: nothing to warn about
    expect(r.stderr).not.toMatch(/照会の表紙|回答期限/);
    const book = path.join(sent, '総務部.xlsx');
    copyFileSync(book, path.join(work, 'blank-総務部.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    // the cover: 照会文, 回答期限, 問い合わせ先 from the data, how to fill in, 記入例
    const cover = wb.worksheets[0];
    expect(cover.name).toBe('記入のしかた');
    const coverText = cover
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(coverText).toContain('平成30年度の事業実施結果を照会します。');
    expect(coverText).toContain('平成31年4月26日（2019/04/26）');
    expect(coverText).toContain('企画調整部 情報政策課 電話 024-521-0000');
    expect(coverText).toContain('値を消すときは、そのセルに「（削除）」と入力してください');
    expect(coverText).toContain('記入例');
    const ws = wb.getWorksheet(SHEET)!;
    const id = String(ws.getCell('A2').value);
    const last = readJson(`initiatives/${id}.json`).results['2017'];
    // last year's values beside this year's cells, read-only and grey; inputs coloured
    expect(ws.getCell('I1').value).toContain('（参考）H29年度');
    expect(ws.getCell('I2').value).toBe(last.budget);
    expect(ws.getCell('K2').value).toBe(last.outcome);
    expect(ws.getCell('I2').protection?.locked).not.toBe(false);
    expect((ws.getCell('I2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFEDEDED');
    expect((ws.getCell('E2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
    expect(ws.getCell('E2').value).toBe(null);
    // the 達成度 list: the categories only, then the clear mark
    const meta = wb.getWorksheet('_survey')!;
    const list = [1, 2, 3, 4, 5, 6, 7].map((k) => meta.getCell(`B${k}`).value).filter(Boolean);
    expect(list).toEqual(['計画どおり実施', '目標達成', '一部実施', '未実施', '該当なし', '（削除）']);
    // the hidden sheet keeps what the book was sent with
    expect(meta.getCell('D5').value).toBe(ws.getCell('C2').value);
    // A4 landscape at 100 %, with widths (in units of the sheet font's widest digit) that fill
    // the printable width (0.3-inch margins) without running past it
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.scale).toBe(100);
    const pt = ws.columns.reduce((n, c) => n + (c.width ?? 0) * UNIT_PT, 0);
    expect(pt).toBeLessThanOrEqual(841.89 - 2 * 0.3 * 72);
    expect(pt).toBeGreaterThan((841.89 - 2 * 0.3 * 72) * 0.9);

    const zip = await JSZip.loadAsync(readFileSync(book));
    const xml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    // one validation per column range, none overlapping
    const sqrefs = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    const rows = ws.rowCount;
    expect(sqrefs.sort()).toEqual([`E2:E${rows}`, `F2:F${rows}`, `H2:H${rows}`]);
    // rows carry an estimated height but may grow with their text
    expect(xml).toMatch(/<row r="2"[^>]* ht="/);
    expect(xml).not.toContain('customHeight');
    expect(xml).toContain('<sheetProtection');

    // again into the same folder: refused, naming the books, and nothing touched
    const before = statSync(book).mtimeMs;
    const again = run('survey-export', '--data', data, '--fiscal-year', '2018', '--out', sent);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/エラー .*照会\/総務部\.xlsx: 同じ名前のブックがすでにあります（回答済みのブックかもしれないため、上書きしません）/);
    expect(statSync(book).mtimeMs).toBe(before);
  });

  it('survey:import takes the year it collects, refuses added rows, and does not blame a department for the division’s correction', async () => {
    const returned = folder('回答1');
    const answered: Record<string, string> = {};
    await answer(path.join(sent, '総務部.xlsx'), path.join(returned, '総務部.xlsx'), (ws) => {
      for (let row = 2; row <= ws.rowCount; row++) {
        const id = String(ws.getCell(`A${row}`).value);
        ws.getCell(`E${row}`).value = (ws.getCell(`I${row}`).value as number | null) ?? 0; // as last year
        ws.getCell(`F${row}`).value = '計画どおり実施';
        ws.getCell(`G${row}`).value = `${id} の取組を実施した。`;
        answered[id] = `${id} の取組を実施した。`;
      }
    });
    let addedRow = 0;
    await answer(path.join(sent, '企画調整部.xlsx'), path.join(returned, '企画調整部.xlsx'), (ws) => {
      ws.getCell('E2').value = 500;
      ws.getCell('F2').value = '一部実施';
      ws.getCell('G2').value = '一部を実施した。';
      // 新規 typed as ◯ (U+25EF): taken as ○, and listed as ○ (it had been listed as `true`)
      ws.getCell('H2').value = '◯';
      // a row answered in part (its budget only, as last year's): still unanswered, and changed
      ws.getCell('E3').value = (ws.getCell('I3').value as number | null) ?? 0;
      // a new project, added as a row
      addedRow = ws.rowCount + 1;
      ws.getCell(`C${addedRow}`).value = '新しく始めた事業';
      ws.getCell(`E${addedRow}`).value = 3000;
    });
    // a book sent back as it was sent out, nothing written in it
    copyFileSync(path.join(sent, '企業局.xlsx'), path.join(returned, '企業局.xlsx'));
    // the division corrects a title while the survey is out
    const firstId = Object.keys(answered)[0];
    writeJson(`initiatives/${firstId}.json`, (j) => (j.title = `${j.title}（名称訂正）`));

    const before = initiativeTexts();
    const noYear = run('survey-import', '--data', data, returned);
    expect(noYear.status).toBe(2);
    expect(noYear.stderr).toContain('--fiscal-year');

    const refused = run('survey-import', '--data', data, '--fiscal-year', '2018', returned);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`エラー 企画調整部.xlsx!事業実施結果!C${addedRow}: ${addedRow}行目は照会した事業の行ではありません（ID がありません）`);
    expect(refused.stderr).not.toContain('総務部.xlsx');
    expect(refused.stderr).toContain('誤りがあるため、データは変更していません');
    expect(initiativeTexts()).toEqual(before);

    // the added row removed: both books go in; the corrected title stays as the division wrote it
    await answer(path.join(returned, '企画調整部.xlsx'), path.join(returned, '企画調整部.xlsx'), (ws) => ws.spliceRows(addedRow, 1));
    const ok = run('survey-import', '--data', data, '--fiscal-year', '2018', returned);
    expect(ok.status, ok.all).toBe(0);
    expect(ok.stdout).toContain('総務部: 変更 15 件、変更なし 0 件、未回答 0 件');
    // each initiative counted once: 1 + 0 + 14 = the 15 asked
    expect(ok.stdout).toContain('企画調整部: 変更 1 件、変更なし 0 件、未回答 14 件（うち今回変わったもの 1 件）');
    expect(ok.stdout).toMatch(/回答のブックがない部局: .*危機管理部/);
    // the blank book is said as such on its line (it read as a department that had answered nothing yet)
    expect(ok.stdout).toContain(
      '企業局: 変更 0 件、変更なし 0 件、未回答 1 件。このブックには何も記入されていません（記入する前のブックが返ってきたようです。部局に確かめてください）',
    );
    expect(ok.stdout).not.toMatch(/企画調整部:[^\n]*何も記入されていません/);
    expect(ok.stdout).toContain('50 件の値を取り込みました');
    // not a correction: nothing to publish again
    expect(ok.stdout).not.toContain('訂正を公表するには');
    expect(ok.stdout).toMatch(/「[^」]+」 2018年度の新規: （空欄） → ○\n/);
    expect(readJson(`initiatives/${firstId}.json`).title).toMatch(/（名称訂正）$/);
    for (const [id, outcome] of Object.entries(answered)) expect(readJson(`initiatives/${id}.json`).results['2018'].outcome).toBe(outcome);
  });

  it('refuses last year’s workbook, and a published year without --correction', async () => {
    const lastYear = path.join(work, '昨年度');
    expect(run('survey-export', '--data', data, '--fiscal-year', '2017', '--out', lastYear).status).toBe(0);
    const returned = folder('昨年度の回答');
    await answer(path.join(lastYear, '総務部.xlsx'), path.join(returned, '総務部.xlsx'), (ws) => (ws.getCell('E2').value = 1));
    const before = initiativeTexts();
    const other = run('survey-import', '--data', data, '--fiscal-year', '2018', returned);
    expect(other.status).toBe(1);
    expect(other.stderr).toContain('エラー 総務部.xlsx: このブックは2017年度の照会です（取り込む年度: 2018年度）');
    const published = run('survey-import', '--data', data, '--fiscal-year', '2017', returned);
    expect(published.status).toBe(1);
    expect(published.stderr).toContain(
      'エラー 総務部.xlsx: 2017年度の事業実施結果は公表済みです（平成30年6月1日公表）。公表後の訂正として取り込むときは --correction を付けてください',
    );
    expect(initiativeTexts()).toEqual(before);
    const correction = run('survey-import', '--data', data, '--fiscal-year', '2017', '--correction', returned);
    expect(correction.status, correction.all).toBe(0);
    expect(correction.stdout).toContain('1 件の値を取り込みました');
    // what publishes the correction, said where the import ends
    expect(correction.stdout).toContain(
      `訂正を公表するには、npm run build -- --data ${data} で文書を作り直し、npm run errata -- --data ${data} --against <公表版の名前> で正誤表を作ります`,
    );
  });

  it('a 達成度 outside the summary categories: a warning at its cell; in a published year (a correction), refused with nothing written', async () => {
    const lastYear = path.join(work, '昨年度');
    // a correction of the published FY2017 that would make its report a draft again
    const typo = folder('訂正の誤記');
    await answer(path.join(lastYear, '総務部.xlsx'), path.join(typo, '総務部.xlsx'), (ws) => {
      ws.getCell('F2').value = '計画通り実施';
      ws.getCell('G3').value = '（削除）';
    });
    const before = initiativeTexts();
    const refused = run('survey-import', '--data', data, '--fiscal-year', '2017', '--correction', typo);
    expect(refused.status, refused.all).toBe(1);
    expect(refused.stderr).toMatch(
      /エラー 総務部\.xlsx!事業実施結果!F2: 目標の達成度「計画通り実施」は集計区分（.*計画どおり実施.*）のどれにもありません。2017年度は公表済みで、.*取り込みません。「計画どおり実施」のことであれば、一覧から選び直してください/,
    );
    // at the cell emptied (G3, not the row's ID cell), naming the initiative
    expect(refused.stderr).toMatch(/エラー 総務部\.xlsx!事業実施結果!G3: この訂正で「.+」の取組実績・成果等が空になります。2017年度は公表済みで/);
    expect(initiativeTexts()).toEqual(before);
    // the year being collected: taken, with the warning at the cell
    const sent2018 = path.join(work, '2018年度の照会');
    expect(run('survey-export', '--data', data, '--fiscal-year', '2018', '--out', sent2018).status).toBe(0);
    // a deadline left from an earlier round (before the year asked about has ended) is said
    const oldDeadline = folder('古い期限');
    writeJson('dataset.json', (j) => (j.documents.results.survey.deadline = '2018-04-27'));
    const stale = run('survey-export', '--data', data, '--fiscal-year', '2018', '--out', oldDeadline);
    expect(stale.stderr).toContain('回答期限 平成30年4月27日（documents.results.survey.deadline）は2018年度が終わる前の日付です');
    writeJson('dataset.json', (j) => (j.documents.results.survey.deadline = '2019-04-26'));
    const open = folder('集計区分外');
    await answer(path.join(sent2018, '総務部.xlsx'), path.join(open, '総務部.xlsx'), (ws) => (ws.getCell('F2').value = '計画通り実施'));
    const taken = run('survey-import', '--data', data, '--fiscal-year', '2018', open);
    expect(taken.status, taken.all).toBe(0);
    expect(taken.stderr).toMatch(
      /警告 総務部\.xlsx!事業実施結果!F2: 目標の達成度「計画通り実施」は集計区分.*このままでは2018年度の報告書は集計区分外として「未確定」になります。「計画どおり実施」のことであれば/,
    );
    // put back as it was for the tests after this one
    await answer(path.join(sent2018, '総務部.xlsx'), path.join(open, '総務部.xlsx'), (ws) => (ws.getCell('F2').value = '計画どおり実施'));
    expect(run('survey-import', '--data', data, '--fiscal-year', '2018', open).status).toBe(0);
  });

  it('a blank fresh copy with one cell filled changes that cell only; clearing is explicit and named', async () => {
    const returned = folder('訂正');
    let corrected = '';
    let cleared = '';
    await answer(path.join(work, 'blank-総務部.xlsx'), path.join(returned, '総務部.xlsx'), (ws) => {
      corrected = String(ws.getCell('A3').value);
      ws.getCell('G3').value = '訂正した実績です。';
      cleared = String(ws.getCell('A4').value);
      ws.getCell('F4').value = '（削除）';
      ws.getCell('E4').value = '(削除)'; // typed with half-width brackets
    });
    const before = results2018();
    const r = run('survey-import', '--data', data, '--fiscal-year', '2018', returned);
    expect(r.status, r.all).toBe(0);
    const title = (id: string) => readJson(`initiatives/${id}.json`).title;
    expect(r.stdout).toContain(
      `initiatives/${corrected}.json「${title(corrected)}」 2018年度の取組実績・成果等: "${corrected} の取組を実施した。" → "訂正した実績です。"`,
    );
    expect(r.stdout).toContain(
      `削除 initiatives/${cleared}.json「${title(cleared)}」 2018年度の目標の達成度: "計画どおり実施"（「（削除）」の入力により消しました）`,
    );
    expect(r.stdout).toContain(`削除 initiatives/${cleared}.json「${title(cleared)}」 2018年度の事業費: `);
    expect(r.stdout).toContain('3 件の値を取り込みました（うち削除 2 件）');
    // each of the 15 counted once: the corrected one changed, the cleared one unanswered again (and changed)
    expect(r.stdout).toContain('総務部: 変更 1 件、変更なし 13 件、未回答 1 件（うち今回変わったもの 1 件）');
    // no stored value erased by a blank cell
    const after = results2018();
    for (const [file, res] of Object.entries(before)) {
      if (file === `${corrected}.json`) expect(after[file]).toEqual({ ...res, outcome: '訂正した実績です。' });
      else if (file === `${cleared}.json`) expect(after[file]).toEqual({ budget: null, outcome: res.outcome });
      else expect(after[file], file).toEqual(res);
    }
  });

  it('one 部局 in two books is one message; a deleted row, a copied-in row and an unprotected sheet are named with their cells', async () => {
    const twice = folder('二重');
    copyFileSync(path.join(sent, '教育庁.xlsx'), path.join(twice, '教育庁.xlsx'));
    copyFileSync(path.join(sent, '教育庁.xlsx'), path.join(twice, '教育庁（再送）.xlsx'));
    let deleted = '';
    let copied = 0;
    await answer(path.join(sent, '土木部.xlsx'), path.join(twice, '土木部.xlsx'), (ws) => {
      deleted = String(ws.getCell('A3').value);
      ws.spliceRows(3, 1);
      (ws as unknown as { sheetProtection: unknown }).sheetProtection = null;
      // a row copied in from another 部局's book
      copied = ws.rowCount + 1;
      ws.getCell(`A${copied}`).value = '1-03';
      ws.getCell(`E${copied}`).value = 100;
    });
    const before = initiativeTexts();
    const r = run('survey-import', '--data', data, '--fiscal-year', '2018', twice);
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('エラー'));
    expect(lines.filter((l) => l.includes('教育庁（再送）.xlsx'))).toEqual([
      'エラー 教育庁（再送）.xlsx: 教育庁の回答は 教育庁.xlsx にもあります。一つの部局の回答は一つのブックにまとめてください（訂正は、取り込んだ後に別の回でも取り込めます）。二つのブックの記入内容は同じです。どちらか一方をフォルダから移してください',
    ]);
    expect(r.stderr).toContain('エラー 土木部.xlsx!事業実施結果: シートの保護が解除されています');
    expect(r.stderr).toMatch(new RegExp(`エラー 土木部\\.xlsx!事業実施結果!A3: ID「${deleted}」（.+）の行が削除されています`));
    expect(r.stderr).toContain(
      `エラー 土木部.xlsx!事業実施結果!A${copied}: ${copied}行目（ID「1-03」）は、このブックで照会した事業の行ではありません（行が追加されています）`,
    );
    expect(initiativeTexts()).toEqual(before);
  });

  it('survey:status lists, per 部局, what is unanswered or needs a call, printed and as a workbook', async () => {
    // a budget ten times last year's, and a 達成度 in no category
    const files = readdirSync(path.join(data, 'initiatives')).sort();
    const kikaku = files.find(
      (f) =>
        readJson(`initiatives/${f}`).department === '企画調整部' &&
        !readJson(`initiatives/${f}`).results['2018'].outcome &&
        readJson(`initiatives/${f}`).results['2017']?.budget > 0,
    )!;
    let lastBudget = 0;
    writeJson(`initiatives/${kikaku}`, (j) => {
      lastBudget = j.results['2017'].budget;
      j.results['2018'] = { budget: j.results['2017'].budget * 10, achievement: '検討中', outcome: '検討した。' };
    });
    // one still unanswered whose budget also moved: counted under both 未回答 and 要確認
    const both = files.find(
      (f) =>
        f !== kikaku &&
        readJson(`initiatives/${f}`).department === '企画調整部' &&
        readJson(`initiatives/${f}`).results['2018'] &&
        !readJson(`initiatives/${f}`).results['2018'].outcome &&
        readJson(`initiatives/${f}`).results['2017']?.budget > 0,
    )!;
    writeJson(`initiatives/${both}`, (j) => {
      j.results['2018'].budget = j.results['2017'].budget * 5;
    });
    const out = path.join(work, '未回答一覧.xlsx');
    const r = run('survey-status', '--data', data, '--fiscal-year', '2018', '--out', out);
    expect(r.status, r.all).toBe(0);
    // the year named as the books that asked about it name it
    expect(r.stdout).toContain('平成30年度 事業実施結果 未回答・要確認一覧（ふくしま創生ICT戦略）');
    // 総務部: the achievement cleared above, and FY2017's budget corrected to 1 above
    expect(r.stdout).toContain('総務部（照会 15 件: 未回答 1 件、要確認 1 件）');
    expect(r.stdout).toContain('企画調整部（照会 15 件: 未回答 13 件、要確認 3 件）');
    expect(r.stdout).toMatch(/【未回答】目標の達成度が未回答です/);
    expect(r.stdout).toMatch(/【集計区分外】目標の達成度「検討中」は集計区分（計画どおり実施、目標達成、一部実施、未実施、該当なし）のどれにもありません/);
    // from 1 to over 500: probably 円 typed for 千円, and said so; ten times is asked about without it
    expect(r.stdout).toMatch(
      /【事業費の増減】事業費が前年度の 3 倍以上または 3 分の1以下に変わっています（1 → [\d,]+ 千円）。円で書いていませんか（事業費は千円で書きます）/,
    );
    expect(r.stdout).not.toContain(`（${lastBudget.toLocaleString('en-US')} → ${(lastBudget * 10).toLocaleString('en-US')} 千円）。円で`);
    expect(r.stdout).toContain(
      `【事業費の増減】事業費が前年度の 3 倍以上または 3 分の1以下に変わっています（${lastBudget.toLocaleString('en-US')} → ${(lastBudget * 10).toLocaleString('en-US')} 千円）`,
    );
    expect(r.stdout).toMatch(/危機管理部（照会 10 件: 未回答 10 件/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.getCell('H1').value).toContain('連絡メモ');
    const texts = ws
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string');
    expect(texts).toContain('事業費の増減');
    expect(texts.filter((t) => t === '未回答').length).toBeGreaterThan(50);
    // the list with the division's notes is never overwritten
    const again = run('survey-status', '--data', data, '--fiscal-year', '2018', '--out', out);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('未回答一覧.xlsx: すでにあります。上書きしないため、書き出していません');
  });

  it('build: results-2018.pdf carries its own date, never FY2017’s; once published, the year takes only corrections', async () => {
    const out = path.join(work, 'out');
    // the date in Japan of the PDF's creation date (written as midnight JST)
    const creation = async (file: string) => {
      const d = (await PDFDocument.load(readFileSync(file), { updateMetadata: false })).getCreationDate()!;
      return new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
    };
    const r = run('build', '--data', data, '--out', out, '--only', 'results-2018.pdf,results-2017.pdf');
    expect(r.status, r.all).toBe(0);
    // the rest of the year's warnings counted: unanswered rows and a 達成度 outside the categories (「検討中」) alike
    expect(r.stderr).toMatch(/警告 …ほか \d+ 件、2018年度の未回答（または集計区分外の達成度）があります（部局ごとの一覧: npm run survey:status/);
    expect(await creation(path.join(out, 'fukushima-ict-strategy', 'results-2017.pdf'))).toBe('2018-06-01');
    // not published yet: the draft's date, the start of the next fiscal year
    expect(await creation(path.join(out, 'fukushima-ict-strategy', 'results-2018.pdf'))).toBe('2019-04-01');
    writeJson('dataset.json', (j) => (j.documents.results.publishedOn['2018'] = '2019-08-30'));
    const r2 = run('build', '--data', data, '--out', out, '--only', 'results-2018.pdf');
    expect(r2.status, r2.all).toBe(0);
    expect(await creation(path.join(out, 'fukushima-ict-strategy', 'results-2018.pdf'))).toBe('2019-08-30');
    // the face of each report carries its own year's date, as its metadata does
    const face = async (file: string) => squash((await readPdf(path.join(out, 'fukushima-ict-strategy', file))).pages[0].text);
    // a real date, in the era of that day: 2019-08 is 令和元年8月 (the era.asOf of 2018-06-01 does not decide it)
    expect(await face('results-2018.pdf')).toContain('令和元年8月福島県');
    expect(await face('results-2018.pdf')).not.toContain('平成31年8月');
    expect(await face('results-2017.pdf')).toContain('平成30年6月福島県');
    const late = run('survey-import', '--data', data, '--fiscal-year', '2018', path.join(work, '訂正'));
    expect(late.status).toBe(1);
    expect(late.stderr).toContain('2018年度の事業実施結果は公表済みです（令和元年8月30日公表）');
    expect(existsSync(path.join(data, '.survey-import.journal.json'))).toBe(false);
  });
});

describe('publishedOn', () => {
  it('one date for several years is a warning that says to write one date per year; a date for a year not reported is one too', async () => {
    const { checkDataset } = await import('../src/pipeline.js');
    const { formatProblem } = await import('../src/problem.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'published-on-'));
    try {
      cpSync(path.join(__dirname, 'fixtures', 'mini'), dir, { recursive: true });
      const edit = (change: (j: any) => void) => {
        const j = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
        change(j);
        writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(j, null, 2));
      };
      edit((j) => Object.assign(j.documents.results, { fiscalYears: [2017, 2018], publishedOn: '2018-06-01' }));
      // a results year needs at least one entry (as new-year opens it): one with no results at all cannot be built
      const one001 = path.join(dir, 'initiatives', '001.json');
      const i = JSON.parse(readFileSync(one001, 'utf8'));
      i.results['2018'] = { budget: 1000, achievement: '計画どおり実施', outcome: '運用した。' };
      writeFileSync(one001, JSON.stringify(i, null, 2));
      const one = checkDataset(dir).problems.map((p) => formatProblem(p));
      expect(one).toContainEqual(
        expect.stringMatching(
          /^警告 dataset\.json:\d+:\d+ documents\.results\.publishedOn: publishedOn が一つの日付（2018-06-01）なので、2017・2018年度の報告書がすべてこの日付になり.*\{"2017": "2018-06-01"\} の形で書いてください$/,
        ),
      );
      edit((j) => (j.documents.results.publishedOn = { '2017': '2018-06-01', '2019': '2020-06-01' }));
      const r = checkDataset(dir);
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.problems.map((p) => formatProblem(p))).toContainEqual(
        expect.stringMatching(
          /^警告 dataset\.json:\d+:\d+ documents\.results\.publishedOn\.2019: 2019年度は fiscalYears にないため、この公表日は使われません$/,
        ),
      );
      expect(r.problems.some((p) => p.message.includes('一つの日付'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

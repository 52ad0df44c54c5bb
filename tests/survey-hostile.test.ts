// Crafted and broken survey returns: every cell that is not a typed value is refused with
// book!sheet!cell and nothing is written; a failure while writing changes no file, and a run
// stopped during its renames is completed by the next one.
import { describe, it, expect, beforeEach } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { surveyImport } from '../src/survey/import.js';
import { JOURNAL, fileIo, tempOf, type CommitIo } from '../src/survey/commit.js';
import { checkDataset } from '../src/pipeline.js';
import { ROOT } from './helpers/data.js';
import { editBook, errors, exportedOnce } from './helpers/survey.js';

const SHEET = '事業実施結果';
let work: string;
let data: string;
let sent: string;

/** Every file of the data set folder (initiatives and anything left beside them), as bytes. */
const snapshot = () => {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(data, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else out[r] = readFileSync(path.join(data, r)).toString('base64');
    }
  };
  walk('');
  return out;
};
const initiativeFiles = () =>
  Object.fromEntries(
    readdirSync(path.join(data, 'initiatives'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, readFileSync(path.join(data, 'initiatives', f))]),
  );
const json = (id: string) => JSON.parse(readFileSync(path.join(data, 'initiatives', `${id}.json`), 'utf8'));
const edit = (file: string, change: (ws: ExcelJS.Worksheet, meta: ExcelJS.Worksheet) => void) =>
  editBook(path.join(sent, file), (wb) => change(wb.getWorksheet(SHEET)!, wb.getWorksheet('_survey')!));

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), 'survey-import', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

const exported = exportedOnce('fukushima-ict-strategy', 2017);
beforeEach(() => {
  ({ work, data, sent } = exported.fresh());
});

describe('cells that are not typed values', () => {
  it('refuses formulas (with or without a cached value), shared-formula children and error values, naming each cell', async () => {
    const before = snapshot();
    let title = '';
    await edit('総務部.xlsx', (ws) => {
      title = String(ws.getCell('C6').value);
      ws.getCell('E2').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue;
      ws.getCell('E3').value = { formula: 'A1' } as ExcelJS.CellValue;
      ws.getCell('E4').value = { formula: 'E2*2', result: 5 } as ExcelJS.CellValue;
      ws.getCell('E5').value = { sharedFormula: 'E4', result: 5 } as ExcelJS.CellValue;
      ws.getCell('F2').value = { error: '#N/A' } as ExcelJS.CellValue;
      ws.getCell('G3').value = { formula: '"実施した"', result: '実施した' } as ExcelJS.CellValue;
      ws.getCell('H4').value = { formula: '"○"', result: '○' } as ExcelJS.CellValue;
      // a locked column whose formula gives the right title is still a formula
      ws.getCell('C6').value = { formula: `"${title}"`, result: title } as ExcelJS.CellValue;
    });
    const r = await surveyImport(data, sent, { correction: true });
    const text = errors(r).join('\n');
    for (const cell of ['E2', 'E3', 'E4', 'E5', 'F2', 'G3', 'H4', 'C6'])
      expect(text).toMatch(new RegExp(`^総務部\\.xlsx!事業実施結果!${cell}: 数式やエラー値（.+）は取り込めません。値を入力してください$`, 'm'));
    expect(text).toContain('総務部.xlsx!事業実施結果!E2: 数式やエラー値（=1/0）');
    expect(text).toContain('総務部.xlsx!事業実施結果!F2: 数式やエラー値（#N/A）');
    expect(r.changes).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('refuses dates, control characters, _x escapes, separators-only and unsafe budgets, merged cells and over-long text', async () => {
    const before = snapshot();
    await edit('総務部.xlsx', (ws) => {
      ws.getCell('F2').value = new Date('2018-04-01T00:00:00Z');
      ws.getCell('G3').value = new Date('2018-03-31T00:00:00Z');
      ws.getCell('E2').value = ',,,';
      // eslint-disable-next-line no-loss-of-precision -- a number beyond 2^53, as a department may type it
      ws.getCell('E3').value = 9007199254740993;
      ws.getCell('E4').value = '9,007,199,254,740,993';
      ws.getCell('G4').value = 'ベル_x0007_音'; // exceljs decodes it to U+0007 when it reads the shared string
      ws.getCell('G5').value = 'あ'.repeat(20001);
      ws.getCell('F6').value = 'い'.repeat(20001);
      ws.mergeCells('E7:E8');
      // 「100%」 typed into 達成度: Excel keeps the number 1 and a percent format
      ws.getCell('F9').value = 1;
      ws.getCell('F9').style = { ...ws.getCell('F9').style, numFmt: '0%' }; // its own style: cells of a column share one
    });
    // an inline string keeps the escape undecoded: put one in the sheet's XML itself
    const file = path.join(sent, '総務部.xlsx');
    const zip = await JSZip.loadAsync(readFileSync(file));
    const sheetXml = 'xl/worksheets/sheet2.xml'; // 事業実施結果 is the second sheet, after the cover
    const xml = await zip.file(sheetXml)!.async('string');
    const crafted = xml.replace(
      /<c r="G2"([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/,
      (_m, attrs: string) => `<c r="G2"${attrs.replace(/\s*t="[^"]*"/, '')} t="inlineStr"><is><t>実施_x0007_した</t></is></c>`,
    );
    expect(crafted).not.toBe(xml);
    zip.file(sheetXml, crafted);
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));

    const r = await surveyImport(data, sent, { correction: true });
    const messages = errors(r);
    const at = (cell: string) => `総務部.xlsx!事業実施結果!${cell}: `;
    expect(messages).toContain(`${at('F2')}日付（2018/4/1）は取り込めません。セルの書式を「文字列」または「標準」にして入力し直してください`);
    expect(messages).toContain(`${at('G3')}日付（2018/3/31）は取り込めません。セルの書式を「文字列」または「標準」にして入力し直してください`);
    expect(messages).toContain(`${at('E2')}事業費は0以上の整数（千円単位、例: 1500）で入力してください。入力されているのは「,,,」です`);
    expect(messages).toContain(`${at('E3')}事業費が大きすぎます（9007199254740991 千円まで）`);
    expect(messages).toContain(`${at('E4')}事業費が大きすぎます（9007199254740991 千円まで）`);
    expect(messages).toContain(`${at('G4')}制御文字（U+0007）は取り込めません。取り除いてください`);
    expect(messages).toContain(`${at('G2')}「_x0007_」は取り込めません（Excel の制御文字の書き方です）。取り除いてください`);
    expect(messages).toContain(`${at('G5')}20000文字以内で入力してください（20001文字あります）`);
    expect(messages).toContain(`${at('F6')}20000文字以内で入力してください（20001文字あります）`);
    expect(messages).toContain(`${at('E7')}結合したセルは取り込めません。セルの結合を解除して、事業ごとに入力してください`);
    expect(messages).toContain(`${at('E8')}結合したセルは取り込めません。セルの結合を解除して、事業ごとに入力してください`);
    expect(messages).toContain(
      `${at('F9')}表示形式つきの数値（「100%」と表示、セルの値は 1、表示形式 0%）は取り込めません。セルの書式を「文字列」にして、見えているとおりに入力し直してください`,
    );
    expect(messages.join('\n')).not.toMatch(/T00:00:00/);
    expect(snapshot()).toEqual(before);
  });

  it('takes a budget written with thousands separators, and text of exactly the limit', async () => {
    let id = '';
    await edit('総務部.xlsx', (ws) => {
      id = String(ws.getCell('A2').value);
      ws.getCell('E2').value = '135,304';
      ws.getCell('G2').value = 'う'.repeat(20000);
    });
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([]);
    expect(json(id).results['2017'].budget).toBe(135304);
    expect(json(id).results['2017'].outcome).toHaveLength(20000);
  });

  it('exits 1 through the command line, naming the cell, and leaves every initiative file byte for byte', () => {
    return (async () => {
      await edit('企画調整部.xlsx', (ws) => {
        ws.getCell('E3').value = { formula: 'SUM(E2:E2)' } as ExcelJS.CellValue;
      });
      const before = initiativeFiles();
      const r = cli('--data', data, '--fiscal-year', '2017', '--correction', sent);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('エラー 企画調整部.xlsx!事業実施結果!E3: 数式やエラー値（=SUM(E2:E2)）は取り込めません。値を入力してください');
      expect(r.stderr).toContain('誤りがあるため、データは変更していません');
      expect(initiativeFiles()).toEqual(before);
    })();
  });
});

describe('rows', () => {
  it('a blank row hides nothing below it: a row added under a blank one is refused with its row named', async () => {
    const before = snapshot();
    let last = 0;
    await edit('土木部.xlsx', (ws) => {
      last = ws.rowCount;
      // one blank row, then a project the department added without an id
      ws.getCell(`C${last + 2}`).value = '新しく始めた事業';
      ws.getCell(`E${last + 2}`).value = 3000;
    });
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toContain(
      `土木部.xlsx!事業実施結果!C${last + 2}: ${last + 2}行目は照会した事業の行ではありません（ID がありません）。この行を削除してください。新しい事業は、データに加えてから照会してください`,
    );
    expect(snapshot()).toEqual(before);
  });

  it('a blank row among the rows does not stop the reading: the rows below it are still checked', async () => {
    const before = snapshot();
    await edit('教育庁.xlsx', (ws, meta) => {
      // row 3 emptied, its id gone from the hidden sheet too, and a formula further down
      for (let col = 1; col <= 8; col++) ws.getRow(3).getCell(col).value = null;
      meta.getCell('A6').value = null;
      ws.getCell('E5').value = { formula: 'E4' } as ExcelJS.CellValue;
    });
    const r = await surveyImport(data, sent, { correction: true });
    const text = errors(r).join('\n');
    expect(text).toContain('教育庁.xlsx!_survey!A6: 照会の情報（隠しシート）の事業 ID が消されています。照会で配布したブックに回答し直してください');
    expect(text).toContain('教育庁.xlsx!事業実施結果!E5: 数式やエラー値（=E4）は取り込めません。値を入力してください');
    expect(snapshot()).toEqual(before);
  });

  it('reads books named .XLSX', async () => {
    let id = '';
    await edit('総務部.xlsx', (ws) => {
      id = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 4321;
    });
    renameSync(path.join(sent, '総務部.xlsx'), path.join(sent, '総務部.XLSX'));
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([]);
    expect(r.changes).toEqual([
      { file: `initiatives/${id}.json`, path: 'results.2017.budget', title: expect.any(String), what: '2017年度の事業費', from: expect.anything(), to: 4321 },
    ]);
    expect(json(id).results['2017'].budget).toBe(4321);
  });
});

describe('all or nothing at the file system', () => {
  /** Two departments change one budget each; returns the two initiative ids. */
  async function twoChanges(): Promise<[string, string]> {
    let a = '';
    let b = '';
    await edit('総務部.xlsx', (ws) => {
      a = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 111;
    });
    await edit('教育庁.xlsx', (ws) => {
      b = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 222;
    });
    return [a, b];
  }

  it('a write that fails while staging changes no file and names the files (through the command line, exit 1)', async () => {
    const [a, b] = await twoChanges();
    const [fa, fb] = [`initiatives/${a}.json`, `initiatives/${b}.json`].sort();
    // a folder where the second file's temporary file goes: its write fails, after the first one succeeded
    mkdirSync(path.join(data, tempOf(fb)));
    const before = initiativeFiles();
    const r = cli('--data', data, '--fiscal-year', '2017', '--correction', sent);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `エラー ${fb}: 書き込めませんでした（一時ファイル ${tempOf(fb)}: 同じ名前のフォルダがあります）。そのため、どのファイルも変更していません（書き込む予定だった 2 ファイル: ${fa}、${fb}）`,
    );
    expect(r.stderr).toContain('誤りがあるため、データは変更していません');
    expect(initiativeFiles()).toEqual(before);
    expect(existsSync(path.join(data, tempOf(fa)))).toBe(false);
    expect(existsSync(path.join(data, JOURNAL))).toBe(false);
  });

  it('a full disk while staging (the second write fails) changes no file and says why', async () => {
    const [a, b] = await twoChanges();
    const [fa, fb] = [`initiatives/${a}.json`, `initiatives/${b}.json`].sort();
    let writes = 0;
    const full: CommitIo = {
      write: (file, text) => {
        if (++writes === 2) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        fileIo.write(file, text);
      },
      rename: fileIo.rename,
    };
    const before = initiativeFiles();
    const r = await surveyImport(data, sent, { correction: true, io: full });
    expect(errors(r)).toEqual([
      `${fb}: 書き込めませんでした（一時ファイル ${tempOf(fb)}: ディスクの空きがありません）。そのため、どのファイルも変更していません（書き込む予定だった 2 ファイル: ${fa}、${fb}）`,
    ]);
    expect(r.changes).toEqual([]);
    expect(initiativeFiles()).toEqual(before);
    expect(readdirSync(path.join(data, 'initiatives')).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(existsSync(path.join(data, JOURNAL))).toBe(false);
  });

  it('a run stopped during its renames leaves a journal; the next run completes it and says so', async () => {
    const [a, b] = await twoChanges();
    const [fa, fb] = [`initiatives/${a}.json`, `initiatives/${b}.json`].sort();
    const original = readFileSync(path.join(data, fb));
    // the second rename of an initiative file fails (as if the process were killed there)
    let renames = 0;
    const faulty: CommitIo = {
      write: fileIo.write,
      rename: (from, to) => {
        if (to.endsWith('.json') && !to.endsWith(JOURNAL) && ++renames === 2) throw Object.assign(new Error('injected'), { code: 'EIO' });
        fileIo.rename(from, to);
      },
    };
    const r = await surveyImport(data, sent, { correction: true, io: faulty });
    expect(errors(r)).toEqual([
      `${JOURNAL}: ファイルの置き換えの途中で失敗しました（EIO）。書き換え済み: ${fa}。まだのファイル: ${fb}。原因を取り除いてからもう一度 survey:import を実行すると、残りを書き込みます`,
    ]);
    expect(r.partial).toEqual([fa]);
    expect(existsSync(path.join(data, JOURNAL))).toBe(true);
    expect(readFileSync(path.join(data, fb))).toEqual(original);

    // meanwhile validate and build refuse the half changed data set
    expect(
      checkDataset(data)
        .problems.filter((p) => p.severity === 'error')
        .map((p) => `${p.file}: ${p.message}`),
    ).toEqual([
      `${JOURNAL}: 前回の survey:import が途中で止まっていて、データの一部だけが書き換わっています。survey:import をもう一度実行して取り込みを完了してから作成してください`,
    ]);

    const again = await surveyImport(data, sent, { correction: true });
    expect(errors(again)).toEqual([]);
    expect(again.problems.map((p) => `${p.file}: ${p.message}`)).toContain(`${JOURNAL}: 前回中断した取り込みを完了しました: ${fa}、${fb}`);
    expect(again.changes).toEqual([]);
    expect(json(a).results['2017'].budget).toBe(111);
    expect(json(b).results['2017'].budget).toBe(222);
    expect(existsSync(path.join(data, JOURNAL))).toBe(false);
    expect(readdirSync(path.join(data, 'initiatives')).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(checkDataset(data).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('a process killed (SIGKILL) between two renames is completed by the next run through the command line', async () => {
    const [a, b] = await twoChanges();
    const [fa, fb] = [`initiatives/${a}.json`, `initiatives/${b}.json`].sort();
    const script = path.join(work, 'killed.mts');
    const src = (f: string) => JSON.stringify(pathToFileURL(path.join(ROOT, 'src', f)).href);
    writeFileSync(
      script,
      [
        `import { surveyImport } from ${src('survey/import.ts')};`,
        `import { fileIo } from ${src('survey/commit.ts')};`,
        `let n = 0;`,
        `await surveyImport(process.argv[2], process.argv[3], { correction: true, io: { write: fileIo.write, rename: (f, t) => { if (t.endsWith('.json') && !t.endsWith(${JSON.stringify(JOURNAL)}) && ++n === 2) process.kill(process.pid, 'SIGKILL'); fileIo.rename(f, t); } } });`,
      ].join('\n'),
    );
    const killed = spawnSync(process.execPath, ['--import', 'tsx', script, data, sent], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(path.join(data, JOURNAL))).toBe(true);
    expect(json(a).results['2017'].budget === 111 || json(b).results['2017'].budget === 222).toBe(true);
    expect(json(a).results['2017'].budget === 111 && json(b).results['2017'].budget === 222).toBe(false);

    const r = cli('--data', data, '--fiscal-year', '2017', '--correction', sent);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`警告 ${JOURNAL}: 前回中断した取り込みを完了しました: ${fa}、${fb}`);
    expect(json(a).results['2017'].budget).toBe(111);
    expect(json(b).results['2017'].budget).toBe(222);
    expect(existsSync(path.join(data, JOURNAL))).toBe(false);
  });

  it('temporary files of a run stopped before its journal are removed, and the data stays as it was', async () => {
    const before = initiativeFiles();
    writeFileSync(path.join(data, tempOf('initiatives/1-01.json')), '{"half": ');
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([]);
    expect(r.problems.map((p) => p.message)).toContain(
      '前回中断した取り込みの一時ファイルを削除しました（データは変更されていませんでした）: initiatives/.1-01.json.survey-import.tmp',
    );
    expect(existsSync(path.join(data, tempOf('initiatives/1-01.json')))).toBe(false);
    expect(initiativeFiles()).toEqual(before);
  });

  it('a journal naming a file outside the data set is not followed', async () => {
    const outside = path.join(work, 'outside.json');
    writeFileSync(outside, 'keep');
    writeFileSync(path.join(work, '.outside.json.survey-import.tmp'), 'evil');
    writeFileSync(
      path.join(data, JOURNAL),
      JSON.stringify({ version: 1, files: [{ target: '../outside.json', temp: '../.outside.json.survey-import.tmp', sha256: 'x' }] }),
    );
    const before = initiativeFiles();
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([
      `${JOURNAL}: 前回中断した取り込みの記録が読めないため、記録と一時ファイルを削除しました。回答のブックをもう一度取り込んでください`,
    ]);
    expect(readFileSync(outside, 'utf8')).toBe('keep');
    expect(initiativeFiles()).toEqual(before);
    expect(existsSync(path.join(data, JOURNAL))).toBe(false);
  });
});

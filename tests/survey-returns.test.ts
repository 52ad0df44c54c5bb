// Returns as they come back from departments: saved by LibreOffice or another program, mixed
// with files that are not read, cells whose format changes what they show, two runs at once,
// and the messages a person acts on (what was typed, what differs, which book is whose).
import { describe, it, expect, beforeEach } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { surveyExport } from '../src/survey/export.js';
import { surveyImport } from '../src/survey/import.js';
import { readRegular } from '../src/survey/returns-folder.js';
import { ROOT } from './helpers/data.js';
import { editBook, errors, exportedOnce, warnings } from './helpers/survey.js';
import { convertWithLibreOffice, findLibreOffice, resaveInLibreOffice } from './helpers/libreoffice.js';

const SHEET = '事業実施結果';
let work: string;
let data: string;
let sent: string;

const initiativeFiles = () =>
  Object.fromEntries(readdirSync(path.join(data, 'initiatives')).map((f) => [f, readFileSync(path.join(data, 'initiatives', f), 'utf8')]));
const json = (id: string) => JSON.parse(readFileSync(path.join(data, 'initiatives', `${id}.json`), 'utf8'));
const edit = (file: string, change: (ws: ExcelJS.Worksheet, meta: ExcelJS.Worksheet) => void, into = file) =>
  editBook(path.join(sent, file), (wb) => change(wb.getWorksheet(SHEET)!, wb.getWorksheet('_survey')!), path.join(sent, into));

/** Rewrites one part of a workbook's package. */
async function rewritePart(file: string, part: string, change: (xml: string) => string) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file(part)!.async('string');
  const changed = change(xml);
  expect(changed).not.toBe(xml);
  zip.file(part, changed);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** The `<sheetProtection …>` element of the survey sheet (the second sheet, after the cover). */
const protectionOf = async (file: string) => {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return /<sheetProtection\b[^>]*>/.exec(await zip.file('xl/worksheets/sheet2.xml')!.async('string'))?.[0] ?? '';
};

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), 'survey-import', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

const exported = exportedOnce('fukushima-ict-strategy', 2017);
beforeEach(() => {
  ({ work, data, sent } = exported.fresh());
});

describe('sheet protection as OOXML writes it', () => {
  it('takes sheet="true" (as LibreOffice writes it) as protected, and still refuses sheet="false" and a removed protection', async () => {
    let id = '';
    await edit('総務部.xlsx', (ws) => {
      id = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 4321;
    });
    await rewritePart(path.join(sent, '総務部.xlsx'), 'xl/worksheets/sheet2.xml', (x) => x.replace(/(<sheetProtection\b[^>]*\bsheet=)"1"/, '$1"true"'));
    expect(await protectionOf(path.join(sent, '総務部.xlsx'))).toMatch(/sheet="true"/);
    await rewritePart(path.join(sent, '企業局.xlsx'), 'xl/worksheets/sheet2.xml', (x) => x.replace(/(<sheetProtection\b[^>]*\bsheet=)"1"/, '$1"false"'));
    await rewritePart(path.join(sent, '教育庁.xlsx'), 'xl/worksheets/sheet2.xml', (x) => x.replace(/<sheetProtection\b[^>]*\/>/, ''));
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r).sort()).toEqual([
      '企業局.xlsx!事業実施結果: シートの保護が解除されています。照会で配布したブックに、保護を解除せずに回答してください',
      '教育庁.xlsx!事業実施結果: シートの保護が解除されています。照会で配布したブックに、保護を解除せずに回答してください',
    ]);
    rmSync(path.join(sent, '企業局.xlsx'));
    rmSync(path.join(sent, '教育庁.xlsx'));
    const again = await surveyImport(data, sent, { correction: true });
    expect(errors(again)).toEqual([]);
    expect(json(id).results['2017'].budget).toBe(4321);
  });
});

const soffice = findLibreOffice('the returns saved by LibreOffice are NOT tested');
// the python that has openpyxl: the one on the PATH, or Debian's (python3-openpyxl, which .ci/run installs)
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl']).status === 0);
const openpyxl = python !== undefined;
if (!openpyxl) {
  if (process.env.CI) throw new Error('openpyxl is missing: .ci/run installs python3-openpyxl');
  console.warn('\n*** python3 has no openpyxl: the return saved by openpyxl is NOT tested (apt-get install python3-openpyxl) ***\n');
}

/** Fills two cells of 総務部.xlsx with exceljs; returns the initiative id of row 2. */
async function fillSoumu(): Promise<string> {
  let id = '';
  await edit('総務部.xlsx', (ws) => {
    id = String(ws.getCell('A2').value);
    ws.getCell('E2').value = 98765;
    ws.getCell('G2').value = '研修会を3回開催し、延べ120人が参加した。\n次年度も継続する。';
  });
  return id;
}

describe.skipIf(!soffice)('a return saved by LibreOffice Calc', () => {
  it('is read: its protection (sheet="true") is intact, and the filled cells are imported', async () => {
    const id = await fillSoumu();
    resaveInLibreOffice(soffice!, work, path.join(sent, '総務部.xlsx'));
    // really LibreOffice's file: its own protection element, which exceljs alone reads as unprotected
    expect(await protectionOf(path.join(sent, '総務部.xlsx'))).toMatch(/\bsheet="(true|1)"/);
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([]);
    expect(json(id).results['2017'].budget).toBe(98765);
    expect(json(id).results['2017'].outcome).toBe('研修会を3回開催し、延べ120人が参加した。\n次年度も継続する。');
  });

  it('with its protection removed in LibreOffice, is still refused', async () => {
    await fillSoumu();
    resaveInLibreOffice(soffice!, work, path.join(sent, '総務部.xlsx'));
    await rewritePart(path.join(sent, '総務部.xlsx'), 'xl/worksheets/sheet2.xml', (x) => x.replace(/<sheetProtection\b[^>]*\/>/, ''));
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual(['総務部.xlsx!事業実施結果: シートの保護が解除されています。照会で配布したブックに、保護を解除せずに回答してください']);
  });
});

describe.skipIf(!openpyxl)('a return saved by openpyxl', () => {
  it('is read and its filled cells are imported', async () => {
    const id = await fillSoumu();
    const script = path.join(work, 'fill.py');
    writeFileSync(
      script,
      ['import sys, openpyxl', 'wb = openpyxl.load_workbook(sys.argv[1])', "ws = wb['事業実施結果']", "ws['E3'] = 1200", 'wb.save(sys.argv[1])'].join('\n'),
    );
    execFileSync(python!, [script, path.join(sent, '総務部.xlsx')], { stdio: 'pipe', timeout: 60_000 });
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([]);
    expect(json(id).results['2017'].budget).toBe(98765);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(sent, '総務部.xlsx'));
    expect(json(String(wb.getWorksheet(SHEET)!.getCell('A3').value)).results['2017'].budget).toBe(1200);
  });
});

/** Converts a book of the returns folder with LibreOffice (to `to`, e.g. 'ods'), in place of the original; its new name. */
const convert = (file: string, to: string, filter?: string) => path.basename(convertWithLibreOffice(soffice!, work, path.join(sent, file), to, filter));

const made = (cmd: string, ...args: string[]) => spawnSync(cmd, args).status === 0;

describe('files in the returns folder that are not read', () => {
  it('names each one with what to do; a pipe, a device and a link are refused and never read; nothing is written (exit 1)', async () => {
    await edit('総務部.xlsx', (ws) => {
      ws.getCell('E2').value = 5555;
    });
    writeFileSync(path.join(sent, '~$企業局.xlsx'), 'owner');
    writeFileSync(path.join(sent, '.~lock.教育庁.xlsx#'), 'owner');
    writeFileSync(path.join(sent, '回答一覧.csv'), 'ID,事業費\n1-01,100\n');
    writeFileSync(path.join(sent, '土木部.xls'), 'not really');
    writeFileSync(path.join(sent, '保健福祉部.ODS'), 'not really');
    writeFileSync(path.join(sent, 'メモ.txt'), 'memo');
    mkdirSync(path.join(sent, '前回の回答'));
    copyFileSync(path.join(sent, '企画調整部.xlsx'), path.join(sent, '前回の回答', '企画調整部.xlsx'));
    // a book that is a link to a book elsewhere, and a pipe named like a book (reading it would wait for ever)
    copyFileSync(path.join(sent, '企画調整部.xlsx'), path.join(work, 'elsewhere.xlsx'));
    rmSync(path.join(sent, '企画調整部.xlsx'));
    symlinkSync(path.join(work, 'elsewhere.xlsx'), path.join(sent, '企画調整部.xlsx'));
    rmSync(path.join(sent, '商工労働部.xlsx'));
    expect(made('mkfifo', path.join(sent, '商工労働部.xlsx'))).toBe(true);
    // a device needs the right to make one (root in a container may not have it)
    rmSync(path.join(sent, '農林水産部.xlsx'));
    const device = made('mknod', path.join(sent, '農林水産部.xlsx'), 'c', '1', '3');
    const before = initiativeFiles();
    const r = cli('--data', data, '--fiscal-year', '2017', '--correction', sent);
    expect(r.signal).toBeNull(); // not hung on the pipe
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n');
    const expected = [
      'エラー ~$企業局.xlsx: Excel でブックを開いている間にできる一時ファイルです。ブックを保存して閉じてから取り込んでください。閉じても残るときは、このファイルを削除してください',
      'エラー .~lock.教育庁.xlsx#: LibreOffice でブックを開いている間にできる一時ファイルです。ブックを保存して閉じてから取り込んでください。閉じても残るときは、このファイルを削除してください',
      'エラー 回答一覧.csv: CSV などの表は読めません（シートの保護と照会の情報が残らないため）。照会で配布したブック（.xlsx）に回答してもらってください',
      'エラー 土木部.xls: .xls のファイルは読めません。Excel ブック（.xlsx）として保存し直してください（保存し直したら、このファイルはフォルダから移してください）',
      'エラー 保健福祉部.ODS: .ods のファイルは読めません。Excel ブック（.xlsx）として保存し直してください（保存し直したら、このファイルはフォルダから移してください）',
      '警告 メモ.txt: 回答のブック（.xlsx）ではないため読みません',
      '警告 前回の回答/: フォルダの中は読みません。回答のブックは、このフォルダの直下に置いてください',
      'エラー 企画調整部.xlsx: ショートカット（シンボリックリンク）は読みません。回答のブックそのものをこのフォルダに置いてください',
      'エラー 商工労働部.xlsx: 通常のファイルではありません（名前付きパイプやデバイス）。読まずに止めました。このフォルダから取り除いてください',
    ];
    for (const line of expected) expect(lines).toContain(line);
    if (device)
      expect(lines).toContain(
        'エラー 農林水産部.xlsx: 通常のファイルではありません（名前付きパイプやデバイス）。読まずに止めました。このフォルダから取り除いてください',
      );
    else console.warn('mknod is not permitted here: the device case is not tested');
    expect(r.stderr).toContain('誤りがあるため、データは変更していません');
    expect(initiativeFiles()).toEqual(before);
  });

  it('a book replaced by a pipe or a link after the folder was listed is not read either', () => {
    const fifo = path.join(work, 'pipe.xlsx');
    expect(made('mkfifo', fifo)).toBe(true);
    expect(readRegular(fifo)).toBe('special');
    symlinkSync(path.join(sent, '総務部.xlsx'), path.join(work, 'link.xlsx'));
    expect(readRegular(path.join(work, 'link.xlsx'))).toBe('link');
    expect(readRegular(path.join(sent, '総務部.xlsx'))).toBeInstanceOf(Buffer);
  });

  it('a folder and an unrelated file alone are named as warnings and the books are imported', async () => {
    let id = '';
    await edit('総務部.xlsx', (ws) => {
      id = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 5555;
    });
    mkdirSync(path.join(sent, '前回の回答'));
    writeFileSync(path.join(sent, 'Thumbs.db'), '');
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toEqual([
      'Thumbs.db: 回答のブック（.xlsx）ではないため読みません',
      '前回の回答/: フォルダの中は読みません。回答のブックは、このフォルダの直下に置いてください',
    ]);
    expect(json(id).results['2017'].budget).toBe(5555);
  });

  it('a returns folder that does not exist is named', async () => {
    const r = await surveyImport(data, path.join(work, 'none'), { correction: true });
    expect(errors(r)).toEqual([`${path.join(work, 'none')}: 回答のブックのフォルダが読めません（見つかりません）`]);
  });
});

describe.skipIf(!soffice)('returns saved by LibreOffice as .ods or .xls', () => {
  it('are named; saved again as .xlsx (as the message says), they are imported', async () => {
    const id = await fillSoumu();
    let kigyo = '';
    await edit('企業局.xlsx', (ws) => {
      kigyo = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 2468;
    });
    const ods = convert('総務部.xlsx', 'ods');
    const xls = convert('企業局.xlsx', 'xls', 'MS Excel 97');
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([
      '企業局.xls: .xls のファイルは読めません。Excel ブック（.xlsx）として保存し直してください（保存し直したら、このファイルはフォルダから移してください）',
      '総務部.ods: .ods のファイルは読めません。Excel ブック（.xlsx）として保存し直してください（保存し直したら、このファイルはフォルダから移してください）',
    ]);
    expect(json(id).results['2017'].budget).not.toBe(98765);
    convert(ods, 'xlsx', 'Calc MS Excel 2007 XML');
    convert(xls, 'xlsx', 'Calc MS Excel 2007 XML');
    const again = await surveyImport(data, sent, { correction: true });
    expect(errors(again)).toEqual([]);
    expect(json(id).results['2017'].budget).toBe(98765);
    expect(json(id).results['2017'].outcome).toBe('研修会を3回開催し、延べ120人が参加した。\n次年度も継続する。');
    expect(json(kigyo).results['2017'].budget).toBe(2468);
  });
});

describe('cells read as the department saw them', () => {
  /** Gives a cell its own style with a number format (the cells of a column share one style object). */
  const formatted = (ws: ExcelJS.Worksheet, ref: string, value: ExcelJS.CellValue, numFmt: string) => {
    const c = ws.getCell(ref);
    c.value = value;
    c.style = { ...c.style, numFmt };
  };

  it('refuses a number whose format changes what it shows, naming the cell and what it shows; a format that only groups or adds a unit is taken', async () => {
    let id10 = '';
    await edit('総務部.xlsx', (ws) => {
      formatted(ws, 'E2', 1, '0%');
      formatted(ws, 'E3', 1234000, '#,##0,');
      formatted(ws, 'E4', 1.25, '# ?/?');
      formatted(ws, 'E5', 12345, '0.00E+00');
      formatted(ws, 'E6', 43191, 'yyyy');
      // the era year alone (「30年」): exceljs does not know it as a date and reads the serial number
      formatted(ws, 'E7', 43191, '[$-411]e"年"');
      formatted(ws, 'G8', 0.5, 'h:mm');
      formatted(ws, 'F9', 0.125, '0.0%');
      formatted(ws, 'E10', 1500, '#,##0"千円"');
      id10 = String(ws.getCell('A10').value);
      ws.getCell('E11').value = 43191;
    });
    // 「2018年4月1日」 as a Japanese Excel saves it: numFmtId 31 with no definition in the styles
    const file = path.join(sent, '総務部.xlsx');
    let xf = -1;
    await rewritePart(file, 'xl/styles.xml', (x) =>
      x.replace(/<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/, (_m, n: string, body: string) => {
        xf = Number(n);
        return `<cellXfs count="${xf + 1}">${body}<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`;
      }),
    );
    await rewritePart(file, 'xl/worksheets/sheet2.xml', (x) => x.replace(/<c r="E11"([^>]*?) s="\d+"/, `<c r="E11"$1 s="${xf}"`));
    const r = await surveyImport(data, sent, { correction: true });
    const at = (cell: string) => `総務部.xlsx!事業実施結果!${cell}: `;
    const retype = 'セルの書式を「標準」にして、事業費を千円単位の数値のまま入力し直してください';
    const date = '）は取り込めません。セルの書式を「文字列」または「標準」にして入力し直してください';
    expect(errors(r)).toEqual([
      `${at('E2')}「100%」と表示されていますが、セルの値は 1 です（表示形式 0%）。${retype}`,
      `${at('E3')}「1,234」と表示されていますが、セルの値は 1234000 です（表示形式 #,##0,）。${retype}`,
      `${at('E4')}「1 1/4」と表示されていますが、セルの値は 1.25 です（表示形式 # ?/?）。${retype}`,
      `${at('E5')}「1.23E+04」と表示されていますが、セルの値は 12345 です（表示形式 0.00E+00）。${retype}`,
      `${at('E6')}日付（2018/4/1${date}`,
      `${at('E7')}日付（2018/4/1${date}`,
      `${at('G8')}日付（12:00${date}`,
      `${at('F9')}表示形式つきの数値（「12.5%」と表示、セルの値は 0.125、表示形式 0.0%）は取り込めません。セルの書式を「文字列」にして、見えているとおりに入力し直してください`,
      `${at('E11')}日付（2018/4/1${date}`,
    ]);
    // 1,500千円 is 1500: once the refused cells are emptied the row is taken
    await edit('総務部.xlsx', (ws) => {
      for (const ref of ['E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'G8', 'F9', 'E11']) ws.getCell(ref).value = null;
    });
    const again = await surveyImport(data, sent, { correction: true });
    expect(errors(again)).toEqual([]);
    expect(json(id10).results['2017'].budget).toBe(1500);
  });
});

describe('budgets as people type them', () => {
  it('takes full-width digits and a whole number written with .0; shows what was typed when refusing, and says to leave a cell blank for 「－」 or 「なし」', async () => {
    const ids: string[] = [];
    await edit('総務部.xlsx', (ws) => {
      for (let row = 2; row <= 9; row++) ids.push(String(ws.getCell(`A${row}`).value));
      ws.getCell('E2').value = '１５００';
      ws.getCell('E3').value = '1500.0';
      ws.getCell('E4').value = '１，５００';
      ws.getCell('E5').value = '1,500';
      ws.getCell('E6').value = '－';
      ws.getCell('E7').value = 'なし';
      ws.getCell('E8').value = '1500.5';
      ws.getCell('E9').value = 1500.5;
    });
    const r = await surveyImport(data, sent, { correction: true });
    const at = (cell: string) => `総務部.xlsx!事業実施結果!${cell}: `;
    expect(errors(r)).toEqual([
      `${at('E6')}事業費に「－」と入力されています。事業費がないときは空欄にしてください（すでに登録されている事業費を消すときは「（削除）」と入力します）`,
      `${at('E7')}事業費に「なし」と入力されています。事業費がないときは空欄にしてください（すでに登録されている事業費を消すときは「（削除）」と入力します）`,
      `${at('E8')}事業費は0以上の整数（千円単位、例: 1500）で入力してください。入力されているのは「1500.5」です`,
      `${at('E9')}事業費は0以上の整数（千円単位、例: 1500）で入力してください。入力されているのは「1500.5」です`,
    ]);
    await edit('総務部.xlsx', (ws) => {
      for (const ref of ['E6', 'E7', 'E8', 'E9']) ws.getCell(ref).value = null;
    });
    const again = await surveyImport(data, sent, { correction: true });
    expect(errors(again)).toEqual([]);
    for (const id of ids.slice(0, 4)) expect(json(id).results['2017'].budget).toBe(1500);
  });
});

describe('two imports at once', () => {
  const lockFile = () => path.join(data, '.survey-import.lock');

  it('a run finding the lock of a running import refuses (exit 1), changes nothing and leaves that lock', async () => {
    await edit('総務部.xlsx', (ws) => {
      ws.getCell('E2').value = 7777;
    });
    // held by this very test process, which is running
    const held = JSON.stringify({ pid: process.pid, host: hostname() }) + '\n';
    writeFileSync(lockFile(), held);
    const before = initiativeFiles();
    const r = cli('--data', data, '--fiscal-year', '2017', '--correction', sent);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `エラー .survey-import.lock: ほかの survey:import がこのデータセットに取り込んでいる最中です（${hostname()} のプロセス ${process.pid}）。終わってからもう一度実行してください。実行中の取り込みがないのにこう表示されるときは、データセットのフォルダの .survey-import.lock を削除してください`,
    );
    expect(r.stderr).toContain('誤りがあるため、データは変更していません');
    expect(initiativeFiles()).toEqual(before);
    expect(readFileSync(lockFile(), 'utf8')).toBe(held);
    // a lock of another computer (a shared folder) cannot be checked: it is respected too
    writeFileSync(lockFile(), JSON.stringify({ pid: 1, host: 'another-pc' }));
    const other = await surveyImport(data, sent, { correction: true });
    expect(errors(other)).toEqual([expect.stringContaining('ほかの survey:import がこのデータセットに取り込んでいる最中です（another-pc のプロセス 1）')]);
    expect(initiativeFiles()).toEqual(before);
  });

  it('the lock of a process that has ended is taken over, said, and removed at the end', async () => {
    let id = '';
    await edit('総務部.xlsx', (ws) => {
      id = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 7777;
    });
    const ended = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(lockFile(), JSON.stringify({ pid: ended, host: hostname() }));
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toContain(`.survey-import.lock: 終了したプロセス ${ended} の取り込み中の印が残っていたため、引き継ぎました`);
    expect(json(id).results['2017'].budget).toBe(7777);
    expect(existsSync(lockFile())).toBe(false);
  });

  it('an import takes the lock while it runs and removes it, also when it refuses', async () => {
    let seen = false;
    const r = await surveyImport(data, sent, {
      correction: true,
      io: {
        write: (f, t) => {
          seen ||= existsSync(lockFile());
          writeFileSync(f, t);
        },
        rename: renameSync,
      },
    });
    expect(errors(r)).toEqual([]);
    expect(existsSync(lockFile())).toBe(false);
    await edit('総務部.xlsx', (ws) => {
      ws.getCell('E2').value = 8888;
    });
    const written = await surveyImport(data, sent, {
      correction: true,
      io: { write: (f, t) => ((seen ||= existsSync(lockFile())), writeFileSync(f, t)), rename: renameSync },
    });
    expect(errors(written)).toEqual([]);
    expect(seen).toBe(true);
    expect(existsSync(lockFile())).toBe(false);
    await edit('総務部.xlsx', (ws) => {
      ws.getCell('E2').value = -1;
    });
    expect(errors(await surveyImport(data, sent, { correction: true }))).toHaveLength(1);
    expect(existsSync(lockFile())).toBe(false);
  });
});

describe('messages a person acts on', () => {
  it('a renamed survey sheet is named as such, with the sheets the book has', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(sent, '総務部.xlsx'));
    wb.getWorksheet(SHEET)!.name = '回答';
    await wb.xlsx.writeFile(path.join(sent, '総務部.xlsx'));
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([
      '総務部.xlsx: シート「事業実施結果」がありません（このブックのシート: 「記入のしかた」、「回答」）。シートの名前を変えたときは「事業実施結果」に戻してください',
    ]);
  });

  it('two books of one 部局 are refused showing the cells where they differ (and saying when they are the same)', async () => {
    let row2 = '';
    await edit(
      '教育庁.xlsx',
      (ws) => {
        row2 = String(ws.getCell('G3').value ?? '');
        ws.getCell('E2').value = 1600;
        ws.getCell('G3').value = '研修会を4回開催し、延べ160人が参加した。追記あり';
        ws.getCell('H4').value = '○';
      },
      '教育庁（再送）.xlsx',
    );
    copyFileSync(path.join(sent, '総務部.xlsx'), path.join(sent, '総務部のコピー.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(sent, '教育庁.xlsx'));
    const ws = wb.getWorksheet(SHEET)!;
    const e2 = ws.getCell('E2').value;
    const h4 = ws.getCell('H4').value;
    expect(h4).toBeNull(); // the test needs a cell that differs from blank
    const r = await surveyImport(data, sent, { correction: true });
    const cut = (s: string) => (s.replace(/\s+/g, ' ').length > 20 ? `${s.replace(/\s+/g, ' ').slice(0, 20)}…` : s);
    expect(errors(r)).toEqual([
      `教育庁（再送）.xlsx: 教育庁の回答は 教育庁.xlsx にもあります。一つの部局の回答は一つのブックにまとめてください（訂正は、取り込んだ後に別の回でも取り込めます）。違うセル 3 か所（教育庁.xlsx／このブック）: E2 ${e2}／1600、G3 ${cut(row2) || '（空欄）'}／研修会を4回開催し、延べ160人が参加し…、H4 （空欄）／○`,
      '総務部のコピー.xlsx: 総務部の回答は 総務部.xlsx にもあります。一つの部局の回答は一つのブックにまとめてください（訂正は、取り込んだ後に別の回でも取り込めます）。二つのブックの記入内容は同じです。どちらか一方をフォルダから移してください',
    ]);
  });

  it('another 部局’s book saved under one’s own name is named as such', async () => {
    rmSync(path.join(sent, '総務部.xlsx'));
    copyFileSync(path.join(sent, '企画調整部.xlsx'), path.join(sent, '総務部.xlsx'));
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([
      '総務部.xlsx: このブックは企画調整部の照会のブックです（ファイル名は総務部のブックの名前です）。総務部の回答なら、総務部に配布したブックに記入してもらってください。企画調整部の回答なら、ファイル名を直してください',
    ]);
  });

  it('a later round does not list 部局 that answered in an earlier one as having sent nothing', async () => {
    const round = (n: number) => path.join(work, `round${n}`);
    await surveyExport(data, 2018, path.join(work, 'sent2018'));
    mkdirSync(round(1));
    mkdirSync(round(2));
    sent = path.join(work, 'sent2018');
    await edit(
      '総務部.xlsx',
      (ws) => {
        ws.getCell('F2').value = '計画どおり実施';
        ws.getCell('G2').value = '研修を実施した。';
      },
      path.join('..', 'round1', '総務部.xlsx'),
    );
    await edit(
      '企業局.xlsx',
      (ws) => {
        ws.getCell('F2').value = '計画どおり実施';
        ws.getCell('G2').value = '設備を更新した。';
      },
      path.join('..', 'round2', '企業局.xlsx'),
    );
    const first = cli('--data', data, '--fiscal-year', '2018', round(1));
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^回答のブックがない部局: .*企業局/m);
    const second = cli('--data', data, '--fiscal-year', '2018', round(2));
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('企業局: 変更 1 件、変更なし 0 件、未回答 0 件');
    const missing = /^回答のブックがない部局: (.*)$/m.exec(second.stdout)![1].split('、');
    expect(missing).not.toContain('総務部');
    expect(missing).not.toContain('企業局');
    expect(missing).toContain('教育庁');
    expect(second.stdout).toMatch(/^今回ブックがなく、前回までに回答を取り込んだ部局: 総務部（未回答 \d+ 件）$/m);
  });
});

describe('a correction of a published year', () => {
  // an old copy of a book, imported after a correction taken in from another copy, held the values it
  // was made with: they went back over the correction without a word (a walk's finding)
  it('an older copy of a book does not write its old values back over a correction; a value changed in both is taken and said', async () => {
    const old = path.join(work, 'old-copy');
    mkdirSync(old);
    copyFileSync(path.join(sent, '総務部.xlsx'), path.join(old, '総務部.xlsx'));
    let id = '';
    await edit('総務部.xlsx', (ws) => {
      id = String(ws.getCell('A2').value);
      ws.getCell('E2').value = 4321;
    });
    const corrected = path.join(work, 'corrected');
    mkdirSync(corrected);
    copyFileSync(path.join(sent, '総務部.xlsx'), path.join(corrected, '総務部.xlsx'));
    expect(cli('--data', data, '--fiscal-year', '2017', '--correction', corrected).status).toBe(0);
    expect(json(id).results['2017'].budget).toBe(4321);
    const before = initiativeFiles();
    const stale = cli('--data', data, '--fiscal-year', '2017', '--correction', old);
    expect(stale.status, stale.stderr).toBe(0);
    expect(stale.stderr).toMatch(
      /^警告 総務部\.xlsx!事業実施結果!E2: .*このブックを作った後に、データの値が変わっています（今のデータ: 4321、ブック: \d+）。ブックのこの欄は作ったときのままなので、今のデータの値を残します/m,
    );
    expect(initiativeFiles()).toEqual(before);
    // the department writes a value of its own in the old copy: that is an answer, taken, and said
    await editBook(path.join(old, '総務部.xlsx'), (wb) => {
      wb.getWorksheet(SHEET)!.getCell('E2').value = 5555;
    });
    const both = cli('--data', data, '--fiscal-year', '2017', '--correction', old);
    expect(both.status, both.stderr).toBe(0);
    expect(both.stderr).toMatch(
      /^警告 総務部\.xlsx!事業実施結果!E2: .*このブックを作った後にデータの値も変わっていましたが（4321）、ブックで書き直された値（5555）を取り込みます/m,
    );
    expect(json(id).results['2017'].budget).toBe(5555);
  });

  // a 達成度 outside the categories was named only on a second run, after the book's other errors were fixed
  it('names a 達成度 outside the categories with the book’s other errors, in one run', async () => {
    await edit('総務部.xlsx', (ws) => {
      ws.getCell('F2').value = '1349';
      ws.getCell('H4').value = 'null';
    });
    const before = initiativeFiles();
    const r = cli('--data', data, '--fiscal-year', '2017', '--correction', sent);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^エラー 総務部\.xlsx!事業実施結果!F2: /m);
    expect(r.stderr).toMatch(/^エラー 総務部\.xlsx!事業実施結果!H4: /m);
    expect(initiativeFiles()).toEqual(before);
  });

  // the departments that sent no book keep the answers published: said so, not as answers taken
  // in by an earlier round of the survey (「前回までに回答を取り込んだ部局」)
  it('names the departments without a correction as keeping their published answers', async () => {
    await edit('総務部.xlsx', (ws) => {
      ws.getCell('E2').value = 4321;
    });
    const one = path.join(work, 'one-book');
    mkdirSync(one);
    copyFileSync(path.join(sent, '総務部.xlsx'), path.join(one, '総務部.xlsx'));
    const r = cli('--data', data, '--fiscal-year', '2017', '--correction', one);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^総務部: 変更 1 件/m);
    const kept = /^訂正のブックがなく、公表した回答のままの部局: (.*)$/m.exec(r.stdout)?.[1]?.split('、') ?? [];
    expect(kept).toEqual(expect.arrayContaining(['企業局', '教育庁']));
    expect(kept).not.toContain('総務部');
    expect(r.stdout).not.toContain('前回までに回答を取り込んだ');
    expect(r.stdout).not.toContain('回答のブックがない部局');
  });
});

describe('a change of a long text, as import prints it', () => {
  // a one-character correction in a paragraph was printed as the whole paragraph twice
  it('shows the part that changed with a few characters either side, cut with 「…」; a short one whole', async () => {
    const { shownChange } = await import('../src/survey/import-report.js');
    const show = (v: unknown) => JSON.stringify(v);
    const before =
      '県のウェブサイトを全面的に改修し、スマートフォンでも見やすくした。アクセス数は前年度比で大きく伸び、年間6.7万件突破となった。引き続き情報発信に努める。';
    const after = before.replace('6.7万件突破', '6.7万件を突破');
    expect(shownChange(before, after, show)).toEqual([
      '…"きく伸び、年間6.7万件突破となった。引き続き情"…',
      '…"きく伸び、年間6.7万件を突破となった。引き続き情"…',
    ]);
    // several lines: the line break shown as the change line writes it
    expect(shownChange('第一段落。\n第二段落です。', '第一段落。\n第二段落でした。', show)).toEqual([
      '"第一段落。\\n第二段落です。"',
      '"第一段落。\\n第二段落でした。"',
    ]);
    expect(shownChange('短い文。', '短い文です。', show)).toEqual(['"短い文。"', '"短い文です。"']);
    expect(shownChange(1294, 1349, show)).toEqual(['1294', '1349']);
  });
});

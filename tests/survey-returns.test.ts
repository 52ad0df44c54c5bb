// Returns as they come back from departments: saved by LibreOffice or another program, mixed
// with files that are not read, cells whose format changes what they show, two runs at once,
// and the messages a person acts on (what was typed, what differs, which book is whose).
import { describe, it, expect, beforeAll, beforeEach, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { surveyExport } from '../src/survey/export.js';
import { surveyImport } from '../src/survey/import.js';
import { ROOT } from './helpers/data.js';

const SHEET = '事業実施結果';
let root: string;
let pristineData: string;
let pristineSent: string;
let work: string;
let data: string;
let sent: string;

const initiativeFiles = () => Object.fromEntries(readdirSync(path.join(data, 'initiatives')).map((f) => [f, readFileSync(path.join(data, 'initiatives', f), 'utf8')]));
const json = (id: string) => JSON.parse(readFileSync(path.join(data, 'initiatives', `${id}.json`), 'utf8'));
const errors = (r: { problems: { severity: string; file: string; message: string }[] }) => r.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`);
const warnings = (r: { problems: { severity: string; file: string; message: string }[] }) => r.problems.filter((p) => p.severity === 'warning').map((p) => `${p.file}: ${p.message}`);

async function edit(file: string, change: (ws: ExcelJS.Worksheet, meta: ExcelJS.Worksheet) => void, into = file) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(sent, file));
  change(wb.getWorksheet(SHEET)!, wb.getWorksheet('_survey')!);
  await wb.xlsx.writeFile(path.join(sent, into));
}

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

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'survey-returns-'));
  pristineData = path.join(root, 'data');
  pristineSent = path.join(root, 'sent');
  cpSync(path.join(ROOT, 'data', 'fukushima-ict-strategy'), pristineData, { recursive: true });
  const r = await surveyExport(pristineData, 2017, pristineSent);
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  work = mkdtempSync(path.join(root, 'case-'));
  data = path.join(work, 'data');
  sent = path.join(work, 'sent');
  cpSync(pristineData, data, { recursive: true });
  cpSync(pristineSent, sent, { recursive: true });
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

const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync('which', [c]).status === 0);
if (!soffice) {
  if (process.env.CI) throw new Error('LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui');
  console.warn('\n*** LibreOffice (soffice) is not installed: the returns saved by LibreOffice are NOT tested (apt-get install libreoffice-calc-nogui) ***\n');
}
const openpyxl = spawnSync('python3', ['-c', 'import openpyxl']).status === 0;
if (!openpyxl) console.warn('\n*** python3 has no openpyxl: the return saved by openpyxl is NOT tested (pip install openpyxl) ***\n');

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
    const out = path.join(work, 'lo');
    execFileSync(soffice!, ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, path.join(sent, '総務部.xlsx')], { stdio: 'pipe', timeout: 180_000 });
    copyFileSync(path.join(out, '総務部.xlsx'), path.join(sent, '総務部.xlsx'));
    // really LibreOffice's file: its own protection element, which exceljs alone reads as unprotected
    expect(await protectionOf(path.join(sent, '総務部.xlsx'))).toMatch(/\bsheet="(true|1)"/);
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([]);
    expect(json(id).results['2017'].budget).toBe(98765);
    expect(json(id).results['2017'].outcome).toBe('研修会を3回開催し、延べ120人が参加した。\n次年度も継続する。');
  });

  it('with its protection removed in LibreOffice, is still refused', async () => {
    await fillSoumu();
    const out = path.join(work, 'lo');
    execFileSync(soffice!, ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, path.join(sent, '総務部.xlsx')], { stdio: 'pipe', timeout: 180_000 });
    copyFileSync(path.join(out, '総務部.xlsx'), path.join(sent, '総務部.xlsx'));
    await rewritePart(path.join(sent, '総務部.xlsx'), 'xl/worksheets/sheet2.xml', (x) => x.replace(/<sheetProtection\b[^>]*\/>/, ''));
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual(['総務部.xlsx!事業実施結果: シートの保護が解除されています。照会で配布したブックに、保護を解除せずに回答してください']);
  });
});

describe.skipIf(!openpyxl)('a return saved by openpyxl', () => {
  it('is read and its filled cells are imported', async () => {
    const id = await fillSoumu();
    const script = path.join(work, 'fill.py');
    writeFileSync(script, ['import sys, openpyxl', 'wb = openpyxl.load_workbook(sys.argv[1])', "ws = wb['事業実施結果']", "ws['E3'] = 1200", 'wb.save(sys.argv[1])'].join('\n'));
    execFileSync('python3', [script, path.join(sent, '総務部.xlsx')], { stdio: 'pipe', timeout: 60_000 });
    const r = await surveyImport(data, sent, { correction: true });
    expect(errors(r)).toEqual([]);
    expect(json(id).results['2017'].budget).toBe(98765);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(sent, '総務部.xlsx'));
    expect(json(String(wb.getWorksheet(SHEET)!.getCell('A3').value)).results['2017'].budget).toBe(1200);
  });
});

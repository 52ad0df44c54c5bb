// The plan workbook (plan:export / plan:import) walked as a department would: the exported book
// filled in with exceljs (not the project's writer), re-saved through LibreOffice where it is
// installed, imported, built, and the initiative list and the open data read back. Every
// refusal leaves the data folder byte for byte as it was.
import { describe, it, expect, beforeAll, beforeEach, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planExport } from '../src/plan-book/export.js';
import { planImport, type PlanChange } from '../src/plan-book/import.js';
import { printPlanImport } from '../src/plan-book/import-report.js';
import { readSchedule, scheduleCells } from '../src/plan-book/schedule-cells.js';
import { buildDataset, checkDataset } from '../src/pipeline.js';
import { JOURNAL, fileIo } from '../src/survey/commit.js';
import { readPdf } from '../src/errata/pdf-lines.js';
import { ROOT, squash } from './helpers/data.js';
import { folderHash } from './helpers/files.js';
import { parseCsv } from './helpers/csv.js';

let root: string;
let pristineData: string;
let pristineSent: string;
let work: string;
let data: string;
let sent: string;

const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync('which', [c]).status === 0);
if (!soffice) {
  if (process.env.CI) throw new Error('LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui');
  console.warn(
    '\n*** LibreOffice (soffice) is not installed: the plan workbook is NOT re-saved through LibreOffice (apt-get install libreoffice-calc-nogui) ***\n',
  );
}

const json = (id: string) => JSON.parse(readFileSync(path.join(data, 'initiatives', `${id}.json`), 'utf8'));
const said = (severity: string) => (r: { problems: { severity: string; file: string; message: string }[] }) =>
  r.problems.filter((p) => p.severity === severity).map((p) => `${p.file}: ${p.message}`);
const errors = said('error');
const warnings = said('warning');

/** Fills a sent book the way a department does: exceljs on the file itself, every sheet at hand. */
async function fill(
  file: string,
  change: (s: { items: ExcelJS.Worksheet; schedule: ExcelJS.Worksheet; indicators: ExcelJS.Worksheet; meta: ExcelJS.Worksheet }) => void,
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(sent, file));
  change({
    items: wb.getWorksheet('事業')!,
    schedule: wb.getWorksheet('スケジュール')!,
    indicators: wb.getWorksheet('指標')!,
    meta: wb.getWorksheet('_plan')!,
  });
  await wb.xlsx.writeFile(path.join(sent, file));
}

/** Opens and saves a book in LibreOffice Calc, as a department without Excel returns it. */
function resaveInLibreOffice(file: string) {
  const out = path.join(work, 'lo');
  execFileSync(
    soffice!,
    ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, path.join(sent, file)],
    { stdio: 'pipe', timeout: 180_000 },
  );
  copyFileSync(path.join(out, file), path.join(sent, file));
}

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'plan-workbook-'));
  pristineData = path.join(root, 'data');
  pristineSent = path.join(root, 'sent');
  cpSync(path.join(ROOT, 'tests/fixtures/mini'), pristineData, { recursive: true });
  const r = await planExport(pristineData, pristineSent, { whole: true });
  expect(errors(r)).toEqual([]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  work = mkdtempSync(path.join(root, 'case-'));
  data = path.join(work, 'data');
  sent = path.join(work, 'sent');
  cpSync(pristineData, data, { recursive: true });
  // the 部局 books only: the whole plan's book holds the same initiatives (one book per initiative)
  mkdirSync(sent);
  for (const f of ['総務部.xlsx', '企画部.xlsx']) copyFileSync(path.join(pristineSent, f), path.join(sent, f));
});

describe('the exported books', () => {
  it('one per 部局 and one for the whole plan, with the sheets, the ids locked, the drop-downs and the cover', async () => {
    expect(readdirSync(pristineSent).sort()).toEqual(['企画部.xlsx', '総務部.xlsx', '計画全体.xlsx'].sort());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(pristineSent, '総務部.xlsx'));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['記入のしかた', 'visible'],
      ['事業', 'visible'],
      ['スケジュール', 'visible'],
      ['指標', 'visible'],
      ['_plan', 'veryHidden'],
    ]);
    const items = wb.getWorksheet('事業')!;
    expect((items.getRow(1).values as unknown[]).slice(1).map((v) => String(v).replace(/\n/g, ''))).toEqual([
      'ID',
      '番号',
      '事業名',
      '部局',
      '課室',
      '節',
      '説明',
      '新規（○）',
      '再掲先（節）',
      '従たる目標（節）',
      '官民データ①',
      '取扱い',
    ]);
    expect((items.getRow(2).values as unknown[]).slice(1, 8)).toEqual([
      '001',
      1,
      '防災情報システムの運用',
      '総務部',
      '危機対策課',
      '1-1 情報提供',
      '災害時にICTを活用して情報を伝えます。',
    ]);
    expect(items.getCell('K2').value).toBe('○');
    expect(items.getCell('A2').protection?.locked).not.toBe(false);
    expect(items.getCell('C2').protection?.locked).toBe(false);
    // the empty rows for a new initiative: open, but their ID and number stay locked
    expect(items.getCell('C3').protection?.locked).toBe(false);
    expect(items.getCell('A3').protection?.locked).not.toBe(false);
    expect(items.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: ["'_plan'!$B$1:$B$4"] });
    expect(items.getCell('L2').dataValidation).toMatchObject({ type: 'list', formulae: ['"廃止"'] });
    const meta = wb.getWorksheet('_plan')!;
    expect([1, 2, 3, 4].map((r) => meta.getCell(r, 2).value)).toEqual(['1 安全・安心なくらし', '1-1 情報提供', '2 行政運営', '2-1 事務の効率化']);
    const schedule = wb.getWorksheet('スケジュール')!;
    expect((schedule.getRow(2).values as unknown[]).slice(1)).toEqual(['001', 1, '防災情報システムの運用', '構築', '→', '運用', '→']);
    expect(schedule.getCell('C3').protection?.locked).toBe(false);
    expect(schedule.getCell('C2').protection?.locked).not.toBe(false);
    const indicators = wb.getWorksheet('指標')!;
    expect((indicators.getRow(2).values as unknown[]).slice(1)).toEqual([
      '001',
      '防災情報システムの運用',
      '登録機関数',
      '58件',
      '2018年3月末',
      '60件',
      '2021年3月末',
    ]);
    const cover = wb.getWorksheet('記入のしかた')!;
    const coverText = cover
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    for (const w of ['照会', '回答期限', '問い合わせ先', 'テスト県 企画部情報政策課', '記入例', '廃止', '（削除）', '→']) expect(coverText).toContain(w);
    // 〃 is read as the year before's continuation: the cover says so (a department may mean the row above)
    expect(coverText).toContain('「〃」「同上」も「→」と同じく、左の年度の続きとして読みます');
  });

  it("the cover carries the data set's planSurvey: 照会文, 期限 (in the era of the data) and 問い合わせ先", async () => {
    const file = path.join(data, 'dataset.json');
    const d = JSON.parse(readFileSync(file, 'utf8'));
    d.planSurvey = { request: '計画の改定に向けて記載を確認してください。', deadline: '2019-01-25', contact: '企画部情報政策課 企画班 内線1234' };
    writeFileSync(file, JSON.stringify(d, null, 2));
    const out = path.join(work, 'out');
    expect(errors(await planExport(data, out))).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '企画部.xlsx'));
    const text = wb
      .getWorksheet('記入のしかた')!
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(text).toContain('計画の改定に向けて記載を確認してください。');
    expect(text).toContain('平成31年1月25日（2019/01/25）');
    expect(text).toContain('企画部情報政策課 企画班 内線1234');
  });

  it('never writes over a book already in the folder', async () => {
    const before = folderHash(pristineSent);
    const r = await planExport(data, pristineSent);
    expect(errors(r)[0]).toMatch(/同じ名前のブックがすでにあります/);
    expect(folderHash(pristineSent)).toBe(before);
  });
});

describe('schedule cells', () => {
  it('label then →, a label typed in every year, and a blank year between as two spans', () => {
    expect(readSchedule(['運用', '→', '→', '→'], 2017)).toEqual({ ok: true, spans: [{ from: 2017, to: 2020, label: '運用' }] });
    expect(readSchedule(['運用', '運用', '運用', ''], 2017)).toEqual({ ok: true, spans: [{ from: 2017, to: 2019, label: '運用' }] });
    expect(readSchedule(['構築', '', '運用', '⇒'], 2017)).toEqual({
      ok: true,
      spans: [
        { from: 2017, to: 2017, label: '構築' },
        { from: 2019, to: 2020, label: '運用' },
      ],
    });
    expect(readSchedule(['運用', '', '運用', '運用'], 2017)).toEqual({
      ok: true,
      spans: [
        { from: 2017, to: 2017, label: '運用' },
        { from: 2019, to: 2020, label: '運用' },
      ],
    });
    expect(readSchedule(['', '→', '運用', ''], 2017)).toEqual({ ok: false, refusal: { kind: 'arrow-first', year: 2018, mark: '→' }, index: 1 });
    // 〃 (″, 同上): the year before's again, as an arrow; never a label to print
    expect(readSchedule(['運用', '〃', '〃', ''], 2017)).toEqual({ ok: true, spans: [{ from: 2017, to: 2019, label: '運用' }] });
    expect(readSchedule(['構築', '運用', '同上', ' ″ '], 2017)).toEqual({
      ok: true,
      spans: [
        { from: 2017, to: 2017, label: '構築' },
        { from: 2018, to: 2020, label: '運用' },
      ],
    });
    expect(readSchedule(['〃', '運用', '', ''], 2017)).toEqual({ ok: false, refusal: { kind: 'arrow-first', year: 2017, mark: '〃' }, index: 0 });
    expect(scheduleCells([{ from: 2018, to: 2020, label: '運用\n保守' }], 2017, 2020)).toEqual([null, '運用\n保守', '→', '→']);
  });
});

/** The department's work: a title changed, a span moved, a new initiative with its schedule and 指標, one retired. */
async function departmentsFillIn() {
  await fill('総務部.xlsx', ({ items, schedule, indicators }) => {
    items.getCell('C2').value = '防災情報システムの運用・改修';
    // 構築 2017–2018, 運用 2019–2020 become 構築 2017, 運用 2018–2020: label then 「→」
    schedule.getCell('D2').value = '構築';
    schedule.getCell('E2').value = '運用';
    schedule.getCell('F2').value = '→';
    schedule.getCell('G2').value = '→';
    // a new initiative in the first empty row, its description with a line break
    items.getCell('C3').value = '防災アプリの提供';
    items.getCell('E3').value = '危機対策課\n防災推進課';
    items.getCell('F3').value = '1-1 情報提供';
    items.getCell('G3').value = '防災情報をスマートフォンに届けます。\n県内全域で利用できます。';
    items.getCell('H3').value = '○';
    // ◯ (U+25EF), as an IME offers it: it looks the same as ○ on screen
    items.getCell('K3').value = '◯';
    // its schedule typed the way people do: the label in every year, a blank year, then a new label
    schedule.getCell('C3').value = '防災アプリの提供';
    schedule.getCell('D3').value = '開発';
    schedule.getCell('E3').value = '開発';
    schedule.getCell('G3').value = '配信';
    indicators.getCell('B3').value = '防災アプリの提供';
    indicators.getCell('C3').value = 'アプリ登録者数';
    // typed in full-width, as many do: the plan prints its figures half-width
    indicators.getCell('D3').value = '０人';
    indicators.getCell('E3').value = '2018年3月末';
    indicators.getCell('F3').value = '１０，０００人';
    indicators.getCell('G3').value = '2020年度末';
  });
  await fill('企画部.xlsx', ({ items }) => {
    items.getCell('L2').value = '廃止';
  });
}

describe('a department walk: export, fill in, (LibreOffice), import --yes, build', () => {
  it('the changes reach the files, the initiative list and the open data', async () => {
    await departmentsFillIn();
    if (soffice) for (const f of ['総務部.xlsx', '企画部.xlsx']) resaveInLibreOffice(f);
    // without --yes: what would change, nothing written, in the future tense
    const dry = cli('plan-import', '--data', data, '--published', path.join(work, 'published'), sent);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('書き込むと事業番号が冊子の順でなくなります（新しい事業の番号は最後の番号の続きです）');
    const r = cli('plan-import', '--data', data, '--yes', '--published', path.join(work, 'published'), sent);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // what changes, per 部局, before it is written
    expect(r.stdout).toContain('総務部（総務部.xlsx）');
    expect(r.stdout).toContain('変更 initiatives/001.json「防災情報システムの運用」 事業名: "防災情報システムの運用" → "防災情報システムの運用・改修"');
    expect(r.stdout).toContain('新規 initiatives/003.json「防災アプリの提供」 節 1-1、番号 3、部局 総務部');
    // and what else the new initiative brings, under its line, as the book writes it
    expect(r.stdout).toContain(
      [
        '    課室: 危機対策課、防災推進課',
        '    新規: ○',
        '    説明: "防災情報をスマートフォンに届けます。\\n県内全域で利用できます。"',
        '    官民データ: 1',
        '    スケジュール: 2017〜2018年度「開発」、2020年度「配信」',
        '    指標: 「アプリ登録者数」（基準値 0人（2018年3月末）、目標値 10,000人（2020年度末））',
      ].join('\n'),
    );
    // a schedule as the book writes it, not as JSON
    expect(r.stdout).toMatch(/変更 initiatives\/001\.json「防災情報システムの運用」 スケジュール: .+ → 2017年度「構築」、2018〜2020年度「運用」\n/);
    expect(r.stdout).not.toContain('"from"');
    expect(r.stdout).toContain('廃止 initiatives/002.json「電子申請システムの運用」');
    expect(r.stdout).toContain('を書き込みました（新規 1 件、廃止 1 件）');
    // the new initiative numbered after the last: how to put the numbers in booklet order, with this data set's folder
    expect(r.stdout).toContain(
      `書き込んだ後の事業番号が冊子の順になっていません（新しい事業の番号は最後の番号の続きです）。冊子の順に振り直すときは npm run renumber -- --data ${data} を実行してください`,
    );

    const one = json('001');
    expect(one.title).toBe('防災情報システムの運用・改修');
    expect(one.schedule).toEqual([
      { from: 2017, to: 2017, label: '構築' },
      { from: 2018, to: 2020, label: '運用' },
    ]);
    // untouched fields stay as written (results, relistings, indicators)
    expect(one.results).toEqual(JSON.parse(readFileSync(path.join(pristineData, 'initiatives/001.json'), 'utf8')).results);
    expect(one.indicators).toHaveLength(1);
    expect(existsSync(path.join(data, 'initiatives/002.json'))).toBe(false);
    const added = json('003');
    expect(added).toEqual({
      no: 3,
      title: '防災アプリの提供',
      department: '総務部',
      division: ['危機対策課', '防災推進課'],
      section: '1-1',
      description: '防災情報をスマートフォンに届けます。\n県内全域で利用できます。',
      schedule: [
        { from: 2017, to: 2018, label: '開発' },
        { from: 2020, to: 2020, label: '配信' },
      ],
      indicators: [
        {
          name: 'アプリ登録者数',
          baseline: { asOf: { month: '2018-03' }, value: '0人' },
          target: { asOf: { fiscalYear: 2020, point: 'end' }, value: '10,000人' },
        },
      ],
      policyMeasures: ['1'],
      isNew: true,
    });

    const out = path.join(work, 'out');
    const built = await buildDataset(data, out, { log: () => {}, only: new Set(['initiative-list.pdf', 'plan-booklet.pdf', 'data/']) });
    expect(built.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const list = squash((await readPdf(path.join(out, 'mini', 'initiative-list.pdf'))).pages.map((p) => p.text).join('\n'));
    expect(list).toContain('防災情報システムの運用・改修');
    expect(list).toContain('防災アプリの提供');
    expect(list).toContain('アプリ登録者数');
    expect(list).not.toContain('電子申請システムの運用');
    const csv = (name: string) => parseCsv(readFileSync(path.join(out, 'mini', 'data', name), 'utf8').replace(/^\uFEFF/, ''));
    const initiatives = csv('initiatives.csv');
    expect(initiatives.slice(1).map((r) => [r[3], r[5]])).toEqual([
      ['001', '防災情報システムの運用・改修'],
      ['003', '防災アプリの提供'],
    ]);
    const schedule = csv('schedule.csv')
      .slice(1)
      .map((r) => [r[3], r[7], r[9], r[11]]);
    expect(schedule).toEqual([
      ['001', '2017', '2017', '構築'],
      ['001', '2018', '2020', '運用'],
      ['003', '2017', '2018', '開発'],
      ['003', '2020', '2020', '配信'],
    ]);
  }, 300_000);

  it('says new initiatives are numbered after the last only when some were added', () => {
    const lines = (changes: PlanChange[]) => {
      const out: string[] = [];
      printPlanImport(
        { problems: [], books: [{ file: '総務部.xlsx', department: '総務部' }], changes, written: true, renumber: true },
        'data/x',
        (l) => out.push(l),
        () => {},
      );
      return out.slice(-2).join('\n');
    };
    const retire: PlanChange = { kind: 'retire', book: '総務部', id: '002', file: 'initiatives/002.json', title: '電子申請システムの運用' };
    const retiredOnly = lines([retire]);
    expect(retiredOnly).toContain('1 件の変更を書き込みました（新規 0 件、廃止 1 件）\n');
    expect(retiredOnly).toContain('（廃止した事業の番号が抜けたか、節を移った事業の番号がそのままです）');
    expect(retiredOnly).not.toContain('新しい事業');
    const added = lines([
      retire,
      { kind: 'new', book: '総務部', id: '003', file: 'initiatives/003.json', data: { no: 3, title: 'x', department: '総務部', section: '1-1' } as never },
    ]);
    expect(added).toContain('。番号は新しい事業を節の最後に付けています');
    expect(added).toContain('（新しい事業の番号は最後の番号の続きです）');
  });

  it('lists a schedule label of two lines on the change’s one line, its break written \\n as a text’s is', () => {
    const out: string[] = [];
    const change: PlanChange = {
      kind: 'change',
      book: '総務部',
      id: '001',
      file: 'initiatives/001.json',
      title: '防災情報システムの運用',
      field: 'schedule',
      from: [{ from: 2017, to: 2020, label: '構築\n運用' }],
      to: [{ from: 2017, to: 2020, label: '運用・拡充\r\n市町村支援' }],
    };
    printPlanImport(
      { problems: [], books: [{ file: '総務部.xlsx', department: '総務部' }], changes: [change], written: false, renumber: false },
      'data/x',
      (l) => out.push(l),
      () => {},
    );
    const line = out.find((l) => l.includes('スケジュール'))!;
    expect(line).toContain('2017〜2020年度「構築\\n運用」 → 2017〜2020年度「運用・拡充\\n市町村支援」');
    expect(
      out
        .join('\n')
        .split('\n')
        .filter((l) => l.includes('市町村支援')),
    ).toHaveLength(1);
  });

  it('names a data set folder that is not there, as validate does (plan-import and survey-import)', () => {
    const missing = path.join(work, 'no-such-data');
    for (const args of [
      ['plan-import', '--data', missing, '--dry-run', sent],
      ['survey-import', '--data', missing, '--fiscal-year', '2018', sent],
    ]) {
      const r = cli(...args);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${missing}: データセットのフォルダが見つかりません`);
    }
  });

  it('a change of an indicator’s 時点 alone shows the 時点 before and after', async () => {
    let was = '';
    await fill('総務部.xlsx', ({ indicators }) => {
      was = String(indicators.getCell('G2').value);
      indicators.getCell('G2').value = '2020年3月末';
    });
    expect(was).not.toBe('2020年3月末');
    const r = cli('plan-import', '--data', data, sent);
    expect(r.status, r.stderr).toBe(0);
    const change = r.stdout.split('\n').find((l) => l.includes(' 指標: '));
    expect(change).toMatch(new RegExp(`目標値 [^（]+（${was}）[^→]*→ .*目標値 [^（]+（2020年3月末）`));
  });

  // the same books imported again after --yes (a second run, a colleague's): what they did is done,
  // and is said so, instead of 「ID「002」の事業はデータセットにありません」 and a new initiative added twice
  it('the same books imported again: the retired and the added initiatives are said to be done, nothing changes', async () => {
    await departmentsFillIn();
    const first = cli('plan-import', '--data', data, '--yes', sent);
    expect(first.status, first.stderr).toBe(0);
    const before = folderHash(data);
    const again = cli('plan-import', '--data', data, '--yes', sent);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('変更はありません');
    expect(again.stderr).toContain(
      '警告 企画部.xlsx!事業!L2: ID「002」の事業は廃止済みです（データセットにありません。前の取り込みで廃止したものです）。この行は読み飛ばします',
    );
    expect(again.stderr).toContain(
      '警告 総務部.xlsx!事業!C3: 新しい事業「防災アプリの提供」（節 1-1）は initiatives/003.json にすでにあります（前の取り込みで加えたものです）。この行とそのスケジュール・指標の行は取り込みません',
    );
    expect(again.stderr).not.toContain('エラー');
    expect(folderHash(data)).toBe(before);
    // its 指標 was not added a second time
    expect(json('003').indicators).toHaveLength(1);
  }, 120_000);

  it('--dry-run, and no flag at all, show the same changes and write nothing', async () => {
    await departmentsFillIn();
    const before = folderHash(data);
    for (const flags of [['--dry-run'], []]) {
      const r = cli('plan-import', '--data', data, ...flags, '--published', path.join(work, 'published'), sent);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('新規 initiatives/003.json「防災アプリの提供」');
      expect(r.stdout).toContain('データは変更していません。書き込むときは --yes を付けて');
      expect(r.stdout).toContain('廃止 1 件のファイルを削除します');
      expect(folderHash(data)).toBe(before);
    }
  }, 120_000);

  it('a retired initiative the text still cites: the 廃止 cell is named as the cause, after the citation’s own error', async () => {
    await departmentsFillIn();
    const text = path.join(data, 'text', 'intro.md.hbs');
    writeFileSync(text, `${readFileSync(text, 'utf8')}\n詳しくは {{page "initiative" "002"}} ページを参照してください。\n`);
    const before = folderHash(data);
    const r = cli('plan-import', '--data', data, '--yes', '--published', path.join(work, 'published'), sent);
    expect(r.status).toBe(1);
    const cited = r.stderr.indexOf('「002」がありません');
    const cause = r.stderr.indexOf(
      '企画部.xlsx!事業!L2: 事業「002」（電子申請システムの運用）をここで廃止にしていますが、本文かほかの事業がまだこの事業を参照しています',
    );
    expect(cited, r.stderr).toBeGreaterThan(-1);
    expect(cause, r.stderr).toBeGreaterThan(cited);
    expect(folderHash(data)).toBe(before);
  }, 120_000);

  it('a book with nothing changed changes nothing, even where the data draws the same label twice', async () => {
    // two spans with one label side by side would read back as one: an unchanged row is no change
    const file = path.join(data, 'initiatives/002.json');
    const two = JSON.parse(readFileSync(file, 'utf8'));
    two.schedule = [
      { from: 2018, to: 2018, label: '運用' },
      { from: 2019, to: 2020, label: '運用' },
    ];
    writeFileSync(file, JSON.stringify(two, null, 2));
    rmSync(sent, { recursive: true });
    expect(errors(await planExport(data, sent))).toEqual([]);
    const before = folderHash(data);
    const r = await planImport(data, sent, { write: true, publishedRoot: path.join(work, 'published') });
    expect(errors(r)).toEqual([]);
    expect(r.changes).toEqual([]);
    expect(folderHash(data)).toBe(before);
  });
});

describe('refusals: nothing written', () => {
  const refused = async (expected: RegExp[], opts: { correction?: boolean } = {}) => {
    const before = folderHash(data);
    const r = await planImport(data, sent, { write: true, publishedRoot: path.join(work, 'published'), ...opts });
    const e = errors(r);
    for (const x of expected)
      expect(
        e.some((m) => x.test(m)),
        `${x} in\n${e.join('\n')}`,
      ).toBe(true);
    expect(folderHash(data)).toBe(before);
    return e;
  };

  it('a formula, named by book!sheet!cell', async () => {
    await fill('総務部.xlsx', ({ items }) => {
      items.getCell('C2').value = { formula: 'D2&"の運用"', result: '総務部の運用' } as ExcelJS.CellFormulaValue;
    });
    await refused([/^総務部\.xlsx!事業!C2: 数式やエラー値（=D2&"の運用"）は取り込めません/]);
  });

  it("another data set's book, named by its file (not by its hidden sheet, which the user cannot open)", async () => {
    await fill('総務部.xlsx', ({ meta }) => {
      meta.getCell('A1').value = 'other-plan';
    });
    const e = await refused([/^総務部\.xlsx: このブックは別のデータセット（other-plan）の照会です/]);
    expect(e.join('\n')).not.toContain('_plan');
  });

  it('a protected cell changed (a number, an id)', async () => {
    await fill('総務部.xlsx', ({ items, schedule }) => {
      items.getCell('B2').value = 7;
      schedule.getCell('A2').value = '002';
    });
    await refused([
      /^総務部\.xlsx!事業!B2: 変更できない欄（番号）が書き換えられています（元: 1）/,
      /^総務部\.xlsx!スケジュール!A2: 2行目の ID が、配布したときの「001」ではありません（「002」）/,
    ]);
  });

  it('a section the plan does not have, in 節 and in 従たる目標', async () => {
    await fill('総務部.xlsx', ({ items }) => {
      items.getCell('F2').value = '9-9 ない節';
      items.getCell('J2').value = '1-1、8-8';
    });
    await refused([/^総務部\.xlsx!事業!F2: 節「9-9 ない節」はこの計画にありません/, /^総務部\.xlsx!事業!J2: 「8-8」はこの計画の節の番号ではありません/]);
  });

  it('a return saved as .ods is named and stops the import', async () => {
    await fill('総務部.xlsx', ({ items }) => {
      items.getCell('C2').value = '変えた名前';
    });
    if (soffice) {
      const out = path.join(work, 'ods');
      execFileSync(
        soffice,
        ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'ods', '--outdir', out, path.join(sent, '企画部.xlsx')],
        { stdio: 'pipe', timeout: 180_000 },
      );
      copyFileSync(path.join(out, '企画部.ods'), path.join(sent, '企画部.ods'));
    } else copyFileSync(path.join(sent, '企画部.xlsx'), path.join(sent, '企画部.ods'));
    await refused([/^企画部\.ods: \.ods のファイルは読めません。Excel ブック（\.xlsx）として保存し直してください/]);
  }, 120_000);

  it('a published booklet needs --correction', async () => {
    const rec = path.join(work, 'published', 'mini', '平成31年3月策定版');
    mkdirSync(rec, { recursive: true });
    writeFileSync(
      path.join(rec, 'publication.json'),
      JSON.stringify({ label: '平成31年3月策定版', date: '2019-03-29', dataset: 'mini', inputs: 'x', files: ['plan-booklet.pdf'] }),
    );
    await fill('総務部.xlsx', ({ items }) => {
      items.getCell('C2').value = '防災情報システムの運用・改修';
    });
    await refused([
      /^dataset\.json: この計画の冊子は公表済みです（平成31年3月策定版、2019-03-29）。公表後の訂正として取り込むときは --correction を付けてください/,
    ]);
    const r = await planImport(data, sent, { write: true, correction: true, publishedRoot: path.join(work, 'published') });
    expect(errors(r)).toEqual([]);
    expect(json('001').title).toBe('防災情報システムの運用・改修');
  });

  it('retiring an initiative with results of past years', async () => {
    await fill('総務部.xlsx', ({ items }) => {
      items.getCell('L2').value = '廃止';
    });
    await refused([/ID「001」（防災情報システムの運用）には事業実施結果（2017年度）が登録されているため/]);
  });

  it('a deleted row (the protection taken off) is named once, with what to do instead, not as every row below it moved', async () => {
    await fill('総務部.xlsx', ({ items, indicators }) => {
      items.spliceRows(2, 1);
      indicators.spliceRows(2, 1);
    });
    const e = await refused([]);
    const ind = JSON.parse(readFileSync(path.join(data, 'initiatives', '001.json'), 'utf8')).indicators[0].name;
    expect(e).toEqual([
      '総務部.xlsx!事業: 事業「防災情報システムの運用」（ID 001）の行が削除されています。行を削除したブックは取り込めません。元のブックからその行を戻してください（事業をやめるときは、行を残して「取扱い」を「廃止」にします）',
      `総務部.xlsx!指標: 事業「防災情報システムの運用」（ID 001）の指標「${ind}」の行が削除されています。行を削除したブックは取り込めません。元のブックからその行を戻してください（指標を消すときは、行を残して指標名に「（削除）」と書きます）`,
    ]);
  });

  it('a 目標値 typed as a bare number where the indicator counts in 件 is taken, and said at its cell', async () => {
    await fill('総務部.xlsx', ({ indicators }) => {
      indicators.getCell('F2').value = 65;
    });
    const r = await planImport(data, sent, { write: true, publishedRoot: path.join(work, 'published') });
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toContain(
      '総務部.xlsx!指標!F2: 目標値が数字だけ（65）です。単位（件）を付けないと、一覧にも「65」とだけ載ります。単位を付けて書いてください',
    );
    expect(json('001').indicators[0].target.value).toBe('65');
  });

  it('a period written into one year’s label (「2017-2019 データベース化」) is taken, and said at its cell: it draws a one-year bar', async () => {
    await fill('総務部.xlsx', ({ schedule }) => {
      schedule.getCell('D2').value = '2017-2019 データベース化';
      for (const a of ['E2', 'F2', 'G2']) schedule.getCell(a).value = null;
    });
    const r = await planImport(data, sent, { write: true, publishedRoot: path.join(work, 'published') });
    expect(errors(r)).toEqual([]);
    const said = warnings(r).filter((m) => m.includes('は期間を書いていますが'));
    expect(said).toEqual([
      '総務部.xlsx!スケジュール!D2: 「2017-2019 データベース化」は期間を書いていますが、平成29年度だけの取組として一覧に載ります。期間のある取組は、始まる年度の列に内容を書き、続く年度の列に「→」を入れてください（期間の書き方は消してください）',
    ]);
  });

  it('a 部局 no initiative has (a typo, without a list of 部局 in dataset.json) is taken, and said with the one probably meant', async () => {
    await fill('総務部.xlsx', ({ items }) => {
      items.getCell('D2').value = '総務課';
    });
    const r = await planImport(data, sent, { write: false, publishedRoot: path.join(work, 'published') });
    expect(errors(r)).toEqual([]);
    expect(warnings(r)).toContain(
      '総務部.xlsx!事業!D2: 部局「総務課」は、このデータセットのどの事業の部局でもありません。「総務部」のことですか（新しい部局なら、このまま取り込めます）',
    );
  });

  it('a new title of an initiative the list prints under its own name (listTitle) is taken, and said: the list keeps that name', async () => {
    const file = path.join(data, 'initiatives', '001.json');
    const was = readFileSync(file, 'utf8');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(was), listTitle: '防災情報システム' }, null, 2) + '\n');
    try {
      await fill('総務部.xlsx', ({ items }) => {
        items.getCell('C2').value = '防災情報システムの運用・改修';
      });
      const r = await planImport(data, sent, { write: false, publishedRoot: path.join(work, 'published') });
      expect(errors(r)).toEqual([]);
      expect(warnings(r)).toContain(
        '総務部.xlsx!事業!C2: この事業は主な取組一覧に別の名前「防災情報システム」（listTitle）で載り、一覧はその名前のままです。一覧の名前も変えるときは initiatives/001.json の listTitle を直してください',
      );
    } finally {
      writeFileSync(file, was);
    }
  });

  it('an arrow with nothing before it, an unreadable 時点, a schedule row for no initiative', async () => {
    await fill('総務部.xlsx', ({ schedule, indicators }) => {
      schedule.getCell('D2').value = '→';
      schedule.getCell('C3').value = 'どこにもない事業';
      schedule.getCell('D3').value = '運用';
      indicators.getCell('E2').value = '平成30年の春';
    });
    await refused([
      /^総務部\.xlsx!スケジュール!D2: 2017年度の「→」の前に、続ける取組の内容がありません/,
      /^総務部\.xlsx!スケジュール!C3: 事業名「どこにもない事業」の事業が見つかりません/,
      /^総務部\.xlsx!指標!E2: 時点「平成30年の春」が読めません/,
    ]);
  });

  it('a new initiative without its 節, and a title over 200 characters', async () => {
    await fill('企画部.xlsx', ({ items }) => {
      items.getCell('C3').value = '節のない新しい事業';
      items.getCell('E3').value = '情報政策課';
      items.getCell('C2').value = 'あ'.repeat(201);
    });
    await refused([/^企画部\.xlsx!事業!F3: 節は必ず書く欄です/, /^企画部\.xlsx!事業!C2: 200文字以内で入力してください（201文字あります）/]);
  });

  it("a description beyond the data format's 20,000 characters; a long one with line breaks is taken whole", async () => {
    const long = Array.from({ length: 600 }, (_, k) => `第${k + 1}段落の説明です。`).join('\n');
    expect(long.length).toBeGreaterThan(5000);
    await fill('企画部.xlsx', ({ items }) => {
      items.getCell('G2').value = 'い'.repeat(20_001);
    });
    await refused([/^企画部\.xlsx!事業!G2: 20000文字以内で入力してください（20001文字あります）/]);
    await fill('企画部.xlsx', ({ items }) => {
      items.getCell('G2').value = long;
    });
    const r = await planImport(data, sent, { write: true, publishedRoot: path.join(work, 'published') });
    expect(errors(r)).toEqual([]);
    expect(json('002').description).toBe(long);
  });

  it('the same initiative in two books (the whole plan and its 部局)', async () => {
    copyFileSync(path.join(pristineSent, '計画全体.xlsx'), path.join(sent, '計画全体.xlsx'));
    const e = await refused([
      /^計画全体\.xlsx!事業!A2: ID「001」の事業は 総務部 のブックにもあります。計画全体のブックと部局のブックは、別々のフォルダに分けて取り込んでください$/,
    ]);
    // one message for each pair of books (the whole plan's with each 部局's), not one for each row and sheet they share
    expect(e.filter((m) => m.includes('のブックにもあります'))).toEqual([
      expect.stringContaining('の事業は 総務部 のブックにもあります'),
      expect.stringContaining('の事業は 企画部 のブックにもあります'),
    ]);
  });

  it('a change that breaks the data set as a whole (a relisting after an initiative not in that section)', async () => {
    await fill('企画部.xlsx', ({ items }) => {
      items.getCell('I2').value = '1-1（999の後）';
    });
    const e = await refused([/initiatives\/002\.json/]);
    expect(e.join('\n')).toMatch(/999/);
  });
});

describe("the whole plan's book", () => {
  it("edits every 部局's initiatives; a new one there needs its 部局", async () => {
    rmSync(sent, { recursive: true });
    mkdirSync(sent);
    copyFileSync(path.join(pristineSent, '計画全体.xlsx'), path.join(sent, '計画全体.xlsx'));
    await fill('計画全体.xlsx', ({ items }) => {
      items.getCell('C3').value = '電子申請システムの運用・拡充';
      items.getCell('C4').value = '新しい全体の事業';
      items.getCell('E4').value = '情報政策課';
      items.getCell('F4').value = '2-1';
    });
    const before = folderHash(data);
    const r = await planImport(data, sent, { write: true, publishedRoot: path.join(work, 'published') });
    expect(errors(r)).toEqual(['計画全体.xlsx!事業!D4: 新しい事業の部局が空欄です（計画全体のブックでは部局を書いてください）']);
    expect(folderHash(data)).toBe(before);
    await fill('計画全体.xlsx', ({ items }) => {
      items.getCell('D4').value = '企画部';
    });
    const ok = await planImport(data, sent, { write: true, publishedRoot: path.join(work, 'published') });
    expect(errors(ok)).toEqual([]);
    expect(json('002').title).toBe('電子申請システムの運用・拡充');
    expect(json('003')).toMatchObject({ no: 3, title: '新しい全体の事業', department: '企画部', section: '2-1' });
  });
});

describe('all or nothing, with files removed', () => {
  it('a removal that fails half way leaves the journal; build refuses; the next import completes it', async () => {
    await departmentsFillIn();
    const failing = {
      ...fileIo,
      remove: () => {
        throw Object.assign(new Error('busy'), { code: 'EBUSY' });
      },
    };
    const r = await planImport(data, sent, { write: true, publishedRoot: path.join(work, 'published'), io: failing });
    expect(errors(r).join('\n')).toMatch(/ファイルの置き換えの途中で失敗しました（ほかのプログラムが使用中です）。.*まだのファイル: initiatives\/002\.json/);
    expect(existsSync(path.join(data, JOURNAL))).toBe(true);
    expect(existsSync(path.join(data, 'initiatives/002.json'))).toBe(true);
    expect(checkDataset(data).problems.some((p) => p.severity === 'error' && p.file === JOURNAL)).toBe(true);
    // the next run (with the books still there) completes the removal first
    const again = await planImport(data, sent, { publishedRoot: path.join(work, 'published') });
    expect(again.problems.find((p) => p.file === JOURNAL)?.message).toMatch(/前回中断した取り込みを完了しました: .*initiatives\/002\.json/);
    expect(existsSync(path.join(data, JOURNAL))).toBe(false);
    expect(existsSync(path.join(data, 'initiatives/002.json'))).toBe(false);
    expect(json('003').title).toBe('防災アプリの提供');
  });
});

// The next plan, walked end to end with the README's commands only: new-plan from the bundled
// Miyagi data for FY2021–2025, the schedules filled in the whole-plan workbook the way people
// draw them in Excel (a label, then 「→」), plan:import --yes, build; the list prints the new
// schedules and the old data set is byte for byte as it was.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPdf } from '../src/errata/pdf-lines.js';
import { ROOT, squash } from './helpers/data.js';
import { folderHash } from './helpers/files.js';

const CARRY = ['001', '002', '017'];
let work: string;
let source: string;
let next: string;

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts/run.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'next-plan-walk-'));
  source = path.join(work, 'data', 'miyagi-ict-plan');
  cpSync(path.join(ROOT, 'data', 'miyagi-ict-plan'), source, { recursive: true });
  next = path.join(work, 'data', 'miyagi-2021');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the next plan through Excel', () => {
  it('new-plan, schedules filled in the whole-plan workbook, plan:import --yes, build: the list prints them; the old plan is untouched', async () => {
    const before = folderHash(source);
    const made = cli(
      'new-plan',
      '--from',
      source,
      '--period',
      '2021-2025',
      '--date',
      '2021-03-26',
      '--id',
      'miyagi-2021',
      '--out',
      path.join(work, 'data'),
      '--carry',
      CARRY.join(','),
    );
    expect(made.status, made.stderr).toBe(0);

    const sent = path.join(work, 'sent');
    const exported = cli('plan-export', '--data', next, '--out', sent, '--whole');
    expect(exported.status, exported.stderr).toBe(0);
    // only the whole-plan book goes back (the 部局 books hold the same initiatives)
    for (const f of readdirSync(sent)) if (f !== '計画全体.xlsx') rmSync(path.join(sent, f));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(sent, '計画全体.xlsx'));
    // the books ask for the new plan's entries: its 策定, not a 改定
    const cover = wb.worksheets[0]!;
    const coverText = cover
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(coverText).toContain('の策定にあたり、計画の事業の記載');
    expect(coverText).not.toContain('改定にあたり');
    const ws = wb.getWorksheet('スケジュール')!;
    const header = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (fy: number) => header.findIndex((h) => h.includes(`${fy}年度`));
    const rowOf = (id: string) => {
      for (let r = 2; r <= ws.rowCount; r++) if (String(ws.getRow(r).getCell(1).value ?? '') === id) return r;
      throw new Error(`no row for ${id}`);
    };
    // 001: 運用 over the five years, drawn as a label and arrows; 017: 改修 then 運用, a label typed in every year
    ws.getRow(rowOf('001')).getCell(col(2021)).value = '運用';
    for (const fy of [2022, 2023, 2024, 2025]) ws.getRow(rowOf('001')).getCell(col(fy)).value = '→';
    ws.getRow(rowOf('017')).getCell(col(2021)).value = '改修';
    for (const fy of [2022, 2023]) ws.getRow(rowOf('017')).getCell(col(fy)).value = '運用';
    await wb.xlsx.writeFile(path.join(sent, '計画全体.xlsx'));

    // without --yes: the changes are shown, nothing is written
    const untouched = folderHash(next);
    const shown = cli('plan-import', '--data', next, sent);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout + shown.stderr).toContain('改修');
    expect(folderHash(next)).toBe(untouched);
    const imported = cli('plan-import', '--data', next, '--yes', sent);
    expect(imported.status, imported.stderr).toBe(0);
    const read = (id: string) => JSON.parse(readFileSync(path.join(next, 'initiatives', `${id}.json`), 'utf8'));
    expect(read('001').schedule).toEqual([{ from: 2021, to: 2025, label: '運用' }]);
    expect(read('017').schedule).toEqual([
      { from: 2021, to: 2021, label: '改修' },
      { from: 2022, to: 2023, label: '運用' },
    ]);

    const out = path.join(work, 'output');
    const built = cli('build', '--data', next, '--out', out, '--quiet');
    expect(built.status, built.stderr).toBe(0);
    const { pages } = await readPdf(path.join(out, 'miyagi-2021', 'initiative-list.pdf'));
    const text = squash(pages.map((p) => p.text).join(''));
    // the list's year columns are the new period's, and the new schedules print in them
    expect(text).toContain('R3');
    expect(text).toContain('R7');
    expect(text).toContain('改修');
    expect(text).toContain('運用');
    // the plan it was made from is byte for byte as it was
    expect(folderHash(source)).toBe(before);
  });
});

// Cells share one style object where their style is made of the same parts (render/xlsx.ts,
// sharedStyles): exceljs then looks each style up once instead of once a cell. The workbooks
// with the most kinds of cell style (the departments' survey books: locked and unlocked cells,
// input and reference fills, coloured text, group rows; the plan books) must be the same bytes
// as with every cell given its own style (ICT_XLSX_NO_SHARED_STYLES=1).
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { ROOT } from './helpers/data.js';

const run = (args: string[], off: boolean) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run.mjs'), ...args], {
    env: { ...process.env, ICT_XLSX_NO_SHARED_STYLES: off ? '1' : '' },
    encoding: 'utf8',
  });

describe('cells sharing their style object', () => {
  it('give the same workbook bytes as cells with a style object each (survey and plan books)', async () => {
    const dirs = { shared: mkdtempSync(path.join(tmpdir(), 'styles-on-')), own: mkdtempSync(path.join(tmpdir(), 'styles-off-')) };
    try {
      for (const [kind, dir] of Object.entries(dirs)) {
        const off = kind === 'own';
        const commands = [
          ['survey-export', '--data', path.join(ROOT, 'data', 'fukushima-ict-strategy'), '--fiscal-year', '2017', '--out', path.join(dir, 'survey')],
          ['survey-export', '--data', path.join(ROOT, 'data', 'sample-progress'), '--fiscal-year', '2020', '--out', path.join(dir, 'progress')],
          ['plan-export', '--data', path.join(ROOT, 'data', 'miyagi-ict-plan'), '--whole', '--out', path.join(dir, 'plan')],
        ];
        for (const args of commands) {
          const r = run(args, off);
          expect(r.status, r.stderr).toBe(0);
          // the switch says it was honoured, so the comparison below is between the two ways
          expect(r.stderr.includes('ICT_XLSX_NO_SHARED_STYLES'), args[0]).toBe(off);
        }
      }
      const books = ['survey', 'progress', 'plan'].flatMap((sub) => readdirSync(path.join(dirs.shared, sub)).map((f) => path.join(sub, f)));
      expect(books.length).toBeGreaterThan(20);
      for (const b of books) expect(readFileSync(path.join(dirs.shared, b)).equals(readFileSync(path.join(dirs.own, b))), b).toBe(true);
      // the books do have the kinds of style that are shared: locked and unlocked cells, fills, coloured text
      const styles = await (
        await JSZip.loadAsync(
          readFileSync(
            path.join(
              dirs.shared,
              books.find((b) => b.startsWith('survey'))!,
            ),
          ),
        )
      )
        .file('xl/styles.xml')!
        .async('string');
      expect(styles).toContain('<protection locked="0"/>');
      expect(styles.match(/<xf /g)!.length).toBeGreaterThan(10);
      expect(styles).toMatch(/<font><b\/>.*<color rgb=/);
    } finally {
      for (const d of Object.values(dirs)) rmSync(d, { recursive: true, force: true });
    }
  }, 120_000);
});

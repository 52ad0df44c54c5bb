// The text-run seam (src/render/pdf/text-runs.ts) writes neighbouring characters of one style as one
// text object. It must not move anything: every glyph of every PDF stands where it stands in a
// build without it (ICT_PDF_NO_TEXT_RUNS=1), with the same character, and the pages hold far
// fewer text objects.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './helpers/data.js';
import { out } from './outputs.js';
import { glyphPositions } from './helpers/glyph-positions.js';

describe('text runs', () => {
  it('draws every glyph where a build without runs draws it, in fewer text objects', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'noruns-'));
    try {
      for (const id of ['miyagi-ict-plan', 'fukushima-ict-strategy']) {
        execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'run.mjs'), 'build', '--quiet', '--data', path.join(ROOT, 'data', id), '--out', dir], {
          env: { ...process.env, ICT_PDF_NO_TEXT_RUNS: '1' },
          stdio: 'pipe',
        });
        const pdfs = readdirSync(path.join(dir, id)).filter((f) => f.endsWith('.pdf'));
        expect(pdfs.length).toBeGreaterThan(0);
        for (const f of pdfs) {
          const withRuns = readFileSync(out(id, f));
          const without = readFileSync(path.join(dir, id, f));
          expect(withRuns.equals(without), `${id}/${f}: the runs changed nothing at all`).toBe(false);
          const a = await glyphPositions(withRuns);
          const b = await glyphPositions(without);
          expect(a.length, `${id}/${f}`).toBe(b.length);
          expect(a.length).toBeGreaterThan(1000);
          let worst = 0;
          for (let i = 0; i < a.length; i++) {
            if (a[i].char !== b[i].char || a[i].page !== b[i].page || a[i].size !== b[i].size)
              expect.fail(`${id}/${f} glyph ${i}: ${JSON.stringify(a[i])} ≠ ${JSON.stringify(b[i])}`);
            worst = Math.max(worst, Math.abs(a[i].x - b[i].x), Math.abs(a[i].y - b[i].y));
          }
          expect(worst, `${id}/${f}: largest shift of a glyph, in points`).toBeLessThan(0.001);
          expect(a.filter((g) => g.first).length * 3, `${id}/${f}: text objects with runs vs without`).toBeLessThan(b.filter((g) => g.first).length);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

// The per-module threshold of the mutation check (tools/mutation/scores.mjs): Stryker's own
// `thresholds.break` holds for all files together; this one fails the run when any one module is low.
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/data.js';

let work: string | undefined;
afterEach(() => work && rmSync(work, { recursive: true, force: true }));

/** Runs the tool on a report where each file has the given mutant statuses. */
function scores(files: Record<string, string[]>) {
  work = mkdtempSync(path.join(tmpdir(), 'mutation-'));
  const report = path.join(work, 'mutation.json');
  writeFileSync(
    report,
    JSON.stringify({ files: Object.fromEntries(Object.entries(files).map(([f, statuses]) => [f, { mutants: statuses.map((status) => ({ status })) }])) }),
  );
  return spawnSync(process.execPath, [path.join(ROOT, 'tools/mutation/scores.mjs'), report], { cwd: ROOT, encoding: 'utf8' });
}
const n = (count: number, status: string) => Array<string>(count).fill(status);
const GOOD = {
  'src/survey/cells.ts': [...n(8, 'Killed'), 'Survived', 'Ignored'],
  'src/render/pdf/loss-guard.ts': [...n(7, 'Killed'), 'Timeout', 'NoCoverage', 'CompileError'],
  'src/validate/bounds.ts': n(4, 'Killed'),
  'src/era/index.ts': [...n(4, 'Killed'), 'Survived'],
  'src/era/range.ts': n(4, 'Killed'),
};

describe('the mutation scores of the core modules', () => {
  it('passes when each module detects 80 % of its mutants (Killed and Timeout of all but the Ignored and the errors)', () => {
    const r = scores(GOOD);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'src/survey/cells.ts: 88.9 % (Killed 8, Survived 1, Ignored 1)',
      'src/render/pdf/loss-guard.ts: 88.9 % (Killed 7, Timeout 1, NoCoverage 1, CompileError 1)',
      'src/validate/bounds.ts: 100.0 % (Killed 4)',
      'src/era/: 88.9 % (Killed 8, Survived 1)',
    ]);
    expect(r.status).toBe(0);
  });

  it('fails when one module is below 80 %, though all files together are above it, and when a module is missing', () => {
    const low = scores({ ...GOOD, 'src/validate/bounds.ts': [...n(3, 'Killed'), 'Survived'] });
    expect(low.stdout).toContain('src/validate/bounds.ts: 75.0 % (Killed 3, Survived 1) — below 80 %');
    expect(low.status).toBe(1);
    const { 'src/validate/bounds.ts': _, ...without } = GOOD;
    const missing = scores(without);
    expect(missing.stdout).toContain('src/validate/bounds.ts: no mutants in the report');
    expect(missing.status).toBe(1);
  });
});

// The benchmark's synthetic data sets (tools/bench/synth.ts) are valid data: a bench of data the
// tool refuses measures nothing (the copies once had their originals' titles, and validation
// refuses an initiative copied beside its original).
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { synthesize } from '../tools/bench/synth.js';
import { checkDataset } from '../src/pipeline.js';
import { ROOT } from './helpers/data.js';

const work = mkdtempSync(path.join(tmpdir(), 'synth-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the benchmark data sets', () => {
  for (const id of ['miyagi-ict-plan', 'fukushima-ict-strategy'])
    it(`${id} ×3 validates without errors, with three times the initiatives`, () => {
      const dir = synthesize(path.join(ROOT, 'data', id), path.join(work, id), 3);
      const { model, problems } = checkDataset(dir);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(model!.initiatives.length).toBe(3 * checkDataset(path.join(ROOT, 'data', id)).model!.initiatives.length);
    });
});

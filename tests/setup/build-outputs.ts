// Builds the bundled data sets and the fixtures once for the whole suite, into
// .tmp/test-output (ignored by git). Tests read the PDFs back from there.
import path from 'node:path';
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { buildDataset } from '../../src/pipeline.js';

export const TEST_OUTPUT = path.resolve(__dirname, '../../.tmp/test-output');

export default async function setup() {
  rmSync(TEST_OUTPUT, { recursive: true, force: true });
  const root = path.resolve(__dirname, '../..');
  // the command line's compiled sources, made once here and not by two test workers at once
  execFileSync(process.execPath, [path.join(root, 'scripts/run.mjs'), 'validate', '--data', path.join(root, 'tests/fixtures/mini'), '--quiet'], {
    stdio: 'pipe',
  });
  for (const dir of ['data/miyagi-ict-plan', 'data/fukushima-ict-strategy', 'data/sample-progress', 'tests/fixtures/reiwa-plan', 'tests/fixtures/mini']) {
    const r = await buildDataset(path.join(root, dir), TEST_OUTPUT, { log: () => {} });
    const errors = r.problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new Error(`${dir}: ${errors.map((e) => e.message).join('; ')}`);
  }
}

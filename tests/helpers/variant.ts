// A changed copy of the small fixture, built into a temporary folder that is removed after.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDataset } from '../../src/pipeline.js';

const MINI = path.join(__dirname, '..', 'fixtures', 'mini');

/** Copies `mini`, lets `change` edit it, builds it, and hands `check` the output folder. */
export async function withBuiltVariant(change: (data: string) => void, check: (out: string) => Promise<void>): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'variant-'));
  try {
    const data = path.join(work, 'mini');
    cpSync(MINI, data, { recursive: true });
    change(data);
    await buildDataset(data, path.join(work, 'out'), { log: () => {} });
    await check(path.join(work, 'out', 'mini'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Two data sets with the same id in one build wrote one output folder: both reported success and
// the second silently replaced the first. Refused before anything is built, naming both folders.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/cli.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'ids-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder of data sets (as data/ is): copies of mini, each with the id given. */
function setsWith(name: string, ids: Record<string, string>): string {
  const root = path.join(work, name);
  for (const [folder, id] of Object.entries(ids)) {
    cpSync(MINI, path.join(root, folder), { recursive: true });
    const f = path.join(root, folder, 'dataset.json');
    writeFileSync(f, JSON.stringify({ ...JSON.parse(readFileSync(f, 'utf8')), id }, null, 2));
  }
  return root;
}

describe('data sets sharing an id', () => {
  it('stop build, validate and watch with exit 1 before anything is built, naming both folders and the id', () => {
    const root = setsWith('same', { 'plan-a': 'mini', 'plan-b': 'mini' });
    const out = path.join(work, 'out-same');
    for (const command of ['build', 'validate', 'watch']) {
      const r = runCli([command, '--data', root, ...(command === 'validate' ? [] : ['--out', out])]);
      expect(r.code, `${command}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/データセットの id "mini" が \S*same\/plan-a、\S*same\/plan-b の dataset\.json で重複しています/);
      expect(r.stderr).toContain('どちらかの dataset.json の id を変えてください');
      expect(r.stderr).not.toContain('内部エラー');
      expect(existsSync(out), command).toBe(false);
    }
  });

  it('with ids of their own, the same folder of data sets builds both, each into its own folder', () => {
    const root = setsWith('distinct', { 'plan-a': 'mini-a', 'plan-b': 'mini-b' });
    const out = path.join(work, 'out-distinct');
    const r = runCli(['build', '--data', root, '--out', out, '--only', 'plan-booklet.pdf']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['mini-a', 'mini-b']));
    for (const id of ['mini-a', 'mini-b']) expect(readdirSync(path.join(out, id))).toContain('plan-booklet.pdf');
  });
});

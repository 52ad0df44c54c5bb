// tools/checked-index.mjs holds the files tsconfig.checked-index.json lists to noUncheckedIndexedAccess
// (run by `npm run typecheck`): it must report an unchecked index in a listed file, leave alone the
// files a listed one imports (they are not held to the option yet), and refuse a stale entry.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/data.js';

const SCRIPT = path.join(ROOT, 'tools/checked-index.mjs');
let dir: string;

const check = (include: string[]) => {
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, noUncheckedIndexedAccess: true, types: [], lib: ['es2022'] }, include }),
  );
  return spawnSync(process.execPath, [SCRIPT, path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'checked-index-'));
  // both index an array without handling a miss
  writeFileSync(path.join(dir, 'unlisted.ts'), 'export const first = (xs: string[]): string => xs[0];\n');
  writeFileSync(path.join(dir, 'listed.ts'), "import { first } from './unlisted';\nexport const second = (xs: string[]): string => first(xs) && xs[1];\n");
  writeFileSync(
    path.join(dir, 'handled.ts'),
    "import { first } from './unlisted';\nexport const second = (xs: string[]): string => first(xs) && (xs[1] ?? '');\n",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the noUncheckedIndexedAccess check', () => {
  it('reports an unchecked index in a listed file, not in a listed file that handles the miss, nor in the unlisted file they import', () => {
    const r = check(['listed.ts', 'handled.ts']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/listed\.ts\(2,\d+\): error TS2322/);
    expect(r.stderr.match(/error TS/g)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/handled\.ts|unlisted\.ts/);
  });

  it('refuses an entry that names no file', () => {
    const r = check(['handled.ts', 'gone']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/lists what holds no file: gone/);
  });

  it('is what `npm run typecheck` runs, with the option on', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.typecheck).toMatch(/node tools\/checked-index\.mjs/);
    expect(readFileSync(path.join(ROOT, 'tsconfig.checked-index.json'), 'utf8')).toMatch(/"noUncheckedIndexedAccess": true/);
  });
});

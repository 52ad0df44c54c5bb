// The fixed inputs' hash kept with the files' stat information (src/fixed-inputs-cache.ts): it must
// never hide a change. A changed, added or removed file is hashed again; a file changed moments
// ago is not kept; a spoilt entry is hashed again; and the switch leaves the cache unused.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedHash } from '../src/fixed-inputs-cache.js';

let dir: string;
let entry: string;
const OLD = new Date('2020-01-01T00:00:00Z');
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  utimesSync(f, OLD, OLD);
  return f;
};
/** a file system's change time moves in clock ticks: a later change is seen as one after this */
const tick = () => new Promise((r) => setTimeout(r, 30));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ict-fixed-inputs-'));
  entry = path.join(dir, 'cache', 'fixed-inputs.json');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.ICT_NO_INPUTS_CACHE;
});

describe('fixed inputs hash kept by stat', () => {
  it('is taken once for unchanged files, and again after a file changed with the same size and time', async () => {
    const files = [file('a.ttf', 'AAAA'), file('b.js', 'bbbb')];
    let taken = 0;
    const compute = () => `hash${++taken}`;
    // freshness 0: the files were just written
    expect(cachedHash(files, compute, entry, 0)).toBe('hash1');
    expect(cachedHash(files, compute, entry, 0)).toBe('hash1');
    expect(taken).toBe(1);
    await tick();
    // same size, modification time set back: the change time still moved
    file('b.js', 'BBBB');
    expect(cachedHash(files, compute, entry, 0)).toBe('hash2');
    expect(taken).toBe(2);
  });

  it('takes the hash again when a file is added or removed', () => {
    const a = file('a.ttf', 'AAAA');
    const b = file('b.js', 'bbbb');
    let taken = 0;
    const compute = () => `hash${++taken}`;
    expect(cachedHash([a], compute, entry, 0)).toBe('hash1');
    expect(cachedHash([a, b], compute, entry, 0)).toBe('hash2');
    expect(cachedHash([b], compute, entry, 0)).toBe('hash3');
  });

  it('does not keep a hash while a file is fresh (its clock tick may hide a second change)', () => {
    const files = [file('a.ttf', 'AAAA')];
    let taken = 0;
    const compute = () => `hash${++taken}`;
    cachedHash(files, compute, entry);
    cachedHash(files, compute, entry);
    expect(taken).toBe(2);
  });

  it('hashes again over a spoilt entry, and is unused when switched off', () => {
    const files = [file('a.ttf', 'AAAA')];
    let taken = 0;
    const compute = () => `hash${++taken}`;
    cachedHash(files, compute, entry, 0);
    writeFileSync(entry, '{"key":');
    expect(cachedHash(files, compute, entry, 0)).toBe('hash2');
    expect(cachedHash(files, compute, entry, 0)).toBe('hash2');
    process.env.ICT_NO_INPUTS_CACHE = '1';
    expect(cachedHash(files, compute, entry, 0)).toBe('hash3');
    expect(taken).toBe(3);
  });

  it('hashes as before when a listed file is gone', () => {
    const files = [file('a.ttf', 'AAAA'), path.join(dir, 'missing.js')];
    expect(cachedHash(files, () => 'plain', entry, 0)).toBe('plain');
  });
});

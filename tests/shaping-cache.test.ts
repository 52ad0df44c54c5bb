// render/pdf/shaping-cache.ts keeps what fontkit made of each string on disk: a build that takes
// the strings from the cache must write the same bytes as one that shapes them all, the cache must
// really be read (an entry changed by hand changes the PDF), and a file that is not a cache of
// this format is left aside.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/data.js';

const work = mkdtempSync(path.join(tmpdir(), 'shaping-'));
const cacheDir = path.join(work, 'cache');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The Miyagi booklet built by the command into its own folder; its bytes. */
function booklet(name: string, env: Record<string, string> = {}): Buffer {
  const out = path.join(work, name);
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'scripts', 'run.mjs'),
      'build',
      '--quiet',
      '--data',
      path.join(ROOT, 'data', 'miyagi-ict-plan'),
      '--only',
      'plan-booklet.pdf',
      '--out',
      out,
    ],
    { env: { ...process.env, ICT_SHAPING_CACHE_DIR: cacheDir, ...env }, encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(path.join(out, 'miyagi-ict-plan', 'plan-booklet.pdf'));
}
const files = () => readdirSync(cacheDir).filter((f) => f.endsWith('.json'));

describe('shaped strings kept on disk (render/pdf/shaping-cache.ts)', () => {
  it('builds the same bytes shaping every string, filling the cache, and taking the strings from it', () => {
    const shaped = booklet('off', { ICT_PDF_NO_SHAPING_CACHE: '1' });
    const cold = booklet('cold');
    // one file per font file the booklet uses (regular and bold), each with the strings shaped
    expect(files().length).toBe(2);
    const entries = files().map((f) => Object.keys(JSON.parse(readFileSync(path.join(cacheDir, f), 'utf8')).entries).length);
    for (const n of entries) expect(n).toBeGreaterThan(10);
    const written = files().map((f) => statSync(path.join(cacheDir, f)).mtimeMs);
    const warm = booklet('warm');
    expect(cold.equals(shaped)).toBe(true);
    expect(warm.equals(shaped)).toBe(true);
    // every string was found: nothing new to write
    expect(files().map((f) => statSync(path.join(cacheDir, f)).mtimeMs)).toEqual(written);
  });

  it('reads the runs from the file: an entry changed by hand changes the PDF, a file that is not a cache is left aside', () => {
    const shaped = booklet('off2', { ICT_PDF_NO_SHAPING_CACHE: '1' });
    const regular = files()
      .map((f) => path.join(cacheDir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const original = readFileSync(regular, 'utf8');
    const data = JSON.parse(original);
    // a Latin string of several glyphs (shaped by fontkit, not one of single-glyphs.ts's characters)
    const key = Object.keys(data.entries).find((k) => /^[A-Za-z]{3,}$/.test(k.split(String.fromCharCode(1))[1] ?? ''));
    expect(key).toBeDefined();
    // an entry is `requests|glyph ids|positions|script`: the first glyph's advance moved
    const parts = data.entries[key!].split('|');
    const numbers = parts[2].split(',').map(Number);
    numbers[0] += 500;
    data.entries[key!] = [parts[0], parts[1], numbers.join(','), parts[3]].join('|');
    writeFileSync(regular, JSON.stringify(data));
    expect(booklet('tampered').equals(shaped)).toBe(false);
    // entries that are not entries (each shaped instead), files that are not caches of this format
    const broken = Object.fromEntries(Object.keys(data.entries).map((k, i) => [k, ['1|2|3|Latn', '|1|0,0,0|Latn', 'x=1|1|0,0,0,0|Latn', 7, '||||'][i % 5]]));
    for (const junk of ['{ not json', JSON.stringify({ format: 1, entries: data.entries }), JSON.stringify({ format: data.format, entries: broken })]) {
      writeFileSync(regular, junk);
      expect(booklet('junk').equals(shaped), junk.slice(0, 20)).toBe(true);
    }
  });
});

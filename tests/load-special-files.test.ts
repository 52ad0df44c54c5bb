// Named pipes and devices in a data set are refused by name and never opened (issue 28): every
// open of the loader is recorded here, through a node:fs that passes each call on.
import { describe, it, expect, vi, afterAll } from 'vitest';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { checkDataset } from '../src/pipeline.js';
import { formatProblem } from '../src/problem.js';

const opened = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const record =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      if (typeof a[0] === 'string') opened.push(a[0]);
      return f(...a);
    };
  const openSync = record(fs.openSync);
  const readFileSync = record(fs.readFileSync as (...a: unknown[]) => unknown);
  return { ...fs, openSync, readFileSync, default: { ...fs, openSync, readFileSync } };
});

const work = mkdtempSync(path.join(tmpdir(), 'special-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('special files', () => {
  it('pipes and devices, and links to them, are named and never opened', () => {
    const data = path.join(work, 'mini');
    cpSync(path.join(__dirname, 'fixtures', 'mini'), data, { recursive: true });
    const special = ['text/pipe.md.hbs', 'initiatives/003.json', 'sites.json', 'figures/pipe.png'];
    for (const rel of special) execFileSync('mkfifo', [path.join(data, rel)]);
    symlinkSync(path.join(data, 'text', 'pipe.md.hbs'), path.join(data, 'text', 'to-pipe.md.hbs'));
    symlinkSync('/dev/zero', path.join(data, 'figures', 'zero.png'));
    // a device node of its own needs root (mknod): made where the tests run as root
    const root = process.getuid?.() === 0;
    if (root) execFileSync('mknod', [path.join(data, 'figures', 'null.png'), 'c', '1', '3']);

    opened.length = 0;
    const { problems, model } = checkDataset(data);
    const shown = problems.map((p) => formatProblem(p)).join('\n');
    expect(model).toBeUndefined();
    for (const rel of [...special, ...(root ? ['figures/null.png'] : [])]) expect(shown).toContain(`エラー ${rel}: ${rel} は普通のファイルではありません`);
    expect(shown).toContain('text/to-pipe.md.hbs: データセットの中ではリンク');
    expect(shown).toContain('figures/zero.png: データセットの外を指すリンクです（figures/zero.png → /dev/zero）');
    // the loader did open the plain files (the record works), and none of these
    expect(opened.some((f) => f.endsWith(path.join('initiatives', '001.json')))).toBe(true);
    const names = [...special, 'text/to-pipe.md.hbs', 'figures/zero.png', 'figures/null.png'].map((rel) => path.join(data, rel));
    expect(opened.filter((f) => names.includes(f))).toEqual([]);
  });
});

describe('dataset.json read outside the loader', () => {
  it('errata finds a publication by its label when dataset.json has a BOM, and a pipe there is never opened', async () => {
    const { findPublished } = await import('../src/errata/published.js');
    const data = path.join(work, 'bom');
    cpSync(path.join(__dirname, 'fixtures', 'mini'), data, { recursive: true });
    writeFileSync(path.join(data, 'dataset.json'), '\uFEFF' + readFileSync(path.join(data, 'dataset.json'), 'utf8'));
    const published = path.join(work, 'published');
    mkdirSync(path.join(published, 'mini', '初版', 'data'), { recursive: true });
    writeFileSync(
      path.join(published, 'mini', '初版', 'publication.json'),
      JSON.stringify({ label: '初版', date: '2019-03-29', dataset: 'mini', inputs: '', files: [] }),
    );
    expect(findPublished(data, '初版', published)?.name).toBe('初版');

    const piped = path.join(work, 'piped');
    cpSync(path.join(__dirname, 'fixtures', 'mini'), piped, { recursive: true });
    rmSync(path.join(piped, 'dataset.json'));
    execFileSync('mkfifo', [path.join(piped, 'dataset.json')]);
    opened.length = 0;
    // not a record: taken as a folder of its own (and refused there by the loader, by name)
    expect(findPublished(piped, '初版', published)?.name).not.toBe('初版');
    expect(opened).not.toContain(path.join(piped, 'dataset.json'));
  });
});

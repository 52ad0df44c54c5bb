// Same data, same bytes: a second build of unchanged data gives identical files and
// manifest; a build that fails validation writes nothing and leaves earlier outputs alone.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, cpSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildDataset, checkDataset } from '../src/pipeline.js';
import { ROOT } from './helpers/data.js';
import { out } from './outputs.js';
import { filesOf } from './helpers/files.js';

describe('reproducible and safe builds', () => {
  // One build per data set in this process (the first here) and one after it (as watch and
  // errata build again in one long-lived process), each compared with the suite's own build;
  // the second writes its workbooks in the workbook thread (render/xlsx-thread.ts), as a
  // one-data-set build of the command does for a large data set (here from 0 initiatives on).
  it('gives byte-identical outputs for unchanged data, built first and built again in one process (its workbooks in the workbook thread)', async () => {
    const dirs = [mkdtempSync(path.join(tmpdir(), 'again-')), mkdtempSync(path.join(tmpdir(), 'again2-'))];
    try {
      for (const id of ['miyagi-ict-plan', 'fukushima-ict-strategy'])
        for (const [k, dir] of dirs.entries()) {
          await buildDataset(path.join(ROOT, 'data', id), dir, { log: () => {}, workbookThread: k === 1 ? 0 : undefined });
          // the web edition and the open data are folders of the set: every file in them too
          const files = filesOf(path.join(dir, id));
          expect(files).toEqual(filesOf(out(id)));
          expect(files).toEqual(expect.arrayContaining(['web/index.html', 'data/opendata.xlsx', 'data/initiatives.csv']));
          for (const f of files) expect(readFileSync(path.join(dir, id, f)).equals(readFileSync(out(id, f))), `${dir} ${id}/${f}`).toBe(true);
          const manifest = JSON.parse(readFileSync(path.join(dir, id, 'manifest.json'), 'utf8'));
          expect(manifest.files.length).toBe(files.length - 1);
          // no time in it (a key such as totalMs, time, elapsed): the warnings it records may say 「timeline」
          expect(JSON.stringify(manifest)).not.toMatch(/"\w*(ms|time|elapsed)\w*":/i);
        }
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
    // four whole builds from the TypeScript sources: bounded by that work, not by a minute of a busy machine
  }, 240_000);

  // The seam's optimisations all off at once, in one build of each data set by the compiled
  // command (the bundled sets are below WORKBOOK_THREAD_FROM: their workbooks are written beside
  // the PDFs, as the test above writes them in the thread): each switch must say it was honoured,
  // and every PDF and workbook must be the same bytes. The templates are compiled anew too, not
  // taken from the compiled-template cache (src/templates/compiled-cache.ts): the web edition and the
  // CSV, which are wording and nothing else, must be the same bytes as well.
  const SWITCHES: [string, string][] = [
    ['text measured and set in lines as runs (render/pdf/inline-runs.ts)', 'ICT_PDF_NO_INLINE_RUNS'],
    ['layouts shared by the documents (render/pdf/shared-layouts.ts)', 'ICT_PDF_NO_SHARED_LAYOUTS'],
    ['pages let go of once drawn (render/pdf/page-release.ts)', 'ICT_PDF_NO_PAGE_RELEASE'],
    ['inline objects sharing their run’s style (render/pdf/inline-runs.ts)', 'ICT_PDF_NO_SHARED_STYLES'],
    ['the definition let go of once laid out (render/pdf/definition-release.ts)', 'ICT_PDF_NO_DEFINITION_RELEASE'],
    ['a collection between layout and drawing (render/pdf/layout-gc.ts)', 'ICT_PDF_NO_LAYOUT_GC'],
    ['single characters set without shaping (render/pdf/single-glyphs.ts)', 'ICT_PDF_NO_SINGLE_GLYPHS'],
    ['simple glyphs copied into the subsets undecoded (render/pdf/subset-glyphs.ts)', 'ICT_PDF_NO_SUBSET_GLYPHS'],
    ['a page’s content lines written once, when it ends (render/pdf/content-lines.ts)', 'ICT_PDF_NO_CONTENT_LINES'],
    ['style properties read from the stack in place (render/pdf/style-lookup.ts)', 'ICT_PDF_NO_STYLE_LOOKUP'],
    ['text drawn straight, as pdfkit draws it (render/pdf/text-runs.ts)', 'ICT_PDF_NO_DRAW_RUNS'],
    ['objects, lines and marks written straight (render/pdf/object-writing.ts)', 'ICT_PDF_NO_OBJECT_WRITING'],
    ['shaped strings kept on disk (render/pdf/shaping-cache.ts)', 'ICT_PDF_NO_SHAPING_CACHE'],
    ['cells sharing one style object (render/xlsx.ts)', 'ICT_XLSX_NO_SHARED_STYLES'],
  ];
  it(`gives byte-identical PDFs, workbooks, web pages and CSV without ${SWITCHES.map(([what]) => what).join(', ')}, or the compiled templates kept`, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'noopt-'));
    try {
      for (const id of ['miyagi-ict-plan', 'fukushima-ict-strategy']) {
        const r = spawnSync(
          process.execPath,
          [path.join(ROOT, 'scripts', 'run.mjs'), 'build', '--quiet', '--data', path.join(ROOT, 'data', id), '--out', dir],
          {
            env: { ...process.env, ...Object.fromEntries(SWITCHES.map(([, off]) => [off, '1'])), ICT_NO_TEMPLATE_CACHE: '1' },
            encoding: 'utf8',
          },
        );
        expect(r.status, r.stderr).toBe(0);
        for (const [, off] of SWITCHES) expect(r.stderr, `${off} was not honoured`).toContain(off);
        const files = filesOf(path.join(dir, id)).filter((f) => /\.(pdf|xlsx|html|csv)$/.test(f));
        expect(files.filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
        expect(files).toEqual(expect.arrayContaining(['appendix.xlsx', 'data/opendata.xlsx', 'web/index.html', 'data/initiatives.csv']));
        for (const f of files) expect(readFileSync(path.join(dir, id, f)).equals(readFileSync(out(id, f))), `${id}/${f}`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing when validation fails, keeping the outputs of the last good build', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'data-'));
    const outDir = mkdtempSync(path.join(tmpdir(), 'out-'));
    try {
      cpSync(path.join(__dirname, 'fixtures', 'mini'), data, { recursive: true });
      await buildDataset(data, outDir, { log: () => {} });
      const before = readFileSync(path.join(outDir, 'mini', 'plan-booklet.pdf'));
      const mtime = statSync(path.join(outDir, 'mini', 'plan-booklet.pdf')).mtimeMs;
      writeFileSync(path.join(data, 'initiatives', '002.json'), '{ "no": 2, ');
      const r = await buildDataset(data, outDir, { log: () => {} });
      expect(r.problems.some((p) => p.severity === 'error' && p.file === 'initiatives/002.json')).toBe(true);
      expect(r.files).toEqual([]);
      expect(readFileSync(path.join(outDir, 'mini', 'plan-booklet.pdf')).equals(before)).toBe(true);
      expect(statSync(path.join(outDir, 'mini', 'plan-booklet.pdf')).mtimeMs).toBe(mtime);
      expect(readdirSync(path.join(outDir, 'mini')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      rmSync(data, { recursive: true, force: true });
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('leaves every earlier output as it was when a build fails half-way', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'data-'));
    const outDir = mkdtempSync(path.join(tmpdir(), 'out-'));
    try {
      cpSync(path.join(__dirname, 'fixtures', 'mini'), data, { recursive: true });
      await buildDataset(data, outDir, { log: () => {} });
      const before = Object.fromEntries(filesOf(path.join(outDir, 'mini')).map((f) => [f, readFileSync(path.join(outDir, 'mini', f))]));
      // a changed data set whose figure cannot be drawn: validation refuses such a figure, so the
      // broken bytes are put into the checked model, and the booklet fails while being rendered
      writeFileSync(
        path.join(data, 'initiatives', '001.json'),
        readFileSync(path.join(data, 'initiatives', '001.json'), 'utf8').replace('"budget": 1000', '"budget": 3000'),
      );
      const checked = checkDataset(data);
      checked.model!.figures['figures/flow.svg'] = Buffer.from('<svg width="10"');
      await expect(buildDataset(data, outDir, { log: () => {}, checked })).rejects.toThrow();
      const after = Object.fromEntries(filesOf(path.join(outDir, 'mini')).map((f) => [f, readFileSync(path.join(outDir, 'mini', f))]));
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const f of Object.keys(before)) expect(after[f].equals(before[f]), f).toBe(true);
    } finally {
      rmSync(data, { recursive: true, force: true });
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

// A build of several data sets keeps the sets whose inputs have not changed since their last whole
// build, found by the command before any worker starts (src/kept-build.ts): it says the same
// warnings as the build that wrote the set, renders nothing, and a set written by an older version
// of the tool (no record of its warnings in the manifest) is checked in full and kept the same way.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errata } from '../src/errata/index.js';
import { keptBuild } from '../src/kept-build.js';
import { buildDataset } from '../src/pipeline.js';

const ROOT = path.resolve(__dirname, '..');

describe('a default build of unchanged data sets', () => {
  it('keeps them without rendering, with the warnings the build that wrote them said', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kept-build-'));
    try {
      const data = path.join(work, 'data');
      const out = path.join(work, 'out');
      cpSync(path.join(ROOT, 'data', 'sample-progress'), path.join(data, 'progress'), { recursive: true });
      cpSync(path.join(ROOT, 'tests', 'fixtures', 'mini'), path.join(data, 'mini'), { recursive: true });
      const build = () => {
        const r = spawnSync(process.execPath, ['scripts/run.mjs', 'build', '--data', data, '--out', out], { cwd: ROOT, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        const lines = (r.stdout + r.stderr).split('\n');
        return {
          warnings: lines.filter((l) => l.startsWith('警告')),
          rendered: lines.filter((l) => / \d+ 頁（/.test(l)),
          ended: (set: string) => lines.find((l) => l.startsWith(`${path.relative(ROOT, path.join(data, set))}:`) && /件、警告 \d+ 件/.test(l)) ?? '',
          version: (id: string) => readlinkSync(path.join(out, id)),
        };
      };
      const progressId = JSON.parse(readFileSync(path.join(data, 'progress', 'dataset.json'), 'utf8')).id as string;
      const manifestFile = path.join(out, progressId, 'manifest.json');

      const first = build();
      expect(first.warnings.length).toBeGreaterThan(0);
      expect(first.rendered.length).toBeGreaterThan(0);
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
      expect(manifest.complete).toBe(true);
      expect(manifest.warnings).toHaveLength(first.warnings.length);

      const again = build();
      expect(again.rendered).toEqual([]);
      expect(again.warnings).toEqual(first.warnings);
      expect(again.ended('progress')).toMatch(/変更なし/);
      expect(again.ended('mini')).toMatch(/変更なし/);
      expect(again.version(progressId)).toBe(first.version(progressId));

      // one set's data changed: that set is built, the other kept, and every warning is said once
      const file = path.join(data, 'mini', 'initiatives', '001.json');
      const json = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify({ ...json, title: `${json.title}（改）` }, null, 2));
      const one = build();
      expect(one.ended('mini')).toMatch(/作成しました/);
      expect(one.ended('progress')).toMatch(/変更なし/);
      expect(one.warnings).toEqual(first.warnings);

      // warnings in the manifest that are not as a build writes them (edited by hand): checked in full, and kept all the same
      writeFileSync(manifestFile, JSON.stringify({ ...manifest, warnings: [{ message: 1 }] }, null, 2) + '\n');
      const edited = build();
      expect(edited.ended('progress')).toMatch(/変更なし/);
      expect(edited.warnings).toEqual(first.warnings);

      // a set written before manifests recorded their warnings: checked in full, and kept all the same
      delete manifest.complete;
      delete manifest.warnings;
      writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
      const older = build();
      expect(older.ended('progress')).toMatch(/変更なし/);
      expect(older.warnings).toEqual(first.warnings);
      expect(older.rendered).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('a 正誤表 added to a built set', () => {
  it('keeps the record of the whole build, so the next build of the same data keeps the set at once', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kept-errata-'));
    try {
      const data = path.join(work, 'mini');
      const out = path.join(work, 'out');
      cpSync(path.join(ROOT, 'tests', 'fixtures', 'mini'), data, { recursive: true });
      const file = path.join(data, 'initiatives', '001.json');
      const json = JSON.parse(readFileSync(file, 'utf8'));
      writeFileSync(file, JSON.stringify({ ...json, title: `${json.title}（訂正）` }, null, 2));
      // in this process: the inputs hash covers the tool's code as it runs (src/ here, dist/ from the command)
      const b = await buildDataset(data, out, { log: () => {} });
      expect(b.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const manifestFile = path.join(out, 'mini', 'manifest.json');
      const built = JSON.parse(readFileSync(manifestFile, 'utf8'));
      expect(built.complete).toBe(true);

      // the corrected data against the bundled (published) version
      const e = await errata(data, path.join(ROOT, 'tests', 'fixtures', 'mini'), out, () => {});
      expect(e.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const after = JSON.parse(readFileSync(manifestFile, 'utf8'));
      expect(after.files.map((f: { file: string }) => f.file)).toEqual(expect.arrayContaining(['errata.pdf', 'errata.xlsx']));
      expect(after.complete).toBe(true);
      expect(after.warnings).toEqual(built.warnings);
      expect(after.inputs).toBe(built.inputs);

      const kept = keptBuild(data, out, () => {});
      expect(kept?.unchanged).toBe(true);
      expect(kept!.files.map((f) => path.basename(f.file))).toEqual(expect.arrayContaining(['errata.pdf']));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});

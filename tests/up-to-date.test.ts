// A second build of unchanged inputs keeps the set as it is, and says so; any change of the
// data (a figure's image too), or an output file missing, makes a real build again.
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readlinkSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDataset } from '../src/pipeline.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');

describe('a build of unchanged inputs', () => {
  it('keeps the set, says so, and builds again when the data changes or an output is missing', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'up-to-date-'));
    try {
      const data = path.join(work, 'mini');
      const out = path.join(work, 'out');
      cpSync(MINI, data, { recursive: true });
      const build = async () => {
        const lines: string[] = [];
        const r = await buildDataset(data, out, { log: (s) => lines.push(s) });
        expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
        return { r, lines, version: readlinkSync(path.join(out, 'mini')) };
      };
      const first = await build();
      expect(first.r.unchanged).toBeFalsy();

      const again = await build();
      expect(again.r.unchanged).toBe(true);
      expect(again.version).toBe(first.version);
      expect(again.lines.join('\n')).toMatch(/変更がないため、.* の \d+ 件をそのまま使います/);
      expect(again.r.files.map((f) => path.basename(f.file))).toEqual(expect.arrayContaining(['plan-booklet.pdf', 'index.html']));

      // a title changed: laid out again, and the new title is in the new set
      const file = path.join(data, 'initiatives', '001.json');
      const json = JSON.parse(readFileSync(file, 'utf8'));
      json.title = `${json.title}（改）`;
      writeFileSync(file, JSON.stringify(json, null, 2));
      const changed = await build();
      expect(changed.r.unchanged).toBeFalsy();
      expect(changed.version).not.toBe(first.version);
      expect(
        readFileSync(path.join(out, 'mini', 'web', 'index.html'), 'utf8') + readFileSync(path.join(out, 'mini', 'data', 'initiatives.csv'), 'utf8'),
      ).toContain('（改）');

      // a file of the set removed by hand: built again, and it is back
      unlinkSync(path.join(out, 'mini', 'web', 'index.html'));
      const restored = await build();
      expect(restored.r.unchanged).toBeFalsy();
      expect(readFileSync(path.join(out, 'mini', 'web', 'index.html'), 'utf8')).toContain('（改）');

      // a figure's image replaced (the same name, other bytes): built again, with the new image in the booklet
      const svg = path.join(data, 'figures', 'flow.svg');
      const beforeFigure = readFileSync(path.join(out, 'mini', 'plan-booklet.pdf'));
      writeFileSync(svg, readFileSync(svg, 'utf8').replace(/<\/svg>\s*$/, '<rect x="1" y="1" width="30" height="20" fill="#c00"/></svg>\n'));
      const figure = await build();
      expect(figure.r.unchanged).toBeFalsy();
      expect(readFileSync(path.join(out, 'mini', 'plan-booklet.pdf')).equals(beforeFigure)).toBe(false);

      // asked for one document only: always laid out
      const only = await buildDataset(data, out, { log: () => {}, only: new Set(['plan-booklet.pdf']) });
      expect(only.unchanged).toBeFalsy();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

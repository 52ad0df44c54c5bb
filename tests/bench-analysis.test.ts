// The bench's own arithmetic, without building anything: medians and pair-by-pair ratios of a
// before/after run, GNU time's output, and the bucketing of a small hand-made CPU profile.
import { describe, it, expect } from 'vitest';
import { compare, median, pairRatios } from '../tools/bench/stats.js';
import { parseTimeOutput } from '../tools/bench/measure.js';
import { addProfile, frameBucket, placeOf, topSelf, type CpuProfile, type SourceOf } from '../tools/bench/profile-buckets.js';
import { cleanSource } from '../tools/bench/source-maps.js';
import { baselineTable } from '../tools/bench/baseline.js';

describe('before/after arithmetic', () => {
  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('compares runs pair by pair, not as a ratio of medians', () => {
    const run = (wallMs: number) => ({ wallMs, cpuMs: wallMs / 2, maxRssKiB: 1000 });
    // the pairs' ratios are 0.5, 1.5, 0.5: their median is 0.5, while the medians of the sides are equal
    const c = compare([100, 300, 200].map(run), [200, 200, 400].map(run));
    expect(c.current.wallMs).toBe(200);
    expect(c.baseline.wallMs).toBe(200);
    expect(c.ratio.wallMs).toBe(0.5);
    expect(c.ratio.cpuMs).toBe(0.5);
    expect(c.ratio.maxRssKiB).toBe(1);
    expect(pairRatios([1, 2], [2, 0])).toEqual([0.5]);
    expect(() => pairRatios([1, 2], [1])).toThrow(/2 current runs against 1 baseline/);
  });

  it('prints the ratio beside both medians', () => {
    const side = { wallMs: 2000, cpuMs: 3000, maxRssKiB: 204800 };
    const t = baselineTable([
      { name: '×1 results-2017.pdf', current: side, baseline: { ...side, wallMs: 4000 }, ratio: { wallMs: 0.5, cpuMs: 1, maxRssKiB: 1.05 } },
    ]);
    expect(t.split('\n')[2]).toBe('| ×1 results-2017.pdf | 2.00 s | 4.00 s | ×0.50 | 3.00 s | 3.00 s | ×1.00 | 200 MiB | 200 MiB | ×1.05 |');
  });

  it("reads GNU time's user, system and peak memory, also after a failed command", () => {
    expect(parseTimeOutput('1.23 0.45 123456\n')).toEqual({ cpuMs: 1680, maxRssKiB: 123456 });
    expect(parseTimeOutput('Command exited with non-zero status 2\n0.10 0.02 5000\n')).toEqual({ cpuMs: 120, maxRssKiB: 5000 });
    expect(() => parseTimeOutput('')).toThrow(/GNU time/);
  });
});

describe('profile buckets', () => {
  const pm = 'file:///p/node_modules/pdfmake/js/';
  const fk = 'file:///p/node_modules/fontkit/dist/main.cjs';
  const pk = 'file:///p/node_modules/pdfkit/js/pdfkit.js';
  const chunk = 'file:///p/dist/chunk-A.js';
  const frame = (functionName: string, url = '', lineNumber = 5, columnNumber = 3) => ({ functionName, url, lineNumber, columnNumber });
  const nodes: [number, ReturnType<typeof frame>, number[]][] = [
    [1, frame('(root)'), [2, 3, 4, 5, 8, 11]],
    [2, frame('(garbage collector)'), []],
    [3, frame('(idle)'), []],
    [4, frame('', `${pm}index.js`, 0, 0), [6]], // a module's top level
    [6, frame('wrapSafe', 'node:internal/modules/cjs/loader'), [7]],
    [7, frame('compileFunction'), []],
    [5, frame('processTicksAndRejections', 'node:internal/process/task_queues'), [9]],
    [9, frame('buildDataset', chunk, 10), [10, 12]], // src/pipeline.ts names nothing
    [10, frame('loadDataset', chunk, 20), [13]],
    [13, frame('parse'), []],
    [12, frame('renderPdf', chunk, 30), [14, 15]],
    [14, frame('processNode', `${pm}LayoutBuilder.js`), [16]],
    [16, frame('measureLeaf', `${pm}DocMeasure.js`), [17]],
    [17, frame('layout', fk, 40), []],
    [15, frame('end', pk, 50), [18, 19]],
    [18, frame('embed', pk, 60), [20]],
    [20, frame('_decode', fk, 70), []], // glyph decoding under the font's embedding is output
    [19, frame('deflateSync', 'node:zlib'), []],
    [8, frame('writeBuffer', 'file:///p/node_modules/exceljs/lib/xlsx/xlsx.js'), [21]],
    [21, frame('deflate', 'file:///p/node_modules/pako/lib/deflate.js'), []],
    [11, frame('writeAtomically', chunk, 80), []],
  ];
  const sources: Record<string, { source: string; line: number }> = {
    [`${chunk}:10`]: { source: 'src/pipeline.ts', line: 9 },
    [`${chunk}:20`]: { source: 'src/load/index.ts', line: 19 },
    [`${chunk}:30`]: { source: 'src/render/pdf/index.ts', line: 29 },
    [`${chunk}:80`]: { source: 'src/write/index.ts', line: 79 },
    [`${fk}:40`]: { source: 'src/layout/LayoutEngine.js', line: 41 },
    [`${fk}:70`]: { source: 'src/glyph/TTFGlyph.js', line: 71 },
    [`${pk}:50`]: { source: 'lib/document.js', line: 51 },
    [`${pk}:60`]: { source: 'lib/font/embedded.js', line: 61 },
  };
  const sourceOf: SourceOf = (url, line) => sources[`${url}:${line}`];
  // a sample lasts until the next one: the first (GC) 2 ms, the others 1 ms, the last until endTime
  const samples = [2, 3, 7, 13, 17, 16, 20, 19, 21, 11];
  const profile: CpuProfile = {
    nodes: nodes.map(([id, callFrame, children]) => ({ id, callFrame, children })),
    startTime: 0,
    endTime: 11_000,
    samples,
    timeDeltas: [0, 2000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
  };

  it('charges each sample to the innermost layer that names it', () => {
    const c = addProfile(profile, sourceOf);
    expect(c.totalUs).toBe(11_000);
    expect(c.buckets).toEqual({
      startup: 1000, // under the module loader
      'load-validate': 1000, // JSON.parse called by src/load
      'resolve-compose': 0,
      'pdfmake-measure': 1000, // DocMeasure inside LayoutBuilder
      'pdfmake-layout': 0,
      'render-text': 0,
      fontkit: 1000, // fontkit's layout called from DocMeasure
      'pdfkit-output': 2000, // zlib under pdfkit's end, glyph decoding under embed
      exceljs: 1000, // pako under exceljs
      gc: 2000,
      other: 1000, // src/write
      idle: 1000,
    });
  });

  it('lists self time by function and original place, idle left out', () => {
    const c = addProfile(profile, sourceOf);
    const top = topSelf(c, 3);
    expect(top[0]).toEqual({ functionName: '(garbage collector)', where: '(native)', bucket: 'gc', us: 2000 });
    expect(topSelf(c, 20).map((s) => s.functionName)).not.toContain('(idle)');
    const layout = topSelf(c, 20).find((s) => s.functionName === 'layout')!;
    expect(layout.where).toBe('fontkit src/layout/LayoutEngine.js:42');
    expect(topSelf(c, 20).find((s) => s.functionName === '_decode')!.bucket).toBe('pdfkit-output');
  });

  it('names a package compiled into dist/ by the original file its source map gives', () => {
    // exceljs's zip writing, reached from a promise: no caller of the tool's own names it
    expect(frameBucket(frame('generate', chunk, 90), '../node_modules/jszip/lib/generate/index.js')).toBe('exceljs');
    expect(frameBucket(frame('parse', chunk, 91), '../node_modules/zod/v3/types.js')).toBe('load-validate');
    // a helper package names nothing: its caller's bucket
    expect(frameBucket(frame('deflate', chunk, 92), '../node_modules/pako/lib/deflate.js')).toBeUndefined();
    expect(frameBucket(frame('loadDataset', chunk, 20), 'src/load/index.ts')).toBe('load-validate');
    expect(placeOf(frame('get xml', chunk, 93), { source: '../node_modules/exceljs/lib/utils/xml-stream.js', line: 156 })).toBe(
      'exceljs lib/utils/xml-stream.js:157',
    );
    expect(placeOf(frame('layout', fk, 40), { source: 'src/layout/LayoutEngine.js', line: 41 })).toBe('fontkit src/layout/LayoutEngine.js:42');
  });

  it("adds up several threads' profiles", () => {
    const c = addProfile(profile, sourceOf, addProfile(profile, sourceOf));
    expect(c.totalUs).toBe(22_000);
    expect(c.buckets['pdfkit-output']).toBe(4000);
    expect(topSelf(c, 1)[0].us).toBe(4000);
  });

  it('cleans source paths from maps', () => {
    expect(cleanSource('../src/load/index.ts')).toBe('src/load/index.ts');
    expect(cleanSource('webpack://pdfkit/./lib/object.js')).toBe('lib/object.js');
  });
});

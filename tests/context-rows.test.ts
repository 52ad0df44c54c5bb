// Context rows (render/pdf/context-rows.ts) on small documents: a table's first header rows that
// an earlier table printed are left out where the table starts below it on the same page,
// printed where it starts a page, and repeated on every page it continues on; they are never
// counted as composed content (the loss guard) nor tagged (they are artifacts).
import { describe, it, expect } from 'vitest';
import { renderPdf } from '../src/render/pdf/index.js';
import { pdfMetadata } from '../src/documents/pdf/layouts.js';
import { readPdfBytes, type PdfPage } from '../src/errata/pdf-lines.js';
import { checkTags } from './helpers/tag-check.js';

const rows = (n: number, label: string) => Array.from({ length: n }, (_, i) => [`${label}${i + 1}`, `内容${i + 1}`]);
const group = (text: string) => [{ text, colSpan: 2, tag: 'TH' }, {}];
/** A run of rows under its groups: `context` of them printed by an earlier run. */
const run = (groups: string[], context: number, n: number, label: string, extra: Record<string, unknown> = {}) => ({
  table: {
    widths: ['*', '*'],
    headerRows: groups.length,
    contextRows: context,
    keepWithHeaderRows: 1,
    dontBreakRows: true,
    body: [...groups.map(group), ...rows(n, label)],
  },
  tableId: 'runs',
  tablePart: 'body',
  ...extra,
});
// the metadata, language, tags and PDF/UA declaration every document of the project carries
const doc = (content: unknown[]) => ({
  ...pdfMetadata({ title: 'テスト', author: 'テスト', date: '2019-03-01' }),
  content,
  defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5 },
});

/** Lines of each page, top to bottom. */
async function pagesOf(content: unknown[]): Promise<{ pages: PdfPage[]; bytes: Buffer }> {
  const { bytes } = await renderPdf(doc(content));
  // whitespace never matters (pdfjs puts a space between cells)
  const pages = (await readPdfBytes(bytes)).pages.map((p) => ({ ...p, lines: p.lines.map((l) => l.replace(/\s+/g, '')) }));
  return { pages, bytes };
}
const count = (p: PdfPage, line: string) => p.lines.filter((l) => l === line).length;

describe('context rows', () => {
  it('are left out below the rows that printed them, and begin every page the table continues on', async () => {
    const { pages, bytes } = await pagesOf([run(['目標1', '施策A'], 0, 3, 'A'), run(['目標1', '施策B'], 1, 80, 'B')]);
    expect(pages.length).toBeGreaterThan(1);
    // page 1: 目標1 once (printed by the first run), then 施策A's rows, 施策B under them
    expect(count(pages[0], '目標1')).toBe(1);
    expect(pages[0].lines.slice(0, 2)).toEqual(['目標1', '施策A']);
    expect(count(pages[0], '施策B')).toBe(1);
    // every later page: the whole chain first
    for (const p of pages.slice(1)) expect(p.lines.slice(0, 2), `p.${p.number}`).toEqual(['目標1', '施策B']);
    // one TR per group in the tree; the repeats and the left-out copies are artifacts
    const tags = await checkTags(bytes);
    expect(tags.problems).toEqual([]);
    const read = tags.pages.map((p) => p.structure).join('');
    for (const g of ['目標1', '施策A', '施策B']) expect(read.split(g).length - 1, g).toBe(1);
    expect(read).toContain('B80内容80');
  });

  it('are printed where the table starts a page', async () => {
    const { pages } = await pagesOf([run(['目標1', '施策A'], 0, 3, 'A'), run(['目標1', '施策B'], 1, 5, 'B', { pageBreak: 'before' })]);
    expect(pages).toHaveLength(2);
    expect(pages[1].lines.slice(0, 3)).toEqual(['目標1', '施策B', 'B1内容1']);
  });

  it('move to the next page with the run when its first row does not fit, and print there', async () => {
    // the first run fills page 1 to a little more or less each time: 施策B starts below it, or on the next page
    let moved = 0;
    let below = 0;
    for (let n = 36; n <= 46; n++) {
      const { pages } = await pagesOf([run(['目標1', '施策A'], 0, n, 'A'), run(['目標1', '施策B'], 1, 3, 'B')]);
      for (const q of pages) expect(count(q, '目標1'), `${n} rows: p.${q.number}`).toBeLessThanOrEqual(1);
      const p = pages.find((q) => q.lines.includes('施策B'))!;
      if (p.lines.some((l) => l.startsWith('A'))) below++;
      else {
        moved++;
        expect(p.lines.slice(0, 3), `${n} rows`).toEqual(['目標1', '施策B', 'B1内容1']);
      }
    }
    expect(moved).toBeGreaterThan(0);
    expect(below).toBeGreaterThan(0);
  });
});

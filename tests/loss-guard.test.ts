// The loss guard: content pdfmake is known to drop or cut either prints in full or fails the
// build with a message that names the document, the heading, the first characters and the file.
import { describe, it, expect, afterEach, vi } from 'vitest';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { existsSync, readFileSync, writeFileSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderPdf, layout } from '../src/render/pdf/index.js';
import { ContentLostError } from '../src/render/pdf/loss-guard.js';
import { buildDataset } from '../src/pipeline.js';
import { readPdf, readPdfBytes } from '../src/errata/pdf-lines.js';
import { withBuiltVariant } from './helpers/variant.js';
import { squash } from './helpers/data.js';
import { drawnOnPages } from './helpers/drawn.js';

const require = createRequire(import.meta.url);
const LayoutBuilder = require('pdfmake/js/LayoutBuilder').default;

const doc = (content: unknown[]) => ({ content, defaultStyle: { font: 'BIZUDPGothic', fontSize: 10.5 }, pageSize: 'A4' });
const rows = (n: number, label: string) => Array.from({ length: n }, (_, i) => [`${label}${i + 1}行目`, `内容${i + 1}の説明文です`]);
const table = (n: number, label: string) => ({ table: { headerRows: 1, widths: ['auto', '*'], body: [['項目', '内容'], ...rows(n, label)] } });

async function lostOf(p: Promise<unknown>): Promise<ContentLostError> {
  const e = await p.then(
    () => undefined,
    (x) => x,
  );
  expect(e).toBeInstanceOf(ContentLostError);
  return e as ContentLostError;
}

/** A PNG of one colour, `w` × `h` pixels (compresses to almost nothing). */
function png(w: number, h: number): string {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const raw = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0;
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

afterEach(() => vi.restoreAllMocks());

describe('the guard in the render seam', () => {
  it('refuses a heading kept with a 60-row table in one unbreakable block (pdfmake keeps only its first page)', async () => {
    const e = await lostOf(
      renderPdf(doc([{ stack: [{ text: '2 県のこれまでの取組', outline: true, headlineLevel: 1 }, table(60, '計画')], unbreakable: true }])),
    );
    const texts = e.lost.map((l) => l.text);
    expect(texts.some((t) => t.startsWith('計画60行目'))).toBe(true);
    expect(e.lost.every((l) => l.heading === '2 県のこれまでの取組')).toBe(true);
  });

  it('refuses a kept group taller than a page, naming its source and heading', async () => {
    const paragraphs = Array.from({ length: 90 }, (_, i) => ({ text: `段落${i + 1}。これは長い注意事項の本文です。`, source: 'text/notice.md.hbs' }));
    const e = await lostOf(
      layoutAsync([
        { text: '注意事項', headlineLevel: 1 },
        { stack: paragraphs, unbreakable: true },
      ]),
    );
    expect(e.lost[0]).toMatchObject({ heading: '注意事項', source: 'text/notice.md.hbs', kind: 'text' });
    expect(e.lost.some((l) => l.text.startsWith('段落90'))).toBe(true);
  });

  it('refuses an image taller than a page (it would be cut at the paper edge)', async () => {
    const e = await lostOf(
      renderPdf(
        doc([
          { text: '図表1 推進体制', outline: true },
          { image: png(20, 1400), alt: '図表1 推進体制図' },
        ]),
      ),
    );
    expect(e.lost).toEqual([expect.objectContaining({ kind: 'image', text: '図表1 推進体制図', heading: '図表1 推進体制' })]);
  });

  it('passes the same content laid out so that it can break: every row is printed', async () => {
    const { bytes } = await renderPdf(doc([{ text: '2 県のこれまでの取組', outline: true }, table(60, '計画')]));
    const text = squash((await readPdfBytes(bytes)).pages.map((p) => p.text).join('\n'));
    for (let i = 1; i <= 60; i++) expect(text, `row ${i}`).toContain(`計画${i}行目内容${i}の説明文です`);
    // an image too tall for the page is fitted, and painted
    const img = await renderPdf(doc([{ image: png(20, 1400), fit: [200, 300] }]));
    expect((await drawnOnPages(img.bytes)).map((p) => p.images)).toEqual([1]);
  });

  it('fires when a line is removed after composing (the guard compares pages with the definition)', async () => {
    const layoutDocument = LayoutBuilder.prototype.layoutDocument;
    vi.spyOn(LayoutBuilder.prototype, 'layoutDocument').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const pages = layoutDocument.apply(this, args);
      // drop the second line of the first page, as a faulty layout would
      const lines = pages[0].items.filter((i: { type: string }) => i.type === 'line');
      pages[0].items.splice(pages[0].items.indexOf(lines[1]), 1);
      return pages;
    });
    const e = await lostOf(renderPdf(doc([{ text: '見出し', outline: true }, '一つ目の段落です。', '二つ目の段落です。'])));
    expect(e.lost).toEqual([expect.objectContaining({ text: '一つ目の段落です。', heading: '見出し' })]);
  });
});

function layoutAsync(content: unknown[]) {
  return Promise.resolve().then(() => layout(doc(content)));
}

const MINI = path.join(__dirname, 'fixtures', 'mini');
const tableMd = (n: number, label: string) => ['| 計画等 | 概要 |', '| --- | --- |', ...rows(n, label).map(([a, b]) => `| ${a} | ${b} |`)].join('\n');

function setReferences(data: string, text: string) {
  const file = path.join(data, 'dataset.json');
  const ds = JSON.parse(readFileSync(file, 'utf8'));
  ds.documents.booklet.references = 'text/references.md.hbs';
  writeFileSync(file, JSON.stringify(ds, null, 2));
  writeFileSync(path.join(data, 'text', 'references.md.hbs'), text);
}

describe('the booklet prints what pdfmake used to drop', () => {
  it('prints a heading followed by a table of 60 rows in full, with its headings in the 目次', async () => {
    await withBuiltVariant(
      (data) =>
        setReferences(
          data,
          `# 国の動向\n\n本文です。\n\n# 県のこれまでの取組\n\n## 主なICT戦略・計画等\n\n${tableMd(60, '計画')}\n\n## 本プランの策定経過\n\n経過です。\n`,
        ),
      async (out) => {
        const { pages } = await readPdf(path.join(out, 'plan-booklet.pdf'));
        const all = squash(pages.map((p) => p.text).join(''));
        for (const [a, b] of rows(60, '計画')) expect(all).toContain(squash(a + b));
        const toc = squash(pages[1].text);
        expect(toc).toContain('2県のこれまでの取組');
        expect(toc).toContain('(1)主なICT戦略・計画等');
        // the heading is on the page where the table begins
        const at = pages.findIndex((p, i) => i > 1 && squash(p.text).includes('(1)主なICT戦略・計画等'));
        expect(squash(pages[at].text)).toContain('計画1行目');
      },
    );
  });

  it('prints a table taller than a page inside a column box (コラム) in full', async () => {
    await withBuiltVariant(
      (data) => {
        const file = path.join(data, 'dataset.json');
        const ds = JSON.parse(readFileSync(file, 'utf8'));
        ds.sections[0].children[0].columns = ['text/column.md.hbs'];
        writeFileSync(file, JSON.stringify(ds, null, 2));
        writeFileSync(path.join(data, 'text', 'column.md.hbs'), `# コラムの表\n\n${tableMd(80, '事例')}\n`);
      },
      async (out) => {
        const { pages } = await readPdf(path.join(out, 'plan-booklet.pdf'));
        const all = squash(pages.map((p) => p.text).join(''));
        for (const [a, b] of rows(80, '事例')) expect(all).toContain(squash(a + b));
      },
    );
  });

  it('prints a notice longer than a page in full (it was one unbreakable block)', async () => {
    const paragraphs = Array.from({ length: 70 }, (_, i) => `注意${i + 1}。この計画の数値は策定時点のものです。`);
    await withBuiltVariant(
      (data) => {
        const file = path.join(data, 'dataset.json');
        const ds = JSON.parse(readFileSync(file, 'utf8'));
        ds.documents.booklet.notice = 'text/notice.md.hbs';
        writeFileSync(file, JSON.stringify(ds, null, 2));
        writeFileSync(path.join(data, 'text', 'notice.md.hbs'), paragraphs.join('\n\n'));
      },
      async (out) => {
        const { pages } = await readPdf(path.join(out, 'plan-booklet.pdf'));
        const all = squash(pages.map((p) => p.text).join(''));
        for (const p of paragraphs) expect(all).toContain(squash(p));
      },
    );
  });
});

describe('a loss fails the build', () => {
  it('exits with a data error naming document, heading, first characters and file, and writes nothing', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'loss-'));
    try {
      const data = path.join(work, 'mini');
      cpSync(MINI, data, { recursive: true });
      setReferences(data, `# 県のこれまでの取組\n\n${tableMd(3, '計画')}\n`);
      // a layout that loses the references' table rows, as pdfmake did with a kept block
      const layoutDocument = LayoutBuilder.prototype.layoutDocument;
      vi.spyOn(LayoutBuilder.prototype, 'layoutDocument').mockImplementation(function (this: unknown, ...args: unknown[]) {
        const pages = layoutDocument.apply(this, args);
        for (const p of pages)
          p.items = p.items.filter(
            (i: { type: string; item: { inlines?: { text: string }[] } }) =>
              !(
                i.type === 'line' &&
                i.item.inlines
                  ?.map((x) => x.text)
                  .join('')
                  .includes('計画2')
              ),
          );
        return pages;
      });
      const r = await buildDataset(data, path.join(work, 'out'), { log: () => {} });
      const errors = r.problems.filter((p) => p.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].file).toBe('text/references.md.hbs');
      expect(errors[0].message).toMatch(/^plan-booklet\.pdf: 「1 県のこれまでの取組」の下の文「計画2行目…」が組版で頁に載りませんでした/);
      expect(r.files).toEqual([]);
      expect(existsSync(path.join(work, 'out'))).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

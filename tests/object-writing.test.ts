// render/pdf/object-writing.ts writes pdfkit's objects, output lines and marks itself: the bytes
// must be pdfkit's own. Compared with a second copy of pdfkit loaded here without the seam: its
// PDFObject.convert on values of every kind, and one tagged document (struct elements, marks
// with MCIDs, artifacts, a link, a stream, literal strings beyond ASCII) written by both.
import { createRequire, Module } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../src/render/pdf/install.js';
import { convert } from '../src/render/pdf/object-writing.js';

type Any = any;
const require = createRequire(import.meta.url);
const file = require.resolve('pdfkit');

/** pdfkit as published: its source compiled again as a module of its own, PDFObject and PDFReference exported too. */
function pristinePdfkit(): { PDFDocument: Any; PDFObject: Any } {
  const m = new Module(file) as Any;
  m.filename = file;
  m.paths = (Module as Any)._nodeModulePaths(path.dirname(file));
  m._compile(readFileSync(file, 'utf8') + '\nmodule.exports.__internals = { PDFObject, PDFReference, PDFNumberTree, PDFNameTree, SpotColor };', file);
  return { PDFDocument: m.exports, PDFObject: m.exports.__internals.PDFObject };
}

/** A tagged document with every kind of object and mark the seam writes. */
function write(PDFDocument: Any, compress: boolean): Promise<Buffer> {
  const doc = new PDFDocument({
    tagged: true,
    compress,
    lang: 'ja-JP',
    displayTitle: true,
    info: { Title: '表（試し）\\', CreationDate: new Date(Date.UTC(2019, 7, 30, 9, 5, 7)) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const sect = doc.struct('Sect');
  doc.addStructure(sect);
  for (let page = 0; page < 30; page++) {
    if (page) doc.addPage();
    // left open: the first line's mark (MCID 0) does not close it, the second's does, as pdfkit has it
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.text(`page ${page + 1}`, 20, 20);
    for (let i = 0; i < 40; i++) {
      const p = doc.struct('P');
      sect.add(p);
      const c = doc.markStructureContent('P');
      doc.text(`line ${i} (a\\b) ${'x'.repeat(i)}`, 40, 40 + i * 12);
      doc.endMarkedContent();
      p.add(c);
      p.end();
    }
    const link = doc.struct('Link');
    sect.add(link);
    const c = doc.markStructureContent('Link');
    doc.text('link', 40, 600, { link: 'https://www.pref.example.jp/(x)' });
    doc.endMarkedContent();
    link.add(c);
    link.end();
    doc.markContent('Artifact', { type: 'Layout', bbox: [0, 0, 10, 10] });
    doc.rect(10, 10, 5, 5).fill('#cc0000');
    doc.endMarkedContent();
    doc.markContent('Span', { lang: 'en', alt: 'ICT（情報通信技術）' });
    doc.endMarkedContent();
  }
  sect.end();
  doc.end();
  return done;
}

describe('objects, lines and marks written straight (render/pdf/object-writing.ts)', () => {
  const { PDFDocument: Pristine, PDFObject } = pristinePdfkit();
  const Patched: Any = require('pdfkit');

  it('is installed on the pdfkit the build uses, and not on the copy compared with', () => {
    expect(Patched.prototype._write).not.toBe(Pristine.prototype._write);
    expect(Patched.prototype.markContent).not.toBe(Pristine.prototype.markContent);
  });

  it('converts every kind of value as PDFObject.convert does', () => {
    const { PDFReference, PDFNumberTree, PDFNameTree, SpotColor } = (Pristine as Any).__internals;
    const fakeDoc = { _offsets: [], _waiting: 0 };
    const ref = new PDFReference(fakeDoc, 12, {});
    const tree = new PDFNumberTree();
    tree.add(3, ref);
    const names = new PDFNameTree();
    names.add('a(b)', new String('値'));
    class Plain {
      A = 1;
      B = 'x';
    }
    const sparse: unknown[] = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const values: unknown[] = [
      'Name',
      0,
      -0,
      1 / 3,
      0.1 + 0.2,
      1e-7,
      -123456.7654321,
      1e20,
      true,
      false,
      null,
      undefined,
      new String('ascii (paren) back\\slash\nnew\tline\r\f\b'),
      new String('日本語（括弧）と ASCII'),
      new String(''),
      Buffer.from([0, 1, 254, 255]),
      new Date(Date.UTC(2019, 4, 1, 0, 0, 0)),
      new Date(Date.UTC(987, 11, 31, 23, 59, 59)),
      [1, 'A', [2, new String('s')], { K: [ref, 0] }],
      sparse,
      [],
      {},
      { Type: 'StructElem', S: 'P', P: ref, K: [0, 1, 2], Pg: ref, A: { O: 'Layout', BBox: [1.5, 2.25, 3, 4] } },
      Object.assign(Object.create(null), { N: 1 }),
      ref,
      tree,
      names,
      new SpotColor({ spotColors: {}, ref: () => ({ id: 7, end() {} }) } as Any, 'PANTONE 185 C', 0, 100, 78, 9),
      new Plain(),
      new Map([['a', 1]]),
    ];
    for (const [i, v] of values.entries()) expect(convert(v), `value ${i}`).toEqual(PDFObject.convert(v));
    for (const bad of [NaN, Infinity, 1e21]) {
      expect(() => PDFObject.convert(bad)).toThrow(/unsupported number/);
      expect(() => convert(bad)).toThrow(/unsupported number/);
    }
  });

  it('writes a tagged document byte for byte as pdfkit does', async () => {
    for (const compress of [false, true]) {
      const [mine, theirs] = [await write(Patched, compress), await write(Pristine, compress)];
      expect(mine.length).toBeGreaterThan(2000);
      // pushed in more than one piece (a stream's bytes, every 64 kB), and the marks written here
      if (!compress) expect(mine.toString('latin1')).toMatch(/\/P <<\n\/MCID 39\n>> BDC[^]*\/Artifact <<\n\/Type \/Pagination\n>> BDC/);
      expect(mine.equals(theirs), `compress: ${compress}`).toBe(true);
    }
  });
});

// Tagged PDFs: every PDF the suite builds carries a structure tree in reading order, with
// everything drawn either tagged or an artifact; the checker is proved to fail on bad PDFs.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, PDFName, PDFDict, PDFArray, PDFString } from 'pdf-lib';
import { checkTags } from './helpers/tag-check.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { pdfMetadata } from '../src/documents/pdf/layouts.js';
import { blockNodes } from '../src/documents/pdf/pdf-text.js';
import { planStructure } from '../src/render/pdf/tags.js';
import { OUT } from './outputs.js';

const require = createRequire(import.meta.url);
/** A one-line tagged PDF made by pdfkit itself (none of the project's seams), with the options given. */
async function pdfkitBytes(options: Record<string, unknown>): Promise<Buffer> {
  const PDFKit = require('pdfkit');
  const doc = new PDFKit({ tagged: true, lang: 'ja-JP', displayTitle: true, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  const root = doc.struct('Document');
  doc.addStructure(root);
  root.add(doc.struct('P', {}, [() => doc.text('a')]));
  root.end();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const pdfs = readdirSync(OUT).flatMap((set) =>
  readdirSync(path.join(OUT, set))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(OUT, set, f)),
);

describe('every PDF the suite builds', () => {
  it('includes the booklet, the list and the results of both data sets', () => {
    const names = pdfs.map((f) => path.relative(OUT, f));
    for (const n of [
      'miyagi-ict-plan/plan-booklet.pdf',
      'miyagi-ict-plan/initiative-list.pdf',
      'fukushima-ict-strategy/results-2017.pdf',
      'mini/plan-booklet.pdf',
    ])
      expect(names).toContain(n);
  });

  for (const file of pdfs)
    it(`${path.relative(OUT, file)}: passes the checker, and its tree reads as its pages do`, async () => {
      const r = await checkTags(readFileSync(file));
      expect(r.problems).toEqual([]);
      // PDF/UA-1 declared in the XMP packet, with the title (the checker compares it with Info's) and the language
      expect(r.version).toBe('1.7');
      expect(r.xmp?.part).toBe('1');
      expect(r.xmp?.title).toBeTruthy();
      expect(r.xmp?.languages).toEqual(['ja-JP']);
      // the standalone list has no heading in its body: its title is in the page header
      if (!file.endsWith('initiative-list.pdf')) expect(r.roles).toContain('H1');
      r.pages.forEach((p, i) => expect(p.structure, `page ${i + 1}`).toBe(p.drawn));
    });

  it('each PDF’s tree opens with the document’s title as a first-level heading, the booklet’s cover title too', () => {
    // a screen reader's list of headings starts with the title the first page shows (the cover's had been a P)
    const first = (file: string) =>
      execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' })
        .split('\n')
        .slice(1, 3)
        .map((l) => l.trim());
    for (const file of pdfs) expect(first(file)[0], path.relative(OUT, file)).toBe('H1 (block)');
    const booklet = JSON.parse(readFileSync(path.join(__dirname, '..', 'data', 'miyagi-ict-plan', 'dataset.json'), 'utf8')) as { title: string };
    expect(first(path.join(OUT, 'miyagi-ict-plan', 'plan-booklet.pdf'))[1]).toBe(JSON.stringify(booklet.title));
  });

  it('the booklet tree has its headings, 目次, lists, tables with header cells and the コラム', async () => {
    const r = await checkTags(readFileSync(path.join(OUT, 'miyagi-ict-plan', 'plan-booklet.pdf')));
    for (const role of ['H1', 'H2', 'H3', 'H4', 'TOC', 'TOCI', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'THead', 'TBody', 'TH', 'TD', 'Sect', 'Reference', 'Link'])
      expect(r.roles).toContain(role);
    // every link says where it leads (the checker fails a link without, or outside a Link element):
    // a glossary number, a 掲載頁 of the list, a 目次 line, a site
    expect(r.links).toEqual(
      expect.arrayContaining([
        '用語解説 1 ICT へ',
        '事業17の掲載頁へ',
        '(1) 身近になったインターネットへ',
        'みやぎ復興情報ポータルサイトのウェブサイト（http://www.fukkomiyagi.jp/）へ',
      ]),
    );
    // the 目次 nests as its levels do (第2章 › 1 › (1) › ①), each entry's title and page two references
    expect(Math.max(...r.tocDepths)).toBe(4);
    expect(r.tocDepths.slice(0, 4)).toEqual([1, 2, 3, 3]);
    expect(r.roles.join(' ')).toContain('TOCI Reference Link Reference Link');
    // a glossary number is a Reference of its own inside the paragraph, read where it stands (「ICT」「1」「端末」)
    expect(r.roles.join(' ')).toContain('P Reference Link');
  });

  it('the list: a schedule cell reads as its text (ActualText, not Alt), and every row under a group row names it as its header', async () => {
    const r = await checkTags(readFileSync(path.join(OUT, 'miyagi-ict-plan', 'initiative-list.pdf')));
    // 事業1's schedule: the arrow over H29–H32 labelled 運用
    expect(r.cellTexts[0]).toBe('H29〜H32 運用');
    // the 事業名 (TH) and the other cells (TD) of every initiative row; the checker proves each ID exists
    expect(new Set(r.headed)).toEqual(new Set(['TH', 'TD']));
  });

  it('a prose table’s first column is its row headers (TH, Scope Row)', () => {
    const [t] = blockNodes([
      {
        kind: 'table',
        header: [[{ text: '年月日' }], [{ text: '内容' }]],
        rows: [
          [[{ text: '平成28年7月13日' }], [{ text: '策定' }]],
          [[{ text: '' }], [{ text: '続き' }]],
        ],
      },
    ]);
    const body = (t.table as { body: Record<string, unknown>[][] }).body;
    expect(body.slice(1).map((row) => row.map((c) => c.tag ?? 'TD'))).toEqual([
      ['TH', 'TD'],
      ['TD', 'TD'],
    ]);
    const { root } = planStructure([t]);
    const rows = root.children[0].children.flatMap((part) => part.children);
    expect(rows.map((tr) => tr.children.map((c) => `${c.type}${c.attrs?.scope ? `:${c.attrs.scope}` : ''}`))).toEqual([
      ['TH:Column', 'TH:Column'],
      ['TH:Row', 'TD'],
      ['TD', 'TD'],
    ]);
  });

  it('the results chart is one Figure whose Alt gives every pillar’s count', async () => {
    const bytes = readFileSync(path.join(OUT, 'fukushima-ict-strategy', 'results-2017.pdf'));
    const r = await checkTags(bytes);
    expect(r.alts).toHaveLength(1);
    // the report's own figures: five pillars of 13, 20, 25, 15 and 30 initiatives
    for (const n of [13, 20, 25, 15, 30]) expect(r.alts[0]).toContain(`：${n}件`);
  });
});

describe('the checker', () => {
  it('fails on an untagged PDF', async () => {
    const { bytes } = await renderPdf({ content: ['本文です。'], defaultStyle: { font: 'BIZUDPGothic' }, info: { title: 't' } });
    const r = await checkTags(bytes);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        '構造ツリーが空です',
        '文書の言語（Lang）がありません',
        'MarkInfo Marked がありません',
        expect.stringMatching(/^1 頁: タグも Artifact もない描画が \d+ 個あります$/),
      ]),
    );
  });

  it('fails on a skipped heading level, a TH without Scope, a Figure without Alt and a table without TH', async () => {
    const PDFKit = require('pdfkit');
    const doc = new PDFKit({ tagged: true, lang: 'ja-JP', displayTitle: true, info: { Title: 'x' }, pdfVersion: '1.7' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => doc.on('end', r));
    const part = (type: string, draw: () => void, options = {}) => doc.struct(type, options, [draw]);
    const root = doc.struct('Document');
    doc.addStructure(root);
    root.add(part('H1', () => doc.text('a')));
    root.add(part('H3', () => doc.text('b')));
    root.add(part('Figure', () => doc.rect(10, 10, 5, 5).fill()));
    const t1 = doc.struct('Table');
    root.add(t1);
    const tr = doc.struct('TR');
    t1.add(tr);
    tr.add(part('TH', () => doc.text('c')));
    const t2 = doc.struct('Table');
    root.add(t2);
    const tr2 = doc.struct('TR');
    t2.add(tr2);
    tr2.add(part('TD', () => doc.text('d')));
    root.end();
    doc.end();
    await done;
    const r = await checkTags(Buffer.concat(chunks));
    expect(r.problems).toEqual(
      expect.arrayContaining([
        '見出しの階層が飛んでいます: H1 の次に H3',
        'Scope のない TH があります',
        'Alt のない Figure があります',
        'TH のない Table があります',
      ]),
    );
  });
});

describe('the checker, on the Matterhorn conditions of links, 目次, tables and roles', () => {
  /** A clean tagged PDF by pdfkit alone: a 目次 entry (TOC › TOCI › Reference › Link with its annotation) and a table whose cell names its row header. */
  async function base(): Promise<Buffer> {
    const PDFKit = require('pdfkit');
    const doc = new PDFKit({ tagged: true, lang: 'ja-JP', displayTitle: true, info: { Title: 'x' }, pdfVersion: '1.7', subset: 'PDF/UA' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => doc.on('end', r));
    const root = doc.struct('Document');
    doc.addStructure(root);
    const [toc, toci, reference, link] = ['TOC', 'TOCI', 'Reference', 'Link'].map((t) => doc.struct(t));
    root.add(toc.add(toci.add(reference.add(link))));
    link.add(doc.markStructureContent('Link'));
    doc.text('a', 72, 72);
    doc.endMarkedContent();
    doc.link(72, 72, 10, 10, 'https://example.jp/', { structParent: link, Contents: new String('例のサイトへ') });
    const th = doc.struct('TH', { scope: 'Row' }, [() => doc.text('b', 72, 100)]);
    th.dictionary.data.ID = new String('g1');
    const td = doc.struct('TD', [() => doc.text('c', 100, 100)]);
    td.dictionary.data.A = { O: 'Table', Headers: [new String('g1')] };
    root.add(doc.struct('Table', [doc.struct('TR', [th, td])]));
    doc.getStructTreeRoot().data.IDTree = { Names: [new String('g1'), th.dictionary] };
    root.end();
    doc.end();
    await done;
    return Buffer.concat(chunks);
  }
  const of = (pdf: PDFDocument, role: string) =>
    [...pdf.context.enumerateIndirectObjects()]
      .map(([, o]) => o)
      .find((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('S')) === PDFName.of(role))!;
  const annotation = (pdf: PDFDocument) => pdf.context.lookup((pdf.getPage(0).node.lookup(PDFName.of('Annots')) as PDFArray).get(0)) as PDFDict;
  const broken = async (bytes: Buffer, change: (pdf: PDFDocument) => void) => {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    change(pdf);
    return (await checkTags(Buffer.from(await pdf.save({ useObjectStreams: false })))).problems;
  };

  it('passes the clean PDF, and fails each condition broken on its own', async () => {
    const bytes = await base();
    expect((await checkTags(bytes)).problems).toEqual([]);
    const cases: [string, (pdf: PDFDocument) => void, string][] = [
      ['a link without a description', (pdf) => annotation(pdf).delete(PDFName.of('Contents')), '1 頁: 説明（/Contents）のない注釈があります'],
      ['a link annotation held by a P', (pdf) => of(pdf, 'Link').set(PDFName.of('S'), PDFName.of('P')), '1 頁: リンク注釈が Link 要素の中にありません（P）'],
      [
        'a Link without its OBJR',
        (pdf) => {
          const l = of(pdf, 'Link');
          l.set(PDFName.of('K'), pdf.context.obj([(l.lookup(PDFName.of('K')) as PDFArray).get(0)]));
        },
        '1 頁: Link 要素がリンク注釈の OBJR（その頁の）を持っていません',
      ],
      ['a page with a link and no /Tabs /S', (pdf) => pdf.getPage(0).node.delete(PDFName.of('Tabs')), '1 頁: 注釈のある頁に /Tabs /S がありません'],
      ['a TOC holding a P', (pdf) => of(pdf, 'TOCI').set(PDFName.of('S'), PDFName.of('P')), 'TOC に TOCI でない子があります（P）'],
      ['a TOCI outside a TOC', (pdf) => of(pdf, 'TOC').set(PDFName.of('S'), PDFName.of('Div')), 'TOCI が TOC の外にあります（Div の中）'],
      [
        'a TOCI holding a Link',
        (pdf) => of(pdf, 'Reference').set(PDFName.of('S'), PDFName.of('Link')),
        'TOCI が Link を直接持っています（題と頁は Reference などの別の子に）',
      ],
      ['Alt on a cell', (pdf) => of(pdf, 'TD').set(PDFName.of('Alt'), PDFString.of('H29')), 'TD に Alt があります（図以外は ActualText にします）'],
      [
        'Headers naming no element',
        (pdf) => (of(pdf, 'TD').lookup(PDFName.of('A')) as PDFDict).set(PDFName.of('Headers'), pdf.context.obj([PDFString.of('zz')])),
        'Headers が構造ツリーにない ID「zz」を指しています',
      ],
      ['an ID twice', (pdf) => of(pdf, 'TD').set(PDFName.of('ID'), PDFString.of('g1')), '要素の ID「g1」が二つあります'],
      ['a Note without an ID', (pdf) => of(pdf, 'Reference').set(PDFName.of('S'), PDFName.of('Note')), 'ID のない Note があります'],
      [
        'IDs without the IDTree',
        (pdf) => (pdf.catalog.lookup(PDFName.of('StructTreeRoot')) as PDFDict).delete(PDFName.of('IDTree')),
        '要素の ID が IDTree にありません',
      ],
      [
        'a role of its own, not mapped',
        (pdf) => of(pdf, 'TD').set(PDFName.of('S'), PDFName.of('Cell')),
        '構造型 Cell が標準の型でも RoleMap で標準の型に対応づけられてもいません',
      ],
      [
        'a standard role mapped again',
        (pdf) => (pdf.catalog.lookup(PDFName.of('StructTreeRoot')) as PDFDict).set(PDFName.of('RoleMap'), pdf.context.obj({ P: 'Span' })),
        'RoleMap が標準の構造型 P を対応づけ直しています',
      ],
    ];
    for (const [what, change, problem] of cases) expect(await broken(bytes, change), what).toContain(problem);
  });
});

describe('the XMP metadata', () => {
  const info = { Title: '計画', CreationDate: new Date('2019-02-28T15:00:00Z') };

  it('the checker fails on a PDF made without the PDF/UA option, or without metadata, or without a title', async () => {
    const plain = await checkTags(await pdfkitBytes({ pdfVersion: '1.7', info }));
    expect(plain.problems).toContain('XMP に PDF/UA-1 の宣言（pdfuaid:part 1）がありません');
    expect(plain.problems).not.toContain('XMP にタイトル（dc:title）がありません');
    // pdfkit writes no packet at all in a PDF 1.3
    const old = await checkTags(await pdfkitBytes({ pdfVersion: '1.3', subset: 'PDF/UA', info }));
    expect(old.problems).toContain('XMP メタデータ（Metadata）がありません');
    const untitled = await checkTags(await pdfkitBytes({ pdfVersion: '1.7', subset: 'PDF/UA', info: { CreationDate: info.CreationDate } }));
    expect(untitled.problems).toEqual(expect.arrayContaining(['タイトル（Title）がありません', 'XMP にタイトル（dc:title）がありません']));
    expect(untitled.problems).not.toContain('XMP に PDF/UA-1 の宣言（pdfuaid:part 1）がありません');
    // with the option, the same document passes these checks
    const ua = await checkTags(await pdfkitBytes({ pdfVersion: '1.7', subset: 'PDF/UA', info }));
    expect(ua.problems.filter((p) => p.includes('XMP'))).toEqual([]);
    expect(ua.xmp).toMatchObject({ part: '1', title: '計画', createDate: '2019-02-28T15:00:00Z' });
  });

  it('the checker fails on a packet whose title or date differs from the Info dictionary', async () => {
    const pdf = await PDFDocument.load(await pdfkitBytes({ pdfVersion: '1.7', subset: 'PDF/UA', info }), { updateMetadata: false });
    const xml = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
      <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>2020-01-01T00:00:00Z</xmp:CreateDate></rdf:Description>
      <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">別の題</rdf:li></rdf:Alt></dc:title></rdf:Description>
      </rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
    pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(pdf.context.stream(Buffer.from(xml, 'utf8'), { Type: 'Metadata', Subtype: 'XML' })));
    const r = await checkTags(Buffer.from(await pdf.save({ useObjectStreams: false })));
    expect(r.xmp?.part).toBe('1'); // the attribute form is read too
    expect(r.problems).toEqual(
      expect.arrayContaining([
        'XMP のタイトル「別の題」が文書情報のタイトル「計画」と違います',
        'XMP の作成日 2020-01-01T00:00:00Z が文書情報の作成日と違います',
      ]),
    );
  });

  it('a title with & and < stays valid XML (pdfkit alone writes it unescaped), and the packet takes the data’s dates', async () => {
    const title = '計画 & <一覧> "版"';
    const raw = await checkTags(await pdfkitBytes({ pdfVersion: '1.7', subset: 'PDF/UA', info: { ...info, Title: title } }));
    expect(raw.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^XMP メタデータが XML として読めません/)]));
    const { bytes } = await renderPdf({
      ...pdfMetadata({ title, author: '宮城県', date: '2019-03-01' }),
      content: [{ text: '本文です。' }],
      defaultStyle: { font: 'BIZUDPGothic' },
    });
    const r = await checkTags(bytes);
    expect(r.problems.filter((p) => p.includes('XMP'))).toEqual([]);
    expect(r.xmp).toEqual({ part: '1', title, languages: ['ja-JP'], createDate: '2019-02-28T15:00:00Z', modifyDate: '2019-02-28T15:00:00Z' });
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });
});

describe('the pdfmake seam', () => {
  it('was written against pdfmake 0.3.11: an upgrade must be checked (render/pdf/tags.ts, render/pdf/loss-guard.ts wrap its Renderer and LayoutBuilder)', () => {
    // a loud failure on purpose: both modules replace methods whose names and arguments are pdfmake's internals
    expect(require('pdfmake/package.json').version).toBe('0.3.11');
    const Renderer = require('pdfmake/js/Renderer').default;
    for (const m of ['renderPages', 'renderLine', 'renderVector', 'renderImage', 'renderSVG']) expect(typeof Renderer.prototype[m]).toBe('function');
    expect(typeof require('pdfmake/js/LayoutBuilder').default.prototype.buildNextLine).toBe('function');
    // render/pdf/xmp.ts wraps pdfkit's writing of the XMP packet
    expect(typeof require('pdfkit').prototype._addInfo).toBe('function');
  });
});

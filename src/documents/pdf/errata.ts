// 正誤表 as a PDF: document, page and line in the published version, 誤 and 正 with the changed
// characters marked, then the items whose page moved.
import type { Wording } from '../../templates/index.js';
import type { ErrataView } from '../../resolve/errata-view.js';
import { tableLayouts, pdfMetadata } from './layouts.js';
import { estimatedHeight, widestWordPt } from '../text-width.js';
import { keepTail } from './pdf-text.js';
import { markedPair } from '../errata-marks.js';
import type { PdfDocument, PdfNode, TableCell, TextNode } from '../../render/pdf/nodes.js';

/** the corrections' tables (pt): the 頁・シート column is measured at it */
const TABLE_SIZE = 9;

export function errataDocument(v: ErrataView, words: Wording): PdfDocument {
  const head = (k: string): TextNode => ({ text: words.get(k), bold: true, fillColor: '#e6ecf4', alignment: 'center' });
  const content: PdfNode[] = [
    { text: words.get('title', v), fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 8], tag: 'H', level: 1 },
    ...(v.issued
      ? [
          {
            text: words.get('issued', { date: v.issued, issuer: v.issuer }),
            fontSize: 9,
            alignment: 'right' as const,
            margin: [0, 0, 0, 2] as [number, number, number, number],
          },
        ]
      : []),
    { text: words.get('against', v.publication), fontSize: 9, alignment: 'right', margin: [0, 0, 0, 6] },
    {
      text:
        v.entries.length === 0
          ? words.get('none')
          : (v.moved.length ? words.get('pages-moved', { count: v.moved.length }) : words.get('pages-same')) +
            (v.otherForms ? words.get('other-forms') : '') +
            // how a reader finds the 行 of a PDF page (every printed line counts, a table's header too)
            (v.entries.some((e) => typeof e.line === 'number') ? words.get('lines-counted', { cells: v.entries.some((e) => typeof e.line === 'string') }) : ''),
      margin: [0, 0, 0, 8],
    },
  ];
  // 頁・シート holds a page number or a sheet name (「事業実施結果 H29」): a name breaks at its space,
  // never inside a word (「事業実施結／果 H29」), so the column is as wide as the widest word of
  // the table's names at its size (with the cell's padding and a point to spare), 52 pt at least
  const pageColumn = Math.min(110, Math.max(52, Math.ceil(Math.max(0, ...v.entries.map((e) => widestWordPt(String(e.page), false, TABLE_SIZE))) + 8)));
  if (v.entries.length)
    content.push({
      table: {
        headerRows: 1,
        // a long passage must be able to break, or pdfmake would lose it
        dontBreakRows: v.entries.every((e) => Math.max(...[e.wrong, e.right, e.item ?? ''].map((t) => estimatedHeight(t, 100, TABLE_SIZE, 1.3))) < 500),
        widths: [66, pageColumn, 32, 150, '*', '*'],
        body: [
          ['col-document', 'col-page', 'col-line', 'col-item', 'col-wrong', 'col-right'].map(head),
          ...v.entries.map((e): TableCell[] => {
            const m = markedPair(e.wrong, e.right);
            // a cell never ends on a line of one character (「主な取組一／覧」)
            // a value taken out says so: an empty 正 cell reads as nothing at all
            const right = e.right === '' && e.wrong !== '' ? words.get('removed') : m.right;
            return [
              { text: keepTail(e.document) },
              { text: keepTail(String(e.page)), alignment: 'right' },
              { text: String(e.line), alignment: 'right' },
              { text: keepTail(e.item ?? '') },
              // 誤 and 正 too, marks and all (「計画どおり実施 20／件」 ended on 件 alone)
              { text: keepTail(m.wrong) },
              { text: keepTail(right) },
            ];
          }),
        ],
      },
      layout: 'grid',
      fontSize: TABLE_SIZE,
    });
  if (v.moved.length)
    content.push(
      { text: words.get('moved-title'), bold: true, fontSize: 11, margin: [0, 14, 0, 6], tag: 'H', level: 2 },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['*', 60, 60],
          body: [
            ['col-moved', 'col-from', 'col-to'].map(head),
            ...v.moved.map((m): TableCell[] => [m.item, { text: String(m.from), alignment: 'right' }, { text: String(m.to), alignment: 'right' }]),
          ],
        },
        layout: 'grid',
        fontSize: TABLE_SIZE,
      },
    );
  return {
    ...pdfMetadata({ title: words.get('title', v), author: v.issuer, date: v.date }),
    pageMargins: [40, 40, 40, 44],
    defaultStyle: { font: 'BIZUDPGothic', fontSize: 10, lineHeight: 1.3 },
    tableLayouts,
    content,
    footer: (page: number, pages: number): PdfNode => ({
      text: words.get('footer', { title: v.title, page, pages }),
      fontSize: 8,
      alignment: 'center',
      margin: [0, 16, 0, 0],
    }),
  };
}

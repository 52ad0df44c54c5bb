// The standalone 主な取組一覧 PDF: the same tables as chapter 3 of the booklet, with the
// booklet's page numbers in 掲載頁.
import type { Resolved } from '../../resolve/index.js';
import { listTables, listHeaderTable, listGeometry, LIST_HEADER_HEIGHT } from './initiative-list.js';
import { bookletStyles } from './booklet.js';
import { inlineText } from './pdf-text.js';
import { tableLayouts, A4, pdfMetadata } from './layouts.js';
import type { PdfDocument, PdfNode, TextNode } from '../../render/pdf/nodes.js';

const MARGINS: [number, number, number, number] = [40, 92, 40, 40];
/** the title line above the column header (11 pt and its 6 pt margin) */
const TITLE_HEIGHT = 11 * 1.2 + 6;
/** where the page header (title and column header) begins: its bottom rule meets the body's top margin, no white band between them */
const HEADER_TOP = MARGINS[1] - LIST_HEADER_HEIGHT - TITLE_HEIGHT;
const title1 = (text: string): TextNode => ({ text, fontSize: 11, bold: true, margin: [0, 0, 0, 6], tag: 'H', level: 1 });

export function initiativeListDocument(r: Resolved, pages: Map<string, number>): PdfDocument {
  const list = r.list!;
  const words = r.words.list;
  const geo = listGeometry(list.years.length, A4.height - MARGINS[0] - MARGINS[2]);
  const title = words.get('document-title', { title: r.title });
  return {
    ...pdfMetadata({ title, author: r.issuer, date: r.date }),
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    defaultStyle: { font: 'BIZUDPGothic', fontSize: 7.5, lineHeight: 1.2 },
    styles: bookletStyles,
    tableLayouts,
    content: [
      // page 1 carries the title and the column header in the body (pulled up to where the page
      // header would stand), so that they are the document's heading and its table's header
      // rows to a reader of the tags; later pages repeat them in the page header, as artifacts
      { stack: [title1(title), { ...listHeaderTable(list, words, geo), tableId: 'list', tablePart: 'head' }], margin: [0, HEADER_TOP - MARGINS[1], 0, 0] },
      ...listTables(list, words, geo, pages, { text: r.booklet ? inlineText(r.booklet.listNote, { pages }) : words.get('note'), style: 'listNote' }),
    ],
    header: (page: number): PdfNode | null =>
      page === 1 ? null : { stack: [title1(title), listHeaderTable(list, words, geo)], margin: [MARGINS[0], HEADER_TOP, MARGINS[2], 0] },
    footer: (page: number, pages: number): PdfNode => ({ text: words.get('footer', { title: r.title, page, pages }), style: 'footer', margin: [0, 14, 0, 0] }),
  };
}

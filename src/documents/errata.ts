// 正誤表 as a PDF and a workbook sheet: document, page and line in the published version,
// 誤 and 正 with the changed characters marked, then the items whose page moved.
import { diffChars } from 'diff';
import type { Wording } from '../templates/index.js';
import type { ErrataView } from '../resolve/errata-view.js';
import type { CellValue, SheetSpec, WorkbookSpec } from '../render/xlsx.js';
import { a4Capacity } from '../render/xlsx.js';
import { tableLayouts, pdfMetadata } from './layouts.js';
import { fitWidth, estimatedHeight } from './text-width.js';
import { printWidths, rowHeight, headerHeights } from './sheet-layout.js';
import { keepTail } from './pdf-text.js';

const MARK = { color: '#c00000', bold: true, decoration: 'underline' };

/** 誤 with removed characters marked, 正 with added characters marked. */
export function markedPair(wrong: string, right: string) {
  const w: Record<string, unknown>[] = [];
  const r: Record<string, unknown>[] = [];
  for (const part of diffChars(wrong, right)) {
    if (part.removed) w.push({ text: part.value, ...MARK });
    else if (part.added) r.push({ text: part.value, ...MARK });
    else {
      w.push({ text: part.value });
      r.push({ text: part.value });
    }
  }
  return { wrong: w, right: r };
}

export function errataDocument(v: ErrataView, words: Wording): Record<string, unknown> {
  const head = (k: string) => ({ text: words.get(k), bold: true, fillColor: '#e6ecf4', alignment: 'center' });
  const content: unknown[] = [
    { text: words.get('title', v), fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 8], tag: 'H', level: 1 },
    { text: words.get('against', v.publication), fontSize: 9, alignment: 'right', margin: [0, 0, 0, 6] },
    { text: v.entries.length === 0 ? words.get('none') : v.moved.length ? words.get('pages-moved', { count: v.moved.length }) : words.get('pages-same'), margin: [0, 0, 0, 8] },
  ];
  if (v.entries.length)
    content.push({
      table: {
        headerRows: 1,
        // a long passage must be able to break, or pdfmake would lose it
        dontBreakRows: v.entries.every((e) => Math.max(...[e.wrong, e.right, e.item ?? ''].map((t) => estimatedHeight(t, 100, 9, 1.3))) < 500),
        widths: [66, 52, 32, 150, '*', '*'],
        body: [
          ['col-document', 'col-page', 'col-line', 'col-item', 'col-wrong', 'col-right'].map(head),
          ...v.entries.map((e) => {
            const m = markedPair(e.wrong, e.right);
            // a cell never ends on a line of one character (「主な取組一／覧」)
            // a value taken out says so: an empty 正 cell reads as nothing at all
            const right = e.right === '' && e.wrong !== '' ? words.get('removed') : m.right;
            return [{ text: keepTail(e.document) }, { text: keepTail(String(e.page)), alignment: 'right' }, { text: String(e.line), alignment: 'right' }, { text: keepTail(e.item ?? '') }, { text: m.wrong }, { text: right }];
          }),
        ],
      },
      layout: 'grid',
      fontSize: 9,
    });
  if (v.moved.length)
    content.push(
      { text: words.get('moved-title'), bold: true, fontSize: 11, margin: [0, 14, 0, 6], tag: 'H', level: 2 },
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['*', 60, 60],
          body: [['col-moved', 'col-from', 'col-to'].map(head), ...v.moved.map((m) => [m.item, { text: String(m.from), alignment: 'right' }, { text: String(m.to), alignment: 'right' }])],
        },
        layout: 'grid',
        fontSize: 9,
      },
    );
  return {
    ...pdfMetadata({ title: words.get('title', v), author: v.issuer, date: v.date }),
    pageMargins: [40, 40, 40, 44],
    defaultStyle: { font: 'BIZUDPGothic', fontSize: 10, lineHeight: 1.3 },
    tableLayouts,
    content,
    footer: (page: number, pages: number) => ({ text: words.get('footer', { title: v.title, page, pages }), fontSize: 8, alignment: 'center', margin: [0, 16, 0, 0] }),
  };
}

export function errataWorkbook(v: ErrataView, words: Wording, creator: string): WorkbookSpec {
  const title = `${words.get('title', v)}　${words.get('against', v.publication)}`;
  const columns = ['col-document', 'col-page', 'col-line', 'col-item', 'col-wrong', 'col-right'].map((k) => words.get(k));
  const plain = v.entries.map((e) => [e.document, String(e.page), String(e.line), e.item ?? '', e.wrong, e.right]);
  const of = (k: number) => plain.map((p) => p[k]);
  const header: CellValue[][] = [[title, ...Array(columns.length - 1).fill(null)], columns];
  const headerMerges: [number, number, number, number][] = [[1, 1, 1, columns.length]];
  // as wide as the content (a document's name, a sheet's name, a cell) and the header's words, on A4 where it fits
  const widths = printWidths(
    [fitWidth(of(0), 6, 24), fitWidth(of(1), 5, 16), fitWidth(of(2), 4, 8), fitWidth(of(3), 13, 32), fitWidth(of(4), 13, 40), fitWidth(of(5), 13, 40)],
    header,
    headerMerges,
    a4Capacity(),
    plain,
  );
  const sheet: SheetSpec = {
    name: words.get('sheet'),
    widths,
    // a title row above the column headers, across the table
    header,
    headerMerges,
    headerHeights: headerHeights(header, widths, headerMerges),
    rows: v.entries.length
      ? v.entries.map((e, k) => {
          const m = markedPair(e.wrong, e.right);
          const rich = (parts: Record<string, unknown>[]) => ({
            richText: parts.map((p) => ({ text: String(p.text), ...(p.color ? { font: { color: { argb: 'FFC00000' }, bold: true, underline: true } } : {}) })),
          });
          const cells: CellValue[] = [e.document, e.page, e.line, e.item ?? '', rich(m.wrong), e.right === '' && e.wrong !== '' ? words.get('removed') : rich(m.right)];
          // every cell's text wraps in its column: the row is as tall as the tallest
          return { cells, height: rowHeight(plain[k], widths) };
        })
      : [{ cells: [words.get('none')] }],
    freeze: { rows: 2, cols: 0 },
    autoFilter: v.entries.length > 0,
  };
  // a sheet only when pages moved: an empty sheet prints as a blank page
  const movedHeader: CellValue[][] = [[words.get('moved-title'), null, null], ['col-moved', 'col-from', 'col-to'].map((k) => words.get(k))];
  const movedWidths = printWidths([fitWidth(v.moved.map((m) => m.item), 16, 56), 5, 5], movedHeader, [[1, 1, 1, 3]], a4Capacity(), v.moved.map((m) => [m.item]));
  const moved: SheetSpec[] = v.moved.length
    ? [{
        name: words.get('moved-sheet'),
        widths: movedWidths,
        header: movedHeader,
        headerMerges: [[1, 1, 1, 3]],
        headerHeights: headerHeights(movedHeader, movedWidths, [[1, 1, 1, 3]]),
        rows: v.moved.map((m) => ({ cells: [m.item, m.from, m.to], height: rowHeight([m.item], movedWidths) })),
        freeze: { rows: 2, cols: 0 },
        autoFilter: true,
      }]
    : [];
  return { title: words.get('title', v), creator, date: v.date, sheets: [sheet, ...moved] };
}

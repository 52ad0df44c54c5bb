// 正誤表 as a workbook sheet: the same entries as the PDF, with the changed characters marked.
import type { Wording } from '../../templates/index.js';
import type { ErrataView } from '../../resolve/errata-view.js';
import type { CellValue, SheetSpec, WorkbookSpec } from '../../render/xlsx.js';
import { a4Capacity } from '../../render/xlsx.js';
import { fitWidth } from '../text-width.js';
import { printWidths, rowHeight, headerHeights } from './sheet-layout.js';
import { markedPair } from '../errata-marks.js';
import type { TextNode } from '../../render/pdf/nodes.js';

export function errataWorkbook(v: ErrataView, words: Wording, creator: string): WorkbookSpec {
  const issued = v.issued ? `　${words.get('issued', { date: v.issued, issuer: v.issuer })}` : '';
  const title = `${words.get('title', v)}　${words.get('against', v.publication)}${issued}`;
  const columns = ['col-document', 'col-page', 'col-line', 'col-item', 'col-wrong', 'col-right'].map((k) => words.get(k));
  // an entry's six columns as plain text
  const plainOf = (e: ErrataView['entries'][number]): [string, string, string, string, string, string] => [
    e.document,
    String(e.page),
    String(e.line),
    e.item ?? '',
    e.wrong,
    e.right,
  ];
  const plain = v.entries.map(plainOf);
  const of = (k: 0 | 1 | 2 | 3 | 4 | 5) => plain.map((p) => p[k]);
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
      ? v.entries.map((e) => {
          const m = markedPair(e.wrong, e.right);
          const rich = (parts: TextNode[]) => ({
            richText: parts.map((p) => ({ text: String(p.text), ...(p.color ? { font: { color: { argb: 'FFC00000' }, bold: true, underline: true } } : {}) })),
          });
          const cells: CellValue[] = [
            e.document,
            e.page,
            e.line,
            e.item ?? '',
            rich(m.wrong),
            e.right === '' && e.wrong !== '' ? words.get('removed') : rich(m.right),
          ];
          // every cell's text wraps in its column: the row is as tall as the tallest
          return { cells, height: rowHeight(plainOf(e), widths) };
        })
      : [{ cells: [words.get('none')] }],
    freeze: { rows: 2, cols: 0 },
    autoFilter: v.entries.length > 0,
  };
  // a sheet only when pages moved: an empty sheet prints as a blank page
  const movedHeader: CellValue[][] = [[words.get('moved-title'), null, null], ['col-moved', 'col-from', 'col-to'].map((k) => words.get(k))];
  const movedWidths = printWidths(
    [
      fitWidth(
        v.moved.map((m) => m.item),
        16,
        56,
      ),
      5,
      5,
    ],
    movedHeader,
    [[1, 1, 1, 3]],
    a4Capacity(),
    v.moved.map((m) => [m.item]),
  );
  const moved: SheetSpec[] = v.moved.length
    ? [
        {
          name: words.get('moved-sheet'),
          widths: movedWidths,
          header: movedHeader,
          headerMerges: [[1, 1, 1, 3]],
          headerHeights: headerHeights(movedHeader, movedWidths, [[1, 1, 1, 3]]),
          rows: v.moved.map((m) => ({ cells: [m.item, m.from, m.to], height: rowHeight([m.item], movedWidths) })),
          freeze: { rows: 2, cols: 0 },
          autoFilter: true,
        },
      ]
    : [];
  return { title: words.get('title', v), creator, date: v.date, sheets: [sheet, ...moved] };
}

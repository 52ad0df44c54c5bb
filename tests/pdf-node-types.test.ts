// The node vocabulary the composers hand the pdfmake seam (src/render/pdf/nodes.ts) is checked by tsc:
// each `@ts-expect-error` below is a mistake the compiler must refuse. Should the vocabulary loosen
// (a tag typed as any string, an index signature letting unknown properties in), the line no longer
// errs and `npm run typecheck` fails on the unused directive. Beside each, the right form compiles.
// The render-time guard for a tag that slips past the types (JSON, a cast) is tests/seam.test.ts.
import { describe, it, expect, expectTypeOf } from 'vitest';
import { headingLevel, isText, STRUCTURE_TAGS } from '../src/render/pdf/nodes.js';
import type { PdfDocument, PdfNode, StructureTag, TableCell, TableNode, TextNode } from '../src/render/pdf/nodes.js';
import { bookletBody, bookletDocument, bookletFront, columnBox } from '../src/documents/pdf/booklet.js';
import { listHeaderTable, listTables } from '../src/documents/pdf/initiative-list.js';
import { initiativeListDocument } from '../src/documents/pdf/initiative-list-doc.js';
import { resultsDocument } from '../src/documents/pdf/results-report.js';
import { progressDocument } from '../src/documents/pdf/progress-report.js';
import { errataDocument } from '../src/documents/pdf/errata.js';
import { blockNodes, inlineText, keepTail } from '../src/documents/pdf/pdf-text.js';
import { markedPair } from '../src/documents/errata-marks.js';

describe('the node vocabulary, at compile time', () => {
  it('refuses a misspelt structure tag', () => {
    const right: PdfNode = { text: 'x', tag: 'TD' };
    // @ts-expect-error 'TDD' is no structure tag
    const wrong: PdfNode = { text: 'x', tag: 'TDD' };
    // nested: a stack's child, a table's cell
    // @ts-expect-error 'Para' is no structure tag
    const child: PdfNode = { stack: [{ text: 'x', tag: 'Para' }] };
    // @ts-expect-error 'th' is spelt 'TH'
    const cell: TableCell = { text: 'x', tag: 'th' };
    expect([right, wrong, child, cell]).toHaveLength(4);
  });

  it('refuses a table part other than head or body', () => {
    const right: TableNode = { table: { body: [] }, tableId: 'list', tablePart: 'head' };
    // @ts-expect-error 'heder' is no table part
    const wrong: TableNode = { table: { body: [] }, tableId: 'list', tablePart: 'heder' };
    expect([right, wrong]).toHaveLength(2);
  });

  it('refuses an unknown property on a tagged node, and a level outside H1…H6', () => {
    const right: PdfNode = { text: 'x', tag: 'H', level: 2, source: 'dataset.json' };
    // @ts-expect-error 'sourse' is no property of a node
    const misspelt: PdfNode = { text: 'x', tag: 'H', level: 2, sourse: 'dataset.json' };
    // @ts-expect-error H7 does not exist
    const deep: PdfNode = { text: 'x', tag: 'H', level: 7 };
    // @ts-expect-error 'colspan' is spelt 'colSpan'
    const cell: TableCell = { text: 'x', colspan: 2 };
    // @ts-expect-error a table's context rows are the table's, not the node's
    const misplaced: TableNode = { table: { body: [] }, contextRows: 1 };
    expect([right, misspelt, deep, cell, misplaced]).toHaveLength(5);
  });

  it("holds pdfmake's own properties to @types/pdfmake", () => {
    // @ts-expect-error a margin has 1, 2 or 4 sides
    const margin: PdfNode = { text: 'x', margin: [1, 2, 3] };
    // @ts-expect-error 'centre' is no alignment
    const align: TextNode = { text: 'x', alignment: 'centre' };
    // @ts-expect-error a text node cannot be a table too
    const both: PdfNode = { text: 'x', table: { body: [] } };
    // @ts-expect-error no such page size
    const doc: PdfDocument = { content: [], pageSize: 'A44' };
    expect([margin, align, both, doc]).toHaveLength(4);
  });

  it('types what every composer returns', () => {
    expectTypeOf(bookletFront).returns.toEqualTypeOf<PdfNode[]>();
    expectTypeOf(bookletBody).returns.toEqualTypeOf<PdfNode[]>();
    expectTypeOf(columnBox).returns.toEqualTypeOf<PdfNode[]>();
    expectTypeOf(listHeaderTable).returns.toEqualTypeOf<TableNode>();
    expectTypeOf(listTables).returns.toEqualTypeOf<PdfNode[]>();
    expectTypeOf(blockNodes).returns.toEqualTypeOf<PdfNode[]>();
    expectTypeOf(inlineText).returns.toEqualTypeOf<TextNode[] | string>();
    expectTypeOf(keepTail).returns.toEqualTypeOf<TextNode[]>();
    expectTypeOf(markedPair).returns.toEqualTypeOf<{ wrong: TextNode[]; right: TextNode[] }>();
    for (const f of [bookletDocument, initiativeListDocument, resultsDocument, progressDocument, errataDocument])
      expectTypeOf(f).returns.toEqualTypeOf<PdfDocument>();
    expectTypeOf<(typeof STRUCTURE_TAGS)[number]>().toEqualTypeOf<StructureTag>();
  });
});

describe('the vocabulary at run time', () => {
  it('holds a computed heading level to H1…H6, as the tagger does', () => {
    expect([0, 1, 3, 6, 7, 12].map(headingLevel)).toEqual([1, 1, 3, 6, 6, 6]);
  });

  it('tells text from the other nodes', () => {
    expect([{ text: '' }, { stack: [] }, { table: { body: [] } }, { canvas: [] }].map((n: PdfNode) => isText(n))).toEqual([true, false, false, false]);
  });
});

// What the composers (src/documents/pdf/) hand the seam: pdfmake's own document nodes (@types/pdfmake),
// plus the properties the seam reads and pdfmake ignores. One declared vocabulary, so that a composer
// cannot misspell or mistype what the tagging, the loss guard or the context rows read: a node literal
// built where this type is known is checked by tsc (tests/pdf-node-types.test.ts proves a misspelt tag,
// a wrong table part and an unknown property are refused), and tags.ts refuses an unknown tag at render.
import type {
  ColumnProperties,
  ContentCanvas,
  ContentColumns,
  ContentImage,
  ContentStack,
  ContentSvg,
  ContentTable,
  ContentText,
  ContextPageSize,
  CustomTableLayout,
  StyleDictionary,
  Table,
  TableCellProperties,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';

/** PDF structure types the composers name (the rest are inferred by tags.ts: P, Link, Figure, tables). */
export const STRUCTURE_TAGS = [
  'H',
  'P',
  'TH',
  'TD',
  'Link',
  'Reference',
  'Note',
  'TOC',
  'TOCI',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Figure',
  'Caption',
  'Sect',
  'Div',
  'Artifact',
] as const;
export type StructureTag = (typeof STRUCTURE_TAGS)[number];

/** A heading's level: H1…H6 (tags.ts never lets one be skipped). */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;
/** A level computed from a depth, held to H1…H6 as tags.ts holds it. */
export const headingLevel = (depth: number): HeadingLevel => Math.max(1, Math.min(6, depth)) as HeadingLevel;

/** The part of a table that continues over several nodes: its column header, or its rows. */
export type TablePart = 'head' | 'body';

export interface SeamProps {
  /** the structure element the node becomes (tags.ts); 'Artifact' draws it untagged, as decoration */
  tag?: StructureTag;
  /** a heading's level (H1…H6): never skipped */
  level?: HeadingLevel;
  /** the data file a node's text comes from, named when the loss guard finds it missing (loss-guard.ts) */
  source?: string;
  /** a figure's text alternative */
  alt?: string;
  /** what a cell or a span means, read instead of what it draws (「H29〜H32 運用」) */
  actualText?: string;
  /** a link's description (/Contents): 「用語解説 1 ICT へ」 */
  contents?: string;
  /** a table that continues over several nodes: its id and this node's part (context-rows.ts, tags.ts) */
  tableId?: string;
  tablePart?: TablePart;
  /** a table only for layout: its cells are read where the table stands */
  layoutOnly?: boolean;
  /** at least this many lines of a paragraph on each side of a page break (keep-lines.ts) */
  keepLines?: number;
  /** a paragraph kept with the headings above it (keep-lines.ts) */
  keepWithHeadings?: boolean;
  lang?: string;
  /** an anchor: page references, links and the outline point at it (pdfmake reads it on any node; @types/pdfmake has it on text only) */
  id?: string;
}

/** What a text node holds: a string, or runs (strings and text nodes) set on one line after another. */
export type Inlines = string | (string | TextNode)[];

/** A paragraph, or a run inside one. */
export interface TextNode extends Omit<ContentText, 'text' | 'pageReference'>, SeamProps {
  text: Inlines;
  /**
   * The page of this anchor, printed in place of `text` once laid out (pdfmake reads it on a text
   * node; @types/pdfmake forbids it beside text). render/pdf/index.ts prints the printed page.
   */
  pageReference?: string;
  /** a run read apart from its word as a Reference of its own (a 用語解説 number: tags.ts) */
  reference?: boolean;
}

export interface StackNode extends Omit<ContentStack, 'stack'>, SeamProps {
  stack: (PdfNode | string)[];
}

/** A column of a columns node: a node with its width. */
export type ColumnNode = PdfNode & ColumnProperties;
export interface ColumnsNode extends Omit<ContentColumns, 'columns'>, SeamProps {
  columns: ColumnNode[];
}

/** A cell: a node with its spans and borders, a string, or `{}` where a span covers it. */
export type TableCell = Record<PropertyKey, never> | string | (PdfNode & TableCellProperties & CellProps);
export interface CellProps {
  /** a group row's cell (目標 › 取組の基本方向 › 施策): the rows under it name it their header until the next group of this level or above (tags.ts) */
  groupLevel?: number;
}

export interface PdfTable extends Omit<Table, 'body'> {
  body: TableCell[][];
  /** the first header rows that are printed only at the top of a page, where a reader has not seen them (context-rows.ts) */
  contextRows?: number;
}
export interface TableNode extends Omit<ContentTable, 'table'>, SeamProps {
  table: PdfTable;
}

export interface ImageNode extends ContentImage, SeamProps {}
export interface SvgNode extends ContentSvg, SeamProps {
  /** svg-to-pdfkit's options, which pdfmake hands on (@types/pdfmake leaves them out) */
  options?: { imageCallback?: (href: string) => Buffer; warningCallback?: (message: string) => void };
}
export interface CanvasNode extends ContentCanvas, SeamProps {}

/** A node of a document definition as the composers build it. */
export type PdfNode = TextNode | StackNode | ColumnsNode | TableNode | ImageNode | SvgNode | CanvasNode;

/** What the page header or footer holds on a page (nothing: null). */
export type PageContent = (page: number, pages: number, size: ContextPageSize) => PdfNode | null;

/** A document definition as the composers hand it to render/pdf/index.ts. */
export interface PdfDocument extends Omit<TDocumentDefinitions, 'content' | 'header' | 'footer' | 'background' | 'styles'> {
  content: PdfNode[];
  header?: PageContent;
  footer?: PageContent;
  styles?: StyleDictionary;
  /** table layouts by name, registered for this document (render/pdf/index.ts) */
  tableLayouts?: Record<string, CustomTableLayout>;
}

/** The named styles of a document (pdfmake's own type: a misspelt property or a wrong alignment is refused). */
export type PdfStyles = StyleDictionary;

/** A paragraph or a run (a node that holds text, as pdfmake tells them apart). */
export const isText = (n: PdfNode): n is TextNode => 'text' in n;

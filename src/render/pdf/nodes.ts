// What the composers (src/documents/pdf/) hand the seam: pdfmake's own document nodes, plus the
// properties the seam reads and pdfmake ignores. One declared vocabulary, so that a composer
// cannot misspell or mistype what the tagging, the loss guard or the context rows read.
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

export interface SeamProps {
  /** the structure element the node becomes (tags.ts); 'Artifact' draws it untagged, as decoration */
  tag?: StructureTag;
  /** a heading's level (H1…H6): never skipped */
  level?: number;
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
  tablePart?: 'head' | 'body';
  /** a table only for layout: its cells are read where the table stands */
  layoutOnly?: boolean;
  /** at least this many lines of a paragraph on each side of a page break (keep-lines.ts) */
  keepLines?: number;
  /** a paragraph kept with the headings above it (keep-lines.ts) */
  keepWithHeadings?: boolean;
  lang?: string;
}

/** A node of a document definition as the composers build it. */
export type PdfNode = Record<string, unknown> & SeamProps;

// What a 正誤表 shows (a view, like the rest of resolve/): the errata command makes it by
// comparing two versions (errata/compare.ts), the documents read it (documents/pdf/errata.ts, documents/workbook/errata.ts).
export interface ErrataEntry {
  document: string;
  /** the printed page in the published version, or a sheet name */
  page: number | string;
  /** the line on that page, or a cell (E12) */
  line: number | string;
  /** the row and column changed (「事業 1 …　事業費（千円）」); none for prose */
  item?: string;
  wrong: string;
  right: string;
  /** the document's place in the set, for ordering */
  order: number;
}

export interface MovedItem {
  item: string;
  from: number;
  to: number;
}

export interface ErrataView {
  title: string;
  /** the published version: its name (a record's label, a folder, a revision) and date */
  publication: { name: string; date?: string };
  entries: ErrataEntry[];
  moved: MovedItem[];
  /** the 正誤表's own date (the PDF's and the workbook's) */
  date: string;
  /** given with --date: the 正誤表 prints it, with the issuer, under its title */
  issued?: string;
  issuer: string;
  /** the web edition and the open data stand beside the documents, made from the corrected data too */
  otherForms?: boolean;
}

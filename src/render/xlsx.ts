// exceljs behind one module: sheet specifications in, workbook bytes out. Known traps are
// handled here: no addTable (merges over tables corrupt files), merges added once per
// range, no fitToPage (it shrinks text and can make a file Excel repairs), and the zip re-packed with fixed dates so that
// the same data gives the same bytes (exceljs stamps every zip entry with the clock).
import type ExcelJS from 'exceljs';
// Only the workbook class is needed to write: its own module loads in half the time of the
// package's index, which also loads the streaming reader and writer, CSV and their zip
// libraries (about 0.1 s of every build that writes a workbook). It is the same class.
import Workbook from 'exceljs/lib/doc/workbook.js';
import JSZip from 'jszip';
import { XLSX_FONT_NAME } from './fonts.js';
import { switchedOff } from './switches.js';
import { SHEET_FONT_SIZE, UNIT_PT } from './sheet-text.js';

export type CellValue = string | number | null | { formula: string; result: number | string } | { richText: { text: string; font?: Partial<ExcelJS.Font> }[] };

export interface SheetSpec {
  name: string;
  /** column widths in Excel units (about one half-width character) */
  widths: number[];
  /** number formats per column (e.g. '#,##0') */
  numFmts?: (string | undefined)[];
  /** horizontal alignment per column */
  align?: ('left' | 'center' | 'right' | undefined)[];
  header: CellValue[][];
  /** merged ranges inside the header, as [row, col, row, col] (1-based, sheet coordinates) */
  headerMerges?: [number, number, number, number][];
  rows: {
    cells: CellValue[];
    kind?: 'data' | 'group' | 'total';
    height?: number;
    merges?: [number, number][];
    unlocked?: number[];
    fills?: (string | undefined)[];
  }[];
  headerHeights?: number[];
  freeze?: { rows: number; cols: number };
  autoFilter?: boolean;
  footer?: string;
  header_text?: string;
  /** column indexes (0-based) left unlocked when the sheet is protected (a row's own `unlocked` instead, where it has one) */
  unlocked?: number[];
  protect?: boolean;
  hidden?: boolean;
  /** data validations per column (0-based): one range per run of data rows (never one per cell,
   *  which exceljs merges into overlapping ranges) */
  validations?: Record<number, ExcelJS.DataValidation>;
  /** background (ARGB) per column of the data rows: input cells, read-only reference cells (a row's own `fills` instead, where it has one) */
  fills?: (string | undefined)[];
  /** text colour (ARGB) per column of the data rows */
  colors?: (string | undefined)[];
  /** row heights are estimates that Excel may grow when a cell's text grows (no customHeight) */
  rowsGrow?: boolean;
  /** left and right print margins in inches (0.4 unless given) */
  sideMargin?: number;
}

export interface WorkbookSpec {
  title: string;
  creator: string;
  /** ISO date: created and modified */
  date: string;
  sheets: SheetSpec[];
}

const FONT = { name: XLSX_FONT_NAME, size: SHEET_FONT_SIZE };
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FF808080' } },
  left: { style: 'thin', color: { argb: 'FF808080' } },
  bottom: { style: 'thin', color: { argb: 'FF808080' } },
  right: { style: 'thin', color: { argb: 'FF808080' } },
};
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF3F8' } };
const BOLD_FONT: Partial<ExcelJS.Font> = { ...FONT, bold: true };
const HEAD_ALIGN: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'middle', horizontal: 'center' };
const GROUP_ALIGN: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'middle' };
const LOCKED: Partial<ExcelJS.Protection> = { locked: true };
const UNLOCKED: Partial<ExcelJS.Protection> = { locked: false };

/**
 * One style object for all the cells whose style is made of the same parts. exceljs finds a
 * cell's style id by writing the style's font, border, fill and the style itself as XML and
 * looking the text up, unless it has met the same style object before (a WeakMap in its styles
 * writer). Every cell has a style object of its own, so it wrote about four pieces of XML a cell
 * (0.7 s of CPU for the ×10 open data). The parts are the same objects wherever they are the same
 * (the constants above, the column's own, fillOf, colourFont), so a key of their identities finds
 * the shared object. The first cell of each style is looked up as before, so the ids and their
 * order, and the workbook's bytes, are what they were. (exceljs's id also depends on a cell's type
 * where no number format is set, but only for dates, which no workbook writes.)
 * ICT_XLSX_NO_SHARED_STYLES=1 leaves every cell its own style (tests/determinism.test.ts, tests/workbook-styles.test.ts).
 */
function sharedStyles() {
  const off = switchedOff('ICT_XLSX_NO_SHARED_STYLES');
  const idOf = new WeakMap<object, number>();
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  let parts = 0;
  const fills = new Map<string, ExcelJS.Fill>();
  const colourFonts = new WeakMap<object, Map<string, Partial<ExcelJS.Font>>>();
  const id = (o: object | undefined) => {
    if (!o) return '';
    let n = idOf.get(o);
    if (n === undefined) idOf.set(o, (n = ++parts));
    return n;
  };
  return {
    fillOf(argb: string): ExcelJS.Fill {
      let f = fills.get(argb);
      if (!f) fills.set(argb, (f = { type: 'pattern', pattern: 'solid', fgColor: { argb } }));
      return f;
    },
    colourFont(base: Partial<ExcelJS.Font> | undefined, argb: string): Partial<ExcelJS.Font> {
      const key = base ?? FONT;
      let byColour = colourFonts.get(key);
      if (!byColour) colourFonts.set(key, (byColour = new Map()));
      let f = byColour.get(argb);
      if (!f) byColour.set(argb, (f = { ...FONT, ...(base ?? {}), color: { argb } }));
      return f;
    },
    of(s: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
      if (off) return s;
      const key = `${id(s.font)},${id(s.alignment)},${id(s.border)},${id(s.fill)},${id(s.protection)},${s.numFmt ?? ''}`;
      let one = shared.get(key);
      if (!one) shared.set(key, (one = s));
      return one;
    },
  };
}

/**
 * Print scale: every sheet prints at 100 %, never fitted to the page, so its text prints at
 * SHEET_FONT_SIZE whatever font the printing PC substitutes (with the font installed,
 * LibreOffice measured the units wider than the substitute it had used before, and a sheet
 * fitted to the page printed at 7.2 pt). The documents make their columns fit the paper in
 * units of the real font (render/sheet-text.ts): a sheet up to a4Capacity() units wide goes on
 * A4 landscape, a wider one on A3 landscape, and the documents keep their sheets within
 * A3_CAPACITY. A little of the width is left free (CAPACITY_SHARE): Excel rounds the unit to
 * whole pixels, and a font a little wider than the real one still fits.
 */
const MARGIN_IN = 0.4;
const CAPACITY_SHARE = 0.98;
const printable = (paperWidthPt: number, sideMargin = MARGIN_IN) => paperWidthPt - 2 * sideMargin * 72;
const capacity = (paperWidthPt: number, sideMargin = MARGIN_IN) => Math.floor((printable(paperWidthPt, sideMargin) * CAPACITY_SHARE) / UNIT_PT);
/** Width units A4 landscape holds at 100 %, with side margins of `sideMargin` inches. */
export const a4Capacity = (sideMargin = MARGIN_IN) => capacity(841.89, sideMargin);
export const A4_CAPACITY = a4Capacity();
export const A3_CAPACITY = capacity(1190.55);
// A3 (8) is missing from exceljs's PaperSize enum
const PAPER = { A4: 9, A3: 8 as ExcelJS.PaperSize } as const;

function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
export const cellRef = (row: number, col: number) => `${colName(col)}${row}`;

function fillSheet(wb: ExcelJS.Workbook, spec: SheetSpec, styles: ReturnType<typeof sharedStyles>) {
  const headerRows = spec.header.length;
  const ws = wb.addWorksheet(spec.name, {
    state: spec.hidden ? 'veryHidden' : 'visible',
    views: spec.freeze ? [{ state: 'frozen', xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }] : undefined,
    pageSetup: {
      paperSize: spec.widths.reduce((a, b) => a + b, 0) <= a4Capacity(spec.sideMargin) ? (PAPER.A4 as ExcelJS.PaperSize) : PAPER.A3,
      orientation: 'landscape',
      scale: 100,
      fitToPage: false,
      printTitlesRow: headerRows ? `1:${headerRows}` : undefined,
      margins: { left: spec.sideMargin ?? MARGIN_IN, right: spec.sideMargin ?? MARGIN_IN, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: spec.footer ?? '&P / &N', oddHeader: spec.header_text },
  });
  ws.columns = spec.widths.map((w, i) => ({
    width: w,
    style: { font: FONT, numFmt: spec.numFmts?.[i], alignment: { wrapText: true, vertical: 'top', horizontal: spec.align?.[i] } },
  }));
  const ncol = spec.widths.length;
  spec.header.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    for (let c = 0; c < ncol; c++) {
      const cell = row.getCell(c + 1);
      if (cells[c] !== undefined && cells[c] !== null) cell.value = cells[c] as ExcelJS.CellValue;
      cell.font = BOLD_FONT;
      cell.fill = HEAD_FILL;
      cell.border = BORDER;
      cell.alignment = HEAD_ALIGN;
      cell.style = styles.of(cell.style);
    }
    if (spec.headerHeights?.[r]) row.height = spec.headerHeights[r];
  });
  for (const [r1, c1, r2, c2] of spec.headerMerges ?? []) ws.mergeCells(r1, c1, r2, c2);
  spec.rows.forEach((r, i) => {
    const rowNo = headerRows + i + 1;
    const row = ws.getRow(rowNo);
    for (let c = 0; c < ncol; c++) {
      const cell = row.getCell(c + 1);
      const v = r.cells[c];
      if (v !== undefined && v !== null && v !== '')
        cell.value = (
          typeof v === 'object' && 'richText' in v ? { richText: v.richText.map((t) => ({ ...t, font: { ...FONT, ...t.font } })) } : v
        ) as ExcelJS.CellValue;
      cell.border = BORDER;
      if (r.kind === 'group') {
        cell.font = BOLD_FONT;
        cell.fill = GROUP_FILL;
        cell.alignment = GROUP_ALIGN;
      } else if (r.kind === 'total') cell.font = BOLD_FONT;
      if (spec.protect) cell.protection = (r.unlocked ?? spec.unlocked ?? []).includes(c) ? UNLOCKED : LOCKED;
      const fill = (r.fills ?? spec.fills)?.[c];
      if (fill && r.kind !== 'group') cell.fill = styles.fillOf(fill);
      const color = spec.colors?.[c];
      if (color && r.kind !== 'group') cell.font = styles.colourFont(cell.font, color);
      cell.style = styles.of(cell.style);
    }
    if (r.height) row.height = r.height;
    for (const [c1, c2] of r.merges ?? []) ws.mergeCells(rowNo, c1 + 1, rowNo, c2 + 1);
  });
  // exceljs 4.4 has the range API but does not declare it
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const [col, dv] of Object.entries(spec.validations ?? {})) {
    let start: number | undefined;
    spec.rows.forEach((r, i) => {
      const rowNo = headerRows + i + 1;
      if (r.kind !== 'group' && start === undefined) start = rowNo;
      const last = i === spec.rows.length - 1 || spec.rows[i + 1]?.kind === 'group';
      if (start !== undefined && (r.kind === 'group' || last)) {
        const end = r.kind === 'group' ? rowNo - 1 : rowNo;
        const c = Number(col) + 1;
        validations.add(start === end ? cellRef(start, c) : `${cellRef(start, c)}:${cellRef(end, c)}`, {
          ...dv,
          formulae: dv.formulae?.map((f) => (typeof f === 'string' ? f.replaceAll('{cell}', cellRef(start!, c)) : f)),
        });
        start = undefined;
      }
    });
  }
  if (spec.autoFilter && headerRows) {
    ws.autoFilter = { from: { row: headerRows, column: 1 }, to: { row: headerRows + spec.rows.length, column: ncol } };
  }
  if (spec.protect)
    void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: false });
}

/** Workbook bytes; the same spec gives the same bytes. */
export async function renderWorkbook(spec: WorkbookSpec): Promise<{ bytes: Buffer; sheets: string[] }> {
  const wb = new Workbook();
  const date = new Date(`${spec.date}T00:00:00Z`);
  wb.creator = spec.creator;
  wb.lastModifiedBy = spec.creator;
  wb.title = spec.title;
  wb.created = date;
  wb.modified = date;
  wb.calcProperties.fullCalcOnLoad = true;
  const styles = sharedStyles();
  for (const s of spec.sheets) fillSheet(wb, s, styles);
  // stored, not compressed: repack() below compresses each entry once, for the file as written
  const raw = Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions));
  // exceljs marks every height it writes as custom, which stops Excel growing the row
  const growing = new Set(spec.sheets.flatMap((s, i) => (s.rowsGrow ? [`xl/worksheets/sheet${i + 1}.xml`] : [])));
  return { bytes: await repack(raw, date, growing), sheets: spec.sheets.map((s) => s.name) };
}

/**
 * The workbook's default font is the one column widths are measured in (a width unit is
 * its digit width): exceljs writes Calibri, which a machine without it replaces by a wider
 * font, so that the same widths print at different sizes. The sheets' own font is used instead.
 */
function withDefaultFont(styles: Buffer): Buffer {
  const xml = styles.toString('utf8');
  const font = `<font><sz val="${FONT.size}"/><name val="${XLSX_FONT_NAME}"/><family val="3"/><charset val="128"/></font>`;
  return Buffer.from(xml.replace(/<font>.*?<\/font>/, font), 'utf8');
}

/** Re-zips with every entry dated `date`, in name order. */
async function repack(raw: Buffer, date: Date, growing = new Set<string>()): Promise<Buffer> {
  const src = await JSZip.loadAsync(raw);
  const out = new JSZip();
  const files = Object.entries(src.files).filter(([, f]) => !f.dir);
  // [Content_Types].xml first, as Office writes it
  files.sort(([a], [b]) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : 0));
  for (const [n, f] of files) {
    const bytes = await f.async('nodebuffer');
    // rows that may grow with their text lose Excel's fixed-height flag; the default font is the one widths are measured in
    const content = growing.has(n)
      ? Buffer.from(bytes.toString('utf8').replace(/(<row [^>]*?) customHeight="1"/g, '$1'))
      : n === 'xl/styles.xml'
        ? withDefaultFont(bytes)
        : bytes;
    out.file(n, content, { date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

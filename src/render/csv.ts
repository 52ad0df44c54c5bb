// CSV as the open-data rules ask: UTF-8 with a byte order mark, a header row, CRLF line ends
// (RFC 4180), a field quoted only when it holds a comma, a quote or a line break, numbers
// written as plain numbers (no separators, no units). The BOM is what makes Excel on Windows
// read the file as UTF-8 on a double click (without it Excel takes Shift_JIS and shows
// mojibake); readers of UTF-8 that know CSV (Python's utf-8-sig, R, LibreOffice) skip it.
//
// A text that begins as a formula does (= + - @, a tab or a carriage return) is made text with a
// leading ' (the OWASP rule against CSV injection): LibreOffice and Excel would otherwise run
// =HYPERLINK(…) or =cmd|… from a cell of published data. Numbers are numbers and stay as they
// are (-5 in a number column is -5); only text cells are changed, and columns.csv says so.
export type CsvValue = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet will read it: as text, never as a formula. */
export const inertText = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);

const BOM = '\uFEFF';

function field(v: CsvValue): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`CSV に数でない値があります: ${v}`);
    return String(v);
  }
  // a line break inside a field is CRLF too, as Excel writes it
  const s = inertText(v).replace(/\r\n?|\n/g, '\r\n');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(header: string[], rows: CsvValue[][]): Buffer {
  const lines = [header, ...rows].map((r) => r.map(field).join(','));
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

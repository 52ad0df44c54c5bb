// CSV as the open-data rules ask: UTF-8 with a byte order mark, a header row, CRLF line ends
// (RFC 4180), a field quoted only when it holds a comma, a quote or a line break, numbers
// written as plain numbers (no separators, no units). The BOM is what makes Excel on Windows
// read the file as UTF-8 on a double click (without it Excel takes Shift_JIS and shows
// mojibake); readers of UTF-8 that know CSV (Python's utf-8-sig, R, LibreOffice) skip it.
export type CsvValue = string | number;

const BOM = '\uFEFF';

function field(v: CsvValue): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`CSV に数でない値があります: ${v}`);
    return String(v);
  }
  // a line break inside a field is CRLF too, as Excel writes it
  const s = v.replace(/\r\n?|\n/g, '\r\n');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(header: string[], rows: CsvValue[][]): Buffer {
  const lines = [header, ...rows].map((r) => r.map(field).join(','));
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

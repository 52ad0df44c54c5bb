// Workbooks printed through LibreOffice, read back as a reader of the paper sees them: the
// smallest text on each page, header words broken across lines, and text that runs out of
// its row (LibreOffice clips it on screen but still writes it: it then overlaps the text of
// the next row, which is how it is found here).
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { PdfPage } from '../../src/errata/pdf-lines.js';
import type { PrintedPage } from './printed-sizes.js';
import { XLSX_FONT_NAME } from '../../src/render/fonts.js';

const run = promisify(execFile);

export const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync('which', [c]).status === 0);

/**
 * How the PC that prints has the font: `installed` as on a prefecture's PC, where the name the
 * workbook asks for (「BIZ UDPゴシック」, src/render/fonts.ts) is the font itself; `missing` as on
 * a PC without it, where LibreOffice substitutes another font for every cell.
 * The font files' own family name is "BIZ UDPGothic": a fontconfig <dir> alone leaves the
 * Japanese name unresolved (LibreOffice then measures with a substitute and the print scale
 * changes), so `installed` adds an alias for each name the workbooks use, and it is checked.
 */
export type FontCondition = 'installed' | 'missing';

const WORKBOOK_FONTS: [string, string][] = [
  [XLSX_FONT_NAME, 'BIZ UDPGothic'],
  ['BIZ UDゴシック', 'BIZ UDGothic'],
];

/** Writes `dir`/fonts.conf for the condition and returns the environment that uses it, after checking what the workbook's font name resolves to. */
export function fontEnvironment(dir: string, font: FontCondition): NodeJS.ProcessEnv {
  const fonts = path.resolve(__dirname, '../../fonts');
  const conf = path.join(dir, 'fonts.conf');
  const aliases = WORKBOOK_FONTS.map(([asked, own]) => `<alias binding="same"><family>${asked}</family><prefer><family>${own}</family></prefer></alias>`).join(
    '',
  );
  writeFileSync(
    conf,
    `<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>${font === 'installed' ? `<dir>${fonts}</dir>${aliases}` : ''}<cachedir>${dir}/fc-cache</cachedir></fontconfig>`,
  );
  const env = { ...process.env, FONTCONFIG_FILE: conf };
  // a print measured with the wrong font proves nothing: refuse before measuring
  for (const [asked, own] of WORKBOOK_FONTS) {
    const got = execFileSync('fc-match', ['-f', '%{family}', asked], { env, encoding: 'utf8' });
    const resolves = got.split(',').includes(own);
    if (font === 'installed' && !resolves)
      throw new Error(`fontconfig resolves 「${asked}」 to "${got}", not to the bundled ${own}: the print would be measured with another font`);
    if (font === 'missing' && /BIZ/.test(got)) throw new Error(`fontconfig still finds a BIZ font for 「${asked}」 ("${got}"): the font is not missing`);
  }
  return env;
}

/**
 * Prints the workbooks to PDF in one LibreOffice run, in `dir`, with the font `installed`
 * (unless told) as fontEnvironment sets it up. Returns each workbook's printed PDF (files of
 * the same name are printed apart). Asynchronous, so that two conditions can print at once.
 */
export async function printWorkbooks(files: string[], dir: string, font: FontCondition = 'installed'): Promise<Map<string, string>> {
  mkdirSync(dir, { recursive: true });
  const env = fontEnvironment(dir, font);
  mkdirSync(path.join(dir, 'print'), { recursive: true });
  const copies = files.map((f, k) => {
    const copy = path.join(dir, 'print', `${k}-${path.basename(f)}`);
    copyFileSync(f, copy);
    return copy;
  });
  await run(soffice!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', path.join(dir, 'pdf'), ...copies], {
    timeout: 300_000,
    env,
  });
  const printed = new Map(files.map((f, k) => [f, path.join(dir, 'pdf', `${path.basename(copies[k], '.xlsx')}.pdf`)]));
  for (const [f, pdf] of printed) if (!existsSync(pdf)) throw new Error(`LibreOffice printed no PDF for ${f}`);
  return printed;
}

/** The text of a cell as written (rich text joined), or undefined for a non-text cell. */
export function cellText(c: ExcelJS.Cell): string | undefined {
  const v = c.value as unknown;
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  return undefined;
}

/** The words of a sheet's column headers (the given rows): split where the text itself breaks (a new line, a space). */
export function headerWords(ws: ExcelJS.Worksheet, rows: number[]): string[] {
  const words = new Set<string>();
  for (const r of rows)
    ws.getRow(r).eachCell((c) => {
      const t = c.master === c ? cellText(c) : undefined;
      for (const w of t?.split(/[\s\u3000]+/) ?? []) if (w) words.add(w);
    });
  return [...words];
}

/**
 * The lines at the top of a page, where a sheet's header rows print (repeated on every page):
 * items on one baseline (a centred header cell of two lines sits half a line off its
 * neighbours, so lines are told apart by their baseline, not by a band), left to right, squashed.
 */
export function topLines(p: PdfPage, n = 10): string[] {
  const rows = new Map<number, PdfPage['items']>();
  for (const it of p.items.filter((i) => i.str.trim())) {
    const key = [...rows.keys()].find((y) => Math.abs(y - it.y) < 1) ?? it.y;
    if (!rows.has(key)) rows.set(key, []);
    rows.get(key)!.push(it);
  }
  return [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .slice(0, n)
    .map(([, its]) =>
      its
        .sort((a, b) => a.x - b.x)
        .map((i) => i.str)
        .join('')
        .replace(/\s+/g, ''),
    );
}

/** Header words that print split over two lines: on a page that prints the header, a word not whole in its top lines. */
export function brokenWords(pages: PdfPage[], words: string[]): string[] {
  const broken = new Set<string>();
  for (const p of pages) {
    const lines = topLines(p);
    for (const w of words) if (!lines.some((l) => l.includes(w))) broken.add(`p.${p.number}: ${w}`);
  }
  return [...broken];
}

/** Text items of a page whose boxes overlap another's: text that ran out of its row into the next. */
export function overlapping(p: PdfPage): string[] {
  const items = p.items.filter((i) => i.str.trim() && i.width > 0);
  const out: string[] = [];
  for (let a = 0; a < items.length; a++)
    for (let b = a + 1; b < items.length; b++) {
      const A = items[a];
      const B = items[b];
      const dy = Math.abs(A.y - B.y);
      // on one baseline: neighbours, not an overlap
      if (dy < 0.5 || dy > Math.min(A.height, B.height) * 0.8) continue;
      const dx = Math.min(A.x + A.width, B.x + B.width) - Math.max(A.x, B.x);
      if (dx > 1) out.push(`p.${p.number}: 「${A.str.slice(0, 12)}」 over 「${B.str.slice(0, 12)}」`);
    }
  return out;
}

/** Pages whose smallest text is under `min` pt, or whose paper is not landscape A4 or A3. */
export function unreadable(pages: PrintedPage[], min = 8): string[] {
  const bad: string[] = [];
  for (const p of pages) {
    if (![842, 1191].includes(Math.round(p.width)) || p.width < p.height) bad.push(`p.${p.number}: paper ${Math.round(p.width)}×${Math.round(p.height)}`);
    const smallest = Math.min(...p.items.map((i) => i.size));
    if (smallest < min) bad.push(`p.${p.number}: ${smallest.toFixed(1)} pt 「${p.items.find((i) => i.size === smallest)?.str}」`);
  }
  return bad;
}

/**
 * Rows that print much taller than their text: between two rules drawn across the page (a
 * row's borders), the text's lines (its baselines, from the first line's top to the last
 * line's foot) and the room left, which may be at most `lines` lines of the row's text size.
 * Returns the rows too tall, and how many rows were looked at (a check that saw none proves nothing).
 */
export function tallRows(p: PrintedPage, lines = 1.5): { tall: string[]; rows: number } {
  const tall: string[] = [];
  let rows = 0;
  for (let k = 1; k < p.rules.length; k++) {
    const [bottom, top] = [p.rules[k - 1], p.rules[k]];
    // the page's own header and footer stand in its margins, outside any row
    const inside = p.items.filter((i) => i.y > bottom && i.y < top && i.y > 40 && i.y < p.height - 40);
    if (!inside.length) continue;
    rows++;
    const size = Math.max(...inside.map((i) => i.size));
    const ys = inside.map((i) => i.y);
    const text = Math.max(...ys) - Math.min(...ys) + size;
    const room = top - bottom - text;
    if (room > lines * size)
      tall.push(
        `p.${p.number}: row of 「${inside[0].str.slice(0, 10)}」 ${(top - bottom).toFixed(1)} pt high for ${text.toFixed(1)} pt of text (${(room / size).toFixed(1)} lines more)`,
      );
  }
  return { tall, rows };
}

/**
 * The cell each text item of a page prints in: the box of borders around where it starts (the
 * nearest line down on either side that reaches its baseline, the nearest line across above and
 * below that reaches its start), so that text of neighbouring cells is never taken for one cell's.
 * Items in the page's margins (its header and footer) belong to no cell; any other item without
 * borders all round is returned apart (`unplaced`), so that nothing escapes a check unseen.
 */
export function cellsOf(p: PrintedPage): { cells: PrintedPage['items'][]; unplaced: string[] } {
  const cells = new Map<string, PrintedPage['items']>();
  const unplaced: string[] = [];
  for (const it of p.items) {
    if (it.y < 40 || it.y > p.height - 40) continue;
    const x = it.x + 0.5;
    const downs = p.down.filter((d) => d.y0 - 0.5 <= it.y && it.y <= d.y1 + 0.5);
    const acrosses = p.across.filter((a) => a.x0 - 0.5 <= x && x <= a.x1 + 0.5);
    const left = Math.max(...downs.filter((d) => d.x <= x).map((d) => d.x));
    const right = Math.min(...downs.filter((d) => d.x > x).map((d) => d.x));
    const below = Math.max(...acrosses.filter((a) => a.y <= it.y).map((a) => a.y));
    const above = Math.min(...acrosses.filter((a) => a.y > it.y).map((a) => a.y));
    if (![left, right, below, above].every(Number.isFinite)) {
      unplaced.push(`p.${p.number}: 「${it.str.slice(0, 12)}」`);
      continue;
    }
    const key = [left, below].map((v) => v.toFixed(1)).join();
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key)!.push(it);
  }
  return { cells: [...cells.values()], unplaced };
}

/**
 * Cells whose text (or a paragraph of it) ends on a line of one character (「努めた／。」): within
 * one cell (cellsOf), its lines told apart by their baselines, a line after another holding one
 * character (a paragraph of one character would be one too: the data has none).
 * Items that stand in no cell are returned as such: the check must see every cell.
 */
export function loneLastLines(p: PrintedPage): string[] {
  const { cells, unplaced } = cellsOf(p);
  const out = unplaced.map((u) => `${u} in no cell`);
  for (const items of cells) {
    const lines = new Map<number, PrintedPage['items']>();
    for (const it of items) {
      const key = [...lines.keys()].find((y) => Math.abs(y - it.y) < 0.5) ?? it.y;
      if (!lines.has(key)) lines.set(key, []);
      lines.get(key)!.push(it);
    }
    const text = [...lines.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, its]) =>
        its
          .sort((a, b) => a.x - b.x)
          .map((i) => i.str)
          .join('')
          .trim(),
      );
    // a cell of several paragraphs: the line may end one of them, not only the cell's last
    text.forEach((t, k) => {
      if (k > 0 && [...t].length === 1) out.push(`p.${p.number}: …${text[k - 1].slice(-8)}／${t}`);
    });
  }
  return out;
}

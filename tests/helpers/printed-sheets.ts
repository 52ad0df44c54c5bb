// Workbooks printed through LibreOffice, read back as a reader of the paper sees them: the
// smallest text on each page, header words broken across lines, and text that runs out of
// its row (LibreOffice clips it on screen but still writes it: it then overlaps the text of
// the next row, which is how it is found here).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { PdfPage } from '../../src/errata/pdf-lines.js';
import type { PrintedPage } from './printed-sizes.js';

export const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync('which', [c]).status === 0);

/**
 * Prints the workbooks to PDF in one LibreOffice run (with the project's fonts), in `dir`.
 * Returns each workbook's printed PDF (files of the same name are printed apart).
 */
export function printWorkbooks(files: string[], dir: string): Map<string, string> {
  const fonts = path.resolve(__dirname, '../../fonts');
  writeFileSync(path.join(dir, 'fonts.conf'), `<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${fonts}</dir><cachedir>${dir}/fc-cache</cachedir></fontconfig>`);
  mkdirSync(path.join(dir, 'print'), { recursive: true });
  const copies = files.map((f, k) => {
    const copy = path.join(dir, 'print', `${k}-${path.basename(f)}`);
    copyFileSync(f, copy);
    return copy;
  });
  execFileSync(soffice!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', path.join(dir, 'pdf'), ...copies], {
    stdio: 'pipe',
    timeout: 180_000,
    env: { ...process.env, FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
  });
  return new Map(files.map((f, k) => [f, path.join(dir, 'pdf', `${path.basename(copies[k], '.xlsx')}.pdf`)]));
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
    .map(([, its]) => its.sort((a, b) => a.x - b.x).map((i) => i.str).join('').replace(/\s+/g, ''));
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

// The seed texts (seeds/*.txt, extracted from the published PDFs) cut into the pieces a reader
// would miss, and the generated PDFs made searchable for them. Both sides go through the same
// `norm`, so a difference the check reports is a difference in the words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PdfPage } from '../../src/errata/pdf-lines.js';
import { ROOT } from './data.js';

/**
 * The one normalisation both sides get:
 * - all whitespace removed: PDF lines wrap anywhere, table cells wrap inside the cell, and the
 *   extraction put spaces inside words (`L G W A N`, `チャレンジふくしま戦略的 情報発信事業`);
 * - full-width forms of ASCII (U+FF01–FF5E: （）：，Ａ１…) read as ASCII: the published list writes
 *   `(MIDORI)` where chapter 2 writes `（MIDORI）`; only the width differs. (Not NFKC: it would also
 *   turn ① into 1 and Ⅱ into II, which are different words here.)
 * - 〇 (U+3007) read as ○ (U+25CB): the results mark 新規 with both (seeds/README.md);
 * - subscript digits (₂ of CO₂) read as digits: the fonts have no glyph for them, so the PDF prints
 *   an ordinary digit, lowered (README: 下付きの数字);
 * - the half-width note mark * read as ※: the published results mark their note with *, where a
 *   Japanese document uses ※, as the report now does (issue 15).
 */
export function norm(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3007/g, '\u25CB')
    .replace(/\*/g, '※')
    .replace(/[₀-₉]/g, (c) => String(c.charCodeAt(0) - 0x2080));
}

/** Superscript digits in the seed are 用語解説 numbers the pipeline puts back itself (seeds/README.md). */
const SUPERSCRIPTS = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/g;

export interface Fragment {
  /** as the seed prints it (markup removed) */
  raw: string;
  /** normalised, what is searched */
  text: string;
  /** 1-based line of the seed */
  line: number;
  kind: 'heading' | 'sentence' | 'cell' | 'toc' | 'glossary' | 'url';
  /** the part of the seed it comes from, so it is searched where that part is printed */
  region: string;
}

export const readSeed = (file: string) => readFileSync(path.join(ROOT, 'seeds', file), 'utf8').split('\n');

/** Markup of the extraction (`<p>`, `<li>`, `<ul …>`, `**`, `\*`) marks where one piece ends and the next begins. */
const MARKUP = /<\/?(?:p|li|ul)(?:\s[^>]*)?>|\*\*/g;

/** Sentences of a block: cut after each 。, URLs apart (they are links of their own). */
export function pieces(block: string): { raw: string; kind: Fragment['kind'] }[] {
  const out: { raw: string; kind: Fragment['kind'] }[] = [];
  for (const part of block.replace(/\\\*/g, '*').split(MARKUP)) {
    for (const chunk of part.split(/(<?https?:\/\/[^\s<>）]+>?)/)) {
      const c = chunk.trim();
      if (!c) continue;
      if (/^<?https?:/.test(c)) {
        out.push({ raw: c.replace(/^<|>$/g, ''), kind: 'url' });
        continue;
      }
      const sentences = c.split(/(?<=。)/);
      for (const s of sentences) if (s.trim()) out.push({ raw: s.trim(), kind: sentences.length > 1 || /。$/.test(s) ? 'sentence' : 'heading' });
    }
  }
  return out;
}

/** A seed line's cells: tab-separated, empty cells dropped. */
export const cells = (line: string) =>
  line
    .split('\t')
    .map((c) => c.trim())
    .filter(Boolean);

export function fragment(raw: string, line: number, kind: Fragment['kind'], region: string): Fragment {
  const clean = raw.replace(SUPERSCRIPTS, '').trim();
  return { raw: clean, text: norm(clean), line, kind, region };
}

// ---------------------------------------------------------------------------------------------
// The PDF side

/**
 * A PDF's text, searchable two ways:
 * - `lines`: every laid-out line in reading order, joined (prose that wraps and crosses pages);
 * - `columns`: the runs of text that share a left edge, a centre or a right edge, top to bottom
 *   over all pages (a table cell's lines: left-aligned, centred or right-aligned, even when the
 *   row continues on the next page under a repeated header).
 * 用語解説 superscripts (small digits raised above the line) are left out, as in the seed.
 */
export interface Searchable {
  lines: string;
  columns: string;
}

interface Run {
  x: number;
  end: number;
  y: number;
  str: string;
}

export function searchable(pages: PdfPage[]): Searchable {
  const lines: string[] = [];
  const byKey = new Map<string, string[]>();
  for (const p of pages) {
    const items = p.items.filter((i) => i.str.trim() !== '');
    // a superscript: one or two digits in a smaller size, raised a few points, right after a word
    const sup = (i: PdfPage['items'][number]) =>
      /^\d{1,2}$/.test(i.str.trim()) && items.some((o) => o.height > i.height * 1.3 && i.y - o.y > 2 && i.y - o.y < 8 && Math.abs(o.x + o.width - i.x) < 2);
    const kept = items.filter((i) => !sup(i));
    // one line = items on one baseline, left to right (a lowered subscript digit, a few points
    // down, belongs to its line)
    const rows: Run[][] = [];
    for (const it of [...kept].sort((a, b) => b.y - a.y || a.x - b.x)) {
      const run = { x: it.x, end: it.x + it.width, y: it.y, str: it.str };
      const row = rows.find((r) => Math.abs(r[0].y - it.y) < 4);
      if (row) row.push(run);
      else rows.push([run]);
    }
    for (const row of rows) {
      row.sort((a, b) => a.x - b.x);
      const line = row.map((r) => r.str).join('');
      // page furniture: the footer's page number (`- 4 -`, `… 2 / 14`) stands between the halves
      // of a sentence that continues on the next page
      if (/^\s*-\s*\d+\s*-\s*$|\d+ \/ \d+$/.test(line)) continue;
      lines.push(line);
      // runs: items that touch on the line are one run (a cell's line); a gap starts the next cell
      const runs: Run[] = [];
      for (const r of row) {
        const last = runs.at(-1);
        if (last && r.x - last.end < 1) {
          last.str += r.str;
          last.end = r.end;
        } else runs.push({ ...r });
      }
      for (const r of runs) {
        // two grids half a point apart: edges that differ by less than half a point share a key in one of them
        for (const [kind, at] of [
          ['l', r.x],
          ['c', (r.x + r.end) / 2],
          ['r', r.end],
        ] as const) {
          for (const key of [`${kind}${Math.floor(at)}`, `${kind}${Math.floor(at + 0.5)}.5`]) {
            if (!byKey.has(key)) byKey.set(key, []);
            byKey.get(key)!.push(r.str);
          }
        }
      }
    }
  }
  const columns = [...byKey.values()].map((runs) => norm(runs.join('')));
  return { lines: norm(lines.join('')), columns: columns.join('\u0001') };
}

/** A fragment is found when it is in the lines or in one column; a page cited in prose may carry the generated booklet's own number. */
export function found(s: Searchable, f: Fragment): boolean {
  if (/\d+ページ/.test(f.text)) {
    const re = new RegExp(f.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+(?=ページ)/g, '\\d+'));
    return re.test(s.lines) || re.test(s.columns);
  }
  return s.lines.includes(f.text) || s.columns.includes(f.text);
}

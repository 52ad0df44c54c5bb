// What a proof-reader measures on a laid-out page, read back from a PDF with pdfjs-dist:
// the gap under each heading, paragraphs cut with one line on either side of a page break.
// The rules work on plain line records, so a test can also hand them lines made to break them.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Glyph } from './glyph-positions.js';

export interface TypesetLine {
  page: number;
  /** baseline, from the top of the page */
  y: number;
  x: number;
  xEnd: number;
  text: string;
  /** the size of its main text (superscripts left out) */
  size: number;
  bold: boolean;
  /** the page's width (a landscape page is wider than tall) */
  pageWidth: number;
  pageHeight: number;
}

/** Smaller items are superscripts, subscripts or table text: they join no prose line. */
const PROSE = 10;

/** Every line of every page: items on one baseline (within a point) and close together. */
export async function typesetLines(bytes: Uint8Array | Buffer): Promise<TypesetLine[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const out: TypesetLine[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    // the font's name tells bold from regular (BIZUDPGothic-Bold); it is known once the page is read
    await page.getOperatorList();
    const bold = new Map<string, boolean>();
    const items = content.items
      .filter((i): i is typeof i & { str: string; transform: number[]; width: number; fontName: string } => 'str' in i && i.str.trim() !== '')
      .map((i) => {
        if (!bold.has(i.fontName)) bold.set(i.fontName, /Bold/i.test(String((page.commonObjs.get(i.fontName) as { name?: string })?.name ?? '')));
        return { x: i.transform[4], y: height - i.transform[5], str: i.str, width: i.width, size: Math.abs(i.transform[3]), bold: bold.get(i.fontName)! };
      });
    const rows = new Map<number, typeof items>();
    for (const it of items) {
      const key = [...rows.keys()].find((y) => Math.abs(y - it.y) < 1) ?? it.y;
      if (!rows.has(key)) rows.set(key, []);
      rows.get(key)!.push(it);
    }
    for (const [y, its] of rows) {
      its.sort((a, b) => a.x - b.x);
      // a gap wider than two characters parts cells and columns
      let cur: (typeof its)[number][] = [];
      const flush = () => {
        if (!cur.length) return;
        const main = cur.filter((i) => i.size >= PROSE);
        const sized = main.length ? main : cur;
        out.push({
          page: n,
          y,
          x: cur[0].x,
          xEnd: Math.max(...cur.map((i) => i.x + i.width)),
          text: cur.map((i) => i.str).join(''),
          size: Math.max(...sized.map((i) => i.size)),
          bold: sized.every((i) => i.bold),
          pageWidth: width,
          pageHeight: height,
        });
        cur = [];
      };
      for (const it of its) {
        if (cur.length && it.x - Math.max(...cur.map((i) => i.x + i.width)) > 2 * it.size) flush();
        cur.push(it);
      }
      flush();
    }
    page.cleanup();
  }
  await doc.destroy();
  return out.sort((a, b) => a.page - b.page || a.y - b.y || a.x - b.x);
}

const BODY = 10.5;
const isBody = (l: TypesetLine) => !l.bold && Math.abs(l.size - BODY) < 0.05;
/** A heading: a line set wholly in bold at the body size or larger (a table's header is smaller). */
/** Centred bold lines (the cover, a contact block) are not headings of the text. */
const isHeading = (l: TypesetLine) => l.bold && l.size >= BODY - 0.05 && l.pageWidth < l.pageHeight && l.x < l.pageWidth * 0.3;
/**
 * The level of a heading as the eye sees it: its size, and at the body size a 【label】, a
 * numbered entry and a bold paragraph (a phrase set off in the text) apart.
 */
const levelOf = (l: TypesetLine) =>
  `${l.size}pt${Math.abs(l.size - BODY) > 0.05 ? '' : l.text.startsWith('【') ? ' 【label】' : /^\d+ /.test(l.text) ? ' entry' : ' bold text'}`;

/** Pages of a table of contents: many lines end in a page number set apart at the right. */
function contentsPages(lines: TypesetLine[]): Set<number> {
  const count = new Map<number, number>();
  for (const l of lines) if (/^\d+$/.test(l.text) && l.x > l.pageWidth * 0.7 && l.y < l.pageHeight - 60) count.set(l.page, (count.get(l.page) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n >= 5).map(([p]) => p));
}

export interface HeadingGap {
  level: string;
  heading: string;
  page: number;
  /** from the heading's baseline to its first line of text */
  gap: number;
}

/**
 * The gap under each heading that is followed by body text, per heading level; a heading left
 * alone at a page foot (its text on the next page) is reported with gap Infinity.
 */
export function headingGaps(lines: TypesetLine[]): HeadingGap[] {
  const gaps: HeadingGap[] = [];
  const wrapped = new Set<number>();
  const contents = contentsPages(lines);
  lines.forEach((l, i) => {
    if (!isHeading(l) || wrapped.has(i) || contents.has(l.page)) return;
    // the heading's own second line, if it wraps, is part of it
    let last = l;
    let k = i + 1;
    while (
      k < lines.length &&
      lines[k].page === l.page &&
      isHeading(lines[k]) &&
      lines[k].size === l.size &&
      lines[k].y - last.y < l.size * 2 &&
      !lines[k].text.startsWith('【')
    ) {
      wrapped.add(k);
      last = lines[k++];
    }
    const next = lines[k];
    if (!next) return;
    if (next.page !== l.page) {
      // the text went to the next page without its heading; a heading last in the book is nothing to keep
      if (isBody(next) || isHeading(next)) gaps.push({ level: levelOf(l), heading: l.text, page: l.page, gap: Infinity });
      return;
    }
    if (isBody(next)) gaps.push({ level: levelOf(l), heading: l.text, page: l.page, gap: next.y - last.y });
  });
  return gaps;
}

/** Headings whose gap differs from the most common gap of their level by more than `tolerance` pt. */
export function unevenHeadingGaps(gaps: HeadingGap[], tolerance = 0.5): string[] {
  const byLevel = new Map<string, HeadingGap[]>();
  for (const g of gaps) byLevel.set(g.level, [...(byLevel.get(g.level) ?? []), g]);
  const bad: string[] = [];
  for (const [level, gs] of byLevel) {
    const counts = new Map<number, number>();
    for (const g of gs) if (Number.isFinite(g.gap)) counts.set(Math.round(g.gap * 2) / 2, (counts.get(Math.round(g.gap * 2) / 2) ?? 0) + 1);
    const usual = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    for (const g of gs)
      if (!(Math.abs(g.gap - usual) <= tolerance))
        bad.push(
          `p.${g.page} ${level} 「${g.heading.slice(0, 24)}」: ${Number.isFinite(g.gap) ? `${g.gap.toFixed(1)} pt (usually ${usual} pt)` : 'alone at the page foot'}`,
        );
  }
  return bad;
}

/**
 * Paragraphs cut by a page break with one line on one side: the first line alone at a page
 * foot (an orphan) or the last line alone at a page top (a widow). A paragraph is a run of
 * body lines one line pitch apart; its lines after the first stand one indent to the left.
 */
export function widowsAndOrphans(lines: TypesetLine[]): string[] {
  const body = lines.filter((l) => isBody(l) && l.pageWidth < l.pageHeight);
  const pages = new Map<number, TypesetLine[]>();
  for (const l of body) pages.set(l.page, [...(pages.get(l.page) ?? []), l]);
  /** the runs of lines set one pitch apart (a paragraph, or the part of it on this page) */
  const runs = (ls: TypesetLine[]) => {
    const out: TypesetLine[][] = [];
    for (const l of ls) {
      const run = out.at(-1);
      const prev = run?.at(-1);
      if (run && prev && Math.abs(l.y - prev.y - BODY * 1.65) < 0.3 && l.x <= prev.x + 0.5) run.push(l);
      else out.push([l]);
    }
    return out;
  };
  const faults: string[] = [];
  const numbers = [...pages.keys()].sort((a, b) => a - b);
  for (const n of numbers) {
    const next = pages.get(n + 1);
    if (!next) continue;
    const here = pages.get(n)!;
    // the last text of the page, and nothing of another kind after it (a table, a heading, a box's text)
    const lastOnPage = lines.filter((l) => l.page === n && l.y < l.pageHeight - 50).at(-1);
    const firstOnNext = lines.filter((l) => l.page === n + 1 && l.y > 50)[0];
    const foot = runs(here).at(-1)!;
    const top = runs(next)[0];
    if (lastOnPage !== foot.at(-1) || firstOnNext !== top[0]) continue;
    const right = Math.max(...here.map((l) => l.xEnd));
    const left = Math.min(...here.map((l) => l.x));
    // the paragraph goes on: its foot line is full (justified to the right edge) and the page
    // after begins with a line one indent left of a paragraph's first line (no new paragraph)
    const footFull = foot.at(-1)!.xEnd > right - 2 && foot.at(-1)!.xEnd - foot.at(-1)!.x > (right - left) * 0.8;
    const continuation = foot.length > 1 ? Math.abs(top[0].x - foot.at(-1)!.x) < 0.5 : top[0].x < foot[0].x - 5;
    if (!footFull || !continuation) continue;
    const startsHere = foot.length === 1 || foot[0].x > foot[1].x + 5;
    if (foot.length === 1 && startsHere) faults.push(`p.${n}: first line alone at the page foot 「${foot[0].text.slice(0, 16)}…」`);
    const topRun = top;
    // the paragraph ends on the next page after one line: the line after it is not one pitch on
    if (topRun.length === 1) faults.push(`p.${n + 1}: last line alone at the page top 「${topRun[0].text.slice(0, 16)}」`);
  }
  return faults;
}

/**
 * The widest space added between two neighbouring characters of prose (body-size glyphs on one
 * baseline), with where it is: a justified line spread to fill its width shows it.
 */
export function widestSpacing(glyphs: Glyph[], size = 10.5): { gap: number; where: string } {
  let worst = { gap: 0, where: '' };
  for (let i = 1; i < glyphs.length; i++) {
    const a = glyphs[i - 1];
    const b = glyphs[i];
    if (a.page !== b.page || Math.abs(a.y - b.y) > 0.5 || a.size !== size || b.size !== size || !a.char.trim() || !b.char.trim()) continue;
    const gap = b.x - (a.x + a.advance);
    // further apart than a character: another cell or column, not spacing
    if (gap > worst.gap && gap < size) {
      const line = glyphs
        .filter((g) => g.page === a.page && Math.abs(g.y - a.y) < 0.5)
        .map((g) => g.char)
        .join('');
      worst = { gap, where: `p.${a.page} 「${line.slice(0, 30)}」` };
    }
  }
  return worst;
}

/**
 * Headings and titles (bold lines at the body size or larger) that wrap with one or two
 * characters on their last line, or before the （部局） that closes it (「情報発／信（…部）」).
 */
export function shortHeadingTails(lines: TypesetLine[]): string[] {
  const bad: string[] = [];
  const contents = contentsPages(lines);
  lines.forEach((l, i) => {
    const prev = lines[i - 1];
    if (!prev || !l.bold || !prev.bold || l.page !== prev.page || contents.has(l.page) || l.size !== prev.size || l.size < BODY - 0.05) return;
    if (l.y - prev.y < 1 || l.y - prev.y > l.size * 2 || l.text.startsWith('【')) return;
    const head = l.text.split('（')[0];
    if ([...l.text.trim()].length <= 2 || (l.text.includes('（') && [...head].length >= 1 && [...head].length <= 2))
      bad.push(`p.${l.page}: …${prev.text.slice(-6)}／${l.text.slice(0, 8)}`);
  });
  return bad;
}

/** Lines that end inside a URL anywhere but after / . - _, or right after its scheme. */
export function badUrlBreaks(lines: TypesetLine[]): string[] {
  const bad: string[] = [];
  const right = new Map<number, number>();
  for (const l of lines) right.set(l.page, Math.max(right.get(l.page) ?? 0, l.xEnd));
  lines.forEach((l, i) => {
    const next = lines[i + 1];
    const url = /https?:\/\/[!-~]*$/.exec(l.text.trim());
    // a URL that ends its line well before the right edge ended there (a list of URLs, one a line)
    if (!url || l.xEnd < right.get(l.page)! - 40) return;
    if (/https?:\/\/$/.test(url[0])) bad.push(`p.${l.page}: 「${url[0]}」 alone`);
    else if (next && next.page === l.page && Math.abs(next.x - l.x) < 30 && /^[!-~]/.test(next.text) && !/[/.\-_]$/.test(url[0]))
      bad.push(`p.${l.page}: 「${url[0].slice(-12)}／${next.text.slice(0, 8)}」`);
  });
  return bad;
}

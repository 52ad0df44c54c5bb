// The embedded fonts: committed under fonts/, never taken from the machine.
import path from 'node:path';
import { FONT_DIR } from '../paths.js';
import { faceOf } from './font-faces.js';

export { FONT_DIR };

export const FONT_FILES = {
  proportional: {
    normal: path.join(FONT_DIR, 'BIZUDPGothic-Regular.ttf'),
    bold: path.join(FONT_DIR, 'BIZUDPGothic-Bold.ttf'),
  },
  monospaced: {
    normal: path.join(FONT_DIR, 'BIZUDGothic-Regular.ttf'),
    bold: path.join(FONT_DIR, 'BIZUDGothic-Bold.ttf'),
  },
};

/** pdfmake font descriptors (font names used in document definitions) */
export const PDF_FONTS = {
  BIZUDPGothic: {
    normal: FONT_FILES.proportional.normal,
    bold: FONT_FILES.proportional.bold,
    italics: FONT_FILES.proportional.normal,
    bolditalics: FONT_FILES.proportional.bold,
  },
  BIZUDGothic: {
    normal: FONT_FILES.monospaced.normal,
    bold: FONT_FILES.monospaced.bold,
    italics: FONT_FILES.monospaced.normal,
    bolditalics: FONT_FILES.monospaced.bold,
  },
};

/** The name Excel shows for the same family. */
export const XLSX_FONT_NAME = 'BIZ UDPゴシック';

let fonts: { hasGlyphForCodePoint(cp: number): boolean }[] | undefined;
// what the fonts said of each character asked before: a byte per BMP character (0 not asked yet,
// 1 prints, 2 does not; every character of a data set's text is asked), a map beyond it
const knownBmp = new Uint8Array(0x10000);
const known = new Map<number, boolean>();

/**
 * Whether a character prints with every embedded font (regular and bold), read from the
 * fonts' own cmap, never from a fixed list.
 */
export function printable(codePoint: number): boolean {
  if (codePoint === 0x0a || codePoint === 0x09 || codePoint === 0x0d) return true;
  // subscript digits (CO₂) are set as a lowered digit of the font: see SUBSCRIPT_DIGITS
  if (codePoint >= 0x2080 && codePoint <= 0x2089) return printable(codePoint - 0x2080 + 0x30);
  const bmp = codePoint < 0x10000;
  const seen = bmp ? knownBmp[codePoint] : known.get(codePoint);
  if (seen) return seen === 1 || seen === true;
  if (seen === false) return false;
  fonts ??= [FONT_FILES.proportional.normal, FONT_FILES.proportional.bold].map((f) => faceOf<{ hasGlyphForCodePoint(cp: number): boolean }>(f));
  const ok = fonts.every((f) => f.hasGlyphForCodePoint(codePoint));
  if (bmp) knownBmp[codePoint] = ok ? 1 : 2;
  else known.set(codePoint, ok);
  return ok;
}

/** ₀…₉ are not in the BIZ UD fonts; the PDF sets them as the digit, lowered and smaller. */
export const SUBSCRIPT_DIGITS = /[\u2080-\u2089]+/g;
export const subscriptToDigits = (s: string) => s.replace(/[\u2080-\u2089]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x2080 + 0x30));

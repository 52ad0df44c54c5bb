// One opened font per font file and thread, shared by everything that reads the embedded fonts:
// the check that every character prints (fonts.ts), the workbook widths (sheet-text.ts) and the
// PDFs, whose documents are given it in place of the one pdfkit opens for each
// (pdf/shared-layouts.ts). fontkit parses a font's tables and glyphs as they are asked for, so
// one object parses each once. It is opened with the fontkit pdfkit itself requires (the
// CommonJS entry): `import 'fontkit'` loads fontkit's ES module build, a second copy of fontkit
// and of its binary decoder, at about 90 ms of start-up in every thread.
import './lazy-requires.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Fontkit from 'fontkit';

const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit;
const faces = new Map<string, unknown>();

/**
 * The thread's font for `file`: the one opened before, or `opened` (a font pdfkit opened, taken
 * as the thread's when none was), or the file opened now.
 */
export function faceOf<T>(file: string, opened?: unknown): T {
  const key = path.resolve(file);
  let face = faces.get(key);
  if (face === undefined) faces.set(key, (face = opened ?? fontkit.openSync(key)));
  return face as T;
}

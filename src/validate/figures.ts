// Figures decoded and checked at validation, so that what validate accepts the build can draw:
// each PNG, JPEG and SVG under figures/ is read as strictly as pdfkit and svg-to-pdfkit need,
// within a pixel limit (a 1.5 MB PNG can claim 20000×20000 and take gigabytes to embed).
// Problems name the figure file itself, and for an SVG its line and column.
import type { RawDataset } from '../load/index.js';
import type { Problem } from '../problem.js';
import { FigureError } from './figure-messages.js';
import { checkPng } from './figure-png.js';
import { checkJpeg } from './figure-jpeg.js';
import { checkSvg } from './figure-svg.js';

const checkers: [RegExp, (b: Buffer) => { width: number; height: number }][] = [
  [/\.png$/i, checkPng],
  [/\.jpe?g$/i, checkJpeg],
  [/\.svg$/i, checkSvg],
];

export function checkFigures(raw: RawDataset): Problem[] {
  const problems: Problem[] = [];
  for (const [rel, bytes] of raw.figures) {
    const check = checkers.find(([ext]) => ext.test(rel))?.[1];
    if (!check) continue; // other files are refused where the text names them
    try {
      check(bytes);
    } catch (e) {
      if (!(e instanceof FigureError)) throw e;
      problems.push({ severity: 'error', file: rel, line: e.line, column: e.column, message: e.message });
    }
  }
  return problems;
}

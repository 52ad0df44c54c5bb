// What validation says about a figure's bytes, in the words of a data keeper (templates/validate-figures.hbs).
import { wordsOf } from '../templates/words.js';

const w = wordsOf('validate-figures');
const fix = () => w('fix');
/** `what`: a what-… piece of the wording, with its values */
const inside = (kind: string, what: string, context: object) => ({ kind, what: w(`what-${what}`, context), fix: fix() });
export const figureMessages = {
  notPng: () => w('not-png', { fix: fix() }),
  notJpeg: () => w('not-jpeg', { fix: fix() }),
  truncated: (kind: string) => w('truncated', { kind, fix: fix() }),
  corrupt: (kind: string, what: string, context: object = {}) => w('corrupt', inside(kind, what, context)),
  unsupported: (kind: string, what: string, context: object = {}) => w('unsupported', inside(kind, what, context)),
  tooManyPixels: (width: number, height: number, limit: number) => w('too-many-pixels', { width, height, limit: limit / 1e6 }),
  notUtf8: () => w('svg-not-utf8'),
  malformed: (what: string) => w('svg-malformed', { what }),
  twoRoots: () => w('svg-malformed', { what: w('svg-two-roots') }),
  notSvgRoot: (name: string) => w('svg-not-svg-root', { name }),
  noRoot: () => w('svg-no-root'),
  doctype: () => w('svg-doctype'),
  tooDeep: (limit: number) => w('svg-too-deep', { limit }),
  tooManyElements: (limit: number) => w('svg-too-many-elements', { limit: limit.toLocaleString('en-US') }),
  noSize: () => w('svg-no-size'),
  badViewBox: (viewBox: string) => w('svg-bad-view-box', { viewBox }),
  image: (element: string, href: string) => w('svg-image', { element, href }),
  external: (what: string) => w('svg-external', { what }),
  /** the file a figure names (images.ts) */
  file: (key: string, context: object) => w(`image-${key}`, context),
};

/** A figure that cannot be printed: the message, and where in an SVG's text if known. */
export class FigureError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** The limits every figure is held to, so that a build's memory stays bounded. */
export const FIGURE_LIMITS = {
  /** pdfkit decodes a PNG with transparency whole, several bytes a pixel, more than once */
  pixels: 40e6,
  /** svg-to-pdfkit parses and draws elements recursively */
  svgDepth: 200,
  /** elements drawn, <use> and url(#id) counted as often as they draw their target (100,000 took 18 s and 1.3 GB to draw) */
  svgElements: 20_000,
};

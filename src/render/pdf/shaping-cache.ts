// Speed: fontkit shapes every distinct string a build measures (pdfkit's EmbeddedFont.layoutRun;
// shared-layouts.ts keeps the runs for the process), about 1,900 strings and 65 ms of CPU for the
// Miyagi booklet, 3,900 and 120 ms for ten times its initiatives, and a rebuild after a
// correction shapes them all again. Here what fontkit made of each string is kept on disk, per
// font file, under node_modules/.cache/ict-plan-publisher/shaping/, and a later build takes it
// from there. The cache is read when a document first uses a font and written when the process
// ends, merged with what other processes wrote meanwhile.
//
// What is kept makes the same glyph objects and numbers as shaping does: every glyph fontkit
// asked its font for while shaping the string (`getGlyph(id, codePoints)`, in order: the font
// keeps the first code points a glyph id is asked with, and they become the PDF's ToUnicode), the
// ids of the run's glyphs, and their positions (fontkit GlyphPosition's four numbers, unscaled).
// A hit asks the font for the same glyphs in the same order and builds the run with fontkit's
// GlyphRun; pdfkit then scales it as it scales any run. A run fontkit made in some other way
// (a glyph not from the font's own table, a position with more fields, -0 or a number that is not
// finite) is not kept and is shaped every time. The file is named by fontkit's version, the font
// file's name, size and time, and this format; a file that cannot be read or does not fit is left
// aside (the strings are shaped), one that cannot be written is not written.
// ICT_PDF_NO_SHAPING_CACHE=1 shapes every string with fontkit (tests/determinism.test.ts compares).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { switchedOff } from '../switches.js';
import { onProvidedFont } from './provided-fonts.js';
import { CACHE_DIR } from '../../paths.js';
import { writeCacheFile } from '../../cache-file.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const SHAPING_CACHE_DIR = path.join(CACHE_DIR, 'shaping');
const FORMAT = 2;
/** beyond this many strings in a font's file, a process that writes keeps only those it used */
const KEEP = 200_000;

/** [glyphs asked for: id, code points (or null), …], the run's glyph ids, positions (4 numbers each), the script */
type Entry = [(number | number[] | null)[], number[], number[], string];

/** strings taken from the cache and strings shaped by fontkit in this process */
export const shapingCacheUse = { hits: 0, shaped: 0 };

/** fontkit GlyphPosition: its four fields, in its order, with its defaults (pdfkit scales every field it finds) */
class Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  constructor(xAdvance = 0, yAdvance = 0, xOffset = 0, yOffset = 0) {
    this.xAdvance = xAdvance;
    this.yAdvance = yAdvance;
    this.xOffset = xOffset;
    this.yOffset = yOffset;
  }
}
const POSITION_KEYS = ['xAdvance', 'yAdvance', 'xOffset', 'yOffset'] as const;

const isGlyphId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

// An entry is kept as one string, read when the string is asked for: a file of thousands of
// strings is then one JSON object of strings (parsed in a few ms), not arrays of arrays.
//   requests|glyph ids|positions|script, each a list joined by ','; a request is `id` (asked with no
//   code points) or `id=cp.cp…` (with them, possibly none); numbers as JavaScript writes them.
const SCRIPT = /^[A-Za-z]{1,8}$/;

export function packEntry([requests, ids, numbers, script]: Entry): string {
  const asked: string[] = [];
  for (let i = 0; i < requests.length; i += 2) {
    const cps = requests[i + 1];
    asked.push(cps === null ? String(requests[i]) : `${requests[i]}=${(cps as number[]).join('.')}`);
  }
  return `${asked.join(',')}|${ids.join(',')}|${numbers.join(',')}|${script}`;
}

const list = (s: string) => (s === '' ? [] : s.split(','));
/** An entry from its string; undefined for one that is not an entry of this format (the string is then shaped). */
export function unpackEntry(packed: unknown): Entry | undefined {
  if (typeof packed !== 'string') return undefined;
  const parts = packed.split('|');
  if (parts.length !== 4 || !SCRIPT.test(parts[3]!)) return undefined;
  const requests: (number | number[] | null)[] = [];
  for (const r of list(parts[0]!)) {
    const eq = r.indexOf('=');
    const id = Number(eq < 0 ? r : r.slice(0, eq));
    const cps =
      eq < 0
        ? null
        : r.length === eq + 1
          ? []
          : r
              .slice(eq + 1)
              .split('.')
              .map(Number);
    if (!isGlyphId(id) || (cps && !cps.every(isGlyphId))) return undefined;
    requests.push(id, cps);
  }
  const ids = list(parts[1]!).map(Number);
  const numbers = list(parts[2]!).map(Number);
  if (!ids.every(isGlyphId) || numbers.length !== ids.length * 4 || !numbers.every(Number.isFinite)) return undefined;
  return [requests, ids, numbers, parts[3]!];
}

function readEntries(file: string): Record<string, string> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    if (data?.format === FORMAT && typeof data.entries === 'object' && data.entries !== null && !Array.isArray(data.entries)) return data.entries;
  } catch {
    // not there, not readable or not JSON: the strings are shaped
  }
  return Object.create(null);
}

/** One font file's strings: read when first used, written (merged) when the process ends. */
class Store {
  readonly entries: Record<string, string>;
  readonly added = new Map<string, string>();
  readonly used = new Set<string>();
  constructor(readonly file: string) {
    this.entries = readEntries(file);
  }
  /** the entry of a string, read from its string; undefined when it has none or its string is not one */
  get(key: string): Entry | undefined {
    const packed = Object.hasOwn(this.entries, key) ? this.entries[key] : this.added.get(key);
    const entry = packed === undefined ? undefined : unpackEntry(packed);
    if (entry) this.used.add(key);
    return entry;
  }
  save(): void {
    if (!this.added.size) return;
    const merged = readEntries(this.file);
    let all: Record<string, string> = Object.assign(Object.create(null), merged, this.entries, Object.fromEntries(this.added));
    if (Object.keys(all).length > KEEP) all = Object.fromEntries([...this.used, ...this.added.keys()].map((k) => [k, all[k]!]));
    writeCacheFile(this.file, JSON.stringify({ format: FORMAT, entries: all }));
  }
}

const stores = new Map<string, Store>();
let savesOnExit = false;
let cacheDir = SHAPING_CACHE_DIR;
const fontkitVersion = (): string => {
  try {
    return String(createRequire(import.meta.url)('fontkit/package.json').version);
  } catch {
    return '?';
  }
};

function storeOf(fontFile: string): Store | undefined {
  let store = stores.get(fontFile);
  if (store) return store;
  let stat;
  try {
    stat = statSync(fontFile);
  } catch {
    return undefined;
  }
  const name = createHash('sha256')
    .update(`${FORMAT}\0${fontkitVersion()}\0${path.basename(fontFile)}\0${stat.size}\0${stat.mtimeMs}`)
    .digest('hex')
    .slice(0, 32);
  stores.set(fontFile, (store = new Store(path.join(cacheDir, `${name}.json`))));
  if (!savesOnExit) {
    savesOnExit = true;
    process.on('exit', () => {
      for (const s of stores.values()) s.save();
    });
  }
  return store;
}

/** What fontkit made of a string, as an entry; undefined for a run made in a way the entry cannot repeat. */
function entryOf(face: Any, run: Any, requests: (number | number[] | null)[]): Entry | undefined {
  const { glyphs, positions } = run;
  if (!Array.isArray(glyphs) || !Array.isArray(positions) || glyphs.length !== positions.length || typeof run.script !== 'string') return undefined;
  const ids: number[] = [];
  for (const g of glyphs) {
    // a run's glyph is the font's own object for its id (what a repeated request returns)
    if (!g || !isGlyphId(g.id) || face._glyphs?.[g.id] !== g) return undefined;
    ids.push(g.id);
  }
  const numbers: number[] = [];
  for (const p of positions) {
    const keys = Object.keys(p);
    if (keys.length !== 4 || keys.some((k, i) => k !== POSITION_KEYS[i])) return undefined;
    for (const k of POSITION_KEYS) {
      const v = p[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || Object.is(v, -0)) return undefined;
      numbers.push(v);
    }
  }
  return [requests, ids, numbers, run.script];
}

/** Wraps a font's `layout` (once per font object): a cached string is rebuilt, another shaped and noted. */
function cacheLayouts(face: Any, store: Store): void {
  const layout = face.layout;
  let GlyphRun: Any;
  face.layout = function (this: Any, text: unknown, features?: unknown, ...rest: unknown[]) {
    // only what pdfkit asks: a string, with no features or a list of them
    if (typeof text !== 'string' || rest.some((r) => r !== undefined) || (features != null && !Array.isArray(features)))
      return layout.call(this, text, features, ...rest);
    const key = `${features == null ? '' : JSON.stringify(features)}\u0001${text}`;
    const e = store.get(key);
    if (e) {
      shapingCacheUse.hits++;
      const [requests, ids, numbers, script] = e;
      for (let i = 0; i < requests.length; i += 2) this.getGlyph(requests[i], requests[i + 1] ?? undefined);
      // fontkit's GlyphRun, from a run of no glyphs (made without shaping anything)
      GlyphRun ??= layout.call(this, []).constructor;
      const run = new GlyphRun(
        ids.map((id) => this._glyphs[id]),
        features,
        script,
      );
      const positions: Position[] = new Array(ids.length);
      for (let i = 0; i < ids.length; i++) positions[i] = new Position(numbers[4 * i], numbers[4 * i + 1], numbers[4 * i + 2], numbers[4 * i + 3]);
      run.positions = positions;
      return run;
    }
    shapingCacheUse.shaped++;
    // shaped by fontkit, each glyph it asks the font for noted in order
    const requests: (number | number[] | null)[] = [];
    const getGlyph = this.getGlyph;
    const own = Object.getOwnPropertyDescriptor(this, 'getGlyph');
    this.getGlyph = function (this: Any, id: number, codePoints?: number[]) {
      requests.push(id, codePoints === undefined ? null : Array.from(codePoints));
      return getGlyph.call(this, id, codePoints);
    };
    let run: Any;
    try {
      run = layout.call(this, text, features);
    } finally {
      if (own) Object.defineProperty(this, 'getGlyph', own);
      else delete this.getGlyph;
    }
    const entry = requests.every((v, i) => (i % 2 === 0 ? isGlyphId(v) : true)) ? entryOf(this, run, requests) : undefined;
    if (entry) store.added.set(key, packEntry(entry));
    return run;
  };
}

let installed = false;
/** `PDFDocument`: pdfmake's. The files are in `dir` (ICT_SHAPING_CACHE_DIR: a test's own folder). */
export function installShapingCache(PDFDocument: Any, dir = process.env.ICT_SHAPING_CACHE_DIR || SHAPING_CACHE_DIR): void {
  if (installed || switchedOff('ICT_PDF_NO_SHAPING_CACHE')) return;
  installed = true;
  cacheDir = dir;
  onProvidedFont(PDFDocument, (font, doc, family, bold, italics) => {
    const face = font.font;
    if (!face || face._shapingCache || typeof face.layout !== 'function' || typeof face.getGlyph !== 'function') return;
    // the file a style opens is its identity (fonts.ts maps family and style to a file path)
    const file = doc.fonts[family]?.[doc.getFontType(bold, italics)];
    const store = typeof file === 'string' ? storeOf(path.resolve(file)) : undefined;
    if (!store) return;
    face._shapingCache = true;
    cacheLayouts(face, store);
  });
}

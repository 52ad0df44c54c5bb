// Where a CPU profile's time went, in buckets a reader of the README understands.
//
// The rule: every sample is charged to one bucket by its call stack: the innermost frame (from
// the leaf up) that a rule below names decides.
//  1. GC, idle and "(program)" are V8's own nodes and name their bucket.
//  2. Node's module loader (node:internal/modules/…) and the top level of any module (an anonymous
//     function at line 1, column 1) are startup: loading, compiling and running modules' top level.
//  3. A native or helper frame (a builtin, node:zlib, node:buffer, restructure, pako, jszip, the
//     unicode tables) names nothing, so its time goes to the layer that called it: zlib under pdfkit
//     is pdfkit's output, under exceljs it is the workbook's.
//  4. A package's frame is named by its package path (…/node_modules/<pkg>/) and, where the
//     package ships a source map, by the original file inside it (pdfkit lib/mixins/text.js,
//     fontkit src/subset/…), else by the function's name; the project's own dist/ chunks are
//     mapped back to src/<stage>/ the same way.
//  5. Embedding a font in the PDF (pdfkit's embed, fontkit's subset) is output, and so is all it
//     calls: glyph decoding under it is not shaping. This is the one rule that wins from outside.
//  6. A stack no rule names is "other".
// Pure: the caller supplies how a frame's URL and position map to an original source.

export const BUCKETS = [
  'startup',
  'load-validate',
  'resolve-compose',
  'pdfmake-measure',
  'pdfmake-layout',
  'render-text',
  'fontkit',
  'pdfkit-output',
  'exceljs',
  'gc',
  'other',
] as const;
export type Bucket = (typeof BUCKETS)[number] | 'idle';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
  scriptId?: string | number;
}
export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** the original source file (and its 0-based line) of a position in a script, from its source map, if known */
export type SourceOf = (url: string, line: number, column: number) => { source: string; line: number } | undefined;

// PDFDocument.js: provideFont, asked for every inline while measuring
const PDFMAKE_MEASURE = /^(DocMeasure|TextInlines|StyleContextStack|TextBreaker|SVGMeasure|columnCalculator|PDFDocument)\.js$/;
const PDFMAKE_RENDER = /^(Renderer|TextDecorator)\.js$/;
// pdfkit without its source map: the text methods by name
const PDFKIT_TEXT_NAMES = /^(text|_text|_fragment|_line|_initOptions|widthOfString|heightOfString|wrap|eachWord|wordWidth|encode|LineWrapper)$/;

function packageOf(url: string): { pkg: string; file: string } | undefined {
  const i = url.lastIndexOf('/node_modules/');
  if (i < 0) return undefined;
  const rest = url.slice(i + '/node_modules/'.length).split('/');
  const n = rest[0].startsWith('@') ? 2 : 1;
  return { pkg: rest.slice(0, n).join('/'), file: rest.slice(n).join('/') };
}

/**
 * The package of a frame: by its URL, or, for a package compiled into the tool's dist/ chunks
 * (scripts/compile.mjs, BUNDLED), by the original file its source map names (…/node_modules/<pkg>/…).
 */
function packageOfFrame(url: string, source?: string): { pkg: string; file: string } | undefined {
  return packageOf(url) ?? (source ? packageOf(`/${source}`) : undefined);
}

/** the bucket one frame names, or undefined for a frame that leaves it to its caller */
export function frameBucket(frame: CallFrame, source?: string): Bucket | undefined {
  const { functionName: name, url } = frame;
  if (name === '(garbage collector)') return 'gc';
  if (name === '(idle)') return 'idle';
  if (name === '(program)') return 'other';
  if (url.startsWith('node:internal/modules/') || (name === '' && frame.lineNumber === 0 && frame.columnNumber === 0)) return 'startup';
  const p = packageOfFrame(url, source);
  const src = source ?? '';
  if (p) {
    switch (p.pkg) {
      case 'pdfmake': {
        const base = p.file.split('/').pop()!;
        if (PDFMAKE_MEASURE.test(base)) return 'pdfmake-measure';
        if (PDFMAKE_RENDER.test(base)) return 'render-text';
        return 'pdfmake-layout';
      }
      case 'linebreak':
        return 'pdfmake-measure';
      case 'pdfkit':
        // pdfkit's side of shaping: its cache of runs, and fontkit code V8 inlined into it
        if (/font\/embedded\.js$/.test(src) && /^layout/.test(name)) return 'fontkit';
        // text, fonts and the tag marks are drawing; objects, streams, images and the font embedding are output
        if (src)
          return /lib\/(mixins\/(text|fonts|markings)|line_wrapper|font|font\/\w+|structure_\w+)\.js$/.test(src) &&
            !/^(embed|toUnicodeCmap|finalize)$/.test(name)
            ? 'render-text'
            : 'pdfkit-output';
        return PDFKIT_TEXT_NAMES.test(name) ? 'render-text' : 'pdfkit-output';
      case 'fontkit':
        // subsetting writes the embedded font: part of the output, not of shaping
        return /(^|\/)subset\//.test(src) || /Subset/.test(name) ? 'pdfkit-output' : 'fontkit';
      case 'svg-to-pdfkit':
      case 'png-js':
      case 'jpeg-exif':
        return 'pdfkit-output';
      case 'exceljs':
      case 'jszip':
        return 'exceljs';
      case 'zod':
      case 'fast-glob':
      case 'jsonc-parser':
        return 'load-validate';
      case 'handlebars':
      case 'marked':
      case 'dayjs':
        return 'resolve-compose';
      default:
        return undefined;
    }
  }
  // the project's own code, mapped back from dist/ to src/<stage>/
  const stage = /(?:^|\/)src\/([^/]+)\/?([^/]*)$/.exec(src);
  if (!stage) return undefined;
  const [, dir, file] = stage;
  if (dir === 'load' || dir === 'validate' || dir === 'model') return 'load-validate';
  if (dir === 'resolve' || dir === 'documents' || dir === 'templates' || dir === 'era' || dir === 'markdown') return 'resolve-compose';
  if (dir === 'render') {
    if (file.startsWith('xlsx')) return 'exceljs';
    // the runs are measured (measureRuns and its helpers) and set in lines (buildNextLine, the queue's methods)
    if (file.startsWith('inline-runs'))
      return /buildNextLine|fits|shift|width|trailingCut|noNewLine|findMaxFitLength|cloneInline/.test(frame.functionName)
        ? 'pdfmake-layout'
        : 'pdfmake-measure';
    if (file.startsWith('loss-guard')) return 'pdfmake-layout';
    if (file.startsWith('shared-layouts')) return 'fontkit'; // the shaped-run cache, like pdfkit's layoutCached
    if (file.startsWith('html') || file.startsWith('csv')) return 'resolve-compose';
    return 'render-text';
  }
  return undefined;
}

/** a frame whose callees are all charged to its bucket (rule 5) */
export function enclosingBucket(frame: CallFrame, source?: string): Bucket | undefined {
  const p = packageOf(frame.url);
  if (p?.pkg === 'pdfkit' && frame.functionName === 'embed') return 'pdfkit-output';
  if (p?.pkg === 'fontkit' && (/(^|\/)subset\//.test(source ?? '') || /Subset/.test(frame.functionName))) return 'pdfkit-output';
  return undefined;
}

export interface SelfCost {
  functionName: string;
  where: string;
  bucket: Bucket;
  us: number;
}
export interface ProfileCosts {
  /** µs per bucket, idle included */
  buckets: Record<Bucket, number>;
  /** µs of self time per function (name and place) */
  self: Map<string, SelfCost>;
  /** µs sampled in all, idle included */
  totalUs: number;
}

export function emptyCosts(): ProfileCosts {
  return { buckets: Object.fromEntries([...BUCKETS, 'idle'].map((b) => [b, 0])) as Record<Bucket, number>, self: new Map(), totalUs: 0 };
}

/** how a frame's place reads in a table: package and original file, or src/… of the project */
export function placeOf(frame: CallFrame, mapped?: { source: string; line: number }): string {
  if (!frame.url) return '(native)';
  const own = packageOf(frame.url);
  // a package compiled into dist/: named by the original file its source map gives
  const p = own ?? packageOfFrame(frame.url, mapped?.source);
  const file = own ? (mapped?.source ?? own.file) : p ? p.file : (mapped?.source ?? frame.url.replace(/^file:\/\/.*?\/(?=dist\/)/, ''));
  const where = p ? `${p.pkg} ${file}` : file;
  return `${where}:${(mapped ? mapped.line : frame.lineNumber) + 1}`;
}

/** adds one profile's samples to `into` (several threads' profiles add up) */
export function addProfile(profile: CpuProfile, sourceOf: SourceOf, into: ProfileCosts = emptyCosts()): ProfileCosts {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const isChild = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const bucketOf = new Map<number, Bucket>();
  const mappedOf = new Map<number, { source: string; line: number } | undefined>();
  // top-down: a node's bucket is its own, or else the nearest named ancestor's
  const stack: { id: number; inherited?: Bucket; enclosing?: Bucket }[] = profile.nodes.filter((n) => !isChild.has(n.id)).map((n) => ({ id: n.id }));
  while (stack.length) {
    const { id, inherited, enclosing: outer } = stack.pop()!;
    const node = byId.get(id)!;
    const f = node.callFrame;
    const mapped = f.url ? sourceOf(f.url, f.lineNumber, f.columnNumber) : undefined;
    mappedOf.set(id, mapped);
    const enclosing = outer ?? enclosingBucket(f, mapped?.source);
    const own = frameBucket(f, mapped?.source);
    const named = own ?? inherited;
    // GC and idle are V8's own nodes, never inside a call
    bucketOf.set(id, (own === 'gc' || own === 'idle' ? own : (enclosing ?? named)) ?? 'other');
    for (const c of node.children ?? []) stack.push({ id: c, inherited: named, enclosing });
  }
  // a sample lasts until the next one (the last until the profile's end), as DevTools counts it
  let t = profile.startTime;
  const times = profile.timeDeltas.map((d) => (t += d));
  for (let i = 0; i < profile.samples.length; i++) {
    const us = Math.max(0, (i + 1 < times.length ? times[i + 1] : profile.endTime) - times[i]);
    const id = profile.samples[i];
    const node = byId.get(id);
    if (!node) continue;
    const bucket = bucketOf.get(id) ?? 'other';
    into.buckets[bucket] += us;
    into.totalUs += us;
    const f = node.callFrame;
    const where = placeOf(f, mappedOf.get(id));
    const key = `${f.functionName}\u0000${where}\u0000${bucket}`;
    const s = into.self.get(key) ?? { functionName: f.functionName || '(anonymous)', where, bucket, us: 0 };
    s.us += us;
    into.self.set(key, s);
  }
  return into;
}

/** the functions with the most self time, idle left out */
export function topSelf(costs: ProfileCosts, n = 10): SelfCost[] {
  return [...costs.self.values()]
    .filter((s) => s.functionName !== '(idle)')
    .sort((a, b) => b.us - a.us || a.where.localeCompare(b.where))
    .slice(0, n);
}

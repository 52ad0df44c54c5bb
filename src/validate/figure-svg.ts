// An SVG parsed as XML (sax, as pdfmake's own measuring does) and held to what can be drawn
// safely: one <svg> root with a size pdfmake can read, no DOCTYPE (entities), a bounded
// nesting depth (svg-to-pdfkit recurses), and no reference outside the file. svg-to-pdfkit
// opens <image href> files and data by itself, outside pdfmake's access policy, so <image>
// and <feImage> are refused whatever they name; other links may only be #id in the same file.
// The web edition copies the file as it is, and a browser that opens it runs what it holds: so
// nothing that runs or embeds a page either (<script>, <foreignObject>, on… attributes,
// javascript: anywhere, an animation that rewrites a link).
import sax from 'sax';
import { figureMessages as m, FigureError, FIGURE_LIMITS } from './figure-messages.js';
import { safetyWords, shownUrl, urlCore } from '../safe-url.js';

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
/** url(…) targets in attribute values and style sheets; only url(#id) stays in the file */
const URL_REF = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;

function checkReferences(text: string, where: string) {
  // u[2]: the pattern's second group always takes part (it may be empty)
  for (const u of text.matchAll(URL_REF)) if (!u[2]!.trim().startsWith('#')) throw new FigureError(m.external(`${where}: url(${u[2]})`));
  if (/@import/i.test(text)) throw new FigureError(m.external(`${where}: @import`));
}

/** elements that run code or show another document (compared by local name, lower case) */
const ACTIVE = new Set([
  'script',
  'foreignobject',
  'handler',
  'listener',
  'iframe',
  'frame',
  'frameset',
  'embed',
  'object',
  'applet',
  'portal',
  'meta',
  'link',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'audio',
  'video',
]);
const ANIMATIONS = new Set(['set', 'animate', 'animatemotion', 'animatetransform', 'animatecolor']);
const SCRIPT_SCHEME = /(javascript|vbscript|livescript):/;

/** What in an element could run when a browser opens the SVG, as a message; undefined if nothing. */
function activeContent(tag: string, attrs: Record<string, string>): string | undefined {
  const w = safetyWords();
  const local = localName(tag).toLowerCase();
  if (ACTIVE.has(local)) return w.get('svg-element', { element: tag });
  for (const [k, v] of Object.entries(attrs)) {
    if (/^on/i.test(localName(k))) return w.get('svg-handler', { element: tag, attribute: k });
    const scheme = SCRIPT_SCHEME.exec(urlCore(v).toLowerCase())?.[1];
    if (scheme) return w.get('svg-script-value', { element: tag, attribute: k, value: shownUrl(v), scheme });
  }
  const target = (attrs.attributeName ?? '').trim();
  if (ANIMATIONS.has(local) && /^(xlink:)?href$/i.test(target)) return w.get('svg-animated-link', { element: tag, name: target });
  return undefined;
}

/** pdfmake's reading of a size (parseFloat, units dropped) */
const number = (v: string | undefined) => {
  const n = v === undefined ? NaN : parseFloat(v);
  return Number.isFinite(n) ? n : undefined;
};

function checkSize(attrs: Record<string, string>) {
  let width = number(attrs.width);
  let height = number(attrs.height);
  const viewBox = attrs.viewBox;
  if (viewBox !== undefined) {
    // split as pdfmake splits it: it throws on anything but four parts
    const parts = viewBox.split(/[,\s]+/).map((p) => (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(p) ? Number(p) : NaN));
    const [, , boxWidth = NaN, boxHeight = NaN] = parts; // NaN only when there are too few parts, refused first
    if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p)) || boxWidth <= 0 || boxHeight <= 0) throw new FigureError(m.badViewBox(viewBox));
    width ??= boxWidth;
    height ??= boxHeight;
  }
  if (width === undefined || height === undefined || width <= 0 || height <= 0) throw new FigureError(m.noSize());
  return { width, height };
}

interface SvgNode {
  children: number[];
  refs: string[];
}

/** How many elements drawing the SVG visits: <use> and url(#id) draw their target again, so a
 * few kilobytes of <use> on <use> can stand for billions of elements. Counted without recursion,
 * saturating past the cap; a reference back into its own ancestors (drawn once) counts nothing. */
function drawnCount(nodes: SvgNode[], ids: Map<string, number>, cap: number): number {
  // every number here (a child, an id's element, the root 0 when there is one) is an index of nodes
  const deps = (i: number) => {
    const node = nodes[i]!;
    return [...node.children, ...node.refs.flatMap((r) => (ids.has(r) ? [ids.get(r)!] : []))];
  };
  const weight = new Float64Array(nodes.length);
  const state = new Uint8Array(nodes.length); // 1: its dependencies are being counted, 2: done
  const stack = nodes.length ? [0] : [];
  while (stack.length) {
    const i = stack[stack.length - 1]!; // the loop runs while the stack holds one
    if (state[i] === 0) {
      state[i] = 1;
      for (const d of deps(i)) if (state[d] === 0) stack.push(d);
      continue;
    }
    stack.pop();
    if (state[i] === 2) continue;
    let w = 1;
    for (const d of deps(i)) if (state[d] === 2) w += weight[d]!;
    weight[i] = Math.min(w, cap + 1);
    state[i] = 2;
  }
  return nodes.length ? weight[0]! : 0;
}

export function checkSvg(b: Buffer): { width: number; height: number } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    throw new FigureError(m.notUtf8());
  }
  // strictEntities: only XML's five entities (&nbsp; and the like are errors, as in XML)
  const parser = sax.parser(true, { position: true, strictEntities: true } as sax.SAXOptions);
  const at = (message: string) => new FigureError(message, parser.line + 1, parser.column + 1);
  const open: string[] = [];
  const nodes: SvgNode[] = [];
  const openNodes: SvgNode[] = [];
  const ids = new Map<string, number>();
  let roots = 0;
  let size: { width: number; height: number } | undefined;
  parser.onerror = (e) => {
    throw at(m.malformed(e.message.split('\n')[0]!)); // split gives at least one piece
  };
  parser.ondoctype = () => {
    throw at(m.doctype());
  };
  parser.onprocessinginstruction = (pi) => {
    if (pi.name !== 'xml') throw at(m.external(`<?${pi.name} …?>`));
  };
  parser.onopentag = (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    if (open.length === 0) {
      if (++roots > 1) throw at(m.twoRoots());
      if (tag.name !== 'svg') throw at(m.notSvgRoot(tag.name));
      size = checkSize(attrs);
    }
    open.push(localName(tag.name));
    if (open.length > FIGURE_LIMITS.svgDepth) throw at(m.tooDeep(FIGURE_LIMITS.svgDepth));
    const name = localName(tag.name);
    const href = attrs.href ?? Object.entries(attrs).find(([k]) => k.endsWith(':href'))?.[1];
    const node: SvgNode = { children: [], refs: [] };
    openNodes.at(-1)?.children.push(nodes.length);
    if (attrs.id !== undefined && !ids.has(attrs.id)) ids.set(attrs.id, nodes.length);
    openNodes.push(node);
    nodes.push(node);
    if (href?.trim().startsWith('#')) node.refs.push(href.trim().slice(1));
    for (const v of Object.values(attrs))
      for (const u of v.matchAll(URL_REF)) {
        const ref = u[2]!.trim(); // the pattern's second group always takes part
        if (ref.startsWith('#')) node.refs.push(ref.slice(1));
      }
    const active = activeContent(tag.name, attrs);
    if (active) throw at(active);
    if (name === 'image' || name === 'feImage') throw at(m.image(tag.name, href ?? ''));
    try {
      for (const [k, v] of Object.entries(attrs)) {
        if ((k === 'href' || k.endsWith(':href')) && !v.trim().startsWith('#')) throw new FigureError(m.external(`<${tag.name} ${k}="${v}">`));
        checkReferences(v, `<${tag.name} ${k}>`);
      }
    } catch (e) {
      throw e instanceof FigureError ? at(e.message) : e;
    }
  };
  parser.onclosetag = () => {
    open.pop();
    openNodes.pop();
  };
  const styleText = (t: string) => {
    if (open[open.length - 1] !== 'style') return;
    try {
      checkReferences(t, '<style>');
    } catch (e) {
      throw e instanceof FigureError ? at(e.message) : e;
    }
  };
  parser.ontext = styleText;
  parser.oncdata = styleText;
  // XML reads CR LF and CR as LF before anything else: sax counts lines by LF alone
  parser.write(text.replace(/\r\n?/g, '\n')).close();
  if (roots === 0 || !size) throw new FigureError(m.noRoot());
  if (drawnCount(nodes, ids, FIGURE_LIMITS.svgElements) > FIGURE_LIMITS.svgElements) throw new FigureError(m.tooManyElements(FIGURE_LIMITS.svgElements));
  return size;
}

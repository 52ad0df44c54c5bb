// Handlebars set-up: one isolated environment per data set, with the helpers that turn
// data into Japanese text (fy, era, yen …). The .hbs files live in templates/ at the top of the project.
// Output is text for PDF and Excel, not HTML: nothing is escaped, and nothing from the data
// is ever evaluated as code (no prototype access, no eval).
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATE_DIR } from '../paths.js';
import * as era from '../era/index.js';
import type { EraRule } from '../era/index.js';
import { registerReferenceHelpers } from './references.js';
import { shareCompiled } from './shared-compile.js';

export { TEMPLATE_DIR };

/** 135304 → "135,304"; null → "—" */
export function yen(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('en-US');
}

export function createHandlebars(rule: EraRule): typeof Handlebars {
  const hb = shareCompiled(Handlebars.create());
  hb.registerHelper('fy', (y: number) => era.fiscalYearLong(Number(y), rule));
  hb.registerHelper('fyShort', (y: number) => era.fiscalYearShort(Number(y), rule));
  hb.registerHelper('fyShortNendo', (y: number) => era.fiscalYearShortWithNendo(Number(y), rule));
  hb.registerHelper('year', (y: number) => era.yearLong(Number(y), rule));
  hb.registerHelper('month', (m: string) => era.monthLong(String(m), rule));
  hb.registerHelper('monthShort', (m: string) => era.monthShort(String(m), rule));
  hb.registerHelper('monthWestern', (m: string) => era.monthWithWestern(String(m)));
  hb.registerHelper('date', (d: string) => era.dateLong(String(d)));
  hb.registerHelper('yen', (n: number | null) => yen(n));
  hb.registerHelper('join', (xs: unknown[], sep: unknown) => (Array.isArray(xs) ? xs.join(typeof sep === 'string' ? sep : '、') : ''));
  hb.registerHelper('add', (a: number, b: number) => Number(a) + Number(b));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  registerReferenceHelpers(hb);
  return hb;
}

const COMPILE = { noEscape: true, strict: false, knownHelpersOnly: false } as const;
const RUNTIME = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/** Runs a data set's own text (a .md.hbs file) through Handlebars. */
export function renderText(hb: typeof Handlebars, source: string | hbs.AST.Program, context: object): string {
  return hb.compile(source, COMPILE)(context, RUNTIME);
}

/** how many words a Wording keeps for asking again (a few dozen bytes each) */
const MEMO_MAX = 10_000;
/** a context longer than this as JSON is not worth its key (the text of an initiative: asked once) */
const MEMO_KEY_MAX = 400;

/** a context value that JSON writes as it is: a string, a finite number (not -0), a boolean, null, and arrays and plain objects of them */
function plainData(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v !== 'object' || depth > 4) return false;
  if (Array.isArray(v)) return v.every((x) => plainData(x, depth + 1));
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  // a property JSON would not write (not enumerable) a template could still read
  if (Object.getOwnPropertyNames(v).length !== Object.keys(v).length) return false;
  for (const k in v) if (!plainData((v as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/**
 * Speed: a document asks for the same words again and again (a department's 担当 line, a schedule
 * cell's reading, a heading), and each time Handlebars sets the template up anew (it wraps every
 * helper of the environment for the call) before it renders. The words depend on the piece, the
 * context and the environment's helpers only (registered when the environment is made, and pure:
 * era, money, references as markers), so a piece asked with a context of plain data — which JSON
 * writes exactly, nothing undefined, no Map, Date or class — is rendered once. Anything else is
 * rendered every time.
 */
function memoKey(name: string, context: object): string | undefined {
  if (!plainData(context)) return undefined;
  const json = JSON.stringify(context);
  return json.length > MEMO_KEY_MAX ? undefined : `${name}\0${json}`;
}

/**
 * The wording of one document: a .hbs file of named inline partials. Its own message (a piece of
 * wording missing) stays in code: it is said when the wording is what cannot be found.
 * ({{#*inline "name"}}…{{/inline}}). `words.get('name', ctx)` renders one of them.
 */
export class Wording {
  private cache = new Map<string, HandlebarsTemplateDelegate>();
  /** words given before, by piece and context (memoKey) */
  private memo = new Map<string, string>();
  private bodies = new Map<string, string>();
  constructor(private hb: typeof Handlebars, source: string, readonly file: string) {
    // each piece is compiled on its own, the first time it is asked for
    const code = source.replace(/\{\{!--[\s\S]*?--\}\}/g, '');
    for (const m of code.matchAll(/\{\{#\*inline "([^"]+)"\}\}([\s\S]*?)\{\{\/inline\}\}/g)) this.bodies.set(m[1]!, m[2]!); // both groups take part in every match
  }
  static load(hb: typeof Handlebars, name: string, dir = TEMPLATE_DIR): Wording {
    const file = path.join(dir, `${name}.hbs`);
    return new Wording(hb, readFileSync(file, 'utf8'), file);
  }
  has(name: string): boolean {
    return this.bodies.has(name);
  }
  get(name: string, context: object = {}): string {
    // the same piece with the same plain data gives the same words (see memoKey)
    const key = memoKey(name, context);
    if (key !== undefined) {
      const known = this.memo.get(key);
      if (known !== undefined) return known;
    }
    let t = this.cache.get(name);
    if (!t) {
      const body = this.bodies.get(name);
      if (body === undefined) throw new Error(`${this.file} に "${name}" の文言がありません`);
      t = this.hb.compile(body, COMPILE);
      this.cache.set(name, t);
    }
    const words = t(context, RUNTIME).trim();
    if (key !== undefined) {
      if (this.memo.size >= MEMO_MAX) this.memo.clear();
      this.memo.set(key, words);
    }
    return words;
  }
}

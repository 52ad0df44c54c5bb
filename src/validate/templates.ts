// The data's own templates (text/*.md.hbs) checked the way the build will run them: every
// helper, partial and block is looked at in Handlebars' syntax tree, then the text is
// expanded once with the real data. What passes here expands at build without an error;
// what does not is refused with its file, line and column.
import Handlebars from 'handlebars';
import type { Dataset } from '../model/schema.js';
import type { Problem } from '../problem.js';
import { lineColumn } from '../load/index.js';
import { createHandlebars, renderText } from '../templates/index.js';
import { textContext } from '../templates/context.js';
import { parseMarkdown, plain, type Block } from '../markdown/index.js';
import { checkProseLinks } from './links.js';
import { TEXT_MAX, TEXT_FILE_MAX } from '../model/limits.js';
import { EraInputError, FIRST_DATE, FIRST_YEAR, LAST_YEAR, isSupportedDate, isSupportedMonth, isSupportedYear } from '../era/index.js';
import { wordsOf } from '../templates/words.js';

export const textWords = wordsOf('validate-texts');
const w = textWords;
/** テンプレート（{{ }}）: and the message */
const inTemplate = (key: string, context: object = {}) => w('in-template', { message: w(key, context) });

export { TEXT_FILE_MAX } from '../model/limits.js';
/** What a text may grow to when expanded ({{#each}} and partials repeat their bodies). */
export const EXPANDED_MAX = 1_000_000;

/** Handlebars parses nested blocks in quadratic time and overflows the stack past ~1000 levels. */
export const NESTING_MAX = 30;
/** Parsing and expanding takes about 0.2 ms per {{ }}; a chapter needs a few dozen. */
export const EXPRESSIONS_MAX = 2_000;

type Node = hbs.AST.Node;
type Loc = hbs.AST.SourceLocation;

// helper → the numbers of arguments it takes (in templates/index.ts)
export const PROJECT_HELPERS: Record<string, number[]> = {
  fy: [1],
  fyShort: [1],
  fyShortNendo: [1],
  year: [1],
  month: [1],
  monthShort: [1],
  monthWestern: [1],
  date: [1],
  yen: [1],
  join: [1, 2],
  add: [2],
  eq: [2],
  // templates/references.ts: {{page "initiative" "009"}}, {{figure "zu3"}}
  page: [2],
  figure: [1],
};
// Handlebars' own block helpers; the others (log, lookup, helperMissing …) are refused:
// log writes to the standard output, lookup reaches into objects by computed names
export const BLOCK_HELPERS: Record<string, number[]> = { if: [1], unless: [1], each: [1], with: [1] };
const REFUSED = new Set(['log', 'lookup', 'helperMissing', 'blockHelperMissing']);
// names that lead out of the data into JavaScript's objects
const FORBIDDEN_PATH = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const YEAR_HELPERS = new Set(['fy', 'fyShort', 'fyShortNendo', 'year']);
const MONTH_HELPERS = new Set(['month', 'monthShort', 'monthWestern']);

const at = (loc: Loc | undefined) => (loc ? { line: loc.start.line, column: loc.start.column + 1 } : {});

function eraMessage(helper: string, e: EraInputError): string {
  const got = typeof e.input === 'string' ? `"${e.input.slice(0, 20)}"` : String(e.input);
  if (e.kind === 'year') return w('era-year', { helper, first: FIRST_YEAR, last: LAST_YEAR, got });
  if (e.kind === 'month') return w('era-month', { helper, first: FIRST_DATE.slice(0, 7), got });
  return w('era-date', { helper, first: FIRST_DATE, got });
}

/** A literal argument of an era helper that the era module cannot write. */
function literalProblem(helper: string, arg: Node): string | undefined {
  const lit = arg as unknown as { value: unknown };
  const isLiteral = /Literal$/.test(arg.type);
  if (!isLiteral) return undefined; // a path or (sub expression): seen when the text is expanded
  const v = lit.value as unknown;
  if (YEAR_HELPERS.has(helper) && !isSupportedYear(typeof v === 'string' && v.trim() !== '' ? Number(v) : v))
    return eraMessage(helper, new EraInputError('year', v));
  if (MONTH_HELPERS.has(helper) && !isSupportedMonth(v)) return eraMessage(helper, new EraInputError('month', v));
  if (helper === 'date' && !isSupportedDate(v)) return eraMessage(helper, new EraInputError('date', v));
  return undefined;
}

/**
 * Too many {{ }} or blocks nested too deep, found by scanning the text before Handlebars
 * parses it ({{else if}} nests like a block of its own).
 */
function scan(rel: string, text: string): Problem | undefined {
  const stack: number[] = [];
  let count = 0;
  for (const m of text.matchAll(/\{\{~?\s*(?:([#^])(?!\s*~?\}\})|(\/)|(else\s+[^\s}~]))?/g)) {
    count++;
    if (m[1]) stack.push(1);
    else if (m[2]) stack.pop();
    else if (m[3] && stack.length) stack[stack.length - 1]!++; // the innermost block: the stack is not empty
    // ( ) inside one {{ }} nest as well
    const end = text.indexOf('}}', m.index!);
    let open = 0;
    let deepest = 0;
    for (let i = m.index!; i < (end < 0 ? text.length : end); i++) {
      const c = text.charCodeAt(i);
      if (c === 40) deepest = Math.max(deepest, ++open);
      else if (c === 41) open--;
    }
    const depth = stack.reduce((a, b) => a + b, 0) + deepest;
    if (depth > NESTING_MAX || count > EXPRESSIONS_MAX) {
      const { line, column } = lineColumn(text, m.index!);
      return {
        severity: 'error',
        file: rel,
        line,
        column,
        message: depth > NESTING_MAX ? inTemplate('nested-too-deep', { max: NESTING_MAX }) : inTemplate('too-many-expressions', { max: EXPRESSIONS_MAX }),
      };
    }
  }
  return undefined;
}

/**
 * A text too long or too deeply nested to be parsed in bounded time and stack; the other
 * checks that parse texts (references) leave these alone.
 */
export function tooLarge(rel: string, text: string): Problem | undefined {
  if (text.length > TEXT_FILE_MAX) return { severity: 'error', file: rel, message: w('text-too-long', { length: text.length, max: TEXT_FILE_MAX }) };
  return scan(rel, text);
}

interface FileCheck {
  problems: Problem[];
  /** inline partials defined at the top of the file → their bodies */
  inline: Map<string, hbs.AST.Program>;
}

function checkTree(rel: string, ast: hbs.AST.Program): FileCheck {
  const problems: Problem[] = [];
  const inline = new Map<string, hbs.AST.Program>();
  const bad = (loc: Loc | undefined, key: string, context: object = {}) =>
    problems.push({ severity: 'error', file: rel, ...at(loc), message: inTemplate(key, context) });

  // inline partials: only at the top of the file, so that every {{> name}} sees them
  for (const s of ast.body) {
    if (s.type !== 'DecoratorBlock') continue;
    const d = s as unknown as hbs.AST.BlockStatement;
    const name = d.params[0] as hbs.AST.StringLiteral | undefined;
    if ((d.path as hbs.AST.PathExpression).original !== 'inline' || d.params.length !== 1 || name?.type !== 'StringLiteral') continue;
    if (inline.has(name.value)) bad(d.loc, 'partial-twice', { name: name.value });
    inline.set(name.value, d.program);
  }

  const path = (p: hbs.AST.PathExpression) => {
    const hit = p.parts.find((x) => FORBIDDEN_PATH.has(String(x)));
    if (hit) bad(p.loc, 'forbidden-name', { name: hit });
  };
  const expr = (e: Node) => {
    if (e.type === 'PathExpression') path(e as hbs.AST.PathExpression);
    else if (e.type === 'SubExpression') call(e as hbs.AST.SubExpression, 'sub');
  };
  // a helper call or a plain value: {{name args…}}, {{#name args…}}…{{/name}}, (name args…)
  function call(n: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, form: 'mustache' | 'block' | 'sub') {
    const p = n.path as hbs.AST.PathExpression;
    if (p.type !== 'PathExpression') {
      bad(n.loc, 'name-first', { what: String((p as unknown as { original?: unknown }).original ?? (p as Node).type) });
      return;
    }
    path(p);
    const simple = p.parts.length === 1 && !p.data && p.depth === 0 && !/^(this|\.)/.test(p.original);
    const name = simple ? String(p.parts[0]) : undefined;
    const args = n.params.length;
    n.params.forEach(expr);
    n.hash?.pairs.forEach((h) => expr(h.value));
    if (name && REFUSED.has(name)) return bad(n.loc, 'refused-helper', { name });
    // own keys only: an Object method's name ({{toString}}) is no helper
    const project = name !== undefined && Object.hasOwn(PROJECT_HELPERS, name) ? PROJECT_HELPERS[name] : undefined;
    const block = name !== undefined && Object.hasOwn(BLOCK_HELPERS, name) ? BLOCK_HELPERS[name] : undefined;
    if (n.hash?.pairs.length) return bad(n.loc, 'hash-arguments', { name: p.original });
    // the forms as a text writes them: {{#name …}}…{{/name}}, {{#name}}, {{name}}
    if (block) {
      if (form !== 'block') return bad(n.loc, 'block-only', { name, form: `{{#${name} …}}…{{/${name}}}` });
      if (!block.includes(args)) return bad(n.loc, 'argument-count', { call: `{{#${name}}}`, counts: block, args });
      return;
    }
    if (project) {
      if (form === 'block') return bad(n.loc, 'not-a-block', { name, call: `{{#${name}}}` });
      if (!project.includes(args)) return bad(n.loc, 'argument-count', { call: `{{${name}}}`, counts: project, args });
      // every project helper takes an argument, so the count just checked leaves a first one
      const [first] = n.params;
      const lit = first && literalProblem(name!, first);
      if (lit) problems.push({ severity: 'error', file: rel, ...at(first.loc), message: w('in-template', { message: lit }) });
      return;
    }
    // not a helper: a value from the data, which cannot take arguments or a block of its own
    if (args > 0 || form === 'sub') return bad(n.loc, 'no-such-helper', { name: p.original, helpers: Object.keys(PROJECT_HELPERS).join('、') });
    if (form === 'block') return bad(n.loc, 'no-such-block', { call: `{{#${p.original}}}` });
  }

  function walk(prog: hbs.AST.Program | undefined, top: boolean) {
    for (const s of prog?.body ?? []) {
      switch (s.type) {
        case 'ContentStatement':
        case 'CommentStatement':
          break;
        case 'MustacheStatement':
          call(s as hbs.AST.MustacheStatement, 'mustache');
          break;
        case 'BlockStatement': {
          const b = s as hbs.AST.BlockStatement;
          call(b, 'block');
          walk(b.program, false);
          walk(b.inverse, false);
          break;
        }
        case 'DecoratorBlock': {
          const d = s as unknown as hbs.AST.BlockStatement;
          const name = d.params[0] as hbs.AST.StringLiteral | undefined;
          if ((d.path as hbs.AST.PathExpression).original !== 'inline' || d.params.length !== 1 || name?.type !== 'StringLiteral')
            bad(d.loc, 'decorator', { end: '{{/inline}}' });
          else if (!top) bad(d.loc, 'partial-not-top', { name: name.value });
          walk(d.program, false);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement': {
          const ps = s as hbs.AST.PartialStatement;
          const n = ps.name as hbs.AST.PathExpression;
          if (n.type !== 'PathExpression' || !inline.has(n.original))
            bad(ps.loc, 'partial-undefined', { name: n.type === 'PathExpression' ? n.original : '( )' });
          else if (ps.params.length || ps.hash?.pairs.length) bad(ps.loc, 'partial-arguments', { name: n.original });
          if (s.type === 'PartialBlockStatement') walk((s as hbs.AST.PartialBlockStatement).program, false);
          break;
        }
        default:
          bad(s.loc, 'unknown-statement', { type: s.type });
      }
    }
  }
  walk(ast, true);
  return { problems, inline };
}

/**
 * An upper bound of how long the text grows when expanded: {{#each}} repeats its body once
 * per item of the longest list in the data, a partial stands for its body. Refuses a
 * partial that calls itself (directly or through others) with the place of that call.
 */
function expansion(rel: string, ast: hbs.AST.Program, inline: Map<string, hbs.AST.Program>, longestList: number, problems: Problem[]): number {
  const size = new Map<string, number>();
  const active = new Set<string>();
  const measure = (prog: hbs.AST.Program | undefined): number => {
    let n = 0;
    for (const s of prog?.body ?? []) {
      if (s.type === 'ContentStatement') n += (s as hbs.AST.ContentStatement).value.length;
      else if (s.type === 'MustacheStatement') n += 100;
      else if (s.type === 'BlockStatement') {
        const b = s as hbs.AST.BlockStatement;
        const times = (b.path as hbs.AST.PathExpression).original === 'each' ? longestList : 1;
        n += times * measure(b.program) + measure(b.inverse);
      } else if (s.type === 'PartialStatement' || s.type === 'PartialBlockStatement') {
        const name = ((s as hbs.AST.PartialStatement).name as hbs.AST.PathExpression).original;
        n += partial(name, s.loc);
      }
      if (n > EXPANDED_MAX) return n;
    }
    return n;
  };
  const partial = (name: string, loc: Loc): number => {
    const body = inline.get(name);
    if (!body) return 0;
    if (active.has(name)) {
      problems.push({
        severity: 'error',
        file: rel,
        ...at(loc),
        message: inTemplate('partial-recursive', { name }),
      });
      return Infinity;
    }
    if (!size.has(name)) {
      active.add(name);
      size.set(name, measure(body));
      active.delete(name);
    }
    return size.get(name)!;
  };
  // every partial is looked at, called or not: a recursive one is an error either way
  for (const [name, body] of inline) partial(name, body.loc);
  return measure(ast);
}

function longestListIn(value: unknown, seen = new Set<unknown>()): number {
  if (!value || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  let n = Array.isArray(value) ? value.length : 0;
  for (const v of Object.values(value)) n = Math.max(n, longestListIn(v, seen));
  return n;
}

class NotANumber extends Error {}
/** A {{value}} that is a group of values (an object or a list): it would print as [object Object]. */
class NotText extends Error {}
const VALUE_CHECK = '__valueIsText';

/**
 * The text's syntax tree with every plain value ({{this}}, {{dataset.title}}) passed through a
 * check first: expanding it then says where a value would print as [object Object].
 */
function checkingValues(ast: hbs.AST.Program): hbs.AST.Program {
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const m = n as hbs.AST.MustacheStatement;
    if (m.type === 'MustacheStatement' && m.path.type === 'PathExpression' && m.params.length === 0 && !m.hash?.pairs.length) {
      const p = m.path as hbs.AST.PathExpression;
      const helper =
        p.parts.length === 1 &&
        !p.data &&
        p.depth === 0 &&
        !/^(this|\.)/.test(p.original) &&
        (Object.hasOwn(PROJECT_HELPERS, String(p.parts[0])) || Object.hasOwn(BLOCK_HELPERS, String(p.parts[0])));
      if (!helper) {
        m.params = [p];
        m.path = {
          type: 'PathExpression',
          data: false,
          depth: 0,
          parts: [VALUE_CHECK],
          original: VALUE_CHECK,
          loc: p.loc,
        } as unknown as hbs.AST.PathExpression;
      }
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc') walk(v);
  };
  walk(ast);
  return ast;
}

/** Expands the text once with the real data; a helper's error comes back with its place. */
function trial(rel: string, text: string, dataset: Dataset, problems: Problem[], parsed: Map<string, Block[]>) {
  const hb = createHandlebars({ asOf: dataset.era?.asOf });
  for (const [name, fn] of Object.entries(hb.helpers)) {
    if (!(name in PROJECT_HELPERS)) continue;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      try {
        const out = (fn as (...a: unknown[]) => unknown).apply(this, args);
        if (typeof out === 'number' && !Number.isFinite(out)) throw new NotANumber();
        return out;
      } catch (e) {
        throw Object.assign(e as object, { helper: name, arg: args[0], loc: (args[args.length - 1] as { loc?: Loc }).loc });
      }
    });
  }
  hb.registerHelper(VALUE_CHECK, (value: unknown, options: { loc?: Loc }) => {
    if (value !== null && typeof value === 'object') throw Object.assign(new NotText(), { loc: options.loc, arg: Array.isArray(value) ? 'list' : 'object' });
    return value;
  });
  let out: string;
  try {
    out = renderText(hb, checkingValues(Handlebars.parse(text)), textContext(dataset));
  } catch (e) {
    const { helper, arg, loc } = e as { helper?: string; arg?: unknown; loc?: Loc };
    const written = loc
      ? text.split('\n')[loc.start.line - 1]?.slice(loc.start.column, loc.end.line === loc.start.line ? loc.end.column : undefined)
      : undefined;
    const message =
      e instanceof EraInputError && helper
        ? eraMessage(helper, new EraInputError(e.kind, arg))
        : e instanceof NotText
          ? w('not-text', { written: written ?? '{{ }}', list: arg === 'list' })
          : e instanceof NotANumber
            ? w('not-a-number', { helper })
            : w('cannot-expand', { reason: String((e as Error).message ?? e).split('\n')[0] });
    problems.push({ severity: 'error', file: rel, ...at(loc), message: w('in-template', { message }) });
    return;
  }
  if (out.length > EXPANDED_MAX) {
    problems.push({
      severity: 'error',
      file: rel,
      message: inTemplate('expands-too-long', { length: out.length, max: EXPANDED_MAX }),
    });
    return;
  }
  // the Markdown the build reads next (marked recurses: > or * nested thousands deep overflow it)
  let blocks: Block[];
  try {
    blocks = parseMarkdown(out);
  } catch {
    const deep = /^(?:[ \t]*>){50}|[*_]{50}/m.exec(text);
    problems.push({
      severity: 'error',
      file: rel,
      ...(deep ? lineColumn(text, deep.index) : {}),
      message: w('markdown-too-deep'),
    });
    return;
  }
  // links: nothing that runs on a published page, nothing outside the web edition
  problems.push(...checkProseLinks(rel, text, blocks));
  parsed.set(rel, blocks);
  // a heading with no words would print as a bare number
  if (blocks.some((b) => b.kind === 'heading' && plain(b.inlines).trim() === '')) {
    const bare = /^ {0,3}#{1,6}[ \t]*$/m.exec(text);
    problems.push({ severity: 'error', file: rel, ...(bare ? lineColumn(text, bare.index) : {}), message: w('empty-heading') });
  }
  // the layout of one paragraph grows with the square of its length (20,000 characters: 1 s)
  for (const b of blocks) {
    const runs = b.kind === 'list' ? b.items : b.kind === 'table' ? [...b.header, ...b.rows.flat()] : b.kind === 'figure' ? [] : [b.inlines];
    for (const r of runs) {
      const t = plain(r);
      if (t.length <= TEXT_MAX) continue;
      const first = text.indexOf(t.slice(0, 20));
      problems.push({
        severity: 'error',
        file: rel,
        ...(first >= 0 ? lineColumn(text, first) : {}),
        message: w('paragraph-too-long', { start: t.slice(0, 20), length: t.length, max: TEXT_MAX }),
      });
      return;
    }
  }
}

/**
 * Checks the text files the build expands (every .hbs file, and any other text the data set
 * names as prose): size, syntax, helpers and partials, then one expansion with the data.
 */
export function checkTemplates(texts: Map<string, string>, expanded: Set<string>, dataset: Dataset, parsed: Map<string, Block[]> = new Map()): Problem[] {
  const problems: Problem[] = [];
  const longest = longestListIn(textContext(dataset));
  for (const [rel, text] of texts) {
    if (!rel.endsWith('.hbs') && !expanded.has(rel) && text.length <= TEXT_FILE_MAX) continue;
    const tooMuch = tooLarge(rel, text);
    if (tooMuch) {
      problems.push(tooMuch);
      continue;
    }
    let ast: hbs.AST.Program;
    try {
      ast = Handlebars.parse(text);
    } catch (ex) {
      const m = /line (\d+)/.exec(String(ex));
      problems.push({
        severity: 'error',
        file: rel,
        line: m ? Number(m[1]) : undefined,
        message: w('template-syntax', { reason: String((ex as Error).message).split('\n')[0] }),
      });
      continue;
    }
    try {
      const { problems: found, inline } = checkTree(rel, ast);
      const before = found.length;
      const grows = expansion(rel, ast, inline, longest, found);
      if (found.length === before && grows > EXPANDED_MAX)
        found.push({
          severity: 'error',
          file: rel,
          message: inTemplate('repeats-too-long', { max: EXPANDED_MAX }),
        });
      problems.push(...found);
      if (found.length === 0) trial(rel, text, dataset, problems, parsed);
    } catch (e) {
      // a shape the scan did not foresee: refused rather than left to crash the build
      problems.push({
        severity: 'error',
        file: rel,
        message: w('cannot-check', { reason: String((e as Error).message ?? e).split('\n')[0] }),
      });
    }
  }
  return problems;
}

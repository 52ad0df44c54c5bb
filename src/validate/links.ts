// Link targets a data keeper writes, held to the rule of src/safe-url.ts: in the prose (every
// link the build's Markdown reading finds, after the template is expanded) and in the JSON files
// whose URLs become links (sites.json's url, dataset.json's contact.url). Glossary definitions,
// initiatives and the other JSON texts are printed as text, never as links.
import type { RawDataset, JsonFile } from '../load/index.js';
import { lineColumn } from '../load/index.js';
import type { Block, Inline } from '../markdown/index.js';
import type { Problem } from '../problem.js';
import { linkProblem, urlCore } from '../safe-url.js';

/** sites.json's url and dataset.json's contact.url, read from the files as written (also when their shape is wrong elsewhere). */
export function checkJsonLinks(raw: RawDataset, report: (f: JsonFile, path: (string | number)[], message: string) => void): void {
  const check = (f: JsonFile, value: unknown, path: (string | number)[]) => {
    const message = typeof value === 'string' ? linkProblem(value) : undefined;
    if (message) report(f, path, message);
  };
  const sites = raw.json.get('sites.json');
  if (sites && Array.isArray(sites.value)) sites.value.forEach((s, i) => check(sites, (s as { url?: unknown } | null)?.url, [i, 'url']));
  const ds = raw.json.get('dataset.json');
  if (ds) check(ds, (ds.value as { contact?: { url?: unknown } } | null)?.contact?.url, ['contact', 'url']);
}

function runsOf(b: Block): Inline[][] {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return [b.inlines];
    case 'list':
      return b.items;
    case 'table':
      return [...b.header, ...b.rows.flat()];
    case 'figure':
      return [];
  }
}

interface Written {
  /** offset of the target's first character in the file */
  at: number;
  raw: string;
  key: string;
  /** a reference definition serves every link that names it */
  shared: boolean;
}

/** Markdown's backslash escapes, as the reader removes them */
const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
const keyOf = (s: string) => urlCore(s).toLowerCase();

/** Where link targets are written in the source: [text](target), [name]: target, <scheme:…>. */
function writtenTargets(source: string): Written[] {
  const out: Written[] = [];
  const add = (at: number, raw: string, shared = false) => {
    const pointed = raw.startsWith('<') ? raw.slice(1, -1) : raw;
    out.push({ at: at + (raw.startsWith('<') ? 1 : 0), raw: pointed, key: keyOf(unescape(pointed)), shared });
  };
  // add(): each pattern's one group always takes part
  for (const m of source.matchAll(/\]\([ \t]*\n?[ \t]*(<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)/g))
    add(m.index! + m[0].length - m[1]!.length, m[1]!);
  for (const m of source.matchAll(/^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:[ \t]*\n?[ \t]*(<[^<>\n]*>|\S+)/gm)) add(m.index! + m[0].length - m[1]!.length, m[1]!, true);
  for (const m of source.matchAll(/<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/g)) add(m.index!, `<${m[1]}>`);
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Every link of a text file's Markdown (as the build reads it, after the template) whose target
 * may not stand, placed where the source writes it: the same target written there, else a target
 * the template fills in ({{…}}), else the first place the text holds it.
 */
export function checkProseLinks(rel: string, source: string, blocks: Block[]): Problem[] {
  const bad: { href: string; message: string }[] = [];
  for (const b of blocks)
    for (const runs of runsOf(b)) {
      let last: string | undefined;
      for (const r of runs) {
        // a link of several runs (bold inside it) is one link
        if (r.link !== undefined && r.link !== last) {
          const message = linkProblem(r.link);
          if (message) bad.push({ href: r.link, message });
        }
        last = r.link;
      }
    }
  if (!bad.length) return [];
  const written = writtenTargets(source);
  const used = new Set<Written>();
  const problems: Problem[] = [];
  const placed = new Set<number>();
  for (const { href, message } of bad) {
    const key = keyOf(href);
    const w = written.find((x) => x.key === key && (x.shared || !used.has(x))) ?? written.find((x) => x.raw.includes('{{') && !used.has(x));
    const at = w ? w.at : source.indexOf(href);
    if (w) used.add(w);
    if (at >= 0 && placed.has(at)) continue;
    if (at >= 0) placed.add(at);
    problems.push({ severity: 'error', file: rel, ...(at >= 0 ? lineColumn(source, at) : {}), message });
  }
  return problems;
}

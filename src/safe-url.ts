// Which link targets may stand in a published page: the one rule that validation (for what a
// data keeper writes) and the HTML writer (for every href and src it emits) both apply.
// Allowed: http:, https: and mailto: URLs, and relative links that stay inside the web edition
// (#id, page.html#id, figures/x.svg). Everything else is refused: javascript:, vbscript:,
// data: and any other scheme (they run code or open what the page does not show), and relative
// links that climb out of the edition (../../etc), start at the host's root (/etc) or name
// another host (//evil.example, which the page would open as https://evil.example).
//
// A browser removes tabs and line breaks anywhere in a URL and control characters and spaces
// around it, and decodes character references in an attribute, so `java&#x09;script:` and
// `java\tscript:` are javascript: to it. The rule judges the text with every whitespace, control
// and invisible formatting character removed and character references decoded: stricter than a
// browser (`java script:` is refused too), never looser.
import { Wording, createHandlebars } from './templates/index.js';

export type UrlVerdict = { ok: true } | { ok: false; why: 'scheme'; scheme: string } | { ok: false; why: 'other-host' | 'host-root' | 'outside' };

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/** HTML's named references that spell a URL's punctuation or hide a character (no named reference spells an ASCII letter; others are left as written) */
const NAMED: Record<string, string> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  bsol: '\\',
  period: '.',
  num: '#',
  quest: '?',
  percnt: '%',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  lpar: '(',
  rpar: ')',
  excl: '!',
  equals: '=',
};

export function decodeReferences(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);?/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    }
    return NAMED[ref.toLowerCase()] ?? m;
  });
}

/** whitespace, C0 and C1 controls, and invisible format characters (zero-width space, BOM, soft hyphen…) */
// eslint-disable-next-line no-control-regex -- control characters are what a link may not hide
const IGNORED = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** The text a browser would read the scheme and path from, as strictly as it could be read. */
export function urlCore(href: string): string {
  let s = href;
  // decoding twice catches `&amp;#106;` written to slip one decoding past
  for (let i = 0; i < 3; i++) {
    const d = decodeReferences(s);
    if (d === s) break;
    s = d;
  }
  return s.replace(IGNORED, '');
}

/**
 * Judges a link target. `up`: how many folders above the pages a relative link may climb
 * (0 for links a data keeper writes: they stay in the web edition; the writer's own link to
 * ../data/ climbs 1, to the publication's folder).
 */
export function judgeUrl(href: string, up = 0): UrlVerdict {
  const s = urlCore(href);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1];
  if (scheme) return ALLOWED_SCHEMES.has(scheme.toLowerCase()) ? { ok: true } : { ok: false, why: 'scheme', scheme: scheme.toLowerCase() };
  // a browser reads \ as / in a web address: /\evil.example is //evil.example
  const path = s.replace(/\\/g, '/');
  if (path.startsWith('//')) return { ok: false, why: 'other-host' };
  if (path.startsWith('/')) return { ok: false, why: 'host-root' };
  // %2e is a dot to a browser's path walk
  // split gives at least one piece: the path before any query or fragment
  const segments = path.split(/[?#]/)[0]!.replace(/%2e/gi, '.').split('/');
  let depth = 0;
  for (const seg of segments) {
    if (seg === '..' && --depth < -up) return { ok: false, why: 'outside' };
    if (seg !== '..' && seg !== '.' && seg !== '') depth++;
  }
  return { ok: true };
}

/** The target as a person can read it in a message: invisible characters shown by name, long ones cut. */
export function shownUrl(href: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what a link may not hide
  const s = href.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, (c) =>
    c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

let words: Wording | undefined;
/** templates/safety.hbs, read once */
export const safetyWords = () => (words ??= Wording.load(createHandlebars({}), 'safety'));

/** What is wrong with a link target a data keeper wrote, in their words; undefined when it may stand. */
export function linkProblem(href: string): string | undefined {
  const v = judgeUrl(href);
  if (v.ok) return undefined;
  const w = safetyWords();
  const ctx = { href: shownUrl(href), allowed: w.get('link-allowed') };
  return v.why === 'scheme' ? w.get('link-scheme', { ...ctx, scheme: v.scheme }) : w.get(`link-${v.why}`, ctx);
}

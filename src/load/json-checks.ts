// Checks on JSON that the parser does not make: nesting depth (jsonc-parser, getNodeValue and
// every recursive walk after them overflow the stack on deep input, ~5,000 levels was enough)
// and keys written twice in one object (JSON.parse and jsonc keep the last one silently).
import type * as jsonc from 'jsonc-parser';

/** Deepest nesting a data file may have: the real files need fewer than 10. */
export const MAX_JSON_DEPTH = 64;

/** Offset of the first bracket that opens level `limit + 1`, or -1: a scan that never recurses. */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** Every key node that repeats an earlier key of the same object, in text order. */
export function duplicateKeys(tree: jsonc.Node | undefined): jsonc.Node[] {
  const out: jsonc.Node[] = [];
  const stack = tree ? [tree] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'object') {
      const seen = new Set<string>();
      for (const prop of n.children ?? []) {
        const key = prop.children?.[0];
        if (!key) continue;
        if (seen.has(key.value)) out.push(key);
        seen.add(key.value);
      }
    }
    for (const c of n.children ?? []) stack.push(c);
  }
  return out.sort((a, b) => a.offset - b.offset);
}

import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { jsonSchemas } from '../src/model/json-schema.js';
import { numberGlossary } from '../src/resolve/glossary.js';
import type { Inline } from '../src/markdown/index.js';

describe('the editors’ JSON Schema', () => {
  it('in schema/ is the one generated from the zod schemas (run `npm run schema` after changing them)', () => {
    for (const [name, text] of Object.entries(jsonSchemas())) {
      expect(readFileSync(path.join(__dirname, '..', 'schema', name), 'utf8'), name).toBe(text);
    }
  });
});

describe('glossary numbering', () => {
  it('numbers terms by first appearance, longest match first, not inside Latin words', () => {
    const runs: Inline[][] = [[{ text: 'LGWANとWANの話。MAILではなくAIとICT。' }], [{ text: 'ICTをもう一度。' }]];
    const g = numberGlossary(runs, [
      { term: 'ICT', definition: 'x' },
      { term: 'WAN', definition: 'x' },
      { term: 'LGWAN', definition: 'x' },
      { term: 'AI', definition: 'x' },
      { term: 'NEVER', definition: 'x' },
    ]);
    expect(g.map((t) => `${t.number}${t.term}`)).toEqual(['1LGWAN', '2WAN', '3AI', '4ICT', '5NEVER']);
    const text = runs.map((r) => r.map((i) => (i.sup ? `^${i.text}` : i.text)).join('')).join('|');
    expect(text).toBe('LGWAN^1とWAN^2の話。MAILではなくAI^3とICT^4。|ICTをもう一度。');
  });
});

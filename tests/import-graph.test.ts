// The modules of src/ import each other in one direction: no file is reached again from what it
// imports (type imports included: a circle of types is still two modules that must change together).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { ROOT } from './helpers/data.js';

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]/g;

function graphOf(dir: string): Map<string, string[]> {
  const files = fg.sync('**/*.ts', { cwd: dir });
  const g = new Map<string, string[]>();
  for (const f of files) {
    const deps = [...readFileSync(path.join(dir, f), 'utf8').matchAll(IMPORT)].map((m) =>
      path.posix.normalize(path.posix.join(path.posix.dirname(f), (m[1] ?? m[2]).replace(/\.js$/, '.ts'))),
    );
    g.set(
      f,
      deps.filter((d) => files.includes(d)),
    );
  }
  return g;
}

/** Each circle once, as the files on it in import order (depth-first, the first file found again). */
export function circles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const d of g.get(f) ?? []) {
      if (state.get(d) === 'open') found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...g.keys()].sort()) if (!state.has(f)) visit(f);
  return found;
}

describe('the import graph of src/', () => {
  it('has no circle', () => {
    const g = graphOf(path.join(ROOT, 'src'));
    expect(g.size).toBeGreaterThan(100);
    expect(circles(g).map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a circle when there is one (the check itself)', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(circles(g)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});

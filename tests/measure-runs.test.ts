// The measuring seam reuses an inline's resolved style only when every own property it could
// read is the previous inline's: the written-out comparison must cover the whole list.
import { describe, it, expect } from 'vitest';
import { ownCheck } from '../src/render/pdf/measure-runs.js';

describe('measure-runs own-property comparison', () => {
  it('notices a change in any one of the properties measure reads', () => {
    const { OWN, sameOwn, noteOwn } = ownCheck;
    const base = Object.fromEntries(OWN.map((p, k) => [p, `v${k}`]));
    const seen: unknown[] = new Array(OWN.length);
    noteOwn(base, seen);
    expect(sameOwn({ ...base, text: 'other text' }, seen)).toBe(true);
    for (const p of OWN) expect(sameOwn({ ...base, [p]: 'changed' }, seen), p).toBe(false);
  });
});

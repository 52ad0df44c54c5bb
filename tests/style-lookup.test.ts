// The style lookup read in place (src/render/pdf/style-lookup.ts) must answer exactly what
// pdfmake's StyleContextStack answers: every property below is asked of varied stacks and items
// both ways (named styles, arrays of them, overrides, `extends` with a cycle, a String object,
// values of null, 0 and false, a section, no stack), and the stack must be left as it was.
// pdfmake's own class is used unpatched here: this file does not load the seam (install.ts).
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { getProperty, getStyleProperty } from '../src/render/pdf/style-lookup.js';

const require = createRequire(import.meta.url);
const StyleContextStack: any = require('pdfmake/js/StyleContextStack').default;

const DICTIONARY = {
  body: { fontSize: 10, lineHeight: 1.5, color: 'black' },
  bold: { bold: true, color: null },
  small: { fontSize: 7, extends: 'bold' },
  note: { extends: ['small', 'body'], italics: false },
  loopA: { extends: 'loopB' },
  loopB: { extends: 'loopA', margin: 3 },
  zero: { characterSpacing: 0, noWrap: false },
  missingParent: { extends: 'nowhere' },
};
const DEFAULT = { font: 'BIZUDPGothic', fontSize: 9, alignment: 'justify' };
const PROPERTIES = [
  'font',
  'fontSize',
  'bold',
  'italics',
  'color',
  'lineHeight',
  'characterSpacing',
  'noWrap',
  'margin',
  'alignment',
  'decoration',
  'extends',
  'text',
];

const STACKS: unknown[][] = [
  [],
  ['body'],
  ['body', { fontSize: 12 }],
  ['body', 'bold', { color: 'red' }, 'small'],
  ['note'],
  [new String('small'), { bold: false }],
  ['loopA'],
  ['zero', 'missingParent', 'absent'],
  [{ fontSize: null, color: undefined }, 'note', { italics: true }],
];
const ITEMS: unknown[] = [
  {},
  'plain text',
  new String('a String object'),
  { text: 'x', style: 'bold' },
  { text: 'x', style: ['small', 'zero'] },
  { text: 'x', style: 'loopB', fontSize: 0 },
  { text: 'x', style: ['note', { color: 'green' }] },
  { text: 'x', style: 'absent', bold: null },
  { section: 'header', style: 'bold' },
  { text: 'x', style: new String('body') },
];

function stackOf(entries: unknown[], withDefault = true) {
  const s = new StyleContextStack(DICTIONARY, withDefault ? DEFAULT : undefined);
  for (const e of entries) s.push(e);
  return s;
}

describe('style lookup read in place', () => {
  it('answers getProperty as pdfmake does, for every property of every stack', () => {
    let asked = 0;
    for (const entries of STACKS)
      for (const withDefault of [true, false])
        for (const property of PROPERTIES) {
          const stack = stackOf(entries, withDefault);
          expect(getProperty(stack, property), `${property} of ${JSON.stringify(entries)}`).toEqual(stack.getProperty(property));
          asked++;
        }
    expect(asked).toBe(STACKS.length * 2 * PROPERTIES.length);
  });

  it('answers getStyleProperty as pdfmake does, and leaves the stack as it was', () => {
    const fallbacks = [undefined, 'fallback', 0];
    for (const entries of STACKS)
      for (const item of ITEMS)
        for (const property of PROPERTIES)
          for (const fallback of fallbacks) {
            const mine = stackOf(entries);
            const theirs = stackOf(entries);
            const where = `${property} of ${JSON.stringify(item)} on ${JSON.stringify(entries)}`;
            expect(getStyleProperty(item, mine, property, fallback), where).toEqual(StyleContextStack.getStyleProperty(item, theirs, property, fallback));
            expect(mine.styleOverrides).toEqual(entries);
          }
  });

  it('gives the fallback when there is no stack, and the item’s own value first', () => {
    expect(getStyleProperty({ fontSize: 0 }, null, 'fontSize', 12)).toBe(0);
    expect(getStyleProperty({}, null, 'fontSize', 12)).toBe(12);
    expect(getStyleProperty({ fontSize: null }, stackOf(['body']), 'fontSize', 12)).toBe(10);
  });

  it('follows `extends` to the parent style, and stops at a cycle', () => {
    // small extends bold: its bold comes from there; loopA ↔ loopB has no fontSize anywhere
    expect(getProperty(stackOf(['small'], false), 'bold')).toBe(true);
    expect(getProperty(stackOf(['loopA'], false), 'margin')).toBe(3);
    expect(getProperty(stackOf(['loopA'], false), 'fontSize')).toBeUndefined();
  });
});

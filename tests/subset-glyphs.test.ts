// A simple glyph is copied into the embedded subset without decoding its outline
// (render/pdf/subset-glyphs.ts). The subset must be the same bytes as fontkit's own: checked here
// for a subset of every glyph of every embedded font, and for a font with composite glyphs where
// the system has one. The PDFs built with and without it are compared in tests/determinism.test.ts.
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FONT_DIR } from '../src/render/fonts.js';
import { copySimpleGlyphs, isComposite } from '../src/render/pdf/subset-glyphs.js';

const fontkit: any = createRequire(import.meta.url)('fontkit');
const fontFiles = readdirSync(FONT_DIR).filter((f) => f.endsWith('.ttf'));
// a font with composite glyphs (accented letters), where the system has it (LibreOffice's machines do)
const COMPOSITE_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

// fontkit's TTFSubset class, and its own _addGlyph, before any patch of this file
const subsetClass = Object.getPrototypeOf(fontkit.openSync(path.join(FONT_DIR, fontFiles[0]!)).createSubset());
const fontkitAddGlyph = subsetClass._addGlyph;

/** The subset of the given glyphs, encoded, with `addGlyph` as the class's _addGlyph. */
function subsetBytes(file: string, glyphs: (face: any) => number[], addGlyph: unknown): { bytes: Buffer; decoded: number } {
  const face = fontkit.openSync(file);
  const glyphClass = Object.getPrototypeOf(face.getGlyph(0));
  const decode = glyphClass._decode;
  let decoded = 0;
  const patched = subsetClass._addGlyph;
  subsetClass._addGlyph = addGlyph;
  glyphClass._decode = function (...a: unknown[]) {
    decoded++;
    return decode.apply(this, a);
  };
  try {
    const subset = face.createSubset();
    for (const g of glyphs(face)) subset.includeGlyph(g);
    return { bytes: Buffer.from(subset.encode()), decoded };
  } finally {
    subsetClass._addGlyph = patched;
    glyphClass._decode = decode;
  }
}

const every = (face: any) => [...Array(face.numGlyphs).keys()];

describe('simple glyphs copied into the subset without decoding', () => {
  copySimpleGlyphs(fontkit.openSync(path.join(FONT_DIR, fontFiles[0]!)).createSubset());
  const ours = subsetClass._addGlyph;

  it('patches fontkit’s TrueType subset, once', () => {
    expect(ours).not.toBe(fontkitAddGlyph);
    copySimpleGlyphs(fontkit.openSync(path.join(FONT_DIR, fontFiles[1]!)).createSubset());
    expect(subsetClass._addGlyph).toBe(ours);
  });

  for (const file of fontFiles)
    it(`gives fontkit's own subset of every glyph of ${file}, decoding none`, () => {
      const full = path.join(FONT_DIR, file);
      const theirs = subsetBytes(full, every, fontkitAddGlyph);
      const mine = subsetBytes(full, every, ours);
      expect(mine.bytes.length).toBeGreaterThan(1_000_000);
      expect(mine.bytes.equals(theirs.bytes)).toBe(true);
      // fontkit decodes every outline; this reads only the headers
      expect(theirs.decoded).toBeGreaterThan(12_000);
      expect(mine.decoded).toBe(0);
    });

  it.runIf(existsSync(COMPOSITE_FONT))('leaves a composite glyph to fontkit, which renumbers its components', () => {
    const face = fontkit.openSync(COMPOSITE_FONT);
    const composite = every(face).filter((g) => isComposite(face, g));
    expect(composite.length).toBeGreaterThan(100);
    // a composite glyph and some simple ones, in an order that renumbers the components
    const pick = () => [composite[0]!, 36, 37, composite[1]!, 100];
    const theirs = subsetBytes(COMPOSITE_FONT, pick, fontkitAddGlyph);
    const mine = subsetBytes(COMPOSITE_FONT, pick, ours);
    expect(mine.bytes.equals(theirs.bytes)).toBe(true);
    expect(mine.decoded).toBeGreaterThan(0);
    expect(mine.decoded).toBeLessThan(theirs.decoded);
  });
});

// One character of PLAIN is set as the cmap's glyph at its advance, without fontkit's shaping
// (render/pdf/single-glyphs.ts). That holds only if fontkit would give exactly that: checked here
// for every such character of every embedded font, against fontkit itself. The PDFs built with
// and without it are compared byte for byte in tests/determinism.test.ts.
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { FONT_DIR } from '../src/render/fonts.js';
import { PLAIN, VERIFIED, fontIdentity, isPlain, singleGlyphRun } from '../src/render/pdf/single-glyphs.js';

const fontkit: any = createRequire(import.meta.url)('fontkit');
const fontFiles = readdirSync(FONT_DIR).filter((f) => f.endsWith('.ttf'));

describe('single characters set without shaping', () => {
  it('names every embedded font as checked', () => {
    expect(fontFiles.length).toBe(4);
    expect(fontFiles.map((f) => fontIdentity(fontkit.openSync(path.join(FONT_DIR, f)))).sort()).toEqual([...VERIFIED].sort());
  });

  for (const file of fontFiles)
    it(`gives fontkit's own run for every character of PLAIN in ${file}`, () => {
      const face = fontkit.openSync(path.join(FONT_DIR, file));
      let checked = 0;
      for (const cp of face.characterSet as number[]) {
        if (!isPlain(cp)) continue;
        const text = String.fromCodePoint(cp);
        const mine = singleGlyphRun(face, text);
        const theirs = face.layout(text);
        expect(mine, text).toBeDefined();
        expect(mine.glyphs.length).toBe(1);
        // the same glyph object (fontkit keeps one per glyph id), so the same code points for ToUnicode
        expect(mine.glyphs[0] === theirs.glyphs[0], `U+${cp.toString(16)}`).toBe(true);
        expect(theirs.glyphs.length).toBe(1);
        expect({ ...mine.positions[0] }, `U+${cp.toString(16)}`).toEqual({ ...theirs.positions[0] });
        expect(mine.advanceWidth).toBe(theirs.advanceWidth);
        checked++;
      }
      // kana, kanji and full-width forms: thousands of them
      expect(checked).toBeGreaterThan(7000);
    });

  it('leaves to fontkit what it would set otherwise: marks, a character outside PLAIN, two characters, one the font lacks', () => {
    const face = fontkit.openSync(path.join(FONT_DIR, fontFiles[0]!));
    // the combining voiced sound mark: fontkit sets it with no advance
    expect(isPlain(0x3099)).toBe(false);
    expect(face.layout('\u3099').positions[0].xAdvance).toBe(0);
    expect(singleGlyphRun(face, '\u3099')).toBeUndefined();
    // a soft hyphen: hidden by fontkit
    expect(singleGlyphRun(face, '\u00ad')).toBeUndefined();
    expect(singleGlyphRun(face, 'A')).toBeUndefined();
    expect(singleGlyphRun(face, 'デー')).toBeUndefined();
    // a kanji of CJK extension A the font does not have
    const missing = [...Array(0x4dbf - 0x3400).keys()].map((i) => 0x3400 + i).find((cp) => !face.hasGlyphForCodePoint(cp));
    expect(missing).toBeDefined();
    expect(singleGlyphRun(face, String.fromCodePoint(missing!))).toBeUndefined();
    expect(PLAIN.length).toBeGreaterThan(0);
  });
});

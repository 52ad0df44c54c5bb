// The pdfmake seam as one room (src/render/pdf/install.ts): its list of patches names real
// modules and switches, the check script sees a changed pdfmake internal, and a node with a
// structure tag the seam does not know is refused instead of being written as an unknown type.
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './helpers/data.js';
import { PATCHES } from '../src/render/pdf/install.js';
import { renderPdf } from '../src/render/pdf/index.js';

const SCRIPT = path.join(ROOT, 'scripts/pdfmake-internals.mjs');

describe('the pdfmake seam', () => {
  it('lists each patch with its module, the switch that module reads, and the internals it replaces', () => {
    expect(PATCHES.length).toBeGreaterThanOrEqual(9);
    for (const p of PATCHES) {
      const file = path.join(ROOT, 'src/render/pdf', p.module);
      expect(existsSync(file), p.module).toBe(true);
      if (p.off) expect(readFileSync(file, 'utf8'), `${p.module} reads ${p.off}`).toContain(`switchedOff('${p.off}')`);
      expect(p.internals.length, p.module).toBeGreaterThan(0);
    }
  });

  it('finds the recorded internals unchanged in the installed pdfmake, and a changed one in a copy', () => {
    const same = spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    expect(same.status, same.stdout + same.stderr).toBe(0);
    expect(same.stdout).toMatch(/unchanged +js\/LayoutBuilder\.js: LayoutBuilder\.prototype\.buildNextLine/);
    // a copy inside the project, so that its own dependencies still resolve
    mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    const work = mkdtempSync(path.join(ROOT, '.tmp', 'pdfmake-copy-'));
    try {
      const copy = path.join(work, 'pdfmake');
      cpSync(path.join(ROOT, 'node_modules/pdfmake'), copy, { recursive: true });
      const file = path.join(copy, 'js/LayoutBuilder.js');
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/buildNextLine\(textNode\) \{/);
      writeFileSync(file, text.replace(/buildNextLine\(textNode\) \{/, 'buildNextLine(textNode) { /* a new version */'));
      const changed = spawnSync(process.execPath, [SCRIPT, copy], { cwd: ROOT, encoding: 'utf8' });
      expect(changed.status).toBe(1);
      expect(changed.stdout).toMatch(/CHANGED +js\/LayoutBuilder\.js: LayoutBuilder\.prototype\.buildNextLine/);
      expect(changed.stdout).toMatch(/unchanged +js\/TextInlines\.js: TextInlines\.prototype\.measure/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('refuses a structure tag it does not know', async () => {
    const doc = { content: [{ text: '見出し', tag: 'Heading' }], defaultStyle: { font: 'BIZUDPGothic' }, tagged: true };
    await expect(renderPdf(doc, [])).rejects.toThrow(/unknown structure tag "Heading"/);
  });
});

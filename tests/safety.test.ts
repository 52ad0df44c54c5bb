// Safe input: pdfmake reads only the fonts and the data set's folder, never a URL; templates
// run without prototype access; a figure is shown from the data set's own figures/.
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { renderPdf, accessPolicy } from '../src/render/pdf/index.js';
import { createHandlebars, renderText } from '../src/templates/index.js';
import { readPdf } from '../src/errata/pdf-lines.js';
import { out } from './outputs.js';
import { drawnOnPages } from './helpers/drawn.js';

const DATA = path.join(__dirname, 'fixtures', 'mini');
const doc = (content: unknown[]) => ({ content, defaultStyle: { font: 'BIZUDPGothic' } });

describe('access policies', () => {
  it('allow the data set and the fonts, refuse anything else', () => {
    const allow = accessPolicy([DATA]);
    expect(allow(path.join(DATA, 'figures', 'flow.svg'))).toBe(true);
    expect(allow(path.join(DATA, '..', 'reiwa-plan', 'dataset.json'))).toBe(false);
    expect(allow('/etc/passwd')).toBe(false);
    expect(allow(`${DATA}-evil/x.png`)).toBe(false);
  });

  it('make pdfmake refuse an image path outside the data set', async () => {
    await expect(renderPdf(doc([{ image: '/etc/hosts' }]), [DATA])).rejects.toThrow(/Access to local file denied/);
  });

  it('make pdfmake refuse a URL', async () => {
    // the refusal itself: without a policy pdfmake would try the network and fail another way
    await expect(renderPdf(doc([{ image: 'https://example.invalid/x.png' }]), [DATA])).rejects.toThrow(
      /denied by resource access policy: https:\/\/example\.invalid/,
    );
  });
});

describe('templates', () => {
  it('run without prototype access and never evaluate data as code', () => {
    const hb = createHandlebars({});
    expect(renderText(hb, '{{constructor.name}}|{{__proto__}}|{{a}}', { a: '{{fy 2019}}' })).toBe('||{{fy 2019}}');
    expect(renderText(hb, '{{fy 2019}}', {})).toBe('令和元年度');
  });
});

describe('figures', () => {
  it('are drawn from the data set into the booklet with their caption', async () => {
    const { pages } = await readPdf(out('mini', 'plan-booklet.pdf'));
    const at = pages.findIndex((p) => p.text.includes('図表1 推進の流れ'));
    expect(at).toBeGreaterThanOrEqual(0);
    // the figure itself, not its caption alone: flow.svg's two boxes are filled in its own colours on that page
    const drawn = (await drawnOnPages(out('mini', 'plan-booklet.pdf')))[at];
    expect(drawn.fills).toEqual(expect.arrayContaining(['#3a6ea5', '#58a55c']));
  });
});

// Handlebars environments share what compiling a template yields (src/templates/shared-compile.ts):
// a template compiled in one environment must still run with each environment's own helpers and
// partials, and give what Handlebars' own compile gives.
import { describe, expect, it } from 'vitest';
import Handlebars from 'handlebars';
import { shareCompiled } from '../src/templates/shared-compile.js';

const env = (suffix: string) => {
  const hb = shareCompiled(Handlebars.create());
  hb.registerHelper('mark', (s: unknown) => `${String(s)}${suffix}`);
  hb.registerPartial('tail', `（${suffix}）`);
  return hb;
};

describe('templates compiled once per thread', () => {
  it('run with the helpers and partials of the environment that asks for them', () => {
    const source = '{{mark name}}{{#each xs}}・{{this}}{{/each}}{{> tail}}';
    const [a, b] = [env('甲'), env('乙')];
    const ctx = { name: '事業', xs: [1, 2] };
    expect(a.compile(source, { noEscape: true })(ctx)).toBe('事業甲・1・2（甲）');
    expect(b.compile(source, { noEscape: true })(ctx)).toBe('事業乙・1・2（乙）');
    // the same as Handlebars' own compile in an environment that does not share
    const plain = Handlebars.create();
    plain.registerHelper('mark', (s: unknown) => `${String(s)}乙`);
    plain.registerPartial('tail', '（乙）');
    expect(plain.compile(source, { noEscape: true })(ctx)).toBe('事業乙・1・2（乙）');
  });

  it('keeps options apart: escaping asked for is escaping done', () => {
    const hb = env('');
    expect(hb.compile('{{x}}', { noEscape: true })({ x: '<b>' })).toBe('<b>');
    expect(hb.compile('{{x}}')({ x: '<b>' })).toBe('&lt;b&gt;');
  });
});

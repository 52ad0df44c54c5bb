// Handlebars environments share what compiling a template yields (src/templates/shared-compile.ts):
// a template compiled in one environment must still run with each environment's own helpers and
// partials, and give what Handlebars' own compile gives.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import Handlebars from 'handlebars';
import { shareCompiled } from '../src/templates/shared-compile.js';
import { Wording, createHandlebars } from '../src/templates/index.js';
import { COMPILED_CACHE_DIR, compiledKey, readCompiled, writeCompiled } from '../src/templates/compiled-cache.js';

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

// Across processes the specification's source is kept on disk (src/templates/compiled-cache.ts).
// Each test uses a text of its own (a fresh UUID), so no other build's entry is touched.
describe('compiled templates kept on disk', () => {
  // the options as compile() completes them (shared-compile.ts): the entry's name is made with these
  const entry = (text: string, options: object) => path.join(COMPILED_CACHE_DIR, `${compiledKey(Handlebars.VERSION, { ...options, data: true }, text)}.js`);
  const precompiled = (text: string, options: object) => Handlebars.precompile(text, { ...options, data: true }) as string;

  it('are what a new environment runs: the entry kept is used, not compiled again', async () => {
    const text = `{{x}}・${randomUUID()}`;
    const file = entry(text, { noEscape: true });
    try {
      expect(shareCompiled(Handlebars.create()).compile(text, { noEscape: true })({ x: '甲' })).toBe(text.replace('{{x}}', '甲'));
      expect(readFileSync(file, 'utf8')).toBe(precompiled(text, { noEscape: true }));
      // a thread that has not compiled it reads it: proven by an entry whose text says so
      writeFileSync(file, precompiled('kept {{x}}', { noEscape: true }));
      vi.resetModules();
      const fresh = await import('../src/templates/shared-compile.js');
      expect(fresh.shareCompiled(Handlebars.create()).compile(text, { noEscape: true })({ x: '乙' })).toBe('kept 乙');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('give a partial written as text the same entry whether its template was compiled now or read from disk', async () => {
    const [text, partial] = [`【{{> p${randomUUID().slice(0, 8)}}}】`, `{{x}}・${randomUUID()}`];
    const name = /\{\{> (\w+)\}\}/.exec(text)![1]!;
    const files = [entry(text, { noEscape: true }), entry(partial, { noEscape: true })];
    const render = (m: typeof import('../src/templates/shared-compile.js')) => {
      const hb = m.shareCompiled(Handlebars.create());
      hb.registerPartial(name, partial);
      return hb.compile(text, { noEscape: true })({ x: '甲' });
    };
    try {
      expect(render(await import('../src/templates/shared-compile.js'))).toBe(`【${partial.replace('{{x}}', '甲')}】`);
      // the partial is compiled with the options its template carries: as given, not as compiling added to them
      expect(files.map((f) => existsSync(f))).toEqual([true, true]);
      writeFileSync(files[1]!, precompiled('kept {{x}}', { noEscape: true }));
      vi.resetModules();
      expect(render(await import('../src/templates/shared-compile.js'))).toBe('【kept 甲】');
    } finally {
      for (const f of files) rmSync(f, { force: true });
    }
  });

  it('spoilt or cut short, are compiled again and written anew', () => {
    const text = `{{#each xs}}{{this}}、{{/each}}${randomUUID()}`;
    const file = entry(text, { noEscape: true });
    try {
      writeFileSync(file, precompiled(text, { noEscape: true }).slice(0, 40));
      expect(shareCompiled(Handlebars.create()).compile(text, { noEscape: true })({ xs: [1, 2] })).toBe(text.replace(/\{\{#each.*\{\{\/each\}\}/, '1、2、'));
      expect(readFileSync(file, 'utf8')).toBe(precompiled(text, { noEscape: true }));
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('are named by the text, the options and the Handlebars version', () => {
    const k = compiledKey('4.7.8', { data: true }, 'a');
    expect(compiledKey('4.7.8', { data: true }, 'b')).not.toBe(k);
    expect(compiledKey('4.7.8', { data: true, noEscape: true }, 'a')).not.toBe(k);
    expect(compiledKey('4.7.9', { data: true }, 'a')).not.toBe(k);
    expect(compiledKey('4.7.8', { data: true }, 'a')).toBe(k);
  });

  it('are a cache only: a folder that cannot be written is no error, and past 4,000 entries the older half goes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'compiled-'));
    try {
      const blocked = path.join(dir, 'file');
      writeFileSync(blocked, '');
      expect(() => writeCompiled('k', 'x', path.join(blocked, 'sub'))).not.toThrow();
      expect(readCompiled('k', path.join(blocked, 'sub'))).toBeUndefined();
      const many = path.join(dir, 'many');
      writeCompiled('first', '1', many);
      for (let i = 0; i < 4000; i++) {
        writeFileSync(path.join(many, `old${i}.js`), '');
        utimesSync(path.join(many, `old${i}.js`), 1000 + i, 1000 + i);
      }
      // looked over once a thread: this one has, so nothing goes yet
      writeCompiled('second', '2', many);
      expect(readdirSync(many).length).toBe(4002);
      vi.resetModules();
      const fresh = await import('../src/templates/compiled-cache.js');
      fresh.writeCompiled('third', '3', many);
      const left = readdirSync(many);
      expect(left.length).toBe(2000);
      expect(left).toContain('third.js');
      expect(left).not.toContain('old0.js');
      expect(existsSync(path.join(many, 'old3999.js'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A piece of wording asked again with the same plain data is given from memory (Wording.get's memo):
// it must give what rendering gives, for every context, and never the words of another context.
describe('wording asked again', () => {
  const wording = () =>
    new Wording(
      createHandlebars({ asOf: '2019-08-30' }),
      '{{#*inline "owner"}}{{owner}}（{{fy year}}）{{n}}{{/inline}}{{#*inline "each"}}{{#each xs}}{{@key}}={{this}};{{/each}}{{/inline}}',
      'test.hbs',
    );

  it('gives the words rendering gives, whatever the context', () => {
    const w = wording();
    const contexts: object[] = [
      { owner: '企画部', year: 2019 },
      { owner: '企画部', year: 2019 },
      { owner: '企画部', year: 2020 },
      { owner: '企画部', year: 2019, n: null },
      { owner: '企画部', year: 2019, n: undefined },
      { owner: '企画部', year: 2019, n: -0 },
      { owner: '企画部', year: 2019, n: Number.NaN },
      { owner: '企画部', year: 2019, n: 0 },
      { owner: '企画部', year: 2019, n: [1, 2] },
    ];
    const expected = [
      '企画部（令和元年度）',
      '企画部（令和元年度）',
      '企画部（令和2年度）',
      '企画部（令和元年度）',
      '企画部（令和元年度）',
      '企画部（令和元年度）0',
      '企画部（令和元年度）NaN',
      '企画部（令和元年度）0',
      '企画部（令和元年度）1,2',
    ];
    for (let round = 0; round < 2; round++) expect(contexts.map((c) => w.get('owner', c))).toEqual(expected);
    // a context changed in place is asked anew
    const c = { owner: '総務部', year: 2019 };
    expect(w.get('owner', c)).toBe('総務部（令和元年度）');
    c.owner = '環境生活部';
    expect(w.get('owner', c)).toBe('環境生活部（令和元年度）');
  });

  it('renders every time what JSON would not write as it is (a Map, a Date, a class)', () => {
    const w = wording();
    const m = new Map([['a', 1]]);
    expect(w.get('each', { xs: m })).toBe(w.get('each', { xs: m }));
    m.set('b', 2);
    expect(w.get('each', { xs: m })).toBe('0=a,1;1=b,2;');
    expect(w.get('each', { xs: { a: 1 } })).toBe('a=1;');
    class Owner {
      constructor(
        readonly owner: string,
        readonly year: number,
      ) {}
    }
    expect(w.get('owner', new Owner('企画部', 2019))).toBe('企画部（令和元年度）');
    expect(w.get('owner', new Owner('総務部', 2019))).toBe('総務部（令和元年度）');
    // the same words with the memo's key (the JSON of a plain object) as with the object itself
    expect(w.get('owner', { owner: '企画部', year: 2019 })).toBe('企画部（令和元年度）');
  });
});

// Library modules compiled with V8's code cache (src/code-cache.ts): a module runs as Node runs it
// (exports, module.exports, require and require.resolve, __filename and __dirname), the next process
// compiles it from the cache, and a changed source or a spoilt entry is compiled from the source.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/data.js';

let dir: string;
let cache: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ict-code-cache-'));
  cache = path.join(dir, 'cache');
  const lib = path.join(dir, 'node_modules', 'lib');
  mkdirSync(lib, { recursive: true });
  writeFileSync(path.join(lib, 'package.json'), '{"name":"lib","main":"index.js"}');
  writeFileSync(path.join(lib, 'helper.js'), 'exports.twice = (n) => n * 2;\n');
  writeFileSync(
    path.join(lib, 'index.js'),
    [
      "const { twice } = require('./helper');",
      'module.exports = {',
      '  twice,',
      '  file: __filename,',
      '  dir: __dirname,',
      "  resolved: require.resolve('./helper'),",
      '  sameCache: require.cache === require("module")._cache,',
      '  thisIsExports: this === exports,',
      '};',
    ].join('\n'),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** loads the library in a process of its own with the cache in `cache`; what it saw, and how it was compiled */
function load(env: Record<string, string> = {}, into = cache) {
  const script = `
    import { installCodeCache, codeCacheUse } from ${JSON.stringify(path.join(ROOT, 'src/code-cache.ts'))};
    import { createRequire } from 'node:module';
    installCodeCache(${JSON.stringify(into)});
    const lib = createRequire(${JSON.stringify(path.join(dir, 'main.js'))})('lib');
    process.stdout.write(JSON.stringify({ ...lib, twice: lib.twice(21), use: codeCacheUse }));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('code cache of library modules', () => {
  it('runs a module as Node does, and the next process compiles it from the cache', () => {
    const first = load();
    expect(first).toMatchObject({
      twice: 42,
      file: path.join(dir, 'node_modules', 'lib', 'index.js'),
      dir: path.join(dir, 'node_modules', 'lib'),
      resolved: path.join(dir, 'node_modules', 'lib', 'helper.js'),
      sameCache: true,
      thisIsExports: true,
      use: { cached: 0, compiled: 2 },
    });
    expect(readdirSync(cache).filter((f) => f.endsWith('.bin'))).toHaveLength(2);
    expect(load()).toMatchObject({ twice: 42, use: { cached: 2, compiled: 0 } });
  });

  it('compiles a changed module, or one whose entry is spoilt, from its source', () => {
    load();
    writeFileSync(path.join(dir, 'node_modules', 'lib', 'helper.js'), 'exports.twice = (n) => n + n + 1;\n');
    expect(load()).toMatchObject({ twice: 43, use: { cached: 1, compiled: 1 } });
    for (const f of readdirSync(cache)) writeFileSync(path.join(cache, f), 'not V8 code');
    expect(load()).toMatchObject({ twice: 43, use: { cached: 0, compiled: 2 } });
    expect(load()).toMatchObject({ twice: 43, use: { cached: 2, compiled: 0 } });
  });

  it('runs the modules as before where the cache cannot be written (a file where its folder would be)', () => {
    writeFileSync(path.join(dir, 'a-file'), '');
    const into = path.join(dir, 'a-file', 'cache');
    expect(load({}, into)).toMatchObject({ twice: 42, use: { cached: 0, compiled: 2 } });
    expect(load({}, into)).toMatchObject({ twice: 42, use: { cached: 0, compiled: 2 } });
  });

  it('is unused when switched off', () => {
    expect(load({ ICT_NO_CODE_CACHE: '1' })).toMatchObject({ twice: 42, use: { cached: 0, compiled: 0 } });
  });
});

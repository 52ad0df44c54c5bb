// Runs a command of the tool from compiled JavaScript: compiles src/ to dist/ with esbuild
// when a source is newer than the last compilation (a few hundred milliseconds once), so
// that every later run starts without compiling TypeScript.
// usage: node scripts/run.mjs <command> [args…]   (the npm scripts call this)
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.compiled');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(stamp) || statSync(stamp).mtimeMs < Math.max(newest(src), statSync(path.join(root, 'package.json')).mtimeMs)) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(src, 'cli.ts'), path.join(src, 'build-worker.ts'), path.join(src, 'render', 'xlsx-worker.ts')],
    outdir: dist,
    outbase: src,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  mkdirSync(dist, { recursive: true });
  writeFileSync(stamp, new Date(0).toISOString());
}
await import(pathToFileURL(path.join(dist, 'cli.js')).href);

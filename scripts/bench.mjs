// Runs the bench, a tool of the repository and not part of the product (tools/bench/): compiled
// with esbuild into .tmp/bench-dist/ when a source of it or of the product is newer.
// usage: node scripts/bench.mjs [direct | dump] [args…]   (npm run bench calls it with none: the bench itself)
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.join(root, 'tools', 'bench');
const dist = path.join(root, '.tmp', 'bench-dist');
const stamp = path.join(dist, '.compiled');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(stamp) || statSync(stamp).mtimeMs < Math.max(newest(tools), newest(path.join(root, 'src')), statSync(path.join(root, 'package.json')).mtimeMs)) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: ['index', 'direct', 'dump'].map((n) => path.join(tools, `${n}.ts`)),
    outdir: dist,
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
const tool = { direct: 'direct.js', dump: 'dump.js' }[process.argv[2]];
if (tool) process.argv.splice(2, 1);
await import(pathToFileURL(path.join(dist, tool ?? 'index.js')).href);

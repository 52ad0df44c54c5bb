// Runs a command of the tool from compiled JavaScript: compiles src/ to dist/ with esbuild
// when a source is newer than the last compilation (a few hundred milliseconds once), so
// that every later run starts without compiling TypeScript.
// usage: node scripts/run.mjs <command> [args…]   (the npm scripts call this)
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileIfStale } from './compile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
await compileIfStale({
  root,
  sources: [src],
  entryPoints: [path.join(src, 'cli.ts'), path.join(src, 'build-worker.ts'), path.join(src, 'render', 'xlsx-worker.ts')],
  outdir: dist,
  outbase: src,
});
await import(pathToFileURL(path.join(dist, 'cli.js')).href);

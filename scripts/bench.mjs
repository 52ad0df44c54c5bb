// Runs the bench, a tool of the repository and not part of the product (tools/bench/): compiled
// with esbuild into .tmp/bench-dist/ when a source of it or of the product is newer.
// usage: node scripts/bench.mjs [direct | dump | peer-chromium | peer-typst] [args…]   (npm run bench calls it with none: the bench itself)
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileIfStale } from './compile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.join(root, 'tools', 'bench');
const dist = path.join(root, '.tmp', 'bench-dist');
await compileIfStale({
  root,
  sources: [tools, path.join(root, 'src')],
  entryPoints: ['index', 'direct', 'dump', 'peer-chromium', 'peer-typst'].map((n) => path.join(tools, `${n}.ts`)),
  outdir: dist,
});
const tool = { direct: 'direct.js', dump: 'dump.js', 'peer-chromium': 'peer-chromium.js', 'peer-typst': 'peer-typst.js' }[process.argv[2]];
if (tool) process.argv.splice(2, 1);
await import(pathToFileURL(path.join(dist, tool ?? 'index.js')).href);

// Compiles TypeScript entry points with esbuild into `outdir` when one of the `sources` folders
// (or package.json) is newer than the last compilation, so later runs start without compiling.
// Used by scripts/run.mjs (the tool, into dist/) and scripts/bench.mjs (the bench, into .tmp/).
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export async function compileIfStale({ root, sources, entryPoints, outdir, outbase }) {
  const stamp = path.join(outdir, '.compiled');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources.map(newest), statSync(path.join(root, 'package.json')).mtimeMs)) return;
  const { build } = await import('esbuild');
  await build({
    entryPoints,
    outdir,
    outbase,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  mkdirSync(outdir, { recursive: true });
  writeFileSync(stamp, new Date(0).toISOString());
}

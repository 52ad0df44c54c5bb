// Compiles TypeScript entry points with esbuild into `outdir` when one of the `sources` folders
// (or package.json) is newer than the last compilation, so later runs start without compiling.
// Used by scripts/run.mjs (the tool, into dist/) and scripts/bench.mjs (the bench, into .tmp/).
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
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
  const { metafile } = await build({
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
    metafile: true,
  });
  mkdirSync(outdir, { recursive: true });
  // chunks are named by their content: the last compilation's are taken away, so that the folder holds
  // this compilation only (the tool's code hash reads it: src/pipeline.ts) and does not grow with each one
  const files = Object.keys(metafile.outputs).map((f) => path.relative(outdir, path.resolve(f)).split(path.sep).join('/'));
  const keep = new Set(files);
  for (const e of readdirSync(outdir, { recursive: true, withFileTypes: true }))
    if (e.isFile() && /\.js(\.map)?$/.test(e.name)) {
      const rel = path.relative(outdir, path.join(e.parentPath, e.name)).split(path.sep).join('/');
      if (!keep.has(rel)) rmSync(path.join(outdir, rel), { force: true });
    }
  // the stamp's time says when; its text lists what this compilation wrote
  writeFileSync(stamp, JSON.stringify(files.sort(), null, 1) + '\n');
}

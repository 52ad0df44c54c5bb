// Compiles TypeScript entry points with esbuild into `outdir` when one of the `sources` folders
// (or package.json, or this file) is newer than the last compilation, so later runs start without compiling.
// Used by scripts/run.mjs (the tool, into dist/) and scripts/bench.mjs (the bench, into .tmp/).
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Packages compiled into the output with the tool's own code: those every build process loads
 * at start. Loaded from node_modules, their 150 small files cost each process about 0.1 s of
 * module resolution and reading (the Miyagi booklet built with CPU ×0.91, the default build ×0.96;
 * pairs of 10 runs). Every other package stays in node_modules, loaded as it is: pdfkit reads its
 * data files beside its own code, fontkit must be the one pdfkit loads (render/font-faces.ts),
 * jsonc-parser's UMD build requires its parts at run time, and the bench's browser and Typst have
 * native code.
 */
const BUNDLED = ['handlebars', 'fast-glob', 'zod', 'marked', 'dayjs', 'exceljs', 'jszip'];
/**
 * Of these, only the modules the tool imports by path are compiled in; the package's index stays
 * in node_modules. exceljs: its workbook class (render/xlsx.ts writes every workbook with it: about
 * 270 files with jszip, pako and the rest, 0.1 s of loading in each process and workbook thread)
 * is compiled in; its index, which the commands that read returned workbooks import (with the
 * streaming reader, archiver, unzipper and a polyfill library: 1.3 MB), is loaded as it is.
 */
const INDEX_EXTERNAL = ['exceljs'];

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
  // this file too: a change of how the tool is compiled compiles it again
  const self = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources.map(newest), statSync(path.join(root, 'package.json')).mtimeMs, self)) return;
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => !BUNDLED.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
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
    external,
    sourcemap: 'linked',
    // a CommonJS package compiled into an ES module requires Node's own modules (fast-glob's 'os'): it is given a require
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
    metafile: true,
    plugins: [
      {
        name: 'index-external',
        setup(b) {
          b.onResolve({ filter: new RegExp(`^(${INDEX_EXTERNAL.join('|')})$`) }, (a) => ({ path: a.path, external: true }));
        },
      },
    ],
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

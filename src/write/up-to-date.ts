// A build whose inputs have not changed since the last one (the same data, templates, fonts and
// tool: pipeline.ts's inputsHash) would write the same bytes again (tests/determinism.test.ts):
// when the output set already holds every file of that build, exactly as written, the build
// keeps it instead of laying everything out again. Anything else (a file missing, changed or
// added by hand, a set built from other inputs or only in part) and the build runs as usual.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_TOOL, readManifestOf, type Manifest } from './index.js';
import { foreignIn } from './ownership.js';

/**
 * The manifest of output/<id> when it was built from `inputs` and holds every file in `expected`
 * (names, or folders ending in '/' that must hold a file), each as written and nothing else;
 * otherwise undefined. `own` names files another command writes into the set with inputs of
 * their own (the 正誤表), which stay as they are.
 */
export function upToDateSet(outRoot: string, id: string, inputs: string, expected: string[], own: (name: string) => boolean): Manifest | undefined {
  const dir = path.join(outRoot, id);
  const manifest = readManifestOf(dir);
  if (!manifest || manifest.tool !== MANIFEST_TOOL || manifest.dataset !== id || manifest.inputs !== inputs) return undefined;
  if (manifest.files.some((f) => !own(f.file) && f.inputs !== inputs)) return undefined;
  const names = manifest.files.map((f) => f.file);
  if (!expected.every((e) => (e.endsWith('/') ? names.some((n) => n.startsWith(e)) : names.includes(e)))) return undefined;
  if (!names.every((n) => existsSync(path.join(dir, n)))) return undefined;
  return foreignIn(dir, manifest).length ? undefined : manifest;
}

// Which of the pdfmake internals the seam replaces (src/render/pdf/install.ts, PATCHES) a pdfmake
// version has changed: each method's source is hashed and compared with the hashes recorded for
// the version the project is pinned to (src/render/pdf/pdfmake-internals.json).
// usage: node scripts/pdfmake-internals.mjs [<pdfmake folder>]   (default: node_modules/pdfmake)
//        node scripts/pdfmake-internals.mjs --record              (after checking an upgrade by hand)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const recordFile = path.join(root, 'src/render/pdf/pdfmake-internals.json');
const record = process.argv.includes('--record');
const folder = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(root, 'node_modules/pdfmake'));
const requireFrom = createRequire(path.join(folder, 'package.json'));

// the internals named in PATCHES: 'js/LayoutBuilder.js: LayoutBuilder.prototype.buildNextLine', or 'js/TextBreaker.js: module'
const install = readFileSync(path.join(root, 'src/render/pdf/install.ts'), 'utf8');
const internals = [...new Set([...install.matchAll(/'(js\/[A-Za-z/]+\.js): ([A-Za-z.]+)'/g)].map((m) => `${m[1]}: ${m[2]}`))].sort();
const pdfkitOnes = [...new Set([...install.matchAll(/'(pdfkit[^']*)'/g)].map((m) => m[1]))];

function sourceOf(entry) {
  const [file, dotted] = entry.split(': ');
  // 'js/File.js: module': the whole file (for the helpers a patch copies that the module does not export)
  if (dotted === 'module') return readFileSync(path.join(folder, file), 'utf8');
  let v = requireFrom(path.join(folder, file));
  v = v.default ?? v;
  for (const part of dotted.split('.').slice(1)) v = v?.[part];
  return typeof v === 'function' ? v.toString() : undefined;
}

const version = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).version;
const hashes = Object.fromEntries(
  internals.map((e) => [e, sourceOf(e) === undefined ? null : createHash('sha256').update(sourceOf(e)).digest('hex').slice(0, 16)]),
);
if (record) {
  writeFileSync(recordFile, JSON.stringify({ pdfmake: version, internals: hashes }, null, 2) + '\n');
  console.log(`recorded ${internals.length} internals of pdfmake ${version}`);
  process.exit(0);
}
const known = JSON.parse(readFileSync(recordFile, 'utf8'));
let changed = 0;
console.log(`pdfmake ${version} against the recorded ${known.pdfmake}:`);
for (const e of internals) {
  const was = known.internals[e];
  const now = hashes[e];
  const state = now === null ? 'MISSING' : was === undefined ? 'new in the seam (not recorded)' : now === was ? 'unchanged' : 'CHANGED';
  if (state !== 'unchanged') changed++;
  console.log(`  ${state.padEnd(10)} ${e}`);
}
for (const e of pdfkitOnes) console.log(`  by hand    ${e} (pdfkit ${JSON.parse(readFileSync(requireFrom.resolve('pdfkit/package.json'), 'utf8')).version})`);
process.exit(changed ? 1 : 0);

// Type-checks the files tsconfig.checked-index.json lists with noUncheckedIndexedAccess, and reports
// the errors in those files only: a listed file imports unlisted ones, which are not held to the
// option yet (their errors are not this check's). Fails on an error, and on a listed entry that
// names no file (a module renamed or moved would leave the check quietly smaller).
// usage: node tools/checked-index.mjs [config]   (`npm run typecheck` runs it)
import path from 'node:path';
import { existsSync } from 'node:fs';
import ts from 'typescript';

const configPath = path.resolve(process.argv[2] ?? 'tsconfig.checked-index.json');
const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail([d]) };
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
if (!config) process.exit(1);
if (!config.options.noUncheckedIndexedAccess) fail([], `${path.basename(configPath)} does not turn noUncheckedIndexedAccess on`);

const listed = config.raw.include ?? [];
const roots = new Set(config.fileNames.map((f) => path.resolve(f)));
const dir = path.dirname(configPath);
const empty = listed.filter((entry) => {
  const at = path.resolve(dir, entry);
  return !existsSync(at) || ![...roots].some((f) => f === at || f.startsWith(at + path.sep));
});
if (empty.length) fail([], `${path.basename(configPath)} lists what holds no file: ${empty.join(', ')}`);

const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const diagnostics = [
  ...program.getOptionsDiagnostics(),
  ...program.getGlobalDiagnostics(),
  ...program
    .getSourceFiles()
    .filter((sf) => roots.has(path.resolve(sf.fileName)))
    .flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
];
if (diagnostics.length) fail(diagnostics);
console.log(`noUncheckedIndexedAccess: ${roots.size} files checked (${path.basename(configPath)})`);

function fail(diagnostics, message) {
  if (diagnostics.length)
    console.error(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' }));
  if (message) console.error(message);
  process.exit(1);
}

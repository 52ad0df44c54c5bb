// Start-up: every process compiles the libraries' CommonJS modules anew (pdfkit, fontkit, pdfmake,
// linebreak…: about 1.5 MB of source) and, as the build runs, each function it calls the first time.
// Node 22 keeps that work on disk (module.enableCompileCache); Node 20, which this tool supports, has
// no such cache. Here a library module is compiled with V8's code cache: after the process has run,
// the code V8 made for the module, its lazily compiled functions included, is written to
// node_modules/.cache/ict-plan-publisher/v8/, named by a hash of the module's path and source, and
// the next process compiles the module from it. V8 checks the cache against its own version and
// flags and against the source, and compiles as usual when it does not fit (`cachedDataRejected`,
// written anew then). The tool's own code (ES modules in dist/) is not covered: Node 20 offers no
// cache for ES modules. It is a cache and nothing more: an entry that cannot be read or written is
// compiled as before, and the folder may be deleted at any time. ICT_NO_CODE_CACHE=1 leaves it unused.
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { Module } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { CACHE_DIR } from './paths.js';
import { writeCacheFile } from './cache-file.js';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * by Node's version and the process's flags: V8 takes a cache only from a process of its own version
 * and flags, so processes started with other flags (the build processes' --v8-pool-size=1) keep
 * theirs apart instead of rejecting and rewriting each other's
 */
export const CODE_CACHE_DIR = path.join(
  CACHE_DIR,
  'v8',
  `${process.version}-${process.arch}-${createHash('sha256').update(process.execArgv.join('\0')).digest('hex').slice(0, 12)}`,
);
const LIBRARY = `${path.sep}node_modules${path.sep}`;
/** beyond this many entries (old versions of libraries, of Node, other flags), a process that writes drops those it did not use */
const KEEP = 400;

/** what this process's library modules were compiled from: a fitting cache, or their source (the code then written) */
export const codeCacheUse = { cached: 0, compiled: 0 };

let installed = false;
export function installCodeCache(dir = CODE_CACHE_DIR): void {
  if (installed || process.env.ICT_NO_CODE_CACHE === '1') return;
  installed = true;
  const enable = (Module as Any).enableCompileCache;
  if (typeof enable === 'function') {
    enable(dir); // Node's own, where there is one
    return;
  }
  const proto = (Module as Any).prototype;
  const compile = proto._compile;
  /** scripts compiled without a fitting cache: their code is written when the process ends */
  const made: { script: Script; file: string }[] = [];
  const used = new Set<string>();
  proto._compile = function (this: Any, content: string, filename: string) {
    if (!filename.includes(LIBRARY) || !/\.(c?js)$/.test(filename)) return compile.call(this, content, filename);
    const file = path.join(dir, `${createHash('sha256').update(filename).update('\0').update(content).digest('hex').slice(0, 40)}.bin`);
    used.add(path.basename(file));
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      // not cached yet
    }
    const script = new Script((Module as Any).wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) {
      made.push({ script, file });
      codeCacheUse.compiled++;
    } else codeCacheUse.cached++;
    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(this.exports, this.exports, requireOf(this), this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    if (made.length === 0) return;
    // a folder this process cannot write (a tool installed read-only): the code is not even made
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch {
      return;
    }
    for (const { script, file } of made) writeCacheFile(file, script.createCachedData());
    prune(dir, used);
  });
}

function prune(dir: string, used: Set<string>): void {
  try {
    const entries = readdirSync(dir);
    if (entries.length > KEEP) for (const e of entries) if (!used.has(e)) rmSync(path.join(dir, e), { force: true });
  } catch {
    // another process pruned it first, or the folder cannot be read: left as it is
  }
}

/** the `require` Node gives a module (lib/internal/modules/helpers.js makeRequireFunction) */
function requireOf(mod: Any): Any {
  const M = Module as Any;
  const require: Any = (id: string) => mod.require(id);
  require.resolve = (request: string, options?: Any) => M._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request: string) => M._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = M._extensions;
  require.cache = M._cache;
  return require;
}

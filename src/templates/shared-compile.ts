// Speed: every data set gets a Handlebars environment of its own (its era rules are its helpers),
// and Handlebars compiles each template anew in each environment: parse, compile, and generate
// JavaScript. A build of several data sets, and `watch` on every rebuild, compiled the same
// wording again and again. What compiling yields (a template specification, as Handlebars'
// precompiler makes) does not depend on the environment: helpers and partials are looked up when
// the template runs. So the specification is kept for the thread, by template text and options,
// and each environment makes its template from it with its own `template()`, lazily, exactly as
// its own compile() would. Across processes and builds, the specification's source is kept on disk
// (compiled-cache.ts).
import type HandlebarsNs from 'handlebars';
import { compiledKey, readCompiled, writeCompiled } from './compiled-cache.js';

type Env = typeof HandlebarsNs;
type Compile = Env['compile'];
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const specs = new Map<string, Any>();

/** Makes `hb.compile` reuse the specifications compiled in this thread for the same text and options. */
export function shareCompiled(hb: Env): Env {
  const own: Compile = hb.compile.bind(hb);
  const env = hb as Any;
  hb.compile = ((input: Any, options: Any = {}) => {
    // an AST (a data set's parsed text) is compiled as Handlebars does it
    if (typeof input !== 'string') return own(input, options);
    // the options as Handlebars' compile() completes them
    const opts = { ...options };
    if (!('data' in opts)) opts.data = true;
    if (opts.compat) opts.useDepths = true;
    const key = `${JSON.stringify(opts)}\0${input}`;
    let compiled: Any;
    const compileInput = () => {
      let spec = specs.get(key);
      if (!spec) {
        spec = specOf(env, input, opts);
        specs.set(key, spec);
      }
      return env.template(spec);
    };
    // compiled on first use, as Handlebars does
    const ret: Any = function (this: unknown, context: unknown, execOptions: unknown) {
      compiled ??= compileInput();
      return compiled.call(this, context, execOptions);
    };
    ret._setup = (setupOptions: unknown) => (compiled ??= compileInput())._setup(setupOptions);
    ret._child = (i: number, data: unknown, blockParams: unknown, depths: unknown) => (compiled ??= compileInput())._child(i, data, blockParams, depths);
    return ret;
  }) as Compile;
  return hb;
}

/** a specification as Handlebars' compile() makes it: from its source kept on disk, or compiled and kept */
function specOf(env: Any, input: string, opts: Any): Any {
  const diskKey = compiledKey(env.VERSION, opts, input);
  const kept = readCompiled(diskKey);
  if (kept !== undefined) {
    try {
      return specFromSource(kept, opts);
    } catch {
      // an entry cut short or spoilt: compiled again below, and written anew
    }
  }
  // compiling adds to the options it is given (knownHelpers, blockParams): a copy is given, so that the
  // options a template carries (below) are the same whether it was compiled now or read from disk, and
  // so are the entries' names of the partials compiled with them
  const compiling = { ...opts };
  const environment = new env.Compiler().compile(env.parse(input, compiling), compiling);
  // the source, as the precompiler writes it (compile()'s own asObject mode makes the same functions directly)
  const source: string = new env.JavaScriptCompiler().compile(environment, compiling);
  writeCompiled(diskKey, source);
  return specFromSource(source, opts);
}

// the precompiled form is an object literal of functions (`handlebars -f` writes it into a file
// that `template()` is then given); compile()'s own result carries its options too, with which a
// partial given as text is compiled when the template calls it
const specFromSource = (source: string, opts: Any): Any => Object.assign(new Function(`return ${source}`)(), { compilerOptions: opts });

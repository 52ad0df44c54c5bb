// Speed: every data set gets a Handlebars environment of its own (its era rules are its helpers),
// and Handlebars compiles each template anew in each environment: parse, compile, and generate
// JavaScript. A build of several data sets, and `watch` on every rebuild, compiled the same
// wording again and again. What compiling yields (a template specification, as Handlebars'
// precompiler makes) does not depend on the environment: helpers and partials are looked up when
// the template runs. So the specification is kept for the thread, by template text and options,
// and each environment makes its template from it with its own `template()`, lazily, exactly as
// its own compile() would.
import type HandlebarsNs from 'handlebars';

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
        const ast = env.parse(input, opts);
        const environment = new env.Compiler().compile(ast, opts);
        spec = new env.JavaScriptCompiler().compile(environment, opts, undefined, true);
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

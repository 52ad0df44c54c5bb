// Start-up: fontkit loads the brotli decoder (for WOFF2 fonts) and pdfkit the AES cipher and the
// SHA-2 hashes (for encrypted PDFs) when they are loaded, about 30 ms of CPU in every process — the decoder's
// dictionary alone is 756 kB of source. This tool embeds TrueType fonts and never encrypts, so
// neither is used. Each is given to the library as a stand-in that loads the real module the
// first time it is used (called, or a property read), so that a font or a PDF that needs one
// still gets it. Installed before fontkit or pdfkit is first required (font-faces.ts and
// pdf/install.ts import this first).
import { createRequire, Module } from 'node:module';

const require = createRequire(import.meta.url);
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `request` as `from` (a package's entry) would resolve it, loaded only when first used */
function lazy(from: string, request: string, callable: boolean): void {
  let file: string;
  try {
    file = createRequire(require.resolve(from)).resolve(request);
  } catch {
    return; // not where expected (another version of the library): loaded as the library asks
  }
  const cache = (Module as Any)._cache as Record<string, Any>;
  if (cache[file]) return;
  let real: Any;
  const load = () => {
    if (real === undefined) {
      if (cache[file] === standIn) delete cache[file];
      real = require(file);
    }
    return real;
  };
  const exported = new Proxy(callable ? function () {} : {}, {
    apply: (_t, self, args) => Reflect.apply(load(), self, args),
    get: (_t, key) => load()[key],
    has: (_t, key) => key in load(),
  });
  const standIn = Object.assign(new Module(file), { filename: file, loaded: true, exports: exported });
  cache[file] = standIn;
}

lazy('fontkit', 'brotli/decompress.js', true);
lazy('pdfkit', '@noble/ciphers/aes', false);
lazy('pdfkit', '@noble/hashes/sha2', false);
lazy('pdfkit', '@noble/hashes/utils', false);

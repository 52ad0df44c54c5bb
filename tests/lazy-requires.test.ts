// The modules fontkit and pdfkit load for what this tool never does (WOFF2 fonts, encrypted PDFs)
// are stand-ins until used (src/render/lazy-requires.ts): used, each must be the real module.
import { brotliCompressSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import '../src/render/lazy-requires.js';

const require = createRequire(import.meta.url);
const from = (pkg: string) => createRequire(require.resolve(pkg));

describe('modules loaded when first used', () => {
  it('gives fontkit a brotli decoder that decodes', () => {
    // the decoder's 756 kB dictionary is read only when a font needs it
    const dictionary = from(from('fontkit').resolve('brotli/decompress.js')).resolve('./dec/dictionary-data.js');
    const decompress = from('fontkit')('brotli/decompress.js');
    expect(require.cache[dictionary]).toBeUndefined();
    const text = Buffer.from('ウェブフォント WOFF2 '.repeat(50));
    const out = decompress(brotliCompressSync(text), text.length);
    expect(Buffer.from(out).equals(text)).toBe(true);
    expect(require.cache[dictionary]).toBeDefined();
  });

  it('gives pdfkit the AES cipher and the SHA-2 hashes it encrypts with', () => {
    const aes = from('pdfkit')('@noble/ciphers/aes');
    const key = new Uint8Array(16).fill(7);
    const iv = new Uint8Array(16).fill(1);
    const data = new TextEncoder().encode('令和元年8月30日');
    expect(new TextDecoder().decode(aes.cbc(key, iv).decrypt(aes.cbc(key, iv).encrypt(data)))).toBe('令和元年8月30日');
    const { sha256 } = from('pdfkit')('@noble/hashes/sha2');
    expect(Buffer.from(sha256(new TextEncoder().encode('abc'))).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const utils = from('pdfkit')('@noble/hashes/utils');
    expect([...utils.concatBytes(new Uint8Array([1]), new Uint8Array([2]))]).toEqual([1, 2]);
  });
});

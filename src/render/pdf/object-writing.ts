// Speed: how pdfkit writes a document's objects. pdfkit serialises each object's dictionary with
// PDFObject.convert, which tries String, Buffer, three classes and Date before it reaches an
// array or a plain dictionary; it hands every line of output (five for an object, about 100,000
// for the tagged ×10 booklet) to its Readable stream as a Buffer of its own, each a push through
// the stream's machinery; and a tagged page opens each line's marked content with a dictionary
// built and converted the same way. Here, for a document that is not encrypted:
//  1. `PDFReference.finalize` serialises with `convert` below: the same rules, the common values
//     (names, numbers, references, arrays, dictionaries) tested first;
//  2. the document's lines are kept as strings and pushed as one Buffer per ~64 kB (a stream's
//     bytes, and the end, push what is kept first); each line's offset is counted as before;
//  3. a mark with an MCID (a tagged line) or an artifact's type is written as pdfkit writes it,
//     without the dictionary.
// So the bytes are the same (tests/determinism.test.ts builds with ICT_PDF_NO_OBJECT_WRITING=1).
// A change that could be offered upstream in PDFObject, PDFDocument._write and markContent.
import { deflateSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { switchedOff } from '../switches.js';
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// pdfkit's own (lib/object.js): the characters a literal string escapes
const ESCAPABLE_RE = /[\n\r\t\b\f()\\]/g;
const ESCAPABLE: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\\': '\\\\', '(': '\\(', ')': '\\)' };
const pad = (n: number, length: number) => String(n).padStart(length, '0').slice(-length);
const objectToString = Object.prototype.toString;

/** PDFObject.number: six decimals at most; pdfkit refuses what it cannot write. */
function number(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/** A literal string, as PDFObject.convert writes a String object (UTF-16BE with a BOM beyond ASCII). */
function literal(s: string): string {
  let unicode = false;
  for (let i = 0; i < s.length; i++)
    if (s.charCodeAt(i) > 0x7f) {
      unicode = true;
      break;
    }
  const bytes = unicode ? Buffer.from(`\ufeff${s}`, 'utf16le').swap16() : Buffer.from(s, 'ascii');
  return `(${bytes.toString('binary').replace(ESCAPABLE_RE, (c) => ESCAPABLE[c])})`;
}

/** A dictionary: each enumerable key (own or inherited, as for…in has them) and its value, a line each. */
function dictionary(o: object): string {
  let s = '<<';
  for (const key in o) s += '\n/' + key + ' ' + convert((o as Record<string, unknown>)[key]);
  return s + '\n>>';
}

/**
 * PDFObject.convert without encryption, for every value it is given: a string is a name, a number
 * has six decimals, a reference, name or number tree or spot colour writes itself (they are the
 * classes of pdfkit with a toString of their own), an array is its values, a dictionary its keys.
 */
export function convert(o: unknown): string | number {
  if (typeof o === 'string') return '/' + o;
  if (typeof o === 'number') return number(o);
  if (o === null || typeof o !== 'object') return `${o as string}`;
  if (Array.isArray(o)) {
    // Array.prototype.map keeps a hole, which join writes as nothing
    let s = '[';
    for (let i = 0; i < o.length; i++) {
      if (i) s += ' ';
      const v = o[i];
      if (v !== undefined || i in o) s += convert(v);
    }
    return s + ']';
  }
  const proto = Object.getPrototypeOf(o);
  if (proto === Object.prototype || proto === null) return dictionary(o);
  if (o instanceof String) return literal(o.valueOf());
  if (Buffer.isBuffer(o)) return `<${o.toString('hex')}>`;
  if (o instanceof Date)
    return `(D:${pad(o.getUTCFullYear(), 4)}${pad(o.getUTCMonth() + 1, 2)}${pad(o.getUTCDate(), 2)}${pad(o.getUTCHours(), 2)}${pad(o.getUTCMinutes(), 2)}${pad(o.getUTCSeconds(), 2)}Z)`;
  // a reference, a name or number tree, a spot colour: pdfkit's classes that write themselves
  if ((o as { toString: unknown }).toString !== objectToString) return String(o);
  if (objectToString.call(o) === '[object Object]') return dictionary(o);
  return `${o as unknown as string}`;
}

const KEPT = Symbol('kept lines');
const FLUSH_AT = 1 << 16;
interface Kept {
  lines: string[];
  size: number;
}

/** Pushes the kept lines, as the one Buffer their pushes would have made. */
function pushKept(doc: Any): void {
  const k: Kept | undefined = doc[KEPT];
  if (!k || !k.lines.length) return;
  const bytes = Buffer.from(k.lines.join(''), 'binary');
  k.lines.length = 0;
  k.size = 0;
  Readable.prototype.push.call(doc, bytes);
}

let installed = false;
/** `PdfKitDocument`: pdfkit's PDFDocument (pdfmake's extends it). */
export function installObjectWriting(PdfKitDocument: Any): void {
  if (installed || switchedOff('ICT_PDF_NO_OBJECT_WRITING')) return;
  installed = true;
  const proto = PdfKitDocument.prototype;

  // (1) PDFReference is not exported: a reference made for no document gives its prototype
  const PDFReference = Object.getPrototypeOf(proto.ref.call({ _offsets: [], _waiting: 0 }, {})).constructor;
  const finalize = PDFReference.prototype.finalize;
  PDFReference.prototype.finalize = function (this: Any) {
    const doc = this.document;
    if (doc._security) return finalize.call(this);
    this.offset = doc._offset;
    if (this.buffer.length) {
      this.buffer = Buffer.concat(this.buffer);
      if (this.compress) this.buffer = deflateSync(this.buffer);
      this.data.Length = this.buffer.length;
    }
    doc._write(`${this.id} ${this.gen} obj`);
    doc._write(convert(this.data));
    if (this.buffer.length) {
      doc._write('stream');
      doc._write(this.buffer);
      this.buffer = [];
      doc._write('\nendstream');
    }
    doc._write('endobj');
    doc._refEnd(this);
  };

  // (2) lines kept; a Buffer (a stream's bytes) and the end push them first
  proto._write = function (this: Any, data: unknown) {
    if (Buffer.isBuffer(data)) {
      pushKept(this);
      Readable.prototype.push.call(this, data);
      this._offset += data.length;
      return;
    }
    const line = data + '\n';
    const k: Kept = (this[KEPT] ??= { lines: [], size: 0 });
    k.lines.push(line);
    k.size += line.length;
    this._offset += line.length;
    if (k.size >= FLUSH_AT) pushKept(this);
  };
  proto.push = function (this: Any, chunk: unknown, encoding?: BufferEncoding) {
    if (chunk === null) pushKept(this);
    return Readable.prototype.push.call(this, chunk, encoding);
  };

  // (3) the marks a tagged page makes on every line, written directly; any other goes to pdfkit
  const markContent = proto.markContent;
  proto.markContent = function (this: Any, tag: string, options: Any = null) {
    const artifact = tag === 'Artifact';
    let dict: string;
    if (options === null || tag === 'Span') return markContent.call(this, tag, options);
    if (artifact) {
      if (options.mcid !== undefined || typeof options.type !== 'string' || Array.isArray(options.bbox) || Array.isArray(options.attached))
        return markContent.call(this, tag, options);
      dict = `<<\n/Type /${options.type}\n>>`;
    } else {
      if (typeof options.mcid !== 'number') return markContent.call(this, tag, options);
      dict = `<<\n/MCID ${number(options.mcid)}\n>>`;
    }
    // as pdfkit: an artifact or a numbered mark first closes the marks open on the page
    if (artifact || options.mcid) {
      const markings = this.page.markings;
      let toClose = 0;
      for (let i = 0; i < markings.length; i++) if (toClose || markings[i].structContent || markings[i].tag === 'Artifact') toClose++;
      while (toClose--) this.endMarkedContent();
    }
    this.page.markings.push({ tag, options });
    this.addContent(`/${tag} ${dict} BDC`);
    return this;
  };
}

// A PNG read as strictly as pdfkit needs: every chunk inside the file with a correct CRC,
// a sane IHDR, and the image data inflating to exactly the rows the header promises with a
// valid filter on each row. pdfkit's own reader (png-js) trusts all of this: a 2³¹-wide header
// or a bad zlib stream there throws inside a zlib callback and ends the process.
import zlib from 'node:zlib';
import { figureMessages as m, FigureError, FIGURE_LIMITS } from './figure-messages.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** channels of each colour type, and the bit depths it allows */
const COLOUR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};
/** Adam7 passes: x0, y0, dx, dy */
const ADAM7: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

let crcTable: Uint32Array | undefined;
function crc32(b: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8); // & 0xff: one of the table's 256
  return (c ^ 0xffffffff) >>> 0;
}

export function checkPng(b: Buffer): { width: number; height: number } {
  if (b.length < 8 || !b.subarray(0, 8).equals(SIGNATURE)) throw new FigureError(m.notPng());
  const bad = (what: string, context: object = {}) => new FigureError(m.corrupt('PNG', what, context));
  let pos = 8;
  let header: { width: number; height: number; depth: number; colour: number; channels: number; interlaced: boolean } | undefined;
  let palette = false;
  const data: Buffer[] = [];
  for (;;) {
    if (pos + 12 > b.length) throw new FigureError(m.truncated('PNG'));
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (length > 0x7fffffff) throw bad('chunk-length', { type });
    if (pos + 12 + length > b.length) throw new FigureError(m.truncated('PNG'));
    const body = b.subarray(pos + 8, pos + 8 + length);
    if (crc32(b.subarray(pos + 4, pos + 8 + length)) !== b.readUInt32BE(pos + 8 + length)) throw bad('checksum', { type });
    pos += 12 + length;
    if (!header) {
      if (type !== 'IHDR' || length !== 13) throw bad('no-ihdr');
      const width = body.readUInt32BE(0);
      const height = body.readUInt32BE(4);
      // the 13 bytes' last five (the length is checked above)
      const depth = body.readUInt8(8);
      const colour = body.readUInt8(9);
      const compression = body.readUInt8(10);
      const filter = body.readUInt8(11);
      const interlace = body.readUInt8(12);
      if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) throw bad('size', { width, height });
      // before anything is inflated: a small file may claim an enormous image
      if (width * height > FIGURE_LIMITS.pixels) throw new FigureError(m.tooManyPixels(width, height, FIGURE_LIMITS.pixels));
      const colourType = COLOUR_TYPES[colour];
      if (!colourType?.depths.includes(depth)) throw bad('colour', { colour, depth });
      if (compression !== 0 || filter !== 0 || interlace > 1) throw bad('methods');
      header = { width, height, depth, colour, channels: colourType.channels, interlaced: interlace === 1 };
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    else if (type === 'IHDR') throw bad('ihdr-twice');
  }
  if (!header) throw new FigureError(m.truncated('PNG'));
  if (data.length === 0) throw bad('no-idat');
  if (header.colour === 3 && !palette) throw bad('no-plte');

  // the rows the header promises: one filter byte and the packed pixels each
  const { width, height, depth, channels } = header;
  const bitsPerPixel = channels * depth;
  const passes: [number, number][] = header.interlaced
    ? ADAM7.map(([x0, y0, dx, dy]): [number, number] => [Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)]).filter(([w, h]) => w > 0 && h > 0)
    : [[width, height]];
  const rows = passes.map(([w, h]) => ({ bytes: 1 + Math.ceil((w * bitsPerPixel) / 8), count: h }));
  const expected = rows.reduce((s, r) => s + r.bytes * r.count, 0);
  let pixels: Buffer;
  try {
    pixels = zlib.inflateSync(Buffer.concat(data), { maxOutputLength: expected });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw bad('data-too-long');
    if ((e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') throw new FigureError(m.truncated('PNG'));
    throw bad('inflate', { reason: (e as Error).message });
  }
  if (pixels.length < expected) throw new FigureError(m.truncated('PNG'));
  let at = 0;
  // at stays below expected, and pixels is at least that long
  for (const r of rows)
    for (let i = 0; i < r.count; i++, at += r.bytes) {
      const filter = pixels.readUInt8(at);
      if (filter > 4) throw bad('row-filter', { filter });
    }
  return { width, height };
}

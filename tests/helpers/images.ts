// Test images made in code: PNGs of any header (zlib), and two tiny JPEGs (made once with
// ImageMagick: a 16×12 gradient, baseline and progressive). Nothing big is committed.
import zlib from 'node:zlib';

let table: number[] | undefined;
function crc32(b: Buffer): number {
  table ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const x of b) c = table[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])));
  return Buffer.concat([head, body, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function ihdr(width: number, height: number, depth = 8, colour = 6, interlace = 0): Buffer {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(width >>> 0, 0);
  b.writeUInt32BE(height >>> 0, 4);
  b.set([depth, colour, 0, 0, interlace], 8);
  return chunk('IHDR', b);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface PngOptions {
  depth?: number;
  colour?: number;
  interlace?: 0 | 1;
  extra?: Buffer[];
}

/** A valid PNG: a diagonal pattern (filter 0 rows), palette and tRNS as the colour type needs. */
export function png(width: number, height: number, o: PngOptions = {}): Buffer {
  const depth = o.depth ?? 8;
  const colour = o.colour ?? 6;
  const bpp = CHANNELS[colour] * depth;
  const passes = o.interlace
    ? [
        [0, 0, 8, 8],
        [4, 0, 8, 8],
        [0, 4, 4, 8],
        [2, 0, 4, 4],
        [0, 2, 2, 4],
        [1, 0, 2, 2],
        [0, 1, 1, 2],
      ]
        .map(([x0, y0, dx, dy]) => [Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)])
        .filter(([w, h]) => w > 0 && h > 0)
    : [[width, height]];
  const rows: Buffer[] = [];
  for (const [w, h] of passes)
    for (let y = 0; y < h; y++) {
      const row = Buffer.alloc(1 + Math.ceil((w * bpp) / 8));
      for (let i = 1; i < row.length; i++) row[i] = (i + y) % 3 === 0 ? 0xff : 0x40;
      rows.push(row);
    }
  const plte = colour === 3 ? [chunk('PLTE', Buffer.from(Array.from({ length: 3 * (1 << depth) }, (_, i) => (i * 37) & 0xff)))] : [];
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdr(width, height, depth, colour, o.interlace ?? 0),
    ...plte,
    ...(o.extra ?? []),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A valid 1-bit grey PNG of one colour: a 20000×20000 one is some 60 KB. */
export function solidPng(width: number, height: number): Buffer {
  const row = Buffer.alloc(1 + Math.ceil(width / 8));
  const deflate = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)), { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height, 1, 0), chunk('IDAT', deflate), chunk('IEND', Buffer.alloc(0))]);
}

export const JPEG_BASELINE = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAYH/8QAGRAAAQUAAAAAAAAAAAAAAAAAAAITFVFh/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAXEQADAQAAAAAAAAAAAAAAAAAABBZh/9oADAMBAAIRAxEAPwDJpDRIaTDy7Dy7KNAK4KrdjT//2Q==',
  'base64',
);
export const JPEG_PROGRESSIVE = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wgARCAAMABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAUG/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/2gAMAwEAAhADEAAAAckmKNX/xAAWEAEBAQAAAAAAAAAAAAAAAAAAERP/2gAIAQEAAQUC0aKr/8QAFhEAAwAAAAAAAAAAAAAAAAAAAAMV/9oACAEDAQE/AbbD/8QAFhEAAwAAAAAAAAAAAAAAAAAAAAMV/9oACAECAQE/AYCj/8QAFBABAAAAAAAAAAAAAAAAAAAAIP/aAAgBAQAGPwIf/8QAFhABAQEAAAAAAAAAAAAAAAAAABEQ/9oACAEBAAE/IcLW/9oADAMBAAIAAwAAABDD/8QAFREBAQAAAAAAAAAAAAAAAAAAAHH/2gAIAQMBAT8Qs//EABURAQEAAAAAAAAAAAAAAAAAAABx/9oACAECAQE/EJP/xAAWEAEBAQAAAAAAAAAAAAAAAAAAYXH/2gAIAQEAAT8Q00qq/9k=',
  'base64',
);

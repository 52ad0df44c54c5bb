// A JPEG walked marker by marker as pdfkit walks it, but refusing what pdfkit would misread:
// a segment running past the end, no frame header (SOF) before the scan, a file cut before
// its end marker (EOI), and frames PDF cannot show (12-bit, lossless, arithmetic, 2 channels).
import { figureMessages as m, FigureError, FIGURE_LIMITS } from './figure-messages.js';

/** baseline, extended and progressive Huffman: what PDF's DCTDecode reads */
const PRINTABLE_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

export function checkJpeg(b: Buffer): { width: number; height: number } {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw new FigureError(m.notJpeg());
  const truncated = () => new FigureError(m.truncated('JPEG'));
  const bad = (what: string, context: object = {}) => new FigureError(m.corrupt('JPEG', what, context));
  let pos = 2;
  let frame: { width: number; height: number } | undefined;
  let scanned = false;
  for (;;) {
    if (pos >= b.length) throw truncated();
    if (b[pos] !== 0xff) throw bad('no-marker', { at: pos });
    while (pos < b.length && b[pos] === 0xff) pos++; // fill bytes
    if (pos >= b.length) throw truncated();
    const marker = b.readUInt8(pos++); // pos < b.length just checked
    if (marker === 0xd9) break; // EOI
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
    if (pos + 2 > b.length) throw truncated();
    const length = b.readUInt16BE(pos);
    if (length < 2) throw bad('marker-length', { marker: marker.toString(16).toUpperCase() });
    if (pos + length > b.length) throw truncated();
    if (isFrame(marker)) {
      if (frame) throw bad('sof-twice');
      if (!PRINTABLE_FRAMES.has(marker)) throw new FigureError(m.unsupported('JPEG', 'compression', { n: marker - 0xc0 }));
      if (length < 8) throw bad('sof-length');
      // the 8 bytes read here lie inside the segment (length >= 8), which lies inside the file
      const precision = b.readUInt8(pos + 2);
      const height = b.readUInt16BE(pos + 3);
      const width = b.readUInt16BE(pos + 5);
      const channels = b.readUInt8(pos + 7);
      if (length < 8 + 3 * channels) throw bad('sof-length');
      if (precision !== 8) throw new FigureError(m.unsupported('JPEG', 'bits', { bits: precision }));
      if (width === 0 || height === 0) throw bad('size', { width, height });
      if (![1, 3, 4].includes(channels)) throw new FigureError(m.unsupported('JPEG', 'channels', { channels }));
      if (width * height > FIGURE_LIMITS.pixels) throw new FigureError(m.tooManyPixels(width, height, FIGURE_LIMITS.pixels));
      frame = { width, height };
    }
    pos += length;
    if (marker === 0xda) {
      // SOS: entropy-coded data up to the next marker (FF00 is a data byte, FFD0–D7 restarts)
      if (!frame) throw bad('scan-before-sof');
      scanned = true;
      for (;;) {
        pos = b.indexOf(0xff, pos);
        if (pos < 0 || pos + 1 >= b.length) throw truncated();
        const next = b.readUInt8(pos + 1); // pos + 1 < b.length just checked
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
        else if (next === 0xff) pos++;
        else break;
      }
    }
  }
  if (!frame) throw bad('no-sof');
  if (!scanned) throw bad('no-sos');
  return frame;
}

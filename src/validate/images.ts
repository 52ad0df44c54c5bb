// An image a data set names (in prose or in dataset.json's figures): inside the data set's
// folder, present, and of a kind we can print. Nothing outside the data set is ever read.
import path from 'node:path';
import { refusedAtLoad, type RawDataset } from '../load/index.js';
import { figureMessages } from './figure-messages.js';

const say = figureMessages.file;

/** Whether a figure's bytes begin as its kind of file does. */
function looksLike(name: string, bytes: Buffer): boolean {
  if (/\.png$/i.test(name)) return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (/\.jpe?g$/i.test(name)) return bytes[0] === 0xff && bytes[1] === 0xd8;
  return /<svg[\s>]/.test(bytes.subarray(0, 4096).toString('utf8'));
}

/** What is wrong with an image path, or undefined. */
export function imageProblem(src: string, raw: RawDataset): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return say('url', { src });
  const abs = path.resolve(raw.dir, src);
  if (!abs.startsWith(path.resolve(raw.dir) + path.sep)) return say('outside', { src });
  const rel = path.relative(raw.dir, abs).split(path.sep).join('/');
  // a figure the loader refused (a link, too large…) is there: its own error says why
  if (!raw.figures.has(rel)) return refusedAtLoad(raw, rel) ? say('refused', { src, rel }) : say('missing', { src });
  if (!/\.(png|jpe?g|svg)$/i.test(src)) return say('kind', { src });
  if (!looksLike(src, raw.figures.get(rel)!)) return say('not-its-kind', { src });
  return undefined;
}

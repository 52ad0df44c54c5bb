// The bench's options and its messages (wording in templates/bench.hbs): a wrong option is
// told plainly, without a stack trace.
import { createHandlebars, Wording } from '../templates/index.js';

let words: Wording | undefined;
export const benchWords = () => (words ??= Wording.load(createHandlebars({}), 'bench'));

export class BenchError extends Error {}

export function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new BenchError(benchWords().get('err-no-value', { option: name }));
  return v;
}

/** `--scale 1,10`: each a whole number of copies, 1 or more */
export function scalesOf(argv: string[]): number[] {
  const text = argValue(argv, '--scale') ?? '1';
  const scales = text.split(',').map(Number);
  if (scales.some((n) => !Number.isInteger(n) || n < 1)) throw new BenchError(benchWords().get('err-scale', { value: text }));
  return scales;
}

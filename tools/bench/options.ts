// The bench's options and its messages (wording in tools/bench/bench.hbs): a wrong option is
// told plainly, without a stack trace.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlebars, Wording } from '../../src/templates/index.js';
import { nearest } from '../../src/nearest.js';

let words: Wording | undefined;
// the bench's wording is the bench's own (tools/bench/bench.hbs), not a template users edit;
// this file runs from tools/bench/ (tsx) or from .tmp/bench-dist/ (compiled): both two folders below the root
const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tools/bench');
export const benchWords = () => (words ??= Wording.load(createHandlebars({}), 'bench', HERE));

export class BenchError extends Error {}
/** A wrong command line: told with the help, exit 2 (not started, nothing measured) */
export class BenchUsageError extends BenchError {}

const VALUE_OPTIONS = ['--scale', '--only', '--baseline', '--runs', '--json'];
const FLAGS = ['--compare', '--profile', '--peers', '--targets'];

export const wantsBenchHelp = (argv: string[]) => argv.includes('--help') || argv.includes('-h');

/** Refuses what the bench does not take before it starts (a run takes minutes). */
export function checkBenchArgs(argv: string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (VALUE_OPTIONS.includes(a))
      i++; // the value is checked where it is read
    else if (FLAGS.includes(a)) continue;
    else if (a.startsWith('-'))
      throw new BenchUsageError(benchWords().get('err-unknown-option', { option: a, guess: nearest(a, [...VALUE_OPTIONS, ...FLAGS]) }));
    else throw new BenchUsageError(benchWords().get('err-bare', { arg: a }));
  }
}

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

/** `--runs 5`: how many measured runs each side gets, 1 or more */
export function runsOf(argv: string[], fallback: number): number {
  const text = argValue(argv, '--runs') ?? String(fallback);
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchError(benchWords().get('err-runs', { value: text }));
  return runs;
}

// What the bench measures: each bundled data set's documents, one build each (`--only`).
import { createHandlebars, Wording } from '../templates/index.js';

export const DOCUMENTS: Record<string, string[]> = {
  'miyagi-ict-plan': ['plan-booklet.pdf', 'initiative-list.pdf', 'appendix.xlsx'],
  'fukushima-ict-strategy': ['results-2017.pdf', 'appendix.xlsx'],
};

/** `--only results,plan` keeps the documents whose names start with one of the given prefixes */
export function selected(only: string[] | undefined): { dataset: string; document: string }[] {
  return Object.entries(DOCUMENTS).flatMap(([dataset, docs]) => docs.filter((d) => !only || only.some((o) => d.startsWith(o))).map((document) => ({ dataset, document })));
}

/** "appendix.xlsx（fukushima-ict-strategy）" where a name alone would not say which data set's it is */
export function documentLabel(dataset: string, document: string): string {
  const shared = Object.values(DOCUMENTS).filter((d) => d.includes(document)).length > 1;
  return shared ? `${document}（${dataset}）` : document;
}

let words: Wording | undefined;
export const benchWords = () => (words ??= Wording.load(createHandlebars({}), 'bench'));

/** A Markdown table; columns after the first are right-aligned where `numeric` says so */
export function markdownTable(header: string, rows: string[][], numeric: boolean[]): string {
  const cols = header.split('|').length - 2;
  const rule = `| ${Array.from({ length: cols }, (_, i) => (numeric[i] ? '---:' : '---')).join(' | ')} |`;
  return [header, rule, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

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

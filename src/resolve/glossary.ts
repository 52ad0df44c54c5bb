// 用語解説 numbers: the first appearance of each term (or one of its aliases) in reading
// order gets the next number, printed as a superscript right after the word.
import type { GlossaryEntry } from '../model/schema.js';
import type { Inline } from '../markdown/index.js';
import { termAt } from '../model/terms.js';

export interface NumberedTerm extends GlossaryEntry {
  number: number;
}

/** Marks the first appearances in place and returns the glossary in number order. */
export function numberGlossary(runLists: Inline[][], glossary: GlossaryEntry[]): NumberedTerm[] {
  const patterns: { text: string; term: number }[] = [];
  glossary.forEach((g, term) => {
    for (const text of [g.term, ...(g.aliases ?? [])]) patterns.push({ text, term });
  });
  // longest first, so that LGWAN wins over WAN at the same place
  patterns.sort((a, b) => b.text.length - a.text.length);
  const byFirstChar = new Map<string, typeof patterns>();
  for (const p of patterns) {
    const c = p.text.charAt(0);
    if (!byFirstChar.has(c)) byFirstChar.set(c, []);
    byFirstChar.get(c)!.push(p);
  }
  const numbers = new Map<number, number>();
  let next = 1;

  const matchAt = (s: string, i: number) => (byFirstChar.get(s.charAt(i)) ?? []).find((p) => termAt(s, i, p.text));

  for (const runs of runLists) {
    const out: Inline[] = [];
    for (const run of runs) {
      if (run.sup !== undefined || run.pageRef !== undefined || next > glossary.length) {
        out.push(run);
        continue;
      }
      let start = 0;
      for (let i = 0; i < run.text.length;) {
        const p = matchAt(run.text, i);
        if (!p) {
          i++;
          continue;
        }
        const end = i + p.text.length;
        if (!numbers.has(p.term)) {
          numbers.set(p.term, next);
          out.push({ ...run, text: run.text.slice(start, end) });
          out.push({ text: String(next), sup: next, bold: run.bold });
          next++;
          start = end;
        }
        i = end;
      }
      if (start < run.text.length) out.push({ ...run, text: run.text.slice(start) });
    }
    runs.splice(0, runs.length, ...out);
  }
  return glossary
    .map((g, i) => ({ ...g, number: numbers.get(i) ?? 0 }))
    .filter((g) => g.number > 0)
    .sort((a, b) => a.number - b.number)
    .concat(glossary.filter((_, i) => !numbers.has(i)).map((g) => ({ ...g, number: next++ }))); // never in the text (validation warns): listed last
}

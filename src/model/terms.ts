// When a glossary term counts as appearing in a text: the one rule shared by validation
// (a term that never appears is reported) and by the numbering of the superscripts.
const ASCII_WORD = /[A-Za-z0-9]/;

/** Whether `term` stands at `i` in `s`: a Latin term does not count inside a longer Latin word (WAN in LGWAN, AI in MAIL). */
export function termAt(s: string, i: number, term: string): boolean {
  if (!s.startsWith(term, i)) return false;
  const end = i + term.length;
  // charAt: the guards keep i - 1 and end inside s, and a term is never empty (the schema's min(1))
  if (ASCII_WORD.test(term.charAt(0)) && i > 0 && ASCII_WORD.test(s.charAt(i - 1))) return false;
  if (ASCII_WORD.test(term.charAt(term.length - 1)) && end < s.length && ASCII_WORD.test(s.charAt(end))) return false;
  return true;
}

/** Whether `term` appears anywhere in `s` by that rule. */
export function termIn(s: string, term: string): boolean {
  for (let i = s.indexOf(term); i >= 0; i = s.indexOf(term, i + 1)) if (termAt(s, i, term)) return true;
  return false;
}

/** What the glossary's terms are looked for in: the texts, and every initiative's title and description. */
export const glossaryCorpus = (texts: string[], initiatives: { title: string; description?: string }[]): string =>
  [...texts, ...initiatives.flatMap((i) => [i.title, i.description ?? ''])].join('\n');

/** Whether a glossary entry (its term or one of its aliases) appears in the corpus. */
export const termUsed = (corpus: string, g: { term: string; aliases?: string[] }): boolean => [g.term, ...(g.aliases ?? [])].some((t) => termIn(corpus, t));

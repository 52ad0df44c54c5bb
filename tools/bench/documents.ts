// What the bench measures: each bundled data set's documents, one build each (`--only`).
export const DOCUMENTS: Record<string, string[]> = {
  'miyagi-ict-plan': ['plan-booklet.pdf', 'initiative-list.pdf', 'appendix.xlsx'],
  'fukushima-ict-strategy': ['results-2017.pdf', 'appendix.xlsx'],
};

/** `--only results,plan` keeps the documents whose names start with one of the given prefixes */
export function selected(only: string[] | undefined): { dataset: string; document: string }[] {
  return Object.entries(DOCUMENTS).flatMap(([dataset, docs]) =>
    docs.filter((d) => !only || only.some((o) => d.startsWith(o))).map((document) => ({ dataset, document })),
  );
}

/** "appendix.xlsx（fukushima-ict-strategy）" where a name alone would not say which data set's it is */
export function documentLabel(dataset: string, document: string): string {
  const shared = Object.values(DOCUMENTS).filter((d) => d.includes(document)).length > 1;
  return shared ? `${document}（${dataset}）` : document;
}

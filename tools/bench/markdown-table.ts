// The bench prints its results as Markdown, to be pasted into the README as they are.

/** A Markdown table; a column is right-aligned where `numeric` says so */
export function markdownTable(header: string, rows: string[][], numeric: boolean[]): string {
  const cols = header.split('|').length - 2;
  const rule = `| ${Array.from({ length: cols }, (_, i) => (numeric[i] ? '---:' : '---')).join(' | ')} |`;
  return [header, rule, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

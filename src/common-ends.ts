// How much two texts share at their start and at their end (code units), the two never overlapping:
// what the 正誤表 leaves unmarked around a word put in, and what an import's change line cuts away.
export function commonEnds(a: string, b: string): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { head, tail };
}

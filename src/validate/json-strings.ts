// Every string of a JSON value, for the checks that read all of a data set's text (the fonts,
// typed page and figure numbers, 平成 years after the change of era). The path of a string is
// made only when a check asks for it (to name the place of a problem): a ×10 data set has some
// 150,000 strings, and a path array for each, made by a generator, cost more than the checks.

/** Calls `visit` with each string (a `$schema` key's value skipped) and a function that gives its path. */
export function eachString(value: unknown, visit: (s: string, pathOf: () => (string | number)[]) => void): void {
  const path: (string | number)[] = [];
  const pathOf = () => path.slice();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') visit(v, pathOf);
    else if (Array.isArray(v))
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
    else if (v && typeof v === 'object') {
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (k === '$schema') continue;
        path.push(k);
        walk((v as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  walk(value);
}

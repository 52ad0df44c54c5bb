// Changed copies of a loaded data set, in memory: the fuzz test and the hostile-input tests
// edit what load produced (JSON values re-serialised so that places stay right, texts as
// strings) and hand it to validate and render without touching the disk.
import { loadDataset, parseJsonFile, type RawDataset } from '../../src/load/index.js';
import { validate } from '../../src/validate/index.js';
import { renderDataset } from '../../src/render-dataset.js';
import { hasErrors, formatProblem, type Problem } from '../../src/problem.js';

export type JsonPath = (string | number)[];

/** One change to a data set; plain data, so that a failing case can be written down as a test. */
export type Mutation =
  | { kind: 'set'; file: string; path: JsonPath; value: unknown }
  | { kind: 'delete'; file: string; path: JsonPath }
  | { kind: 'duplicate'; file: string; path: JsonPath }
  | { kind: 'text'; file: string; at: number; insert: string }
  | { kind: 'remove-file'; file: string }
  | { kind: 'copy-file'; file: string; to: string };

const loaded = new Map<string, RawDataset>();
/** The data set as load reads it, read once per folder. */
export function original(dir: string): RawDataset {
  if (!loaded.has(dir)) loaded.set(dir, loadDataset(dir));
  return loaded.get(dir)!;
}

/** Every path to a value inside a JSON value (the root excluded). */
export function pathsIn(value: unknown, base: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...base, i]), pathsIn(v, [...base, i], out)));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push([...base, k]);
      pathsIn(v, [...base, k], out);
    }
  return out;
}

function parentOf(root: unknown, path: JsonPath): any {
  let v: any = root;
  for (const p of path.slice(0, -1)) v = v?.[p];
  return v;
}

/** A copy of `raw` with `m` applied; the original is left as it was. */
export function mutate(raw: RawDataset, m: Mutation): RawDataset {
  const copy: RawDataset = { ...raw, json: new Map(raw.json), texts: new Map(raw.texts), figures: new Map(raw.figures), problems: [...raw.problems] };
  if (m.kind === 'remove-file') {
    copy.json.delete(m.file);
    copy.texts.delete(m.file);
    if (m.file === 'dataset.json') copy.problems.push({ severity: 'error', file: 'dataset.json', message: 'dataset.json がありません' });
    return copy;
  }
  if (m.kind === 'copy-file') {
    const f = copy.json.get(m.file);
    if (f) copy.json.set(m.to, { ...f, rel: m.to });
    else copy.texts.set(m.to, copy.texts.get(m.file) ?? '');
    return copy;
  }
  if (m.kind === 'text') {
    const t = copy.texts.get(m.file) ?? '';
    const at = Math.min(m.at, t.length);
    copy.texts.set(m.file, t.slice(0, at) + m.insert + t.slice(at));
    return copy;
  }
  const f0 = copy.json.get(m.file);
  if (!f0) return copy;
  const value = structuredClone(f0.value);
  const parent = parentOf(value, m.path);
  const key = m.path[m.path.length - 1];
  // an earlier change of the same run may have taken the place away
  if (!parent || typeof parent !== 'object' || (m.kind !== 'set' && !(key in parent))) return copy;
  if (m.kind === 'set') parent[key] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (Array.isArray(parent)) parent.splice(Number(key), 0, structuredClone(parent[Number(key)]));
  const problems: Problem[] = [];
  const f = parseJsonFile(m.file, JSON.stringify(value, null, 2), problems);
  copy.json.set(m.file, f!);
  return copy;
}

/**
 * The rule the fuzz checks: validation refuses with a place (every error names its file,
 * and a line where the file is JSON), or every document renders without an exception.
 * Returns what went wrong, or undefined.
 */
export async function refusedOrBuilt(raw: RawDataset): Promise<string | undefined> {
  let checked: ReturnType<typeof validate>;
  try {
    checked = validate(raw);
  } catch (e) {
    return `validate threw: ${(e as Error).stack}`;
  }
  if (hasErrors(checked.problems)) {
    const unplaced = checked.problems.filter((p) => p.severity === 'error' && (!p.file || (raw.json.has(p.file) && p.line === undefined)));
    return unplaced.length ? `errors without a place: ${unplaced.map((p) => formatProblem(p)).join('\n')}` : undefined;
  }
  try {
    const r = await renderDataset(raw.dir, { log: () => {}, checked: { ...checked, raw } });
    if (hasErrors(r.problems)) return `render reported: ${r.problems.map((p) => formatProblem(p)).join('\n')}`;
  } catch (e) {
    return `render threw: ${(e as Error).stack}`;
  }
  return undefined;
}

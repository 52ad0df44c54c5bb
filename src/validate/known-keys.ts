// The keys a schema knows at a place in a file: a misspelt key is told with the nearest of them.
import type * as z from 'zod';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
  in?: z.ZodType;
};
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object schemas a value at `path` may be checked against (unions give several). */
function objectsAt(schema: z.ZodType, path: (string | number)[]): Def[] {
  const d = defOf(schema);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return objectsAt(d.innerType!, path);
    case 'lazy':
      return objectsAt(d.getter!(), path);
    case 'pipe':
      return objectsAt(d.in!, path);
    case 'union':
      return d.options!.flatMap((o) => objectsAt(o, path));
  }
  if (path.length === 0) return d.type === 'object' ? [d] : [];
  const [head, ...rest] = path;
  if (d.type === 'object') return d.shape && typeof head === 'string' && d.shape[head] ? objectsAt(d.shape[head], rest) : [];
  if (d.type === 'array') return objectsAt(d.element!, rest);
  if (d.type === 'record') return objectsAt(d.valueType!, rest);
  return [];
}

export function knownKeys(schema: z.ZodType, path: (string | number)[]): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((d) => Object.keys(d.shape ?? {})))].filter((k) => k !== '$schema');
}

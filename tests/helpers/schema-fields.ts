// Every field of a data file as the zod schema defines it: its path as the data-format document
// writes it (`documents.results.fiscalYears`, `schedule[].from`, `results.<年度>.budget`), whether
// it must be written, and what the document must say about its type and allowed values.
import * as z from 'zod';

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

/** 必須: must be written (when its parent is); 任意: may be left out; 形による: required in some of the forms its parent may take. */
export type Need = '必須' | '任意' | '形による' | 'record';

export interface SchemaField {
  /** dotted, `[]` for the items of a list, `<>` for any key of a keyed list (年度 etc.) */
  path: string;
  need: Need;
  /** the field's schema in each form of its parent (one unless the parent is a union of objects) */
  schemas: z.ZodType[];
}

const isOptional = (s: z.ZodType) => ['optional', 'default'].includes(defOf(s).type);

/** The fields below `schema` (the value at `prefix`). */
function fieldsOf(schema: z.ZodType, prefix: string, lazies: Set<unknown>): SchemaField[] {
  const d = defOf(schema);
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return fieldsOf(d.innerType!, prefix, lazies);
    case 'pipe':
      return fieldsOf(d.in!, prefix, lazies);
    case 'lazy':
      // a section holds sections: the children are the same fields again, listed once
      if (lazies.has(d.getter)) return [];
      return fieldsOf(d.getter!(), prefix, new Set([...lazies, d.getter]));
    case 'array':
      return fieldsOf(d.element!, `${prefix}[]`, lazies);
    case 'record': {
      const path = at('<>');
      return [{ path, need: 'record', schemas: [d.valueType!] }, ...fieldsOf(d.valueType!, path, lazies)];
    }
    case 'object': {
      const out: SchemaField[] = [];
      for (const [key, s] of Object.entries(d.shape ?? {})) {
        out.push({ path: at(key), need: isOptional(s) ? '任意' : '必須', schemas: [s] });
        out.push(...fieldsOf(s, at(key), lazies));
      }
      return out;
    }
    case 'union': {
      // the forms a value may take: a field is 必須 only if every object form requires it
      const forms = d.options!.filter((o) => objectLike(o));
      const perForm = d.options!.map((o) => fieldsOf(o, prefix, lazies));
      const merged = new Map<string, SchemaField & { required: number; optional: number }>();
      for (const fields of perForm)
        for (const f of fields) {
          const m = merged.get(f.path) ?? { ...f, schemas: [], required: 0, optional: 0 };
          m.schemas.push(...f.schemas);
          if (f.need === '必須') m.required++;
          else if (f.need === '任意') m.optional++;
          merged.set(f.path, m);
        }
      return [...merged.values()].map(({ required, optional, ...f }) => ({
        ...f,
        need: f.need === 'record' ? 'record' : required === forms.length ? '必須' : required === 0 && optional > 0 ? '任意' : '形による',
      }));
    }
    default:
      return [];
  }
}

function objectLike(s: z.ZodType): boolean {
  const d = defOf(s);
  if (['optional', 'nullable', 'default', 'readonly'].includes(d.type)) return objectLike(d.innerType!);
  if (d.type === 'lazy') return objectLike(d.getter!());
  if (d.type === 'pipe') return objectLike(d.in!);
  return d.type === 'object';
}

/** The fields of a whole file; a file that is a list (glossary.json) is described by one item's fields. */
export function schemaFields(schema: z.ZodType): SchemaField[] {
  const d = defOf(schema);
  const fields = d.type === 'array' ? fieldsOf(d.element!, '', new Set()) : fieldsOf(schema, '', new Set());
  return fields.map((f) => ({ ...f, path: f.path.replace(/^\[\]\.?/, '') }));
}

// What the document's 型・書ける値 cell must say, read from the JSON Schema the editors get
// (generated from the same zod schema): the kind of value, its limits and its allowed values.
type JsonSchema = Record<string, any>;

/** A pattern of the schema → the words that explain it to a reader. Unknown patterns fail the test. */
export const PATTERN_WORDS: Record<string, string> = {
  '^[0-9A-Za-z][0-9A-Za-z_-]*$': '英数字',
  '^\\d{4}-(0[1-9]|1[0-2])$': '年-月',
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$': '年-月-日',
  '^\\d{6}$': '6桁',
  '^\\d{4}$': '西暦4桁',
};

const fmt = (n: number) => n.toLocaleString('en-US');

function resolveRef(node: JsonSchema, root: JsonSchema): JsonSchema {
  if (typeof node.$ref === 'string') return resolveRef(root.$defs[node.$ref.replace('#/$defs/', '')], root);
  return node;
}

/** The words a cell must hold for a value of this JSON Schema (`withItems`: the items of a list of plain values too). */
function words(node: JsonSchema, root: JsonSchema, out: Set<string>): void {
  const n = resolveRef(node, root);
  if (n.anyOf) return n.anyOf.forEach((o: JsonSchema) => words(o, root, out));
  if (n.oneOf) return n.oneOf.forEach((o: JsonSchema) => words(o, root, out));
  if (n.enum) return n.enum.forEach((v: unknown) => out.add(`\`${JSON.stringify(v)}\``));
  if ('const' in n) return void out.add(`\`${JSON.stringify(n.const)}\``);
  switch (n.type) {
    case 'string':
      out.add('文字列');
      if (n.maxLength !== undefined) out.add(`${fmt(n.maxLength)}字まで`);
      if (n.minLength) out.add('空不可');
      if (n.pattern) out.add(PATTERN_WORDS[n.pattern] ?? `（未知のパターン ${n.pattern}: PATTERN_WORDS に説明の語を加えてください）`);
      return;
    case 'integer':
    case 'number':
      out.add(n.type === 'integer' ? '整数' : '数値');
      if (n.minimum !== undefined) out.add(`#${n.minimum}`);
      if (n.maximum !== undefined && n.maximum < Number.MAX_SAFE_INTEGER) out.add(`#${n.maximum}`);
      return;
    case 'boolean':
      out.add('`true`');
      out.add('`false`');
      return;
    case 'null':
      out.add('`null`');
      return;
    case 'array': {
      out.add('リスト');
      if (n.minItems) out.add(`${n.minItems}つ以上`);
      const items = resolveRef(n.items, root);
      // a list of plain values is described in its own row; a list of objects by its items' rows
      if (!isObject(items, root)) words(items, root, out);
      return;
    }
    case 'object':
      out.add('オブジェクト');
      if (n.propertyNames?.pattern) out.add(PATTERN_WORDS[n.propertyNames.pattern] ?? `（未知のパターン ${n.propertyNames.pattern}）`);
      return;
  }
}

function isObject(node: JsonSchema, root: JsonSchema): boolean {
  const n = resolveRef(node, root);
  if (n.anyOf) return n.anyOf.every((o: JsonSchema) => isObject(o, root));
  return n.type === 'object';
}

/**
 * What the 型・書ける値 cell of a field must contain. Numbers are given as `#1926` and are
 * looked for in the cell with its thousands separators taken out.
 */
export function requiredWords(field: SchemaField): string[] {
  const out = new Set<string>();
  for (const s of field.schemas) {
    const root = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    words(root, root, out);
  }
  return [...out];
}

export const hasWord = (cell: string, word: string) =>
  word.startsWith('#') ? new RegExp(`(?<![0-9])${word.slice(1)}(?![0-9])`).test(cell.replace(/(\d),(?=\d{3})/g, '$1')) : cell.includes(word);

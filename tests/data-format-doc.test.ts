// docs/data-format.md is the users' reference for every field of a data set. It is written by
// hand, and this test keeps it true to the zod schema (src/model/schema.ts): every field the
// schema has is a row of the document and every row is a field of the schema, with the same
// 必須/任意, the type and limits the schema sets, and examples the schema accepts. The JSON
// examples parse and validate, the text examples pass the validator's template checks, and the
// helpers and their printed results are the ones the tool has.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as z from 'zod';
import { ROOT } from './helpers/data.js';
import { schemaFields, requiredWords, hasWord, type SchemaField } from './helpers/schema-fields.js';
import { DatasetSchema, InitiativeSchema, GlossarySchema, SitesSchema, type Dataset } from '../src/model/schema.js';
import { checkTemplates, PROJECT_HELPERS, BLOCK_HELPERS } from '../src/validate/templates.js';
import { createHandlebars, renderText, Wording } from '../src/templates/index.js';
import { textContext } from '../src/templates/context.js';
import { asOfText } from '../src/resolve/initiative-list.js';

const DOC_FILE = 'docs/data-format.md';
const DOC = readFileSync(path.join(ROOT, DOC_FILE), 'utf8');
const MIYAGI: Dataset = DatasetSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'data/miyagi-ict-plan/dataset.json'), 'utf8')));

/** The file each numbered section of the document describes (`## 1. \`dataset.json\`…`). */
const FILE_SCHEMAS: Record<string, z.ZodType> = {
  'dataset.json': DatasetSchema,
  'initiatives/*.json': InitiativeSchema,
  'glossary.json': GlossarySchema,
  'sites.json': SitesSchema,
};

/** What a JSON example block says it is (```json <kind>) and how it is checked. */
const EXAMPLE_KINDS: Record<string, z.ZodType> = {
  dataset: DatasetSchema,
  'dataset-part': DatasetSchema.partial(),
  initiative: InitiativeSchema,
  'initiative-part': InitiativeSchema.partial(),
  glossary: GlossarySchema,
  sites: SitesSchema,
};

interface Table {
  file?: string;
  heading: string;
  line: number;
  header: string[];
  rows: { line: number; cells: string[] }[];
}
interface Block {
  info: string;
  code: string;
  line: number;
}

/** Cells of a Markdown table row; a `|` inside a code span does not split. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let code = false;
  for (const ch of line.trim().replace(/^\||\|$/g, '')) {
    if (ch === '`') code = !code;
    if (ch === '|' && !code) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** The document's tables (with the file section and the last heading they stand under) and fenced blocks. */
function parse(doc: string): { tables: Table[]; blocks: Block[] } {
  const tables: Table[] = [];
  const blocks: Block[] = [];
  const lines = doc.split('\n');
  let file: string | undefined;
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const fence = /^```(.*)$/.exec(l);
    if (fence) {
      const start = i;
      const body: string[] = [];
      while (++i < lines.length && !lines[i].startsWith('```')) body.push(lines[i]);
      blocks.push({ info: fence[1].trim(), code: body.join('\n'), line: start + 1 });
      continue;
    }
    if (l.startsWith('## ')) {
      file = /^## \d+\. `([^`]+)`/.exec(l)?.[1];
      heading = l;
    } else if (l.startsWith('### ')) heading = l;
    if (l.startsWith('|') && !lines[i - 1]?.startsWith('|')) {
      const t: Table = { file, heading, line: i + 1, header: cells(l), rows: [] };
      i++; // the --- row
      while (i + 1 < lines.length && lines[i + 1].startsWith('|')) t.rows.push({ line: ++i + 1, cells: cells(lines[i]) });
      tables.push(t);
    }
  }
  return { tables, blocks };
}

const { tables, blocks } = parse(DOC);
const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
/** `results.<年度>.budget` → `results.<>.budget`: the name inside <> is for the reader. */
const normal = (p: string) => p.replace(/<[^>]*>/g, '<>');

interface Row {
  path: string;
  need: string;
  type: string;
  meaning: string;
  example: string;
  line: number;
}

/** The field rows of a file's section: tables headed 項目 | 必須 | 型・書ける値 | 意味 | 例. */
function fieldRows(file: string, doc = { tables }): Row[] {
  const out: Row[] = [];
  for (const t of doc.tables.filter((x) => x.file === file && x.header[0] === '項目')) {
    expect(t.header, `${DOC_FILE}:${t.line}`).toEqual(['項目', '必須', '型・書ける値', '意味', '例']);
    for (const r of t.rows) {
      const m = /^`([^`]+)`$/.exec(r.cells[0]);
      expect(m, `${DOC_FILE}:${r.line}: the first cell names one field in \`…\``).not.toBeNull();
      const [, need, type, meaning, example] = r.cells;
      out.push({ path: normal(m![1]), need, type, meaning, example, line: r.line });
    }
  }
  return out;
}

/** Fields of the schema missing from the document, and rows naming no field of the schema. */
function drift(file: string, doc = { tables }): { missing: string[]; unknown: string[]; twice: string[] } {
  const schema = schemaFields(FILE_SCHEMAS[file]).map((f) => f.path);
  const rows = fieldRows(file, doc).map((r) => r.path);
  return {
    missing: schema.filter((p) => !rows.includes(p)),
    unknown: rows.filter((p) => !schema.includes(p)),
    twice: rows.filter((p, i) => rows.indexOf(p) !== i),
  };
}

const NEED_WORDS = ['必須', '任意', '形による'];

describe(`${DOC_FILE}: every field of the schema, and nothing else`, () => {
  it('has a section of field tables for each data file', () => {
    expect(new Set(tables.filter((t) => t.header[0] === '項目').map((t) => t.file))).toEqual(new Set(Object.keys(FILE_SCHEMAS)));
  });

  for (const file of Object.keys(FILE_SCHEMAS)) {
    it(`${file}: a row for each field of the schema and no row for a field it does not have`, () => {
      expect(drift(file)).toEqual({ missing: [], unknown: [], twice: [] });
    });

    it(`${file}: 必須/任意, type, limits and allowed values as the schema has them`, () => {
      const rows = new Map(fieldRows(file).map((r) => [r.path, r]));
      for (const f of schemaFields(FILE_SCHEMAS[file])) {
        const r = rows.get(f.path);
        if (!r) continue; // reported by the test above
        const at = `${DOC_FILE}:${r.line} ${f.path}`;
        if (f.need === 'record') expect(NEED_WORDS, `${at}: a keyed item says how many (年度ごと …)`).not.toContain(r.need);
        else expect(r.need, at).toBe(f.need);
        for (const w of requiredWords(f)) expect(hasWord(r.type, w), `${at}: 型・書ける値「${r.type}」に「${w.replace(/^#/, '')}」がない`).toBe(true);
        expect(r.meaning.length, at).toBeGreaterThan(1);
      }
    });

    it(`${file}: each row has an example, and every example is a value the schema accepts there`, () => {
      const fields = new Map<string, SchemaField>(schemaFields(FILE_SCHEMAS[file]).map((f) => [f.path, f]));
      for (const r of fieldRows(file)) {
        const f = fields.get(r.path);
        if (!f) continue;
        const at = `${DOC_FILE}:${r.line} ${r.path}`;
        const examples = codeSpans(r.example);
        expect(examples.length, `${at}: no example`).toBeGreaterThan(0);
        for (const e of examples) {
          let value: unknown;
          expect(() => (value = JSON.parse(e)), `${at}: ${e} is not JSON`).not.toThrow();
          expect(
            f.schemas.some((s) => s.safeParse(value).success),
            `${at}: the schema refuses ${e}`,
          ).toBe(true);
        }
      }
    });
  }

  it('the drift check fails when a field’s row is taken out or a row names no field', () => {
    // the document with one row less, and with a row for a field the schema does not have
    expect(drift('dataset.json').missing).not.toContain('era.asOf');
    const cut = parse(DOC.replace(/^\| `era\.asOf` \|.*\n/m, ''));
    expect(drift('dataset.json', cut).missing).toContain('era.asOf');
    const added = parse(DOC.replace(/^(\| `era\.asOf` \|.*\n)/m, '$1| `era.calendar` | 任意 | 文字列 | x | `"x"` |\n'));
    expect(drift('dataset.json', added).unknown).toContain('era.calendar');
  });
});

describe(`${DOC_FILE}: links`, () => {
  it('every link inside the document leads to one of its headings (GitHub’s heading anchors)', () => {
    const slug = (h: string) =>
      h
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-');
    const anchors = new Set(
      DOC.split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map(slug),
    );
    // links in the prose, not the `![](#zu1)` of the examples
    const prose = DOC.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
    const links = [...prose.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    for (const l of links) expect(anchors, `#${l}`).toContain(l);
  });
});

describe(`${DOC_FILE}: the examples`, () => {
  const json = blocks.filter((b) => b.info.split(/\s+/)[0] === 'json');

  it('every JSON example says what it is an example of', () => {
    expect(json.length).toBeGreaterThan(5);
    for (const b of json) expect(Object.keys(EXAMPLE_KINDS), `${DOC_FILE}:${b.line}: \`\`\`json <kind>`).toContain(b.info.split(/\s+/)[1]);
  });

  it('every JSON example parses and validates against the schema of its kind', () => {
    for (const b of json) {
      const kind = b.info.split(/\s+/)[1];
      let value: unknown;
      expect(() => (value = JSON.parse(b.code)), `${DOC_FILE}:${b.line}`).not.toThrow();
      const r = EXAMPLE_KINDS[kind].safeParse(value);
      expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), `${DOC_FILE}:${b.line} (${kind})`).toEqual([]);
    }
    // the whole files are there: one of each kind of data file (and of each part)
    expect(new Set(json.map((b) => b.info.split(/\s+/)[1]))).toEqual(new Set(Object.keys(EXAMPLE_KINDS)));
  });

  it('every text example passes the validator’s checks of text/*.md.hbs, with the Miyagi data', () => {
    const texts = blocks.filter((b) => b.info === 'md text');
    expect(texts.length).toBeGreaterThan(0);
    for (const b of texts) {
      const rel = 'text/example.md.hbs';
      const problems = checkTemplates(new Map([[rel, b.code]]), new Set([rel]), MIYAGI);
      expect(
        problems.filter((p) => p.severity === 'error'),
        `${DOC_FILE}:${b.line}`,
      ).toEqual([]);
    }
  });

  it('the asOf forms print as the document says', () => {
    const words = Wording.load(createHandlebars(MIYAGI.era ?? {}), 'common');
    const forms = tables.find((t) => t.header[0] === '形' && t.header[1] === '一覧での書き方');
    expect(forms?.rows.length).toBe(4);
    const asOf = InitiativeSchema.shape.indicators.unwrap().element.shape.baseline.shape.asOf;
    for (const r of forms!.rows) {
      const value = asOf.parse(JSON.parse(codeSpans(r.cells[0])[0]));
      expect(asOfText(value, words), `${DOC_FILE}:${r.line}`).toBe(r.cells[1]);
    }
  });
});

describe(`${DOC_FILE}: the helpers and data of text/*.md.hbs`, () => {
  const helperTable = tables.find((t) => /ヘルパー/.test(t.heading) && t.header[0] === '書き方')!;
  const dataTable = tables.find((t) => /使えるデータ/.test(t.heading) && t.header[0] === '書き方')!;
  const first = (t: Table) => t.rows.map((r) => ({ line: r.line, source: codeSpans(r.cells[0])[0], result: r.cells[1] }));

  it('lists every helper the validator allows, and no other', () => {
    const named = first(helperTable).map((r) => /^\{\{#?\s*([A-Za-z]+)/.exec(r.source)![1]);
    expect(new Set(named)).toEqual(new Set([...Object.keys(PROJECT_HELPERS), ...Object.keys(BLOCK_HELPERS)]));
  });

  it('lists every name a text can use from the data, and no other', () => {
    const named = first(dataTable).map((r) => /^\{\{\s*([A-Za-z]+)/.exec(r.source)![1]);
    expect(new Set(named)).toEqual(new Set(Object.keys(textContext(MIYAGI))));
  });

  it('each way of writing passes validation, and prints what the document says, whatever the era rule', () => {
    const rel = 'text/example.md.hbs';
    for (const r of [...first(helperTable), ...first(dataTable)]) {
      const problems = checkTemplates(new Map([[rel, r.source]]), new Set([rel]), MIYAGI);
      expect(
        problems.filter((p) => p.severity === 'error'),
        `${DOC_FILE}:${r.line} ${r.source}`,
      ).toEqual([]);
      const printed = /^「(.*)」$/.exec(r.result)?.[1];
      if (printed === undefined) continue;
      // examples are dates before 令和: the same under any era.asOf
      for (const rule of [{}, { asOf: '2019-03-01' }]) {
        const hb = createHandlebars(rule);
        expect(renderText(hb, r.source, textContext(MIYAGI)), `${DOC_FILE}:${r.line} ${r.source} (asOf ${JSON.stringify(rule)})`).toBe(printed);
      }
    }
  });
});

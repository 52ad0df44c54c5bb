// Edits of dataset.json made by the tool (new-year, publish): through jsonc-parser's modify(),
// so that the file keeps its key order and formatting and a diff shows only the new values.
import path from 'node:path';
import * as jsonc from 'jsonc-parser';
import type { Published } from '../model/published.js';
import { writeAtomic } from '../write/index.js';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export interface JsonChange {
  path: (string | number)[];
  value: unknown;
}

/** Writes `changes` into the data set's dataset.json, whose text as read was `text`; nothing when there are none. */
export function editDataset(dir: string, text: string, changes: JsonChange[]): void {
  if (!changes.length) return;
  let out = text;
  for (const c of changes) out = jsonc.applyEdits(out, jsonc.modify(out, c.path, c.value, FORMAT));
  writeAtomic(path.join(dir, 'dataset.json'), out);
}

type Results = Published;

/** One date per year (the form new-year writes): a single date is that date for every year of fiscalYears. */
export function publishedOnPerYear(results: Results): Record<string, string> {
  const p = results.publishedOn;
  if (p === undefined) return {};
  if (typeof p === 'string') return Object.fromEntries([...results.fiscalYears].sort((a, b) => a - b).map((y) => [String(y), p]));
  return { ...p };
}

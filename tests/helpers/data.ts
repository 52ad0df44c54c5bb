// Reads a data set's files directly (not through the pipeline), so tests compare the PDFs
// against the data itself.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export function initiatives(dataset: string): { id: string; data: any }[] {
  const dir = path.join(ROOT, 'data', dataset, 'initiatives');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ id: f.slice(0, -5), data: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
}

export function json(dataset: string, file: string): any {
  return JSON.parse(readFileSync(path.join(ROOT, 'data', dataset, file), 'utf8'));
}

/** Text without any whitespace: PDF lines wrap anywhere. */
export const squash = (s: string) => s.replace(/\s+/g, '');

/** A pattern for `s` that tolerates wrapped lines and glossary superscript digits after any character. */
export function loose(s: string): RegExp {
  const chars = [...squash(s)].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(chars.join('\\d{0,2}'));
}

export const sections = (tree: any[]): any[] => tree.flatMap((s) => [s, ...sections(s.children ?? [])]);

/** 新規 for a fiscal year, as docs/data-format.md defines it: on that year's results, or on the initiative. */
export const isNewIn = (data: any, fy: string): boolean => data.results?.[fy]?.isNew ?? data.isNew ?? false;

// survey:import — reads every returned workbook, checks every cell, and only when all are
// clean writes the values into the initiative files. Edits go through jsonc-parser's
// modify(), so key order and formatting stay and a diff shows only the new values.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import ExcelJS from 'exceljs';
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { loadDataset, parseJsonFile } from '../load/index.js';
import { validate } from '../validate/index.js';
import { Wording, createHandlebars } from '../templates/index.js';
import type { Result } from '../model/schema.js';
import { writeAtomic } from '../write/index.js';
import { SURVEY } from './columns.js';

export interface Change {
  file: string;
  path: string;
  from: unknown;
  to: unknown;
}

interface Answer {
  id: string;
  fy: number;
  budget: number | null;
  achievement?: string;
  outcome?: string;
  isNew: boolean;
}

/** The text of a cell, whatever exceljs made of it (rich text, formula result, number). */
function cellText(v: ExcelJS.CellValue): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return v.result === undefined ? undefined : String(v.result);
  if ('text' in v) return String(v.text);
  return undefined;
}

const norm = (s: string | undefined) => (s ?? '').replace(/\r\n?/g, '\n').trim();

export async function surveyImport(dir: string, returned: string): Promise<{ problems: Problem[]; changes: Change[] }> {
  const raw = loadDataset(dir);
  const checked = validate(raw);
  if (!checked.model || hasErrors(checked.problems)) return { problems: checked.problems, changes: [] };
  const model = checked.model;
  const words = Wording.load(createHandlebars({ asOf: model.dataset.era?.asOf }), 'survey');
  const byId = new Map(model.initiatives.map((i) => [i.id, i]));
  const problems: Problem[] = [];
  const answers: Answer[] = [];
  const seen = new Map<string, string>();
  const files = fg.sync(['*.xlsx'], { cwd: returned, onlyFiles: true }).filter((f) => !f.startsWith('~$')).sort();
  if (files.length === 0) problems.push({ severity: 'error', file: returned, message: '回答のブック（.xlsx）がありません' });

  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(readFileSync(path.join(returned, file)) as unknown as ArrayBuffer);
    } catch (e) {
      problems.push({ severity: 'error', file, message: `Excel のブックとして読めません（${(e as Error).message}）` });
      continue;
    }
    const sheetName = words.get('sheet');
    const at = (row: number, col: number) => `${file}!${sheetName}!${String.fromCharCode(64 + col)}${row}`;
    const err = (place: string, message: string) => problems.push({ severity: 'error', file: place, message });
    const meta = wb.getWorksheet(SURVEY.metaSheet);
    const ws = wb.getWorksheet(sheetName);
    if (!meta || !ws) {
      err(file, words.get('err-meta'));
      continue;
    }
    const datasetId = cellText(meta.getCell('A1').value);
    const fy = Number(cellText(meta.getCell('A2').value));
    if (datasetId !== model.dataset.id) {
      err(`${file}!${SURVEY.metaSheet}!A1`, words.get('err-dataset', { found: datasetId ?? '', expected: model.dataset.id }));
      continue;
    }
    const { period } = model.dataset;
    if (!Number.isInteger(fy) || fy < period.from || fy > period.to) {
      err(`${file}!${SURVEY.metaSheet}!A2`, words.get('err-year', { found: String(fy), expected: `${period.from}〜${period.to}` }));
      continue;
    }
    const c = SURVEY.col;
    for (let k = 0; ; k++) {
      const metaId = cellText(meta.getCell(`A${SURVEY.firstIdRow + k}`).value);
      const row = SURVEY.headerRows + 1 + k;
      const shownId = cellText(ws.getRow(row).getCell(c.id).value);
      if (!metaId && !shownId) break;
      if (!metaId || !byId.has(metaId)) {
        err(at(row, c.id), words.get('err-unknown-id', { id: metaId ?? shownId ?? '' }));
        continue;
      }
      const other = seen.get(metaId);
      if (other) {
        err(at(row, c.id), words.get('err-duplicate', { id: metaId, other }));
        continue;
      }
      seen.set(metaId, at(row, c.id));
      const i = byId.get(metaId)!.data;
      const expected: Record<(typeof SURVEY.locked)[number], string> = {
        id: metaId,
        no: String(i.no),
        name: i.title,
        division: Array.isArray(i.division) ? i.division.join('\n') : i.division,
      };
      const headerRow = ws.getRow(SURVEY.headerRows);
      for (const key of SURVEY.locked) {
        const found = norm(cellText(ws.getRow(row).getCell(c[key]).value));
        if (found !== norm(expected[key]))
          err(at(row, c[key]), words.get('err-locked', { column: norm(cellText(headerRow.getCell(c[key]).value)), expected: expected[key] }));
      }
      const b = ws.getRow(row).getCell(c.budget).value;
      let budget: number | null = null;
      const bt = norm(cellText(b));
      if (bt !== '') {
        const n = typeof b === 'number' ? b : /^[0-9,，]+$/.test(bt) ? Number(bt.replace(/[,，]/g, '')) : NaN;
        if (!Number.isInteger(n) || n < 0) err(at(row, c.budget), words.get('err-budget'));
        else budget = n;
      }
      const mark = norm(cellText(ws.getRow(row).getCell(c.isNew).value));
      if (mark !== '' && mark !== '○' && mark !== '〇') err(at(row, c.isNew), words.get('err-new'));
      const achievement = norm(cellText(ws.getRow(row).getCell(c.achievement).value)) || undefined;
      const outcome = norm(cellText(ws.getRow(row).getCell(c.outcome).value)) || undefined;
      answers.push({ id: metaId, fy, budget, achievement, outcome, isNew: mark !== '' });
    }
  }
  if (hasErrors(problems)) return { problems, changes: [] };

  // the new texts, checked as a whole data set before anything is written
  const changes: Change[] = [];
  const texts = new Map<string, string>();
  for (const a of answers) {
    const entry = byId.get(a.id)!;
    let text = texts.get(entry.file) ?? raw.json.get(entry.file)!.text;
    const existing = entry.data.results?.[String(a.fy)];
    // a row left blank for a year with no entry yet is no answer: nothing to write
    if (!existing && a.budget === null && !a.achievement && !a.outcome && !a.isNew) continue;
    const current: Partial<Result> = existing ?? {};
    const effectiveNew = current.isNew ?? entry.data.isNew ?? false;
    const wanted: [keyof Result, unknown][] = [
      ['budget', a.budget],
      ['achievement', a.achievement],
      ['outcome', a.outcome],
    ];
    if (a.isNew !== effectiveNew) wanted.push(['isNew', a.isNew]);
    for (const [key, value] of wanted) {
      const before = (current as Record<string, unknown>)[key];
      if (before === value || (before === undefined && value === undefined)) continue;
      const edits = jsonc.modify(text, ['results', String(a.fy), key], value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
      text = jsonc.applyEdits(text, edits);
      changes.push({ file: entry.file, path: `results.${a.fy}.${key}`, from: before, to: value });
    }
    texts.set(entry.file, text);
  }
  if (changes.length === 0) return { problems, changes };
  const reparsed: Problem[] = [];
  for (const [rel, text] of texts) {
    const f = parseJsonFile(rel, text, reparsed);
    if (f) raw.json.set(rel, f);
  }
  const after = validate({ ...raw, problems: reparsed });
  if (hasErrors(after.problems)) return { problems: after.problems, changes: [] };
  for (const [rel, text] of texts) if (text !== readFileSync(path.join(dir, rel), 'utf8')) writeAtomic(path.join(dir, rel), text);
  return { problems, changes };
}

// survey:import — reads every returned workbook, checks every cell (cells.ts), and only when all
// are clean writes the values into the initiative files, all or nothing (commit.ts). Edits go
// through jsonc-parser's modify(), so key order and formatting stay and a diff shows only the new values.
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
import { SURVEY } from './columns.js';
import { firstFilledColumn, lockedText, metaText, norm, readBudget, readNewMark, readText, type CellRefusal, type Reading } from './cells.js';
import { JOURNAL, commitAll, fileIo, recover, type CommitIo } from './commit.js';

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

export interface ImportResult {
  problems: Problem[];
  changes: Change[];
  /** files that hold new values although the import failed (a rename failed; the journal completes them) */
  partial?: string[];
}

export async function surveyImport(dir: string, returned: string, io: CommitIo = fileIo): Promise<ImportResult> {
  const problems: Problem[] = [];
  // what a run stopped in the middle left behind is completed (or removed) before anything is read
  const recovered = recover(dir, io);
  const early = Wording.load(createHandlebars({}), 'survey');
  const list = (files: string[]) => files.join('、');
  if (recovered.kind === 'completed') problems.push({ severity: 'warning', file: JOURNAL, message: early.get('note-completed', { files: list(recovered.files) }) });
  if (recovered.kind === 'rolled-back') problems.push({ severity: 'warning', file: JOURNAL, message: early.get('note-rolled-back', { files: list(recovered.files) }) });
  if (recovered.kind === 'failed') {
    const message = recovered.kept
      ? early.get('err-recover-kept', { done: list(recovered.done), pending: list(recovered.pending), reason: early.get('io-reason', { code: recovered.reason }) })
      : early.get(recovered.reason === 'journal' ? 'err-recover-journal' : 'err-recover-lost', { done: list(recovered.done), pending: list(recovered.pending) });
    return { problems: [{ severity: 'error', file: JOURNAL, message }], changes: [], partial: recovered.done };
  }

  const raw = loadDataset(dir);
  const checked = validate(raw);
  if (!checked.model || hasErrors(checked.problems)) return { problems: [...problems, ...checked.problems], changes: [] };
  const model = checked.model;
  const words = Wording.load(createHandlebars({ asOf: model.dataset.era?.asOf }), 'survey');
  const byId = new Map(model.initiatives.map((i) => [i.id, i]));
  const answers: Answer[] = [];
  const seen = new Map<string, string>();
  // Excel and other systems may write the extension in capitals (.XLSX)
  const files = fg.sync(['*.xlsx'], { cwd: returned, onlyFiles: true, caseSensitiveMatch: false }).filter((f) => !f.startsWith('~$')).sort();
  if (files.length === 0) problems.push({ severity: 'error', file: returned, message: '回答のブック（.xlsx）がありません' });
  const refused = (r: CellRefusal) => words.get(`err-${r.kind}`, r);
  const newMarks = [words.get('new-mark'), '〇'];

  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(readFileSync(path.join(returned, file)) as unknown as ArrayBuffer);
    } catch (e) {
      problems.push({ severity: 'error', file, message: `Excel のブックとして読めません（${(e as Error).message}）` });
      continue;
    }
    const sheetName = words.get('sheet');
    const at = (row: number, col: number) => `${file}!${sheetName}!${columnName(col)}${row}`;
    const err = (place: string, message: string) => problems.push({ severity: 'error', file: place, message });
    /** a cell's reading, or its refusal reported at the cell */
    const take = <T>(row: number, col: number, r: Reading<T>): T | undefined => {
      if (r.ok) return r.value;
      err(at(row, col), refused(r.refusal));
      return undefined;
    };
    const meta = wb.getWorksheet(SURVEY.metaSheet);
    const ws = wb.getWorksheet(sheetName);
    if (!meta || !ws) {
      err(file, words.get('err-meta'));
      continue;
    }
    const datasetId = metaText(meta.getCell('A1').value);
    const fy = Number(metaText(meta.getCell('A2').value));
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
    const headerRow = ws.getRow(SURVEY.headerRows);
    const metaIds: (string | undefined)[] = [];
    for (let r = SURVEY.firstIdRow; r <= meta.rowCount; r++) metaIds.push(metaText(meta.getCell(r, 1).value));
    while (metaIds.length && !metaIds[metaIds.length - 1]) metaIds.pop();
    // the export writes the ids without a gap: a missing one means the hidden sheet was changed
    metaIds.forEach((id, k) => {
      if (!id) err(`${file}!${SURVEY.metaSheet}!A${SURVEY.firstIdRow + k}`, words.get('err-meta-id'));
    });
    // every row asked about and every used row: a blank row hides nothing below it
    const lastRow = Math.max(SURVEY.headerRows + metaIds.length, ws.rowCount);
    for (let row = SURVEY.headerRows + 1; row <= lastRow; row++) {
      const metaId = metaIds[row - SURVEY.headerRows - 1];
      const cells = ws.findRow(row);
      const shownId = cells ? metaText(cells.getCell(c.id).value) : undefined;
      if (!metaId && !shownId) {
        const col = firstFilledColumn(cells);
        if (col !== undefined) err(at(row, col), words.get('err-added-row', { row }));
        continue;
      }
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
      const cell = (col: number) => ws.getRow(row).getCell(col);
      for (const key of SURVEY.locked) {
        const found = take(row, c[key], lockedText(cell(c[key])));
        if (found !== undefined && found !== norm(expected[key])) {
          const column = lockedText(headerRow.getCell(c[key]));
          err(at(row, c[key]), words.get('err-locked', { column: column.ok ? column.value : '', expected: expected[key] }));
        }
      }
      const budget = take(row, c.budget, readBudget(cell(c.budget)));
      const isNew = take(row, c.isNew, readNewMark(cell(c.isNew), newMarks));
      const achievement = readText(cell(c.achievement));
      const outcome = readText(cell(c.outcome));
      take(row, c.achievement, achievement);
      take(row, c.outcome, outcome);
      if (budget === undefined || isNew === undefined || !achievement.ok || !outcome.ok) continue;
      answers.push({ id: metaId, fy, budget, achievement: achievement.value, outcome: outcome.value, isNew });
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
  const changed = new Map([...texts].filter(([rel, text]) => text !== readFileSync(path.join(dir, rel), 'utf8')));
  const done = commitAll(dir, changed, io);
  const why = (code: string) => words.get('io-reason', { code });
  if (done.ok) return { problems, changes };
  if (done.stage === 'staging') {
    for (const f of done.failed)
      problems.push({ severity: 'error', file: f.file, message: words.get('err-staging', { temp: f.temp, reason: why(f.reason), count: done.files.length, files: list(done.files) }) });
    return { problems, changes: [] };
  }
  problems.push({ severity: 'error', file: JOURNAL, message: words.get('err-renaming', { reason: why(done.reason), done: list(done.done), pending: list(done.pending) }) });
  return { problems, changes: [], partial: done.done };
}

/** A, B, …, Z, AA, … */
function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

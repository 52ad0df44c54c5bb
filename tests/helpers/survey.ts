// What the survey tests share: a bundled data set copied and its books exported once per test
// file, a fresh copy of both for each case, a book edited as a department would edit it (exceljs on
// the file itself), and the problems of a run as text.
import { beforeAll, afterAll, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { surveyExport } from '../../src/survey/export.js';
import { ROOT } from './data.js';

export interface SurveyCase {
  /** the case's own folder, holding data/ and sent/ */
  work: string;
  data: string;
  sent: string;
}

/**
 * data/<dataset> exported for `fiscalYear` once for the file (beforeAll, checked to have no error),
 * removed after it. `pristine` is the export itself; `fresh()` copies it for one case.
 */
export function exportedOnce(dataset: string, fiscalYear: number) {
  let root = '';
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), `survey-${dataset}-`));
    cpSync(path.join(ROOT, 'data', dataset), path.join(root, 'data'), { recursive: true });
    const r = await surveyExport(path.join(root, 'data'), fiscalYear, path.join(root, 'sent'));
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return {
    get pristine(): { data: string; sent: string } {
      return { data: path.join(root, 'data'), sent: path.join(root, 'sent') };
    },
    fresh(): SurveyCase {
      const work = mkdtempSync(path.join(root, 'case-'));
      const c = { work, data: path.join(work, 'data'), sent: path.join(work, 'sent') };
      cpSync(path.join(root, 'data'), c.data, { recursive: true });
      cpSync(path.join(root, 'sent'), c.sent, { recursive: true });
      return c;
    },
  };
}

/** Reads a book, lets `change` edit it, and writes it (to `into`, or over itself). */
export async function editBook(book: string, change: (wb: ExcelJS.Workbook) => void, into = book): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  change(wb);
  await wb.xlsx.writeFile(into);
}

type Problems = { problems: { severity: string; file: string; message: string }[] };
export const errors = (r: Problems) => r.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`);
export const warnings = (r: Problems) => r.problems.filter((p) => p.severity === 'warning').map((p) => `${p.file}: ${p.message}`);

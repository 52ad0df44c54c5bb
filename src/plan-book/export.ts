// plan:export — one plan workbook per 部局 (the 照会), and with `whole` one for the whole plan.
// Like survey:export it never overwrites: a book of the same name in the folder may be a
// department's returned answers, so an existing name stops the export before anything is written.
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { checkDataset } from '../pipeline.js';
import { resolve } from '../resolve/index.js';
import { Wording, createHandlebars } from '../templates/index.js';
import { planRows, planWorkbook } from '../documents/workbook/plan-workbook.js';
import { renderWorkbook } from '../render/xlsx.js';
import { writeAtomic, type Written } from '../write/index.js';
import { safeFileName } from '../survey/file-name.js';

export async function planExport(dir: string, outDir: string, opts: { whole?: boolean } = {}): Promise<{ problems: Problem[]; files: Written[] }> {
  const { model, problems } = checkDataset(dir);
  if (!model || hasErrors(problems)) return { problems, files: [] };
  const r = resolve(model);
  const words = Wording.load(createHandlebars(r.rule), 'plan');
  const books = [...planRows(model, false)].map(([department, rows]) => ({ department, rows, name: `${safeFileName(department)}.xlsx` }));
  if (opts.whole) books.push({ department: '', rows: planRows(model, true).get('') ?? [], name: `${safeFileName(words.get('whole-plan'))}.xlsx` });
  // compared without case: on Windows and macOS 総務部.XLSX is the same file
  const present = new Set(existsSync(outDir) ? readdirSync(outDir).map((f) => f.toLowerCase()) : []);
  const taken = books.filter((b) => present.has(b.name.toLowerCase()));
  if (taken.length)
    return {
      problems: [...problems, ...taken.map((b): Problem => ({ severity: 'error', file: path.join(outDir, b.name), message: words.get('err-export-exists') }))],
      files: [],
    };
  const outputs: { name: string; bytes: Buffer }[] = [];
  for (const b of books) outputs.push({ name: b.name, bytes: (await renderWorkbook(planWorkbook(model, r, words, b.department, b.rows))).bytes });
  return { problems, files: outputs.map((o) => writeAtomic(path.join(outDir, o.name), o.bytes)) };
}

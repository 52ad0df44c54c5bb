// new-year: opens the results entries of a fiscal year for every initiative whose schedule
// covers it (all initiatives when the data set has no schedules), so that the survey has
// its rows. Existing entries are left alone; edits keep each file's formatting.
import path from 'node:path';
import * as jsonc from 'jsonc-parser';
import type { Problem } from '../problem.js';
import { hasErrors } from '../problem.js';
import { checkDataset } from '../pipeline.js';
import { writeAtomic } from '../write/index.js';

export function newYear(dir: string, fy: number): { problems: Problem[]; opened: string[] } {
  const { model, problems, raw } = checkDataset(dir);
  if (!model || hasErrors(problems)) return { problems, opened: [] };
  const { period } = model.dataset;
  if (fy < period.from || fy > period.to)
    return { problems: [{ severity: 'error', file: 'dataset.json', path: ['period'], message: `${fy}年度は計画期間（${period.from}〜${period.to}年度）の外です` }], opened: [] };
  const opened: string[] = [];
  for (const { data, file } of model.initiatives) {
    const spans = data.schedule ?? [];
    if (spans.length && !spans.some((s) => s.from <= fy && fy <= s.to)) continue;
    if (data.results?.[String(fy)]) continue;
    const text = raw.json.get(file)!.text;
    const edits = jsonc.modify(text, ['results', String(fy)], { budget: null }, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
    writeAtomic(path.join(dir, file), jsonc.applyEdits(text, edits));
    opened.push(file);
  }
  return { problems, opened };
}

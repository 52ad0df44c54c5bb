// survey:export — one workbook per 部局 for a fiscal year. It never overwrites: a book of the
// same name in the folder may be a department's returned answers, so an existing name stops
// the export before anything is written.
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import type { Problem } from '../problem.js';
import { validateWords } from '../validate/messages.js';
import { hasErrors } from '../problem.js';
import { checkDataset } from '../pipeline.js';
import { resolve } from '../resolve/index.js';
import { Wording, createHandlebars } from '../templates/index.js';
import { surveyWorkbook } from '../documents/workbook/survey-workbook.js';
import { surveyCoverOf, surveyDepartments } from '../resolve/survey-rows.js';
import { renderWorkbook } from '../render/xlsx.js';
import { yearRuleOf } from '../resolve/document-dates.js';
import { writeAtomic, type Written } from '../write/index.js';
import { safeFileName } from './file-name.js';
import { publishedOnOf } from '../model/published.js';

export async function surveyExport(dir: string, fy: number, outDir: string): Promise<{ problems: Problem[]; files: Written[] }> {
  const { model, problems } = checkDataset(dir);
  if (!model || hasErrors(problems)) return { problems, files: [] };
  const { period } = model.dataset;
  if (fy < period.from || fy > period.to)
    return {
      problems: [{ severity: 'error', file: 'dataset.json', path: ['period'], message: validateWords('year-outside-period', { fiscalYear: fy, ...period }) }],
      files: [],
    };
  const r = resolve(model);
  const hb = createHandlebars(yearRuleOf(model.dataset, fy));
  const words = Wording.load(hb, 'survey');
  const common = Wording.load(hb, 'common');
  const books = [...surveyDepartments(model, fy)].map(([department, d]) => ({ department, ...d, name: `${safeFileName(department)}.xlsx` }));
  // the 指標 sheet asks for this year's actuals: a year the progress report does not list keeps them out of it
  const progress = model.dataset.documents.progress;
  if (progress && books.some((b) => b.indicators.length) && !progress.fiscalYears.includes(fy))
    problems.push({
      severity: 'warning',
      file: 'dataset.json',
      path: ['documents', 'progress', 'fiscalYears'],
      message: words.get('warn-progress-year', { westernYear: fy }),
    });
  // each report of a published year: its answers can only be corrections, said now, not first when the returns are refused
  const reports = [
    { key: 'results', asked: books.some((b) => b.rows.length), on: publishedOnOf(model.dataset.documents.results, fy), say: 'warn-export-published' },
    { key: 'progress', asked: books.some((b) => b.indicators.length), on: publishedOnOf(progress, fy), say: 'warn-export-progress-published' },
  ];
  for (const r of reports)
    if (r.asked && r.on)
      problems.push({
        severity: 'warning',
        file: 'dataset.json',
        path: ['documents', r.key, 'publishedOn'],
        message: words.get(r.say, { westernYear: fy, publishedDate: r.on }),
      });
  // the cover tells a department when to answer and whom to ask: without them it says 「（別途お知らせします）」 and
  // the issuer only; a deadline before the year has ended is last year's, left in the data
  // (documents.results.survey, or documents.progress.survey in a data set without a results report)
  const { cover: survey, at } = surveyCoverOf(model);
  if (!survey?.contact || !survey.deadline)
    problems.push({
      severity: 'warning',
      file: 'dataset.json',
      path: at.slice(0, -1),
      message: words.get('warn-cover-missing', { contact: !survey?.contact, deadline: !survey?.deadline, issuer: model.dataset.issuer, at: at.join('.') }),
    });
  else if (survey.deadline <= `${fy + 1}-03-31`)
    problems.push({
      severity: 'warning',
      file: 'dataset.json',
      path: [...at, 'deadline'],
      message: words.get('warn-deadline-old', { deadline: survey.deadline, westernYear: fy, at: at.join('.') }),
    });
  // compared without case: on Windows and macOS 総務部.XLSX is the same file
  const present = new Set(existsSync(outDir) ? readdirSync(outDir).map((f) => f.toLowerCase()) : []);
  const taken = books.filter((b) => present.has(b.name.toLowerCase()));
  if (taken.length)
    return {
      problems: [
        ...problems,
        ...taken.map((b): Problem => ({
          severity: 'error',
          file: path.join(outDir, b.name),
          message: words.get('err-export-exists', { count: taken.length }),
        })),
      ],
      files: [],
    };
  const outputs: { name: string; bytes: Buffer }[] = [];
  for (const b of books)
    outputs.push({
      name: b.name,
      bytes: (await renderWorkbook(surveyWorkbook(model, r, words, fy, b.department, b.rows, { list: b.indicators, common }))).bytes,
    });
  return { problems, files: outputs.map((o) => writeAtomic(path.join(outDir, o.name), o.bytes)) };
}

// survey:status — the 未回答・要確認一覧 of a year, printed per 部局 and, with --out, as a workbook
// for phoning departments. Never overwrites a file (notes may have been written in it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkDataset } from '../pipeline.js';
import { formatProblem, hasErrors, severityMark } from '../problem.js';
import { Wording, createHandlebars } from '../templates/index.js';
import { renderWorkbook } from '../render/xlsx.js';
import { writeAtomic } from '../write/index.js';
import { statusWorkbook } from '../documents/workbook/status-workbook.js';
import { BUDGET_FACTOR, surveyStatusView, type DepartmentStatus, type StatusItem } from './status-view.js';
import { yearDateOf, yearRuleOf } from '../resolve/document-dates.js';
import { YEN_FACTOR } from '../model/results-answers.js';
import { fiscalYearLong } from '../era/index.js';
import { asksResults } from '../resolve/survey-rows.js';

const cut = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);

export async function surveyStatus(dir: string, fy: number, outFile: string | undefined, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const label = path.relative(process.cwd(), dir) || dir;
  const { model, problems } = checkDataset(dir);
  // a data set that does not load cannot be listed; its warnings (the unanswered rows) are this list's own content
  const errors = problems.filter((p) => p.severity === 'error');
  for (const p of errors) err(formatProblem(p, label));
  if (!model || hasErrors(problems)) return 1;
  const words = Wording.load(createHandlebars(yearRuleOf(model.dataset, fy)), 'survey-status');
  const { period } = model.dataset;
  if (fy < period.from || fy > period.to) {
    err(formatProblem({ severity: 'error', file: 'dataset.json', path: ['period'], message: words.get('err-year', { westernYear: fy, ...period }) }, label));
    return 1;
  }
  if (outFile && existsSync(outFile)) {
    err(`${severityMark('error')} ${path.relative(process.cwd(), outFile) || outFile}: ${words.get('err-exists')}`);
    return 1;
  }
  const categories = (model.dataset.documents.results?.achievementCategories ?? []).map((c) => c.label).join('、');
  const text = (t: StatusItem): { kind: string; text: string } => {
    if (t.kind === 'unanswered')
      return { kind: words.get('kind-unanswered'), text: words.get('text-unanswered', { fields: t.fields.map((f) => words.get(`field-${f}`)).join('・') }) };
    if (t.kind === 'no-entry') return { kind: words.get('kind-unanswered'), text: words.get('text-no-entry', { westernYear: fy }) };
    if (t.kind === 'uncategorised')
      return { kind: words.get('kind-uncategorised'), text: words.get('text-uncategorised', { achievement: cut(t.achievement), categories }) };
    if (t.kind === 'no-actual') return { kind: words.get('kind-unanswered'), text: words.get('text-no-actual', { ...t, westernYear: fy }) };
    if (t.kind === 'no-grade') return { kind: words.get('kind-unanswered'), text: words.get('text-no-grade', { westernYear: fy }) };
    const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 6 });
    if (t.kind === 'actual-jump')
      return { kind: words.get('kind-actual-jump'), text: words.get('text-actual-jump', { ...t, factor: BUDGET_FACTOR, prev: n(t.prev), now: n(t.now) }) };
    if (t.kind === 'percent-over') return { kind: words.get('kind-percent-over'), text: words.get('text-percent-over', { ...t, now: n(t.now) }) };
    if (t.kind === 'count-fraction') return { kind: words.get('kind-count-fraction'), text: words.get('text-count-fraction', { ...t, now: n(t.now) }) };
    if (t.kind === 'budget-blank')
      return { kind: words.get('kind-budget-blank'), text: words.get('text-budget-blank', { prev: t.prev.toLocaleString('en-US') }) };
    return {
      kind: words.get('kind-budget'),
      text: words.get('text-budget', {
        factor: BUDGET_FACTOR,
        prev: t.prev.toLocaleString('en-US'),
        now: t.now.toLocaleString('en-US'),
        yen: t.now >= t.prev * YEN_FACTOR,
        zero: t.now === 0,
      }),
    };
  };
  const texts = (d: DepartmentStatus) => d.rows.map((r) => r.items.map(text));
  const view = surveyStatusView(model, fy);
  // the year as the books asked about it (平成30年度 照会): one style for both
  const title = words.get('title', { fyLong: fiscalYearLong(fy, yearRuleOf(model.dataset, fy)), dataset: model.dataset.title, results: asksResults(model) });
  out(title);
  const listed = view.filter((d) => d.rows.length);
  if (!listed.length) out(words.get('all-clear', { asked: view.reduce((n, d) => n + d.asked, 0) }));
  for (const d of listed) {
    out(words.get('department', d));
    texts(d).forEach((items, k) => {
      const r = d.rows[k];
      for (const t of items) out(words.get('line', { ...r, text: `【${t.kind}】${t.text}` }));
    });
  }
  const sum = (f: (d: DepartmentStatus) => number) => view.reduce((n, d) => n + f(d), 0);
  out(words.get('total', { unanswered: sum((d) => d.unanswered), check: sum((d) => d.check), departments: listed.length }));
  if (outFile) {
    const date = yearDateOf(model.dataset, fy);
    const { bytes } = await renderWorkbook(statusWorkbook(view, words, texts, { title, issuer: model.dataset.issuer, date }));
    writeAtomic(outFile, bytes);
    err(words.get('written', { file: path.relative(process.cwd(), outFile) || outFile }));
  }
  return 0;
}

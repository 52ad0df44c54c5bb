// 未回答・要確認一覧: per 部局, the initiatives asked in a year with no answer, a 目標の達成度
// outside the summary categories, or a budget that moved by more than FACTOR from last year.
// Reads the same rules as validation and the draft mark (model/results-answers.ts).
import type { Model } from '../model/schema.js';
import { categoryOf, missingAnswers, type AnswerField } from '../model/results-answers.js';
import { surveyRows } from '../documents/survey-workbook.js';

/** A budget this many times last year's, or this fraction of it, is asked about. */
export const BUDGET_FACTOR = 3;

export type StatusItem =
  | { kind: 'unanswered'; fields: AnswerField[] }
  | { kind: 'no-entry' }
  | { kind: 'uncategorised'; achievement: string }
  | { kind: 'budget'; prev: number; now: number };

export interface StatusRow {
  id: string;
  file: string;
  no: number;
  title: string;
  division: string;
  items: StatusItem[];
}

export interface DepartmentStatus {
  department: string;
  asked: number;
  unanswered: number;
  check: number;
  rows: StatusRow[];
}

export function surveyStatusView(model: Model, fy: number): DepartmentStatus[] {
  const categories = model.dataset.documents.results?.achievementCategories;
  const fileOf = new Map(model.initiatives.map((i) => [i.id, i.file]));
  const out: DepartmentStatus[] = [];
  for (const [department, rows] of surveyRows(model, fy)) {
    const listed: StatusRow[] = [];
    for (const { id, initiative: i } of rows) {
      const items: StatusItem[] = [];
      const r = i.results?.[String(fy)];
      if (!r) items.push({ kind: 'no-entry' });
      else {
        const missing = missingAnswers(r);
        if (missing.length) items.push({ kind: 'unanswered', fields: missing });
        if (categories && r.achievement?.trim() && categoryOf(r.achievement, categories) === undefined) items.push({ kind: 'uncategorised', achievement: r.achievement });
        const prev = i.results?.[String(fy - 1)]?.budget;
        const now = r.budget;
        if (typeof prev === 'number' && typeof now === 'number' && prev > 0 && now > 0 && (now >= prev * BUDGET_FACTOR || now * BUDGET_FACTOR <= prev))
          items.push({ kind: 'budget', prev, now });
      }
      if (items.length) listed.push({ id, file: fileOf.get(id)!, no: i.no, title: i.title, division: [i.division].flat().join('・'), items });
    }
    const unanswered = listed.filter((x) => x.items.some((t) => t.kind === 'unanswered' || t.kind === 'no-entry')).length;
    out.push({ department, asked: rows.length, unanswered, check: listed.length - unanswered, rows: listed });
  }
  return out;
}

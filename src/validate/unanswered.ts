// The rows of a year still unanswered, for results and progress alike: whom each is about, and the
// year's summary with a count per 部局 before the rows of each 部局 (wording in templates/validate-answers.hbs).
import type { Initiative } from '../model/schema.js';
import { wordsOf } from '../templates/words.js';

export const answerWords = wordsOf('validate-answers');

export const cut = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

/** 部局（課）「事業名」 */
export const who = (data: Initiative) =>
  answerWords('who', { department: data.department, divisions: [data.division].flat().join('・'), title: cut(data.title) });

export interface Line {
  department: string;
  file: string;
  message: string;
  path: (string | number)[];
}

/** The summary, given each 部局 with its count, then every line, 部局 by 部局 in the order they first appear. */
export function reportPerDepartment(lines: Line[], count: (mine: Line[]) => number, summary: (perDepartment: string) => void, line: (l: Line) => void): void {
  const departments = [...new Set(lines.map((l) => l.department))];
  summary(departments.map((d) => answerWords('per-department', { department: d, count: count(lines.filter((l) => l.department === d)) })).join('、'));
  for (const d of departments) for (const l of lines.filter((x) => x.department === d)) line(l);
}

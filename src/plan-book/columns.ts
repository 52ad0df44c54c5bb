// The layout both sides of the plan workbook agree on: the export writes it, the import reads it.
// Columns are 1-based. The 官民データ columns follow the data set's policyMeasures (one ○ column
// each), so the 事業 sheet's last columns depend on the data set.
import type { Dataset } from '../model/schema.js';

export const PLAN = {
  headerRows: 1,
  /** empty rows after the data set's rows where a new initiative (or indicator) is typed */
  blankRows: 10,
  /** the very hidden sheet: A1 data set id, A2 部局 (empty for the whole plan), A3 layout version;
   *  B from row 1: the 節 drop-down values; then one block of columns per sheet, a row per data row */
  metaSheet: '_plan',
  version: 1,
  meta: {
    sections: 2,
    /** 事業: id, 番号 */
    initiative: { id: 3, no: 4 },
    /** スケジュール: id, 番号, 事業名 */
    schedule: { id: 5, no: 6, name: 7 },
    /** 指標: id, 事業名, position in the initiative's indicators (1-based) */
    indicator: { id: 8, name: 9, index: 10 },
  },
  schedule: { id: 1, no: 2, name: 3, firstYear: 4 },
  indicator: { id: 1, name: 2, indicator: 3, baseline: 4, baselineAt: 5, target: 6, targetAt: 7 },
};

/** The 事業 sheet's columns for a data set. */
export function initiativeColumns(dataset: Dataset) {
  const measures = dataset.policyMeasures ?? [];
  const c = { id: 1, no: 2, title: 3, department: 4, division: 5, section: 6, description: 7, isNew: 8, relistedIn: 9, secondaryGoals: 10, firstMeasure: 11 };
  return {
    ...c,
    measures: measures.map((m, k) => ({ id: m.id, mark: m.mark, col: c.firstMeasure + k })),
    handling: c.firstMeasure + measures.length,
    count: c.firstMeasure + measures.length,
  };
}
export type InitiativeColumns = ReturnType<typeof initiativeColumns>;

// The layout both sides of the survey agree on: the export writes it, the import reads it.
export const SURVEY = {
  /** the visible sheet's columns, 1-based: this year's inputs E–H, last year's values (read-only) I–K */
  col: { id: 1, no: 2, name: 3, division: 4, budget: 5, achievement: 6, outcome: 7, isNew: 8, prevBudget: 9, prevAchievement: 10, prevOutcome: 11 },
  /** locked columns: checked against the snapshot the workbook was exported with */
  locked: ['id', 'no', 'name', 'division'] as const,
  headerRows: 1,
  /** the very hidden sheet: A1 data set id, A2 fiscal year, A3 department, A4 layout version;
   *  from row 5, per initiative in row order: A id, C no, D title, E division (the snapshot),
   *  F–I the fingerprints of the values exported into 事業費, 目標の達成度, 実績・成果等, 新規
   *  (base-values.ts; books exported before them have none); B from row 1: the drop-down values of 目標の達成度 */
  metaSheet: '_survey',
  firstIdRow: 5,
  snapshot: { no: 3, name: 4, division: 5 },
  base: { budget: 6, achievement: 7, outcome: 8, isNew: 9 },
  version: 2,
};

/** The 指標 sheet (documents.progress): one row per numeric indicator, the initiative's
 *  self-evaluation in its first indicator's row. Rows are read by position against its own
 *  very hidden sheet, which holds from row 2, per sheet row: A initiative id, B the indicator's
 *  index in `indicators`, C no, D title, E indicator name, F unit (the snapshot), G "1" on the
 *  row that carries the evaluation, H "1" where an actual is asked; A1 the layout version;
 *  J and K from row 1 the drop-down values of 自己評価 and 今後の方向性. */
export const INDICATOR_SHEET = {
  col: { id: 1, no: 2, name: 3, indicator: 4, unit: 5, baseline: 6, target: 7, prevActual: 8, actual: 9, note: 10, grade: 11, reason: 12, outlook: 13 },
  locked: ['id', 'no', 'name', 'indicator', 'unit'] as const,
  headerRows: 1,
  metaSheet: '_indicators',
  firstRow: 2,
  meta: { id: 1, index: 2, no: 3, name: 4, indicator: 5, unit: 6, evaluated: 7, asked: 8, grades: 10, outlooks: 11 },
  /** L–P: the fingerprints of the values exported into 実績値, 注記, 自己評価, 理由, 今後の方向性 (base-values.ts; none in a book made before) */
  base: { value: 12, note: 13, grade: 14, reason: 15, outlook: 16 },
  version: 1,
};

// The layout both sides of the survey agree on: the export writes it, the import reads it.
export const SURVEY = {
  /** the visible sheet's columns, 1-based: this year's inputs E–H, last year's values (read-only) I–K */
  col: { id: 1, no: 2, name: 3, division: 4, budget: 5, achievement: 6, outcome: 7, isNew: 8, prevBudget: 9, prevAchievement: 10, prevOutcome: 11 },
  /** locked columns: checked against the snapshot the workbook was exported with */
  locked: ['id', 'no', 'name', 'division'] as const,
  headerRows: 1,
  /** the very hidden sheet: A1 data set id, A2 fiscal year, A3 department, A4 layout version;
   *  from row 5, per initiative in row order: A id, C no, D title, E division (the snapshot);
   *  B from row 1: the drop-down values of 目標の達成度 */
  metaSheet: '_survey',
  firstIdRow: 5,
  snapshot: { no: 3, name: 4, division: 5 },
  version: 2,
};

// The layout both sides of the survey agree on: the export writes it, the import reads it.
export const SURVEY = {
  /** the visible sheet's columns, 1-based */
  col: { id: 1, no: 2, name: 3, division: 4, budget: 5, achievement: 6, outcome: 7, isNew: 8 },
  /** locked columns: checked against the data on import */
  locked: ['id', 'no', 'name', 'division'] as const,
  headerRows: 1,
  /** the hidden sheet: A1 data set id, A2 fiscal year, A3 department; ids from A5 in row order; B: drop-down values */
  metaSheet: '_survey',
  firstIdRow: 5,
};

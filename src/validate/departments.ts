// Departments: when the data set names its departments, an initiative's department is one of
// them (a misspelt one would otherwise become a department of its own, with its own survey workbook).
import type { Dataset, Model } from '../model/schema.js';
import { nearest } from '../nearest.js';
import { unknownDepartmentMessage } from './messages.js';

export function checkDepartments(
  dataset: Dataset,
  initiatives: Model['initiatives'],
  err: (file: string, message: string, path: (string | number)[]) => void,
): void {
  const known = dataset.departments;
  if (!known) return;
  for (const { file, data } of initiatives)
    if (!known.includes(data.department)) err(file, unknownDepartmentMessage(data.department, nearest(data.department, known)), ['department']);
}

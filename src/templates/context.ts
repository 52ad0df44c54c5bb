// What a data set's own text (text/*.md.hbs) can name in {{ }}: the same for the build and
// for validation, which expands every text once to check it.
import type { Dataset } from '../model/schema.js';

export function textContext(dataset: Dataset) {
  return { dataset, period: dataset.period, title: dataset.title, issuer: dataset.issuer };
}

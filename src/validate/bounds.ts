// Cross-checks that keep the build possible: things each file allows on its own but the
// documents cannot hold (a results report without rows, two sheets of one name, one
// initiative twice in a section, totals beyond exact integers).
import type { Dataset, Model } from '../model/schema.js';
import { validateWords as w } from './messages.js';

type Report = (file: string, message: string, path: (string | number)[]) => void;

/** `complete`: every initiative file passed its schema (else a missing year may just be unread). */
export function checkBounds(dataset: Dataset, initiatives: Model['initiatives'], complete: boolean, err: Report) {
  const years = dataset.documents.results?.fiscalYears ?? [];
  const seen = new Set<number>();
  years.forEach((y, i) => {
    const at = ['documents', 'results', 'fiscalYears', i];
    if (seen.has(y)) err('dataset.json', w('year-twice', { fiscalYear: y }), at);
    else if (complete && !initiatives.some((x) => x.data.results?.[String(y)])) err('dataset.json', w('results-year-empty', { fiscalYear: y }), at);
    seen.add(y);
  });

  for (const { file, data } of initiatives) {
    const sections = new Set<string>();
    data.relistedIn?.forEach((r, i) => {
      const sec = typeof r === 'string' ? r : r.section;
      if (sections.has(sec)) err(file, w('relisting-twice', { section: sec }), typeof r === 'string' ? ['relistedIn', i] : ['relistedIn', i, 'section']);
      sections.add(sec);
    });
  }

  // budget totals are printed and summed as exact integers (yen(), the workbook's SUM)
  const totals = new Map<string, number>();
  for (const { file, data } of initiatives) {
    for (const [fy, r] of Object.entries(data.results ?? {})) {
      const t = (totals.get(fy) ?? 0) + (r.budget ?? 0);
      if (t > Number.MAX_SAFE_INTEGER && (totals.get(fy) ?? 0) <= Number.MAX_SAFE_INTEGER)
        err(file, w('budget-total-too-large', { fiscalYear: fy, max: Number.MAX_SAFE_INTEGER.toLocaleString('en-US') }), ['results', fy, 'budget']);
      totals.set(fy, t);
    }
  }
}

// The documents a data set publishes, by file name: what a whole build must hold.
import type { Model } from './model/schema.js';
import { hasProgress } from './resolve/progress.js';

export const PROGRESS_PDF = 'progress.pdf';
export const BOOKLET_PDF = 'plan-booklet.pdf';

/** the web edition and the open data: folders of files, named so in `--only` (also without the slash) */
export const WEB = 'web/';
export const DATA = 'data/';

/** A file of a set as a message names it: a document by its name, a file of the web edition or the open data by its folder. */
export const documentOf = (file: string): string => [WEB, DATA].find((folder) => file.startsWith(folder)) ?? file;

/** a name given to `--only` as the build calls it: `web` is the folder `web/` */
export function onlyName(name: string): string {
  return name === WEB.slice(0, -1) || name === DATA.slice(0, -1) ? `${name}/` : name;
}

/** The documents a data set publishes, by file name. */
export function documentNames(model: Model): string[] {
  const d = model.dataset.documents;
  const hasSchedules = model.initiatives.some((i) => i.data.schedule?.length);
  const results = d.results?.fiscalYears ?? [];
  const progress = hasProgress(model);
  // the appendix holds the list's, each year's and the progress report's sheets: with none of them (a
  // next plan before its schedules) it is not made, as a workbook without sheets is no workbook
  const appendix = d.appendix && ((d.initiativeList && hasSchedules) || results.length > 0 || progress);
  return [
    ...(d.booklet ? [BOOKLET_PDF] : []),
    ...(d.booklet && d.initiativeList && hasSchedules ? ['initiative-list.pdf'] : []),
    ...results.map((fy) => `results-${fy}.pdf`),
    ...(progress ? [PROGRESS_PDF] : []),
    ...(appendix ? ['appendix.xlsx'] : []),
  ];
}

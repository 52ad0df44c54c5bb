// 新規 (○), derived once (DATA-FORMAT.md): for a fiscal year, the mark on that year's results,
// else the one on the initiative; for the initiative as such (the open data's 事業 table, which
// has no year), marked on the initiative or in any year's results.
import type { Initiative } from '../model/schema.js';

export const isNewIn = (i: Initiative, fy: number): boolean => i.results?.[String(fy)]?.isNew ?? i.isNew ?? false;

export const isNewInAnyYear = (i: Initiative): boolean => (i.isNew ?? false) || Object.values(i.results ?? {}).some((r) => r.isNew === true);

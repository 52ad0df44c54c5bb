// The old → new table renumber and new-plan print: one row per initiative, columns padded
// to the widest cell (Japanese characters counted as two columns, as a terminal shows them).
import type { Numbered } from '../model/booklet-order.js';
import { planWords } from './words.js';

const width = (s: string) =>
  [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function numberTable(rows: Numbered[]): string[] {
  const w = planWords();
  type Row = [file: string, section: string, old: string, now: string];
  const cells: Row[] = [
    [w.get('col-file'), w.get('col-section'), w.get('col-old'), w.get('col-new')],
    ...rows.map((r): Row => [r.file, r.section, String(r.no), String(r.expected)]),
  ];
  const widest = (k: 0 | 1 | 2) => Math.max(...cells.map((c) => width(c[k])));
  const widths = [widest(0), widest(1), widest(2)] as const;
  return cells.map((c) => `  ${pad(c[0], widths[0])}  ${pad(c[1], widths[1])}  ${pad(c[2], widths[2])} → ${c[3]}`);
}

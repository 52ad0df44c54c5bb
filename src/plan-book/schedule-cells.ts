// The スケジュール sheet: one cell per fiscal year, written the way people draw a schedule in
// Excel — the label in a span's first year and 「→」 in the years it goes on — and read back
// into `schedule` spans. People also type the label again in every year of a span: the same
// label in the next year continues the span. A blank year ends it (a gap is two spans).
import type { ScheduleSpan } from '../model/schema.js';

/** What the export writes in the years a span goes on. */
export const ARROW = '→';
// the arrows people type: →, ⇒, ➡, ➔, ->, --> (full-width too, NFKC makes them half-width)
const ARROWS = /^(?:[→⇒➡➔⟶]+|-+>)$/;

export const isArrow = (text: string) => ARROWS.test(text.normalize('NFKC').replace(/\s+/g, ''));

// 「〃」 (or ″, 同上) in a year says 「the same as the year before」, as people fill a row in Excel:
// the span goes on, as with an arrow (it was read as the label 「〃」 and printed in the list)
const DITTO = /^(?:[〃″]+|同上)$/u;
const isDitto = (text: string) => DITTO.test(text.replace(/\s+/g, ''));

/** What is typed in a year the span before goes on in. */
export const continues = (text: string) => isArrow(text) || isDitto(text);

/** The cells of the years `from`..`to` for `spans` (null: a blank year). */
export function scheduleCells(spans: ScheduleSpan[] | undefined, from: number, to: number): (string | null)[] {
  const cells: (string | null)[] = [];
  for (let fy = from; fy <= to; fy++) {
    const span = (spans ?? []).find((s) => s.from <= fy && fy <= s.to);
    cells.push(!span ? null : fy === Math.max(span.from, from) ? span.label : ARROW);
  }
  return cells;
}

/** Why a row of year cells is not a schedule: an arrow with nothing before it to continue. */
export type ScheduleRefusal = { kind: 'arrow-first'; year: number; mark: string };

/** The spans a row of year cells (texts, '' for blank; the first is the year `from`) draws. */
export function readSchedule(cells: string[], from: number): { ok: true; spans: ScheduleSpan[] } | { ok: false; refusal: ScheduleRefusal; index: number } {
  const spans: ScheduleSpan[] = [];
  let open: ScheduleSpan | undefined;
  for (let k = 0; k < cells.length; k++) {
    const text = cells[k]!.trim(); // k is within the loop's bound
    const fy = from + k;
    if (text === '') {
      open = undefined;
      continue;
    }
    if (continues(text)) {
      if (!open) return { ok: false, refusal: { kind: 'arrow-first', year: fy, mark: text }, index: k };
      open.to = fy;
      continue;
    }
    if (open && open.label === text) {
      open.to = fy;
      continue;
    }
    open = { from: fy, to: fy, label: text };
    spans.push(open);
  }
  return { ok: true, spans };
}

// The 指標 sheet of a survey workbook (data sets with documents.progress): one row per numeric
// indicator of the 部局's initiatives — 事業, 指標名, 単位, 基準値, 目標値 and last year's
// actual as they stand (locked), this year's actual and its note to fill — and the initiative's
// self-evaluation (自己評価, 未達成の理由, 今後の方向性) in the row of its first indicator. The
// rows' ids and a snapshot of the locked cells travel in a very hidden sheet of their own.
import { fingerprint } from '../../survey/base-values.js';
import type { Model } from '../../model/schema.js';
import type { Wording } from '../../templates/index.js';
import type { CellValue, SheetSpec } from '../../render/xlsx.js';
import { a4Capacity } from '../../render/xlsx.js';
import { INDICATOR_SHEET } from '../../survey/columns.js';
import { expectsActual } from '../../model/progress-answers.js';
import type { IndicatorInitiative } from '../../resolve/survey-rows.js';
import { asOfText } from '../../resolve/initiative-list.js';
import { rowHeight, headerHeights, avoidLoneEnds } from './sheet-layout.js';
import { INPUT_FILL, REFERENCE_FILL, REFERENCE_TEXT, SIDE_MARGIN, columnFloors, fillWidths } from './survey-layout.js';

/** The drop-down values of 自己評価 and 今後の方向性: the data set's own, then the clear mark. */
export function evaluationChoices(model: Model, clear: string): { grades: string[]; outlooks: string[] } {
  const p = model.dataset.documents.progress;
  return { grades: [...(p?.grades ?? []).map((g) => g.label), clear], outlooks: [...(p?.outlooks ?? []), clear] };
}

const SHARES = [5, 6, 15, 16, 6, 12, 13, 8, 8, 11, 7, 18, 9];
const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** `words`: the survey wording, `common`: the common wording, both under the year's era rule. */
export function indicatorSheets(
  model: Model,
  words: Wording,
  common: Wording,
  fy: number,
  department: string,
  list: IndicatorInitiative[],
  ctx: Record<string, unknown>,
): SheetSpec[] {
  const c = INDICATOR_SHEET.col;
  const m = INDICATOR_SHEET.meta;
  const clear = words.get('clear-mark');
  const { grades, outlooks } = evaluationChoices(model, clear);
  const header: [CellValue[], ...CellValue[][]] = [
    [
      words.get('col-id'),
      words.get('col-no'),
      words.get('col-name'),
      words.get('ind-col-indicator'),
      words.get('ind-col-unit'),
      words.get('ind-col-baseline'),
      words.get('ind-col-target'),
      words.get('ind-col-prev', ctx),
      words.get('ind-col-actual', ctx),
      words.get('ind-col-note'),
      words.get('ind-col-grade', ctx),
      words.get('ind-col-reason'),
      words.get('ind-col-outlook'),
    ],
  ];
  const inputs = [c.actual, c.note, c.grade, c.reason, c.outlook].map((k) => k - 1);
  const fills: (string | undefined)[] = [];
  const colors: (string | undefined)[] = [];
  for (const k of inputs) fills[k] = INPUT_FILL;
  fills[c.prevActual - 1] = REFERENCE_FILL;
  colors[c.prevActual - 1] = REFERENCE_TEXT;
  const rows: { cells: CellValue[]; unlocked: number[]; fills: (string | undefined)[] }[] = [];
  const metaRows: CellValue[][] = [];
  for (const { id, initiative: i, indicators } of list) {
    const ev = i.evaluation?.[String(fy)];
    indicators.forEach(({ index, indicator: ind }, k) => {
      const unit = ind.unit!;
      const asked = expectsActual(ind, fy);
      const own = ind.yearlyTargets?.[String(fy)];
      const target = [
        `${ind.target.value}（${asOfText(ind.target.asOf, common)}）`,
        own === undefined ? '' : words.get('ind-year-target', { ...ctx, number: num(own), unit }),
      ]
        .filter(Boolean)
        .join('\n');
      const now = ind.actuals?.[String(fy)];
      const prev = ind.actuals?.[String(fy - 1)]?.value;
      const evaluated = k === 0;
      const cells: CellValue[] = [
        id,
        i.no,
        i.title,
        ind.name,
        unit,
        `${ind.baseline.value}（${asOfText(ind.baseline.asOf, common)}）`,
        target,
        prev ?? null,
        asked ? (now?.value ?? null) : words.get('ind-not-asked'),
        asked ? (now?.note ?? null) : null,
        evaluated ? (ev?.grade ?? null) : null,
        evaluated ? (ev?.reason ?? null) : null,
        evaluated ? (ev?.outlook ?? null) : null,
      ];
      // the cells a row does not ask for are locked and grey, as the reference cells are
      const open = inputs.filter((x) => (x === c.actual - 1 || x === c.note - 1 ? asked : evaluated));
      rows.push({ cells, unlocked: open, fills: fills.map((f, x) => (inputs.includes(x) && !open.includes(x) ? REFERENCE_FILL : f)) });
      const meta: CellValue[] = [];
      meta[m.id - 1] = id;
      meta[m.index - 1] = String(index);
      meta[m.no - 1] = String(i.no);
      meta[m.name - 1] = i.title;
      meta[m.indicator - 1] = ind.name;
      meta[m.unit - 1] = unit;
      meta[m.evaluated - 1] = evaluated ? '1' : null;
      meta[m.asked - 1] = asked ? '1' : null;
      // what the answer cells were filled in with, for the import to tell a department's change from a stale value
      const b = INDICATOR_SHEET.base;
      meta[b.value - 1] = asked ? fingerprint(now?.value ?? null) : null;
      meta[b.note - 1] = asked ? fingerprint(now?.note ?? null) : null;
      meta[b.grade - 1] = evaluated ? fingerprint(ev?.grade ?? null) : null;
      meta[b.reason - 1] = evaluated ? fingerprint(ev?.reason ?? null) : null;
      meta[b.outlook - 1] = evaluated ? fingerprint(ev?.outlook ?? null) : null;
      metaRows.push(meta);
    });
  }
  const capacity = a4Capacity(SIDE_MARGIN);
  const floors = columnFloors(
    header[0],
    rows.map((r) => r.cells),
    [c.id - 1, c.no - 1],
  );
  const widths = avoidLoneEnds(
    fillWidths(SHARES, floors, capacity),
    floors,
    capacity,
    rows.map((r) => r.cells),
  );
  const list2 = (col: number, n: number) => `'${INDICATOR_SHEET.metaSheet}'!$${String.fromCharCode(64 + col)}$1:$${String.fromCharCode(64 + col)}$${n}`;
  const visible: SheetSpec = {
    name: words.get('ind-sheet'),
    widths,
    align: [undefined, 'center', undefined, undefined, 'center', undefined, undefined, 'right', 'right', undefined, 'center', undefined, 'center'],
    header,
    headerHeights: headerHeights(header, widths),
    rows: rows.map((r) => ({ ...r, height: rowHeight(r.cells, widths, 2) })),
    freeze: { rows: INDICATOR_SHEET.headerRows, cols: c.indicator },
    autoFilter: true,
    protect: true,
    unlocked: [],
    fills,
    colors,
    rowsGrow: true,
    sideMargin: SIDE_MARGIN,
    footer: words.get('footer', { department }),
    header_text: words.get('ind-title', ctx),
    validations: {
      // any value (exceljs writes no type): the prompt alone; the import reads 「12件」 and refuses 「約80%」 itself
      [c.actual - 1]: {
        type: 'any' as 'custom',
        allowBlank: true,
        formulae: [],
        showErrorMessage: false,
        showInputMessage: true,
        prompt: words.get('actual-prompt', { clear }),
      },
      [c.grade - 1]: {
        type: 'list',
        allowBlank: true,
        formulae: [list2(m.grades, grades.length)],
        showErrorMessage: true,
        errorStyle: 'stop',
        error: words.get('err-grade-dv', { choices: grades.join('、') }),
        showInputMessage: true,
        prompt: words.get('grade-prompt', { clear }),
      },
      [c.outlook - 1]: {
        type: 'list',
        allowBlank: true,
        formulae: [list2(m.outlooks, outlooks.length)],
        showErrorMessage: true,
        errorStyle: 'stop',
        error: words.get('err-outlook-dv', { choices: outlooks.join('、') }),
        showInputMessage: true,
        prompt: words.get('outlook-prompt', { clear }),
      },
    },
  };
  const n = Math.max(INDICATOR_SHEET.firstRow - 1 + metaRows.length, grades.length, outlooks.length);
  const hidden: SheetSpec['rows'] = [];
  for (let k = 1; k <= n; k++) {
    const cells: CellValue[] = k >= INDICATOR_SHEET.firstRow ? [...(metaRows[k - INDICATOR_SHEET.firstRow] ?? [])] : [INDICATOR_SHEET.version];
    while (cells.length < m.outlooks) cells.push(null);
    cells[m.grades - 1] = grades[k - 1] ?? null;
    cells[m.outlooks - 1] = outlooks[k - 1] ?? null;
    hidden.push({ cells: cells.map((x) => x ?? null) });
  }
  const meta: SheetSpec = {
    name: INDICATOR_SHEET.metaSheet,
    widths: [12, 6, 8, 30, 30, 10, 4, 4, 4, 12, 12, 18, 18, 18, 18, 18],
    header: [],
    rows: hidden,
    hidden: true,
    protect: true,
  };
  return [visible, meta];
}

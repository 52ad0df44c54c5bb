// The 主な取組一覧 as laid out on a page (booklet chapter 3 or the standalone list): the lines of
// the column header, the group rows above the first initiative row, and the rows' count, read
// from positions (pdfjs text items), not from the document definition.
import type { PdfPage } from '../../src/errata/pdf-lines.js';
import { squash } from './data.js';

export interface ListPage {
  number: number;
  /** the column header's lines (from 事業/事業名 down to the fiscal years), squashed */
  header: string;
  /** the lines between the column header and the first initiative row, top to bottom, squashed */
  above: string[];
  /** every full-width line of the body (group rows among them), squashed */
  lines: string[];
  /** the 事業番号 of the first initiative row, and whether it is a 再掲 */
  firstRow?: { no: number; relisted: boolean };
  /** initiative rows that begin on the page (one 掲載頁 number each) */
  rows: number;
}

/** Lines of items (squashed text) on one baseline, top to bottom. */
function lines(items: PdfPage['items']): { y: number; text: string }[] {
  const rows = new Map<number, PdfPage['items']>();
  for (const it of items.filter((i) => i.str.trim())) {
    const key = [...rows.keys()].find((y) => Math.abs(y - it.y) < 1) ?? it.y;
    if (!rows.has(key)) rows.set(key, []);
    rows.get(key)!.push(it);
  }
  return [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([y, its]) => ({
      y,
      text: squash(
        its
          .sort((a, b) => a.x - b.x)
          .map((i) => i.str)
          .join(''),
      ),
    }));
}

/** The page as a page of the list, or undefined when it carries no column header of the list. */
export function listPage(p: PdfPage): ListPage | undefined {
  // the column header is the topmost place these stand
  const topmost = (f: (s: string) => boolean) => p.items.filter((i) => f(i.str.trim())).sort((a, b) => b.y - a.y)[0];
  const years = topmost((s) => s === 'H29');
  const pageCol = topmost((s) => s === '掲載頁');
  const first = topmost((s) => s === '事業');
  if (!years || !pageCol || !first || !p.items.some((i) => i.str.includes('事業名'))) return undefined;
  const body = p.items.filter((i) => i.y < years.y - 1);
  // an initiative row prints its 掲載頁 on its first line
  const numbers = body.filter((i) => i.x >= pageCol.x - 6 && /^\d+$/.test(i.str.trim())).sort((a, b) => b.y - a.y);
  const top = numbers[0]?.y ?? -Infinity;
  // the first row's 事業番号 stands left of the 事業名 column, on the same baseline
  const name = topmost((s) => s === '事業名');
  const no = body.find((i) => Math.abs(i.y - top) < 1 && i.x < name.x - 20 && /^\d+$/.test(i.str.trim()));
  const firstLine = lines(body.filter((i) => Math.abs(i.y - top) < 1))[0]?.text ?? '';
  return {
    firstRow: no ? { no: Number(no.str.trim()), relisted: firstLine.includes('(再掲)') } : undefined,
    number: p.number,
    header: lines(p.items.filter((i) => i.y <= first.y + 1 && i.y >= years.y - 1))
      .map((l) => l.text)
      .join(''),
    above: lines(body.filter((i) => i.y > top + 1)).map((l) => l.text),
    lines: lines(body).map((l) => l.text),
    rows: numbers.length,
  };
}

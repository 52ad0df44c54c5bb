// The 正誤表's 誤 and 正 with the changed characters marked: one rule for the PDF and the workbook.
import { diffArrays } from 'diff';
import { commonEnds } from '../common-ends.js';
import type { TextNode } from '../render/pdf/nodes.js';

const MARK: Pick<TextNode, 'color' | 'bold' | 'decoration'> = { color: '#c00000', bold: true, decoration: 'underline' };

/**
 * The pieces compared: a figure (digits with their separators and decimal point, half- or
 * full-width, and the counter or unit written after it: 件, 千円, %, or a word of one or two kanji
 * or katakana such as 業務) is one, any other character
 * one each. A figure is corrected as a whole: 0 → 520,000 marks all of 520,000 (compared character
 * by character, its last 0 read as unchanged), 135,304 → 136,000 both figures, not the digits 534
 * and 600, and 19件 → 20件 the count with its counter.
 */
const FIGURE =
  /[0-9０-９](?:[0-9０-９,，.．]*[0-9０-９])?(?:[%％]|千円|万円|億円|か所|市町村|時間|[\p{Script=Han}\p{Script=Katakana}ー]{1,2}(?![\p{Script=Han}\p{Script=Katakana}ー])|[年月日件人回])?/u;
const PIECES = new RegExp(`${FIGURE.source}|[\\s\\S]`, 'gu');
const WHOLE_FIGURE = new RegExp(`^(?:${FIGURE.source})$`, 'u');
const isFigure = (s: string) => WHOLE_FIGURE.test(s);

/** a character of a figure: a cut between two of them is inside a number */
const FIGURE_CHAR = /[0-9０-９,，.．]/;

/**
 * A removed and an added piece side by side, with what they share at either end left unmarked
 * where one of them is then empty: a word inserted after a figure (「6.7万件突破」 → 「6.7万件を突破」)
 * marks only 「を」, though the figure reads as another piece once its counter is followed by a kana.
 * Never a cut inside a number: 0 → 520,000 is still the whole figure.
 */
function trimmed(removed: string, added: string): { head: string; removed: string; added: string; tail: string } {
  const whole = { head: '', removed, added, tail: '' };
  const { head: p, tail: s } = commonEnds(removed, added);
  const r = removed.slice(p, removed.length - s);
  const a = added.slice(p, added.length - s);
  if ((p === 0 && s === 0) || (r !== '' && a !== '')) return whole;
  const inNumber = (before: string | undefined, after: string | undefined) =>
    before !== undefined && after !== undefined && FIGURE_CHAR.test(before) && FIGURE_CHAR.test(after);
  const middle = r || a;
  if (p && inNumber(removed[p - 1], middle[0])) return whole;
  if (s && inNumber(middle[middle.length - 1], removed[removed.length - s])) return whole;
  return { head: removed.slice(0, p), removed: r, added: a, tail: removed.slice(removed.length - s) };
}

/** 誤 with removed pieces marked, 正 with added pieces marked. */
export function markedPair(wrong: string, right: string): { wrong: TextNode[]; right: TextNode[] } {
  const w: TextNode[] = [];
  const r: TextNode[] = [];
  const parts = diffArrays(wrong.match(PIECES) ?? [], right.match(PIECES) ?? []);
  const mark = (value: string) => ({ text: value, ...MARK, ...(isFigure(value) ? { noWrap: true } : {}) });
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    const value = part.value.join('');
    const next = parts[k + 1];
    // a removed piece and an added one side by side: what they share at either end is unchanged
    if ((part.removed && next?.added) || (part.added && next?.removed)) {
      const t = trimmed(part.removed ? value : next.value.join(''), part.added ? value : next.value.join(''));
      k++;
      for (const [x, side] of [
        [w, t.removed],
        [r, t.added],
      ] as const) {
        if (t.head) x.push({ text: t.head });
        // a changed figure is one unbreakable piece in a cell (「計画どおり実施 20／件」 left 件 alone)
        if (side) x.push(mark(side));
        if (t.tail) x.push({ text: t.tail });
      }
      continue;
    }
    if (part.removed) w.push(mark(value));
    else if (part.added) r.push(mark(value));
    else {
      w.push({ text: value });
      r.push({ text: value });
    }
  }
  return { wrong: w, right: r };
}

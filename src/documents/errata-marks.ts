// The 正誤表's 誤 and 正 with the changed characters marked: one rule for the PDF and the workbook.
import { diffArrays } from 'diff';
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

/** 誤 with removed pieces marked, 正 with added pieces marked. */
export function markedPair(wrong: string, right: string): { wrong: TextNode[]; right: TextNode[] } {
  const w: TextNode[] = [];
  const r: TextNode[] = [];
  for (const part of diffArrays(wrong.match(PIECES) ?? [], right.match(PIECES) ?? [])) {
    const value = part.value.join('');
    // a changed figure is one unbreakable piece in a cell (「計画どおり実施 20／件」 left 件 alone)
    const keep = isFigure(value) ? { noWrap: true } : {};
    if (part.removed) w.push({ text: value, ...MARK, ...keep });
    else if (part.added) r.push({ text: value, ...MARK, ...keep });
    else {
      w.push({ text: value });
      r.push({ text: value });
    }
  }
  return { wrong: w, right: r };
}

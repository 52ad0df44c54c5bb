// The 正誤表's 誤 and 正 with the changed characters marked: one rule for the PDF and the workbook.
import { diffChars } from 'diff';
import type { TextNode } from '../render/pdf/nodes.js';

const MARK: Pick<TextNode, 'color' | 'bold' | 'decoration'> = { color: '#c00000', bold: true, decoration: 'underline' };

/** 誤 with removed characters marked, 正 with added characters marked. */
export function markedPair(wrong: string, right: string): { wrong: TextNode[]; right: TextNode[] } {
  const w: TextNode[] = [];
  const r: TextNode[] = [];
  for (const part of diffChars(wrong, right)) {
    if (part.removed) w.push({ text: part.value, ...MARK });
    else if (part.added) r.push({ text: part.value, ...MARK });
    else {
      w.push({ text: part.value });
      r.push({ text: part.value });
    }
  }
  return { wrong: w, right: r };
}

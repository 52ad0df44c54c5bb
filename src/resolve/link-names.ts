// What a reader hears for each link of the booklet's prose (PDF/UA: every link annotation has a
// description, /Contents): 「用語解説 1 ICT へ」 for a glossary number, 「事業17の掲載頁へ」 for a
// page reference, the address for a URL. Derived here once, from the anchors' names.
import type { Block, Inline } from '../markdown/index.js';
import { PARTS, headingAnchor, figureAnchor } from '../markdown/references.js';
import type { Wording } from '../templates/index.js';
import type { NumberedTerm } from './glossary.js';

/** Every run list of some blocks (headings, paragraphs, list items, table cells). */
export function blockRuns(blocks: Block[]): Inline[][] {
  const out: Inline[][] = [];
  for (const b of blocks) {
    if (b.kind === 'list') out.push(...b.items);
    else if (b.kind === 'table') out.push(...b.header, ...b.rows.flat());
    else if (b.kind !== 'figure') out.push(b.inlines);
  }
  return out;
}

export interface AnchorNames {
  /** entry anchor → 事業番号 */
  initiatives: Map<string, number>;
  sections: { id: string; label: string; title: string }[];
  /** figure id → 「図表N」 */
  figures: Map<string, string>;
  /** part key (PARTS) → its title */
  parts: Map<string, string>;
  /** the blocks whose named headings may be cited */
  blocks: Block[][];
}

/** The name of every anchor a page reference may point at. */
export function anchorNames(a: AnchorNames, words: Wording): Map<string, string> {
  const names = new Map<string, string>();
  for (const [anchor, no] of a.initiatives) names.set(anchor, words.get('link-name-initiative', { no }));
  for (const s of a.sections) names.set(`sec-${s.id}`, `${s.label} ${s.title}`);
  for (const [id, label] of a.figures) names.set(figureAnchor(id), label);
  for (const [part, title] of a.parts) if (PARTS[part]) names.set(PARTS[part], title);
  for (const blocks of a.blocks)
    for (const b of blocks)
      if (b.kind === 'heading' && b.name)
        names.set(
          headingAnchor(b.name),
          `${b.label ? `${b.label} ` : ''}${b.inlines
            .filter((r) => r.sup === undefined)
            .map((r) => r.text)
            .join('')}`,
        );
  return names;
}

/** Gives every link run its name, in place. A page reference to an anchor without a name is a fault of the tool. */
export function nameLinks(lists: Inline[][], names: Map<string, string>, glossary: NumberedTerm[], words: Wording): void {
  const terms = new Map(glossary.map((g) => [g.number, g.term]));
  for (const runs of lists)
    for (const r of runs) {
      if (r.sup !== undefined) r.linkName = words.get('link-glossary', { number: r.sup, term: terms.get(r.sup) ?? '' });
      else if (r.pageRef !== undefined) {
        const name = names.get(r.pageRef);
        if (name === undefined) throw new Error(`頁の参照先 ${r.pageRef} に名前がありません（このツールの不具合です）`);
        r.linkName = words.get('link-page', { name });
      } else if (r.link) r.linkName = words.get('link-url', { url: r.link });
    }
}

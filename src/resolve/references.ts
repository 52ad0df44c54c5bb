// The references of prose and templates made plain: every page marker becomes a run that
// names the anchor whose printed page it shows, every figure marker the figure's number.
// Validation has checked every target; one missing here is a fault of the tool.
import type { Block, Inline } from '../markdown/index.js';
import { splitReferences, PARTS, headingAnchor, figureAnchor } from '../markdown/references.js';

export interface ReferenceTargets {
  /** anchor of `{{page kind id}}` */
  page(kind: string, id: string): string;
  /** the text printed instead, for a part the data set declares but does not make yet */
  pending(kind: string, id: string): string | undefined;
  /** 「図表N」 of `{{figure id}}` */
  figure(id: string): string;
}

export interface TargetSources {
  /** initiative id → the anchor of its own entry (not a 再掲) */
  initiatives: Map<string, string>;
  sections: string[];
  /** figures placed in the booklet */
  figures: Set<string>;
  /** parts this booklet has (keys of PARTS) */
  parts: Set<string>;
  /** names of prose headings (`{#name}`) */
  headings: Set<string>;
  /** 「図表N」 of a numbered figure */
  figureLabel: (id: string) => string | undefined;
  /** parts declared but not made yet (the list before any initiative has a schedule) → the text printed for their page */
  pendingParts?: Map<string, string>;
}

export function referenceTargets(src: TargetSources): ReferenceTargets {
  const sections = new Set(src.sections);
  const missing = (what: string): never => {
    throw new Error(`参照先 ${what} が冊子にありません（検証で見つかるはずの誤りです）`);
  };
  return {
    page(kind, id) {
      switch (kind) {
        case 'initiative':
          return src.initiatives.get(id) ?? missing(`initiative ${id}`);
        case 'section':
          return sections.has(id) ? `sec-${id}` : missing(`section ${id}`);
        case 'figure':
          return src.figures.has(id) ? figureAnchor(id) : missing(`figure ${id}`);
        case 'part':
          return src.parts.has(id) && PARTS[id] ? PARTS[id] : missing(`part ${id}`);
        case 'heading':
          return src.headings.has(id) ? headingAnchor(id) : missing(`heading ${id}`);
        default:
          return missing(`${kind} ${id}`);
      }
    },
    figure: (id) => src.figureLabel(id) ?? missing(`figure ${id}`),
    pending: (kind, id) => (kind === 'part' ? src.pendingParts?.get(id) : undefined),
  };
}

/** Runs with their markers resolved. */
export function resolveRuns(runs: Inline[], targets: ReferenceTargets): Inline[] {
  if (!runs.some((r) => r.text.includes('\uE000'))) return runs;
  const out: Inline[] = [];
  for (const r of runs) {
    for (const piece of splitReferences(r.text)) {
      if (typeof piece === 'string') {
        if (piece) out.push({ ...r, text: piece });
      } else if ('page' in piece) {
        const pending = targets.pending(piece.page.kind, piece.page.id);
        if (pending !== undefined) out.push({ ...r, text: pending });
        else
          out.push({ text: '', pageRef: targets.page(piece.page.kind, piece.page.id), ...(r.bold ? { bold: true } : {}), ...(r.link ? { link: r.link } : {}) });
      } else out.push({ ...r, text: targets.figure(piece.figure) });
    }
  }
  return out;
}

/** Every run list of the blocks, resolved in place. */
export function resolveBlockReferences(blocks: Block[], targets: ReferenceTargets): Block[] {
  for (const b of blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') b.inlines = resolveRuns(b.inlines, targets);
    else if (b.kind === 'list') b.items = b.items.map((it) => resolveRuns(it, targets));
    else if (b.kind === 'table') {
      b.header = b.header.map((c) => resolveRuns(c, targets));
      b.rows = b.rows.map((r) => r.map((c) => resolveRuns(c, targets)));
    }
  }
  return blocks;
}

/** Names of the prose headings (`{#name}`), each given its anchor. */
export function nameHeadings(lists: Block[][]): Set<string> {
  const names = new Set<string>();
  for (const blocks of lists)
    for (const b of blocks)
      if (b.kind === 'heading' && b.name) {
        b.anchor = headingAnchor(b.name);
        names.add(b.name);
      }
  return names;
}

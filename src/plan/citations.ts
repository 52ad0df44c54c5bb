// Where a text cites an initiative or a figure: `{{page "initiative" "032"}}`, `{{page "figure" "zu3"}}`
// and `{{figure "zu3"}}`, found in the Handlebars syntax tree (as validation finds them) with the
// exact stretch of text each stands on, so that new-plan can replace one that points at
// something the next plan does not carry.
import Handlebars from 'handlebars';

export interface Citation {
  kind: 'initiative' | 'figure';
  id: string;
  /** a page number ({{page …}}) or a figure's number ({{figure …}}) */
  what: 'page' | 'number';
  /** offsets of the whole `{{…}}` in the text (end exclusive) */
  start: number;
  end: number;
  line: number;
  source: string;
}

function offsetOf(lineStarts: number[], line: number, column: number): number {
  return lineStarts[line - 1]! + column; // a node's line is one of the text's: each has its start
}

/** Every citation written as a `{{…}}` of its own with literal arguments. */
export function citations(text: string): Citation[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(text);
  } catch {
    return []; // a syntax error is validation's to report
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const out: Citation[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as { type?: string; path?: { type: string; original: string }; params?: { type: string; value?: unknown }[]; loc?: hbs.AST.SourceLocation };
    if (node.type === 'MustacheStatement' && node.path?.type === 'PathExpression' && node.loc) {
      const args = (node.params ?? []).map((p) => (p.type === 'StringLiteral' ? String(p.value) : undefined));
      const at = {
        start: offsetOf(lineStarts, node.loc.start.line, node.loc.start.column),
        end: offsetOf(lineStarts, node.loc.end.line, node.loc.end.column),
        line: node.loc.start.line,
      };
      const name = node.path.original;
      if (name === 'page' && args.length === 2 && (args[0] === 'initiative' || args[0] === 'figure') && args[1] !== undefined)
        out.push({ kind: args[0], id: args[1], what: 'page', ...at, source: text.slice(at.start, at.end) });
      else if (name === 'figure' && args.length === 1 && args[0] !== undefined)
        out.push({ kind: 'figure', id: args[0], what: 'number', ...at, source: text.slice(at.start, at.end) });
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && k !== 'strip') walk(v);
  };
  walk(ast);
  return out;
}

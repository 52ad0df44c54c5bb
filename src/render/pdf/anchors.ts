// Where pdfmake laid out the nodes that carry an `id`: pdfmake keeps each node's positions
// on the node itself once it is laid out.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** the properties of a node that hold nodes (a table's in its body) */
const CHILDREN = ['stack', 'columns', 'text', 'ul', 'ol'] as const;
/** the properties of a node that cite a place */
const CITING = ['pageReference', 'linkToDestination', 'textReference'] as const;

/** The first (physical) page of every node with an id in a laid-out content tree. */
export function collectAnchors(content: Any, anchors: Map<string, number> = new Map()): Map<string, number> {
  const walk = (n: Any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    if (n.id && n.positions?.length && !anchors.has(n.id)) anchors.set(n.id, n.positions[0].pageNumber);
    for (const k of CHILDREN) if (Array.isArray(n[k])) walk(n[k]);
    if (n.table) walk(n.table.body);
  };
  walk(content);
  return anchors;
}

/** The first page of one node, searching from the top of the tree (headers and footers ask for it). */
export function pageOfNode(content: Any, id: string): number | undefined {
  let found: number | undefined;
  const walk = (n: Any): boolean => {
    if (!n || typeof n !== 'object') return false;
    if (Array.isArray(n)) return n.some(walk);
    if (n.id === id && n.positions?.length) {
      found = n.positions[0].pageNumber;
      return true;
    }
    for (const k of CHILDREN) if (Array.isArray(n[k]) && walk(n[k])) return true;
    return n.table ? walk(n.table.body) : false;
  };
  walk(content);
  return found;
}

/** A document cites a place it does not hold: a defect of the tool (validation refuses data that would). */
export class MissingAnchorError extends Error {
  constructor(
    readonly missing: { anchor: string; text: string }[],
    readonly twice: string[] = [],
  ) {
    super(
      [
        ...(missing.length
          ? [`文書の参照先がその文書にありません: ${missing.map((m) => `${m.anchor}${m.text ? `（「${m.text.slice(0, 20)}」から）` : ''}`).join('、')}。`]
          : []),
        ...(twice.length ? [`文書の同じ参照先が二か所にあります: ${twice.join('、')}。`] : []),
        'データの誤りなら検証で見つかるはずのもので、このツールの不具合です',
      ].join(''),
    );
  }
}

/**
 * Every page reference and link to a destination has one node with that id in the same content:
 * pdfmake would otherwise print nothing, fail with a bare TypeError while drawing, or stop at
 * the second node of an id ("Node id already exists").
 */
export function checkCitedAnchors(content: Any): void {
  const ids = new Set<string>();
  const twice = new Set<string>();
  const textIds = new Set<string>();
  // the words around each citation are made only for one whose place is missing (the message quotes them)
  const cited: { anchor: string; text: () => string }[] = [];
  const plain = (t: Any): string => (typeof t === 'string' ? t : Array.isArray(t) ? t.map(plain).join('') : t && typeof t === 'object' ? plain(t.text) : '');
  // the words around a node, made only for a node that cites (each node's text holds its children's:
  // made for every node, it joined the same words again at every level)
  const walk = (n: Any, around: () => string) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x, around);
      return;
    }
    if (typeof n.id === 'string') {
      // pdfmake refuses a second text node of an id (other nodes it does not check)
      if ('text' in n) {
        if (textIds.has(n.id)) twice.add(n.id);
        textIds.add(n.id);
      }
      ids.add(n.id);
    }
    // the words around a reference say where it stands (the 目次 line, the sentence)
    const here = Array.isArray(n.text) || typeof n.text === 'string' ? () => plain(n.text) || around() : around;
    for (const k of CITING) if (typeof n[k] === 'string') cited.push({ anchor: n[k], text: here });
    for (const k of CHILDREN) if (Array.isArray(n[k])) walk(n[k], here);
    if (n.table) for (const row of n.table.body ?? []) walk(row, () => row.map?.((c: Any) => plain(c?.text ?? c)).join('') || here());
  };
  walk(content, () => '');
  const missing = cited.filter((c) => !ids.has(c.anchor)).map((c) => ({ anchor: c.anchor, text: c.text() }));
  const unique = [...new Map(missing.map((m) => [m.anchor, m])).values()];
  if (unique.length || twice.size) throw new MissingAnchorError(unique, [...twice]);
}

// Where pdfmake laid out the nodes that carry an `id`: pdfmake keeps each node's positions
// on the node itself once it is laid out.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The first (physical) page of every node with an id in a laid-out content tree. */
export function collectAnchors(content: Any, anchors: Map<string, number> = new Map()): Map<string, number> {
  const walk = (n: Any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    if (n.id && n.positions?.length && !anchors.has(n.id)) anchors.set(n.id, n.positions[0].pageNumber);
    for (const k of ['stack', 'columns', 'text', 'ul', 'ol']) if (Array.isArray(n[k])) walk(n[k]);
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
    for (const k of ['stack', 'columns', 'text', 'ul', 'ol']) if (Array.isArray(n[k]) && walk(n[k])) return true;
    return n.table ? walk(n.table.body) : false;
  };
  walk(content);
  return found;
}

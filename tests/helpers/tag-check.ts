// A checker for the machine-checkable part of PDF/UA-1, run on every PDF the tests build.
// The structure tree is read with pdf-lib (it exposes every object, attributes included);
// the content streams with pdfjs-dist's operator list (marked content and what is drawn).
import { PDFDocument, PDFDict, PDFName, PDFArray, PDFRef, PDFNumber, PDFString, PDFHexString, PDFBool, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sax from 'sax';

export interface TagReport {
  problems: string[];
  /** the roles of the tree in reading order (for assertions) */
  roles: string[];
  /** the Alt of every Figure */
  alts: string[];
  /** the ActualText of every table cell that has one (a bar of a plan table, a schedule cell), in reading order */
  cellTexts: string[];
  /** per page, the text read in structure order and the text as drawn, both without whitespace */
  pages: { structure: string; drawn: string }[];
  /** the role of every cell that names its headers (Headers), in reading order */
  headed: string[];
  /** how deep each TOCI stands (1 in the outermost TOC), in reading order */
  tocDepths: number[];
  /** the description (/Contents) of every link annotation, page by page */
  links: string[];
  /** the version in the file's header (`%PDF-1.7`) */
  version: string;
  /** what the XMP packet (the catalog's /Metadata) says, undefined without one */
  xmp?: Xmp;
}

export interface Xmp {
  /** pdfuaid:part */
  part?: string;
  /** dc:title (its x-default entry, else its first) */
  title?: string;
  /** dc:language */
  languages: string[];
  /** xmp:CreateDate and xmp:ModifyDate, as written */
  createDate?: string;
  modifyDate?: string;
}

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdfuaid: 'http://www.aiim.org/pdfua/ns/id/',
  xml: 'http://www.w3.org/XML/1998/namespace',
};

/** Reads an XMP packet with a strict (namespace-aware) XML parser: invalid XML throws. */
export function readXmp(xml: string): Xmp {
  const out: Xmp = { languages: [] };
  const titles: { lang?: string; text: string }[] = [];
  const path: { uri: string; local: string }[] = [];
  let textOf = '';
  const parser = sax.parser(true, { xmlns: true });
  parser.onerror = (e) => {
    throw e;
  };
  parser.onopentag = (t) => {
    const tag = t as sax.QualifiedTag;
    path.push({ uri: tag.uri, local: tag.local });
    textOf = '';
    // the abbreviated form: <rdf:Description pdfuaid:part="1">
    for (const a of Object.values(tag.attributes)) if (a.uri === NS.pdfuaid && a.local === 'part') out.part = a.value;
    if (tag.uri === NS.rdf && tag.local === 'li' && path.some((p) => p.uri === NS.dc && p.local === 'title'))
      titles.push({ lang: Object.values(tag.attributes).find((a) => a.uri === NS.xml && a.local === 'lang')?.value, text: '' });
  };
  parser.ontext = (t) => {
    textOf += t;
  };
  parser.oncdata = (t) => {
    textOf += t;
  };
  parser.onclosetag = () => {
    const el = path.pop()!;
    const inside = (uri: string, local: string) => path.some((p) => p.uri === uri && p.local === local);
    if (el.uri === NS.pdfuaid && el.local === 'part') out.part = textOf.trim();
    if (el.uri === NS.xmp && el.local === 'CreateDate') out.createDate = textOf.trim();
    if (el.uri === NS.xmp && el.local === 'ModifyDate') out.modifyDate = textOf.trim();
    if (el.uri === NS.rdf && el.local === 'li' && inside(NS.dc, 'title')) titles[titles.length - 1].text = textOf;
    if (el.uri === NS.rdf && el.local === 'li' && inside(NS.dc, 'language')) out.languages.push(textOf.trim());
    textOf = '';
  };
  // the packet's processing instructions (<?xpacket?>) are ignored by sax
  parser.write(xml).close();
  out.title = (titles.find((t) => t.lang === 'x-default') ?? titles[0])?.text;
  return out;
}

function checkXmp(pdf: PDFDocument, infoTitle: string | undefined, problems: string[]): Xmp | undefined {
  const stream = pdf.catalog.lookup(PDFName.of('Metadata'));
  if (!(stream instanceof PDFRawStream)) {
    problems.push('XMP メタデータ（Metadata）がありません');
    return undefined;
  }
  let xmp: Xmp;
  try {
    xmp = readXmp(Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8'));
  } catch (e) {
    problems.push(`XMP メタデータが XML として読めません: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
  if (xmp.part !== '1') problems.push(`XMP に PDF/UA-1 の宣言（pdfuaid:part 1）がありません${xmp.part ? `（${xmp.part}）` : ''}`);
  if (!xmp.title) problems.push('XMP にタイトル（dc:title）がありません');
  else if (xmp.title !== infoTitle) problems.push(`XMP のタイトル「${xmp.title}」が文書情報のタイトル「${infoTitle ?? ''}」と違います`);
  // the dates are the Info dictionary's (from the data, never the clock)
  const same = (x: string | undefined, d: Date | undefined) => !x || !d || x === d.toISOString().split('.')[0] + 'Z';
  if (!same(xmp.createDate, pdf.getCreationDate())) problems.push(`XMP の作成日 ${xmp.createDate} が文書情報の作成日と違います`);
  if (!same(xmp.modifyDate, pdf.getModificationDate())) problems.push(`XMP の更新日 ${xmp.modifyDate} が文書情報の更新日と違います`);
  return xmp;
}

type Mcid = { page: number; mcid: number };
/** `kids` holds the marked content and the child elements in their order (a link inside a paragraph reads where it stands) */
type Node = {
  dict: PDFDict;
  role: string;
  attrs: Map<string, string>;
  alt?: string;
  actual?: string;
  id?: string;
  headers: string[];
  children: Node[];
  mcids: Mcid[];
  kids: (Node | Mcid)[];
};

const text = (o: unknown) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

function readTree(pdf: PDFDocument): Node | undefined {
  const ctx = pdf.context;
  const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'));
  if (!(root instanceof PDFDict)) return undefined;
  const pageOf = new Map<string, number>();
  pdf.getPages().forEach((p, i) => pageOf.set(p.ref.toString(), i));
  const walk = (d: PDFDict, pageRef?: PDFRef): Node => {
    const role = (d.get(PDFName.of('S')) as PDFName | undefined)?.decodeText() ?? 'StructTreeRoot';
    const attrs = new Map<string, string>();
    const a = ctx.lookup(d.get(PDFName.of('A')));
    for (const ad of a instanceof PDFArray ? a.asArray().map((x) => ctx.lookup(x)) : [a])
      if (ad instanceof PDFDict) for (const [k, v] of ad.entries()) attrs.set(k.decodeText(), v instanceof PDFName ? v.decodeText() : String(v));
    const headers: string[] = [];
    for (const ad of a instanceof PDFArray ? a.asArray().map((x) => ctx.lookup(x)) : [a])
      if (ad instanceof PDFDict) {
        const h = ad.lookup(PDFName.of('Headers'));
        if (h instanceof PDFArray) for (const x of h.asArray()) headers.push(text(ctx.lookup(x)) ?? '');
      }
    const pg = (d.get(PDFName.of('Pg')) as PDFRef | undefined) ?? pageRef;
    const node: Node = {
      dict: d,
      role,
      attrs,
      alt: text(ctx.lookup(d.get(PDFName.of('Alt')))),
      actual: text(ctx.lookup(d.get(PDFName.of('ActualText')))),
      id: text(ctx.lookup(d.get(PDFName.of('ID')))),
      headers,
      children: [],
      mcids: [],
      kids: [],
    };
    const mc = (m: Mcid) => (node.mcids.push(m), node.kids.push(m));
    const k = d.get(PDFName.of('K'));
    const kids = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
    for (const kid of kids) {
      if (kid instanceof PDFNumber) mc({ page: pageOf.get(String(pg)) ?? -1, mcid: kid.asNumber() });
      else {
        const kd = ctx.lookup(kid);
        if (!(kd instanceof PDFDict)) continue;
        const type = (kd.get(PDFName.of('Type')) as PDFName | undefined)?.decodeText();
        if (type === 'MCR') mc({ page: pageOf.get(String(kd.get(PDFName.of('Pg')))) ?? -1, mcid: (kd.get(PDFName.of('MCID')) as PDFNumber).asNumber() });
        else if (type !== 'OBJR') {
          const child = walk(kd, pg);
          node.children.push(child);
          node.kids.push(child);
        }
      }
    }
    return node;
  };
  return walk(root);
}

// what pdfjs reports as drawing something on the page (a path that only clips draws nothing)
const DRAWING = new Set([
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.shadingFill,
]);

export async function checkTags(bytes: Buffer): Promise<TagReport> {
  const problems: string[] = [];
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const catalog = pdf.catalog;
  if (!text(catalog.lookup(PDFName.of('Lang')))) problems.push('文書の言語（Lang）がありません');
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  const infoTitle = info instanceof PDFDict ? text(info.lookup(PDFName.of('Title'))) : undefined;
  if (!infoTitle) problems.push('タイトル（Title）がありません');
  const version = /^%PDF-(\d\.\d)/.exec(bytes.subarray(0, 16).toString('latin1'))?.[1] ?? '';
  const xmp = checkXmp(pdf, infoTitle, problems);
  const prefs = catalog.lookup(PDFName.of('ViewerPreferences'));
  if (!(prefs instanceof PDFDict) || prefs.lookup(PDFName.of('DisplayDocTitle')) !== PDFBool.True) problems.push('DisplayDocTitle がありません');
  const markInfo = catalog.lookup(PDFName.of('MarkInfo'));
  if (!(markInfo instanceof PDFDict) || markInfo.lookup(PDFName.of('Marked')) !== PDFBool.True) problems.push('MarkInfo Marked がありません');

  // fonts: every embedded font maps its glyphs to Unicode
  for (const [, obj] of pdf.context.enumerateIndirectObjects())
    if (
      obj instanceof PDFDict &&
      obj.lookup(PDFName.of('Type')) === PDFName.of('Font') &&
      obj.lookup(PDFName.of('Subtype')) === PDFName.of('Type0') &&
      !obj.get(PDFName.of('ToUnicode'))
    )
      problems.push(`フォント ${obj.lookup(PDFName.of('BaseFont'))} に ToUnicode がありません`);

  // annotations: every link is in the tree, inside a Link element that holds its OBJR (on the
  // annotation's page), and says where it leads (/Contents); the page's tab order is the structure's
  const parents = parentTree(pdf);
  const links: string[] = [];
  for (const [i, page] of pdf.getPages().entries()) {
    const annots = page.node.lookup(PDFName.of('Annots'));
    const list = annots instanceof PDFArray ? annots.asArray() : [];
    if (list.length && page.node.lookup(PDFName.of('Tabs')) !== PDFName.of('S')) problems.push(`${i + 1} 頁: 注釈のある頁に /Tabs /S がありません`);
    for (const a of list) {
      const d = pdf.context.lookup(a);
      if (!(d instanceof PDFDict)) continue;
      const subtype = (d.lookup(PDFName.of('Subtype')) as PDFName | undefined)?.decodeText();
      if (subtype === 'Popup') continue;
      const key = d.lookup(PDFName.of('StructParent'));
      if (!(key instanceof PDFNumber)) {
        problems.push(`${i + 1} 頁: 構造ツリーにないリンク注釈があります`);
        continue;
      }
      const contents = text(d.lookup(PDFName.of('Contents')));
      if (!contents?.trim()) problems.push(`${i + 1} 頁: 説明（/Contents）のない注釈があります`);
      if (subtype !== 'Link') continue;
      links.push(contents ?? '');
      const el = parents.get(key.asNumber());
      const role = el ? roleOf(pdf, el) : undefined;
      if (role !== 'Link') problems.push(`${i + 1} 頁: リンク注釈が Link 要素の中にありません（${role ?? 'なし'}）`);
      else if (!holdsObjr(pdf, el!, a as PDFRef, page.ref)) problems.push(`${i + 1} 頁: Link 要素がリンク注釈の OBJR（その頁の）を持っていません`);
    }
  }
  const structRoot = catalog.lookup(PDFName.of('StructTreeRoot'));
  const roleMap = structRoot instanceof PDFDict ? structRoot.lookup(PDFName.of('RoleMap')) : undefined;
  if (roleMap instanceof PDFDict)
    for (const [k] of roleMap.entries()) if (STANDARD.has(k.decodeText())) problems.push(`RoleMap が標準の構造型 ${k.decodeText()} を対応づけ直しています`);
  const tree = readTree(pdf);
  const roles: string[] = [];
  const alts: string[] = [];
  const cellTexts: string[] = [];
  const tocDepths: number[] = [];
  const headed: string[] = [];
  const referenced = new Map<string, string>();
  if (!tree || tree.children.length === 0) problems.push('構造ツリーが空です');
  else {
    let last = 0;
    let tocDepth = 0;
    const ids = new Set<string>();
    const cited: string[] = [];
    const visit = (n: Node, parent?: Node) => {
      roles.push(n.role);
      // element IDs are unique (a Note must have one); a cell's Headers name IDs of the tree
      if (n.id !== undefined) {
        if (ids.has(n.id)) problems.push(`要素の ID「${n.id}」が二つあります`);
        ids.add(n.id);
      }
      if (n.role === 'Note' && !n.id) problems.push('ID のない Note があります');
      cited.push(...n.headers);
      if (n.headers.length) headed.push(n.role);
      const mapped = roleOf(pdf, n.dict);
      if (!mapped || !STANDARD.has(mapped)) problems.push(`構造型 ${n.role} が標準の型でも RoleMap で標準の型に対応づけられてもいません`);
      // a 目次 is a tree: TOC holds TOCI (and TOC), a TOCI stands in a TOC and holds its title and
      // page as references or paragraphs, never a bare Link (read as one: 「…インターネット1」)
      if (n.role === 'TOC' && n.children.some((c) => !['TOCI', 'TOC', 'Caption'].includes(c.role)))
        problems.push(
          `TOC に TOCI でない子があります（${n.children
            .map((c) => c.role)
            .filter((r) => !['TOCI', 'TOC', 'Caption'].includes(r))
            .join('、')}）`,
        );
      if (n.role === 'TOCI' && parent?.role !== 'TOC') problems.push(`TOCI が TOC の外にあります（${parent?.role ?? 'なし'} の中）`);
      if (n.role === 'TOCI' && n.children.some((c) => c.role === 'Link')) problems.push('TOCI が Link を直接持っています（題と頁は Reference などの別の子に）');
      if (n.role === 'TOCI') tocDepths.push(tocDepth);
      const h = /^H([1-6])$/.exec(n.role);
      if (h) {
        const level = Number(h[1]);
        if (level > last + 1) problems.push(`見出しの階層が飛んでいます: H${last} の次に ${n.role}`);
        last = level;
      }
      if (n.role === 'Table' && !hasRole(n, 'TH')) problems.push('TH のない Table があります');
      if (n.role === 'TH' && !n.attrs.get('Scope')) problems.push('Scope のない TH があります');
      if (n.role === 'Figure' && !n.alt) problems.push('Alt のない Figure があります');
      if (n.role === 'Figure' && n.alt) alts.push(n.alt);
      if ((n.role === 'TD' || n.role === 'TH') && n.actual) cellTexts.push(n.actual);
      // Alt is a figure's (or formula's, form field's) description; anything else is replaced with ActualText
      if (n.alt !== undefined && !['Figure', 'Formula', 'Form'].includes(n.role)) problems.push(`${n.role} に Alt があります（図以外は ActualText にします）`);
      if (n.role === 'THead' && new Set(allMcids(n).map((m) => m.page)).size > 1)
        problems.push('見出し行が複数の頁でタグ付けされています（繰り返しの見出し行は Artifact にします）');
      for (const m of n.mcids) {
        const key = `${m.page}:${m.mcid}`;
        if (referenced.has(key)) problems.push(`同じ内容が構造ツリーに二度あります（${key}）`);
        referenced.set(key, n.role);
      }
      if (n.role === 'TOC') tocDepth++;
      n.children.forEach((c) => visit(c, n));
      if (n.role === 'TOC') tocDepth--;
    };
    tree.children.forEach((c) => visit(c));
    for (const id of new Set(cited)) if (!ids.has(id)) problems.push(`Headers が構造ツリーにない ID「${id}」を指しています`);
    if (ids.size && !idTreeHolds(pdf, ids)) problems.push('要素の ID が IDTree にありません');
  }

  // content streams: everything drawn is inside marked content (tagged or an artifact), and each mcid is in the tree
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: TagReport['pages'] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    let depth = 0;
    let unmarked = 0;
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
        depth++;
        const [tag, mcid] = ops.argsArray[i] as [string, number | null];
        if (tag !== 'Artifact' && typeof mcid === 'number' && tree && !referenced.has(`${n - 1}:${mcid}`))
          problems.push(`${n} 頁: 構造ツリーにない内容（MCID ${mcid}）`);
      } else if (fn === OPS.endMarkedContent) depth--;
      else if (depth === 0 && (DRAWING.has(fn) || (fn === OPS.constructPath && ops.argsArray[i]?.[0] !== OPS.endPath))) unmarked++;
    }
    if (unmarked) problems.push(`${n} 頁: タグも Artifact もない描画が ${unmarked} 個あります`);
    // the text in structure order against the text as drawn (artifacts left out of both)
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byMcid = new Map<number, string>();
    let drawn = '';
    let open: number | undefined;
    let artifact = 0;
    for (const it of content.items as { type?: string; id?: string; tag?: string; str?: string }[]) {
      if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') {
        if (it.tag === 'Artifact') artifact++;
        const m = it.id ? /_mc(\d+)$/.exec(it.id) : null;
        open = m ? Number(m[1]) : open;
      } else if (it.type === 'endMarkedContent') {
        if (artifact) artifact--;
        open = undefined;
      } else if (it.str !== undefined && !artifact) {
        drawn += it.str;
        if (open !== undefined) byMcid.set(open, (byMcid.get(open) ?? '') + it.str);
      }
    }
    let structure = '';
    const read = (x: Node) => {
      for (const k of x.kids)
        if ('role' in k) read(k);
        else if (k.page === n - 1) structure += byMcid.get(k.mcid) ?? '';
    };
    if (tree) read(tree);
    pages.push({ structure: structure.replace(/\s+/g, ''), drawn: drawn.replace(/\s+/g, '') });
  }
  return { problems: [...new Set(problems)], roles, alts, cellTexts, pages, version, xmp, links, tocDepths, headed };
}

const hasRole = (n: Node, role: string): boolean => n.children.some((c) => c.role === role || hasRole(c, role));
const allMcids = (n: Node): Node['mcids'] => [...n.mcids, ...n.children.flatMap(allMcids)];

/** The parent tree: StructParent key → structure element (number trees may be split into Kids). */
function parentTree(pdf: PDFDocument): Map<number, PDFDict> {
  const out = new Map<number, PDFDict>();
  const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'));
  const walk = (t: unknown) => {
    if (!(t instanceof PDFDict)) return;
    const nums = t.lookup(PDFName.of('Nums'));
    if (nums instanceof PDFArray)
      for (let i = 0; i + 1 < nums.size(); i += 2) {
        const v = pdf.context.lookup(nums.get(i + 1));
        if (v instanceof PDFDict) out.set((nums.get(i) as PDFNumber).asNumber(), v);
      }
    const kids = t.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) kids.asArray().forEach((k) => walk(pdf.context.lookup(k)));
  };
  if (root instanceof PDFDict) walk(root.lookup(PDFName.of('ParentTree')));
  return out;
}

/** An element's role, mapped to a standard one through the RoleMap where it is not one. */
function roleOf(pdf: PDFDocument, el: PDFDict): string | undefined {
  let role = (el.lookup(PDFName.of('S')) as PDFName | undefined)?.decodeText();
  const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'));
  const map = root instanceof PDFDict ? root.lookup(PDFName.of('RoleMap')) : undefined;
  for (let i = 0; role && !STANDARD.has(role) && map instanceof PDFDict && i < 10; i++)
    role = (map.lookup(PDFName.of(role)) as PDFName | undefined)?.decodeText();
  return role;
}

function holdsObjr(pdf: PDFDocument, el: PDFDict, annot: PDFRef, page: PDFRef): boolean {
  const k = el.get(PDFName.of('K'));
  const kids = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
  return kids.some((kid) => {
    const d = pdf.context.lookup(kid);
    return (
      d instanceof PDFDict &&
      d.lookup(PDFName.of('Type')) === PDFName.of('OBJR') &&
      d.get(PDFName.of('Obj')) === annot &&
      (d.get(PDFName.of('Pg')) ?? el.get(PDFName.of('Pg'))) === page
    );
  });
}

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
const STANDARD = new Set([
  'Document',
  'Part',
  'Art',
  'Sect',
  'Div',
  'BlockQuote',
  'Caption',
  'TOC',
  'TOCI',
  'Index',
  'NonStruct',
  'Private',
  'P',
  'H',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'TR',
  'TH',
  'TD',
  'THead',
  'TBody',
  'TFoot',
  'Span',
  'Quote',
  'Note',
  'Reference',
  'BibEntry',
  'Code',
  'Link',
  'Annot',
  'Ruby',
  'RB',
  'RT',
  'RP',
  'Warichu',
  'WT',
  'WP',
  'Figure',
  'Formula',
  'Form',
]);

/** Every ID is in the structure tree root's IDTree (a name tree, maybe split into Kids). */
function idTreeHolds(pdf: PDFDocument, ids: Set<string>): boolean {
  const found = new Set<string>();
  const walk = (t: unknown) => {
    if (!(t instanceof PDFDict)) return;
    const names = t.lookup(PDFName.of('Names'));
    if (names instanceof PDFArray) for (let i = 0; i < names.size(); i += 2) found.add(text(pdf.context.lookup(names.get(i))) ?? '');
    const kids = t.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) kids.asArray().forEach((k) => walk(pdf.context.lookup(k)));
  };
  const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'));
  if (root instanceof PDFDict) walk(root.lookup(PDFName.of('IDTree')));
  return [...ids].every((id) => found.has(id));
}

// What a returned workbook says in its own XML where exceljs reads it too narrowly:
// - whether a sheet is protected: exceljs takes `<sheetProtection sheet="1">` only, but OOXML
//   booleans are xsd:boolean, and LibreOffice writes `sheet="true"`;
// - the number formats Excel leaves implicit: the locale's built-in ids (a Japanese Excel
//   saves 「2018年4月1日」 as numFmtId 31 with no definition), which exceljs does not know, so
//   it would read such a cell as a bare serial number. They are written into the styles
//   before exceljs reads the book, so every cell carries the format it was shown with.
import path from 'node:path';
import JSZip from 'jszip';
import sax from 'sax';

interface Element {
  name: string;
  attributes: Record<string, string>;
}

/** Every element of an XML text, by local name (namespace prefixes dropped). */
function elements(xml: string, wanted: Set<string>): Element[] {
  const out: Element[] = [];
  const parser = sax.parser(true, { xmlns: false });
  parser.onopentag = (node) => {
    const local = node.name.replace(/^.*:/, '');
    // strict mode without namespaces: attribute values are strings, names keep their prefix
    if (wanted.has(local)) out.push({ name: local, attributes: node.attributes as Record<string, string> });
  };
  parser.write(xml).close();
  return out;
}

/** xsd:boolean: "true", "false", "1", "0" (whitespace collapsed). */
export const xmlBoolean = (v: string | undefined) => {
  const t = v?.trim();
  return t === 'true' || t === '1';
};

const OFFICE_DOCUMENT = /\/officeDocument$/;

/** The workbook part's path and its sheets (name → part path), following the package's relationships. */
async function sheetParts(zip: JSZip): Promise<{ workbook: string; sheets: Map<string, string> }> {
  const text = async (p: string) => (await zip.file(p)?.async('string')) ?? '';
  const rels = (xml: string) => elements(xml, new Set(['Relationship'])).map((e) => e.attributes);
  const resolveTarget = (from: string, target: string) => (target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), target)));
  const root = rels(await text('_rels/.rels')).find((r) => OFFICE_DOCUMENT.test(r.Type ?? ''));
  const workbook = root?.Target ? resolveTarget('', root.Target) : 'xl/workbook.xml';
  const relsOf = (part: string) => path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
  const targets = new Map(rels(await text(relsOf(workbook))).map((r) => [r.Id, r.Target ? resolveTarget(workbook, r.Target) : '']));
  const sheets = new Map<string, string>();
  for (const s of elements(await text(workbook), new Set(['sheet']))) {
    // r:id, whatever the prefix of the relationships namespace is called
    const id = Object.entries(s.attributes).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1];
    if (s.attributes.name !== undefined && id) sheets.set(s.attributes.name, targets.get(id) ?? '');
  }
  return { workbook, sheets };
}

/** Whether the sheet of that name has `<sheetProtection sheet>` true; undefined when there is no such sheet. */
export async function sheetProtected(bytes: Uint8Array, sheetName: string): Promise<boolean | undefined> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (await sheetParts(zip)).sheets.get(sheetName);
  if (part === undefined) return undefined;
  const xml = (await zip.file(part)?.async('string')) ?? '';
  const p = elements(xml, new Set(['sheetProtection']))[0];
  return xmlBoolean(p?.attributes.sheet);
}

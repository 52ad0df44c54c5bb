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
  const resolveTarget = (from: string, target: string) =>
    target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
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

/** Whether each sheet (by name) has `<sheetProtection sheet>` true. */
async function protection(zip: JSZip): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>();
  for (const [name, part] of (await sheetParts(zip)).sheets) {
    const xml = (await zip.file(part)?.async('string')) ?? '';
    out.set(name, xmlBoolean(elements(xml, new Set(['sheetProtection']))[0]?.attributes.sheet));
  }
  return out;
}

// The date and time formats of the ja-JP locale that Excel saves by id alone (ECMA-376 Part 1,
// 18.8.30); exceljs knows only the locale-independent ones.
const ERA_DATE = '[$-411]ge.m.d';
const ERA_LONG = '[$-411]ggge"年"m"月"d"日"';
const YEAR_MONTH = 'yyyy"年"m"月"';
const MONTH_DAY = 'm"月"d"日"';
export const IMPLICIT_FORMATS: Record<number, string> = {
  27: ERA_DATE,
  28: ERA_LONG,
  29: ERA_LONG,
  30: 'm/d/yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  33: 'h"時"mm"分"ss"秒"',
  34: YEAR_MONTH,
  35: MONTH_DAY,
  36: ERA_DATE,
  50: ERA_DATE,
  51: ERA_LONG,
  52: YEAR_MONTH,
  53: MONTH_DAY,
  54: ERA_LONG,
  55: YEAR_MONTH,
  56: MONTH_DAY,
  57: ERA_DATE,
  58: ERA_LONG,
};

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The styles with a definition for every implicit format a cell style uses, or undefined when none is missing. */
export function addImplicitFormats(styles: string): string | undefined {
  const defined = new Set(elements(styles, new Set(['numFmt'])).map((e) => Number(e.attributes.numFmtId)));
  const used = new Set(elements(styles, new Set(['xf'])).map((e) => Number(e.attributes.numFmtId)));
  const missing = [...used]
    .flatMap((id) => {
      const code = IMPLICIT_FORMATS[id];
      return code !== undefined && !defined.has(id) ? [{ id, code }] : [];
    })
    .sort((a, b) => a.id - b.id);
  if (!missing.length) return undefined;
  const defs = missing.map(({ id, code }) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`).join('');
  // into the existing list, or a new one where the schema puts it (first child of styleSheet)
  if (/<numFmts\b[^>]*\/>/.test(styles)) return styles.replace(/<numFmts\b[^>]*\/>/, `<numFmts count="${missing.length}">${defs}</numFmts>`);
  if (/<numFmts\b[^>]*>/.test(styles)) return styles.replace(/<\/numFmts>/, `${defs}</numFmts>`).replace(/(<numFmts\b[^>]*?)\s+count="\d+"/, '$1');
  return styles.replace(/(<styleSheet\b[^>]*>)/, `$1<numFmts count="${missing.length}">${defs}</numFmts>`);
}

/** A returned book as exceljs should read it (implicit formats made explicit), and the protection of its sheets. */
export async function prepareBook(bytes: Uint8Array): Promise<{ bytes: Uint8Array; protection: Map<string, boolean> }> {
  const zip = await JSZip.loadAsync(bytes);
  const sheets = await protection(zip);
  const stylesPart = 'xl/styles.xml';
  const styles = await zip.file(stylesPart)?.async('string');
  const fixed = styles === undefined ? undefined : addImplicitFormats(styles);
  if (fixed === undefined) return { bytes, protection: sheets };
  zip.file(stylesPart, fixed);
  return { bytes: await zip.generateAsync({ type: 'uint8array' }), protection: sheets };
}

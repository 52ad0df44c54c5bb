// The XMP metadata packet (PDF/UA-1 asks for dc:title and the pdfuaid:part declaration in it).
// pdfkit writes it from PDF 1.4 on with `subset: 'PDF/UA'`, but pastes the Info values into
// the XML as they are: a title holding & or < makes the packet invalid XML, and a reader then
// sees neither the title nor the declaration. It also writes no dc:language and no
// xmp:ModifyDate. While the packet is written, the values are escaped (the Info dictionary is
// already written by then, with the values as given), and the language and the modification
// date (from the data, like every date of the document) are added.
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xmpDate = (d: Date) => d.toISOString().split('.')[0] + 'Z'; // as pdfkit writes xmp:CreateDate

let installed = false;
export function installXmp(PDFDocument: Any): void {
  if (installed) return;
  installed = true;
  const addInfo = PDFDocument.prototype._addInfo;
  // a loud failure: the method is pdfkit's internal (MetadataMixin, pdfkit 0.17–0.19)
  if (typeof addInfo !== 'function') throw new Error('pdfkit の _addInfo がありません: render/pdf/xmp.ts を pdfkit の版に合わせてください');
  PDFDocument.prototype._addInfo = function () {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]));
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
    const lang = this.options?.lang;
    if (lang)
      this.appendXML(
        `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:language><rdf:Bag><rdf:li>${escapeXml(String(lang))}</rdf:li></rdf:Bag></dc:language></rdf:Description>`,
      );
    if (info.ModDate instanceof Date)
      this.appendXML(
        `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${xmpDate(info.ModDate)}</xmp:ModifyDate></rdf:Description>`,
      );
  };
}

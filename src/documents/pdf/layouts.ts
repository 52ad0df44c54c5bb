// Table layouts and page geometry shared by the documents.
import type { CustomTableLayout } from 'pdfmake/interfaces';
import type { CanvasNode, PdfDocument, PdfNode, PdfStyles } from '../../render/pdf/nodes.js';

export const A4 = { width: 595.28, height: 841.89 };

export const tableLayouts = {
  grid: {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    hLineColor: () => '#555555',
    vLineColor: () => '#555555',
    paddingLeft: () => 3,
    paddingRight: () => 3,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  },
  // 目次 lines: no rules but the dotted leader under the gap between a title and its page
  leaders: {
    hLineWidth: (i: number) => (i === 1 ? 0.9 : 0),
    vLineWidth: () => 0,
    hLineColor: () => '#777777',
    hLineStyle: () => ({ dash: { length: 0.9, space: 2.6 } }),
    paddingLeft: (i: number) => (i === 1 ? 4 : 0),
    paddingRight: (i: number) => (i === 1 ? 4 : 0),
    paddingTop: () => 0,
    paddingBottom: () => 0,
  },
  plain: {
    hLineWidth: () => 0,
    vLineWidth: () => 0,
    paddingLeft: () => 0,
    paddingRight: () => 0,
    paddingTop: () => 1,
    paddingBottom: () => 1,
  },
} satisfies Record<string, CustomTableLayout>;

/** A horizontal arrow as vector graphics: the schedule continues to the span's last year. */
export function arrow(width: number, color = '#3a6ea5'): CanvasNode {
  const w = Math.max(width, 12);
  return {
    canvas: [
      { type: 'line', x1: 0, y1: 4, x2: w - 5, y2: 4, lineWidth: 1.2, lineColor: color },
      {
        type: 'polyline',
        closePath: true,
        color,
        lineColor: color,
        points: [
          { x: w - 6, y: 0.5 },
          { x: w, y: 4 },
          { x: w - 6, y: 7.5 },
        ],
      },
    ],
    margin: [0, 1, 0, 0],
  };
}

/**
 * What every PDF of the project carries: metadata with dates from the data (never the
 * clock, so the same data gives the same bytes), Japanese as its language, and tags.
 */
export function pdfMetadata(m: {
  title: string;
  author: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  date: string;
}): Pick<PdfDocument, 'info' | 'language' | 'tagged' | 'displayTitle' | 'version' | 'subset' | 'pageSize'> {
  const date = new Date(`${m.date}T00:00:00+09:00`);
  return {
    info: {
      title: m.title,
      author: m.author,
      subject: m.subject ?? m.title,
      ...(m.keywords ? { keywords: m.keywords } : {}),
      creator: m.creator ?? m.author,
      producer: 'ict-plan-publisher',
      creationDate: date,
      modDate: date,
    },
    language: 'ja-JP',
    tagged: true,
    displayTitle: true,
    // PDF/UA-1 declared in the XMP metadata (pdfkit writes it, with dc:title, only from PDF 1.4 on)
    version: '1.7',
    subset: 'PDF/UA',
    pageSize: 'A4',
  };
}

/** The margins of the landscape reports (事業実施結果, 進ちょく状況). */
export const REPORT_MARGINS: [number, number, number, number] = [30, 36, 30, 40];

/**
 * A landscape report's definition around its content: metadata, margins, the body font, the
 * draft mark on every page while a year is unfinished (「未確定（未回答 N 件）」), and the footer.
 */
export function landscapeReport(o: {
  title: string;
  author: string;
  date: string;
  styles: PdfStyles;
  content: PdfNode[];
  draft?: string;
  footer: (page: number, pages: number) => string;
}): PdfDocument {
  const draft = o.draft;
  return {
    ...pdfMetadata({ title: o.title, author: o.author, date: o.date }),
    pageOrientation: 'landscape',
    pageMargins: REPORT_MARGINS,
    defaultStyle: { font: 'BIZUDPGothic', fontSize: 8, lineHeight: 1.25 },
    styles: o.styles,
    tableLayouts,
    content: o.content,
    ...(draft ? { header: () => ({ text: draft, style: 'draft', margin: [REPORT_MARGINS[0], 14, REPORT_MARGINS[2], 0] }) } : {}),
    footer: (page: number, pages: number) => ({ text: o.footer(page, pages), style: 'footer', margin: [0, 14, 0, 0] }),
  };
}

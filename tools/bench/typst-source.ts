// The bench's Typst peer (npm run bench -- --peers): the same content as the project's plan
// booklet or results report, written as a .typ source from the same resolved data and wording
// (src/resolve/, templates/*.hbs) at the project's page size, margins and type sizes, so that
// Typst sets about as many pages as the project does. It is a measuring stick, not a second
// renderer: figures with an image are drawn as frames of the image's size, and nothing here
// reaches the product.
import type { Resolved } from '../../src/resolve/index.js';
import type { ResultsView } from '../../src/resolve/results.js';
import type { Block, Inline } from '../../src/markdown/index.js';
import type { ListRow } from '../../src/resolve/initiative-list.js';
import { BOOKLET_MARGINS, bookletStyles } from '../../src/documents/pdf/booklet.js';
import { listGeometry, CELL_EXTRA } from '../../src/documents/pdf/initiative-list.js';
import { RESULT_WIDTHS, BAR_PALETTE } from '../../src/documents/pdf/results-report.js';
import { A4, REPORT_MARGINS } from '../../src/documents/pdf/layouts.js';
import { PARTS } from '../../src/markdown/references.js';

/** The font the project's PDFs use (fonts/), by the family name Typst finds in it */
export const TYPST_FONT = 'BIZ UDPGothic';

/**
 * Text as Typst markup: every character that markup reads as syntax (#, *, _, $, @, <, >, [, ],
 * \, `, ~, =, +, -, /, quotes, . and : that start lists, shorthands, labels and comments) is
 * escaped, and a line break in the data is a Typst line break.
 */
export function typstText(s: string): string {
  return s.replace(/[\\#*_`$@<>[\]~=+\-/'".:{}]/g, '\\$&').replace(/\r?\n/g, '\\\n');
}

/** A string literal for Typst code (a font name, a colour) */
const str = (s: string) => JSON.stringify(s);
const pt = (n: number) => `${Math.round(n * 100) / 100}pt`;
/** pdfmake's margins are [left, top, right, bottom] */
const margin = (m: number[]) => `(left: ${pt(m[0])}, top: ${pt(m[1])}, right: ${pt(m[2])}, bottom: ${pt(m[3])})`;
/** line pitch as pdfmake's lineHeight gives it: the BIZ UD fonts' ascender to descender is one em */
const leading = (lineHeight: number) => `${Math.round((lineHeight - 1) * 1000) / 1000}em`;

/** page references: each anchor the document points at gets a Typst label of its own */
class Labels {
  private readonly names = new Map<string, string>();
  private readonly placed = new Set<string>();
  private last = 0;
  /** a heading level no deeper than one below the last heading's */
  level(asked: number): number {
    this.last = Math.max(1, Math.min(asked, this.last + 1));
    return this.last;
  }
  private name(anchor: string): string {
    let n = this.names.get(anchor);
    if (!n) this.names.set(anchor, (n = `a${this.names.size + 1}`));
    return n;
  }
  /** the label of the element that carries an anchor */
  of(anchor: string): string {
    this.placed.add(anchor);
    return this.name(anchor);
  }
  /** the printed page of an anchor, as Typst knows it after layout */
  page(anchor: string): string {
    return `#context counter(page).at(<${this.name(anchor)}>).first()`;
  }
  /** a reference to an anchor this rendering does not draw (Typst refuses a missing label) points at the end */
  rest(): string {
    return [...this.names]
      .filter(([a]) => !this.placed.has(a))
      .map(([, n]) => `#metadata(none) <${n}>\n`)
      .join('');
  }
}

function inlines(runs: Inline[], labels: Labels): string {
  return runs
    .map((r) => {
      let t = r.pageRef ? labels.page(r.pageRef) : typstText(r.text);
      if (r.bold) t = `#strong[${t}]`;
      if (r.link && /^https?:/.test(r.link)) t = `#link(${str(r.link)})[${t}]`;
      if (r.sup !== undefined) t += `#super[${r.sup}]`;
      return t;
    })
    .join('');
}

type Style = { fontSize?: number; margin?: number[] };

/**
 * A heading at the project's size and spacing for its style. Its level never skips one (PDF/UA-1,
 * which Typst checks, asks for consecutive levels, as the project's tag tree does): deeper levels
 * asked for after a shallower one are clamped, as render/pdf/tags.ts does.
 */
function heading(labels: Labels, level: number, text: string, style: Style, label?: string, outlined = level <= 3): string {
  const l = labels.level(level);
  const [, top = 0, , bottom = 0] = style.margin ?? [];
  const size = style.fontSize ?? BODY.size;
  // pdfmake adds margins (a paragraph's 4 pt below and the heading's own above) and gives every
  // line, the last one too, its full line height: Typst's spacing between blocks is one value, and
  // its last line ends at the descender
  const above = top + PARAGRAPH_BELOW + (BODY.lineHeight - 1) * BODY.size;
  const below = bottom + (BODY.lineHeight - 1) * size;
  return `#[#show heading: set text(size: ${pt(size)})\n#show heading: set block(above: ${pt(above)}, below: ${pt(below)})\n#heading(level: ${l}, outlined: ${outlined})[${text}]${label ? ` <${label}>` : ''}]\n\n`;
}

/** the booklet's body type (booklet.ts defaultStyle) and a paragraph's margin below (bookletStyles.p) */
const BODY = { size: 10.5, lineHeight: 1.65 };
const PARAGRAPH_BELOW = bookletStyles.p.margin[3];

const PROSE_HEADING: Style[] = [bookletStyles.h1, bookletStyles.h2, bookletStyles.h3, bookletStyles.h4];

function blocks(list: Block[], labels: Labels, headingBase: number): string {
  let out = '';
  for (const b of list) {
    switch (b.kind) {
      case 'heading':
        out += heading(
          labels,
          headingBase + b.level,
          `${b.label ? `${typstText(b.label)} ` : ''}${inlines(b.inlines, labels)}`,
          PROSE_HEADING[Math.min(headingBase + b.level, 5) - 2] ?? bookletStyles.h4,
          b.anchor && labels.of(b.anchor),
        );
        break;
      case 'paragraph':
        out += `${inlines(b.inlines, labels)}\n\n`;
        break;
      case 'list':
        out += b.items.map((it) => `- ${inlines(it, labels)}\n`).join('') + '\n';
        break;
      case 'table':
        out +=
          `#block(above: 4pt, below: 8pt, text(size: ${pt(bookletStyles.table.fontSize)})[#set par(leading: ${leading(bookletStyles.table.lineHeight)}, first-line-indent: 0pt)\n` +
          `#table(columns: ${b.header.length}, stroke: 0.5pt, inset: 3pt,\n` +
          `table.header(${b.header.map((h) => `table.cell(fill: rgb("#e6ecf4"))[#strong[${inlines(h, labels)}]]`).join(', ')}),\n` +
          b.rows.map((r) => r.map((c) => `[${inlines(c, labels)}]`).join(', ') + ',\n').join('') +
          `)])\n\n`;
        break;
      case 'figure':
        if (!b.anchor && !b.data) break;
        out += figure(b, labels);
        break;
    }
  }
  return out;
}

function figure(b: Extract<Block, { kind: 'figure' }>, labels: Labels): string {
  const caption = b.caption
    ? `#text(size: ${pt(bookletStyles.caption.fontSize)}, weight: "bold")[${typstText(b.caption)}]${b.anchor ? ` <${labels.of(b.anchor)}>` : ''}\n\n`
    : '';
  let body: string;
  if (b.timeline) {
    const t = b.timeline;
    const n = t.years.length;
    const rows = t.rows
      .map((r) =>
        'group' in r
          ? `table.cell(colspan: ${n + 1}, fill: rgb("#e9eef5"))[${typstText(r.group)}],\n`
          : `[${typstText(r.label)}], ` +
            spanCells(
              r.spans.map((s) => ({ start: s.start, length: s.length, text: s.label ?? '' })),
              n,
            ) +
            ',\n',
      )
      .join('');
    body =
      `#text(size: 7pt)[#set par(leading: 0.15em, first-line-indent: 0pt)\n#table(columns: (122pt, ${Array(n).fill('1fr').join(', ')}), stroke: 0.5pt, inset: 2pt,\n` +
      `table.header([], ${t.years.map((y) => `[${typstText(y)}]`).join(', ')}),\n${rows})]\n\n`;
  } else if (b.data) body = `#block(width: 400pt, height: 300pt, stroke: 0.5pt)\n\n`;
  else body = `#block(width: 100%, stroke: 0.5pt, inset: (y: 18pt))[#align(center)[${typstText(b.placeholder ?? '')}]]\n\n`;
  const credits = (b.credits ?? []).map((c) => `#text(size: 9pt)[${typstText(c)}]\n\n`).join('');
  return `#block(breakable: ${Boolean(b.timeline)}, above: 6pt, below: 10pt)[\n${caption}${body}${credits}]\n\n`;
}

/** a row's year cells: spans as cells over their columns, empty cells between them */
function spanCells(spans: { start: number; length: number; text: string }[], years: number): string {
  const cells: string[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    for (; at < s.start; at++) cells.push('[]');
    cells.push(`table.cell(colspan: ${s.length}, fill: rgb("#eaf2e3"))[${typstText(s.text)}]`);
    at += s.length;
  }
  for (; at < years; at++) cells.push('[]');
  return cells.join(', ');
}

/** The document's set-up: A4 (landscape or not), the project's margins and body type, the BIZ UD font */
function preamble(o: { title: string; margins: number[]; flipped: boolean; size: number; lineHeight: number; justify: boolean }): string {
  return (
    `#set document(title: [${typstText(o.title)}])\n` +
    `#set page(paper: "a4", flipped: ${o.flipped}, margin: ${margin(o.margins)})\n` +
    `#set text(font: ${str(TYPST_FONT)}, size: ${pt(o.size)}, lang: "ja", top-edge: "ascender", bottom-edge: "descender")\n` +
    `#set par(leading: ${leading(o.lineHeight)}, spacing: ${pt(PARAGRAPH_BELOW + (o.lineHeight - 1) * o.size)}, justify: ${o.justify})\n`
  );
}

/** The plan booklet: cover, 目次, notice, chapters 1–3 (the list as landscape tables with its 掲載頁), 参考資料, 用語解説, contact. */
export function bookletTypst(r: Resolved): string {
  const view = r.booklet;
  if (!view) throw new Error(`${r.id}: no booklet`);
  const words = r.words.booklet;
  const labels = new Labels();
  let s = preamble({ title: view.title, margins: BOOKLET_MARGINS, flipped: false, ...BODY, justify: true });
  s += `#set par(first-line-indent: (amount: 1em, all: true))\n`;
  // cover, 目次 and notice carry no page number; chapter 1 is printed page 1
  s += `#set page(footer: none)\n`;
  s += `#align(center)[#v(200pt)#text(size: 26pt, weight: "bold")[${typstText(view.title)}]\n\n#v(40pt)\n${view.history
    .map((h) => `#text(size: 13pt)[${typstText(words.get('cover-history', h))}]\n\n`)
    .join('')}#v(220pt)#text(size: 18pt, weight: "bold", tracking: 6pt)[${typstText(view.issuer)}]]\n\n`;
  s += `#pagebreak()\n#outline(title: [${typstText(words.get('toc-title'))}], depth: 3)\n\n`;
  if (view.notice.length) s += `#text(weight: "bold")[${typstText(words.get('notice-title'))}]\n\n${blocks(view.notice, labels, 1)}`;
  const footer = (size: number) => {
    const [before, after] = words.get('footer', { page: '\u0000' }).split('\u0000');
    return `#set page(footer: context align(center, text(size: ${pt(size)})[${typstText(before)}#counter(page).display()${typstText(after)}]))\n`;
  };
  s += `#pagebreak()\n${footer(bookletStyles.footer.fontSize)}#counter(page).update(1)\n`;
  // chapter 1
  s += heading(labels, 1, typstText(words.get('chapter1', { title: view.title })), bookletStyles.chapter, labels.of(PARTS.chapter1));
  s += blocks(view.intro, labels, 1);
  // chapter 2
  s += `#pagebreak()\n` + heading(labels, 1, typstText(words.get('chapter2')), bookletStyles.chapter, labels.of(PARTS.chapter2));
  view.sections.forEach((sec, i) => {
    if (sec.depth === 1 && i > 0) s += `#pagebreak()\n`;
    s += heading(
      labels,
      sec.depth + 1,
      `${typstText(sec.label)} ${inlines(sec.title, labels)}`,
      PROSE_HEADING[sec.depth - 1] ?? bookletStyles.h3,
      labels.of(`sec-${sec.id}`),
    );
    if (sec.narrative.length)
      s +=
        heading(labels, sec.depth + 2, typstText(words.get('narrative-label')), bookletStyles.label, undefined, false) +
        blocks(sec.narrative, labels, sec.depth + 2);
    if (sec.entries.length) {
      s += heading(labels, sec.depth + 2, typstText(words.get('initiatives-label')), bookletStyles.label, undefined, false);
      for (const e of sec.entries) {
        const [before, after] = words.get('entry-heading', { no: e.no, title: '\u0000', department: e.department }).split('\u0000');
        s += heading(
          labels,
          sec.depth + 3,
          typstText(before) + inlines(e.title, labels) + typstText(after) + (e.relisted ? ` ${typstText(words.get('relisted'))}` : ''),
          bookletStyles.entry,
          labels.of(e.anchor),
          false,
        );
        s += `#pad(left: 10.5pt)[\n${blocks(e.description, labels, sec.depth + 3)}${blocks(e.figures, labels, sec.depth + 3)}]\n\n`;
      }
    }
    for (const c of sec.columns)
      s += `#block(width: 100%, stroke: 1.5pt + rgb("#3a6ea5"), inset: 6pt, above: 12pt, below: 8pt)[#block(fill: rgb("#3a6ea5"), width: 100%, inset: 3pt)[#text(fill: white, weight: "bold", size: 10pt)[${typstText(words.get('column-label'))}]]\n${blocks(c, labels, sec.depth + 1)}]\n\n`;
  });
  // chapter 3: the list on landscape pages, then the sites
  s += r.list ? `#set page(flipped: true)\n` : `#pagebreak()\n`;
  s += heading(labels, 1, typstText(words.get('chapter3', view.chapter3)), bookletStyles.chapter, labels.of(PARTS.chapter3));
  if (r.list)
    s +=
      heading(labels, 2, typstText(words.get('list-title')), bookletStyles.h1, labels.of(PARTS['initiative-list'])) +
      listTable(r, labels) +
      `#text(size: 8pt)[${inlines(view.listNote, labels)}]\n\n#set page(flipped: false)\n`;
  if (view.sites.length) {
    s +=
      heading(labels, 2, typstText(words.get('sites-title', view.chapter3)), bookletStyles.h1, labels.of(PARTS.sites)) +
      `${typstText(words.get('sites-intro'))}\n\n`;
    for (const site of view.sites)
      s +=
        `#block(breakable: false, above: 4pt, below: 4pt)[#set par(first-line-indent: 0pt)\n#text(size: 9pt)[${typstText(site.kind)}　]#strong[${typstText(site.name)}] ${typstText(words.get('site-owner', site))}\n\n` +
        `#pad(left: 10.5pt)[${typstText(site.description)}${site.url ? `\n\n#text(size: 9pt)[#link(${str(site.url)})[${typstText(site.url)}]]` : ''}]]\n\n`;
  }
  if (view.references.length)
    s +=
      `#pagebreak()\n` +
      heading(labels, 1, typstText(words.get('references-title')), bookletStyles.chapter, labels.of(PARTS.references)) +
      blocks(view.references, labels, 1);
  s += `#pagebreak()\n`;
  if (view.glossary.length) {
    s += heading(labels, 1, typstText(words.get('glossary-title')), bookletStyles.chapter, labels.of(PARTS.glossary));
    s += `#block[#set text(size: 9.5pt)\n#set par(leading: ${leading(bookletStyles.gloss.lineHeight)}, first-line-indent: 0pt)\n#grid(columns: (20pt, 1fr), column-gutter: 8pt, row-gutter: 4pt,\n`;
    s += view.glossary
      .map((g) => `align(right)[${g.number}], [#strong[${typstText(g.term)}]${typstText(words.get('glossary-separator'))}${typstText(g.definition)}],\n`)
      .join('');
    s += `)]\n\n`;
  }
  if (view.sources.length) s += `#text(size: 9pt)[${typstText(words.get('sources-label'))}]\n\n#text(size: 9pt)[${blocks(view.sources, labels, 1)}]\n\n`;
  const c = view.contact ?? {};
  const contact = [
    `#strong[${typstText(`${view.issuer}${view.issuerUnit ?? ''}`)}]`,
    ...(c.postcode ? [typstText(words.get('contact-postcode', c))] : []),
    ...(c.address ? [typstText(c.address)] : []),
    ...(c.tel ? [typstText(words.get('contact-tel', c))] : []),
    ...(c.fax ? [typstText(words.get('contact-fax', c))] : []),
    ...(c.email ? [typstText(words.get('contact-email', c))] : []),
    ...(c.url ? [typstText(words.get('contact-url', c))] : []),
  ];
  s += `#v(24pt)\n#block(breakable: false, width: 100%)[#set par(first-line-indent: 0pt, leading: 0.4em)\n#align(center)[${contact.join(' \\\n')}]]\n`;
  return s + labels.rest();
}

/** 主な取組一覧 as one Typst table: the column header repeated on each page, group rows, schedule spans, 掲載頁 as page references */
function listTable(r: Resolved, labels: Labels): string {
  const list = r.list!;
  const w = r.words.list;
  const geo = listGeometry(list.years.length, A4.height - BOOKLET_MARGINS[0] - BOOKLET_MARGINS[2]);
  const widths = geo.widths.map((x) => pt(x + CELL_EXTRA)).join(', ');
  const n = list.years.length;
  const columns = geo.widths.length;
  const head = (t: string, extra = '') => `table.cell(${extra}fill: rgb("#e6ecf4"))[#strong[${typstText(t)}]]`;
  let s = `#block[#set text(size: 7.5pt)\n#set par(leading: ${leading(1.2)}, first-line-indent: 0pt, justify: false)\n#set table.cell(breakable: false)\n#table(columns: (${widths}), stroke: 0.5pt, inset: 3pt,\n`;
  s +=
    `table.header(${head(w.get('col-no'), 'rowspan: 2, ')}, ${head(w.get('col-name'), 'rowspan: 2, ')}, ${head(w.get('col-schedule'), `colspan: ${n}, `)}, ` +
    `${head(w.get('col-goals'), 'rowspan: 2, ')}, ${head(w.get('col-indicators'), 'rowspan: 2, ')}, ${head(w.get('col-marks'), 'rowspan: 2, ')}, ${head(w.get('col-page'), 'rowspan: 2, ')}, ` +
    `${list.years.map((y) => head(y.label)).join(', ')}),\n`;
  const fills = ['#dbe5f1', '#e9eff7', '#f4f7fb'];
  for (const row of list.rows as ListRow[]) {
    if (row.kind === 'group') {
      s += `table.cell(colspan: ${columns}, fill: rgb("${fills[row.depth - 1] ?? fills[2]}"))[${row.depth <= 2 ? '#strong[' : '['}${typstText(`${row.label}${row.depth === 1 ? ' ' : ''}${row.title}`)}]],\n`;
      continue;
    }
    const cells = [
      `align(center)[${row.no}]`,
      `[${row.relisted ? typstText(w.get('relisted')) : ''}${typstText(row.title)}\\\n${typstText(w.get('owner', { owner: row.owner }))}]`,
      spanCells(
        row.schedule
          .filter((c) => c.label)
          .map((c) => ({ start: row.schedule.slice(0, row.schedule.indexOf(c)).reduce((a, x) => a + x.span, 0), length: c.span, text: `${c.label}\n→` })),
        n,
      ),
      `[${typstText(row.goals.join('\n'))}]`,
      `[${row.indicators.map((i) => typstText([i.name, i.baseline, i.target].join('\n'))).join('\\\n')}]`,
      `align(center)[${typstText(row.marks.join(''))}]`,
      `align(center)[${labels.page(row.anchor)}]`,
    ];
    s += cells.join(', ') + ',\n';
  }
  return s + `)]\n\n`;
}

/** 事業実施結果 of one year: title, 活動概要, the summary table and bar chart, one table per pillar (landscape, the project's margins and sizes). */
export function resultsTypst(r: Resolved, view: ResultsView): string {
  const w = r.words.results;
  const texts = view.texts;
  let s = preamble({ title: texts.title, margins: REPORT_MARGINS, flipped: true, size: 8, lineHeight: 1.25, justify: false });
  const [before, rest] = w.get('footer', { title: texts.title, page: '\u0000', pages: '\u0001' }).split('\u0000');
  const [middle, after] = rest.split('\u0001');
  s += `#set page(footer: context align(center, text(size: 8pt)[${typstText(before)}#counter(page).display()${typstText(middle)}#counter(page).final().first()${typstText(after ?? '')}]))\n`;
  // the report's heading sizes (results-report.ts: title 15, pillar 12.5, the others 11)
  s += `#show heading.where(level: 1): set text(size: 15pt)\n#show heading.where(level: 2): set text(size: 11pt)\n`;
  s += `#align(center)[#heading(level: 1, outlined: false)[${typstText(texts.title)}]]\n#align(right)[#text(size: 10.5pt)[${typstText(texts.issued)}]]\n\n`;
  s += `#heading(level: 2, outlined: false)[${typstText(w.get('overview-label'))}]\n\n`;
  s += `#block[#set text(size: 10pt)\n#set par(leading: ${leading(1.6)}, first-line-indent: (amount: 10pt, all: true))\n${typstText(w.get('overview-1', view))}\n\n${typstText(w.get('overview-2', { pillars: texts.pillars }))}]\n\n`;
  // the summary: a table of counts and budgets, and a bar per pillar
  const ctx = { fyLong: view.fyLong, fyNendo: view.fyShort };
  const sumHead = [w.get('summary-pillar'), w.get('summary-count'), w.get('summary-new'), w.get('summary-budget'), ...view.achievements];
  const sumRow = (label: string, t: ResultsView['total'], bold = false) =>
    [label, String(t.count), String(t.newCount), t.budgetTotal === null ? '—' : t.budgetTotal.toLocaleString('en-US'), ...t.achievements.map(String)]
      .map((x, i) => `${i ? 'align(right)' : ''}[${bold ? '#strong[' : ''}${typstText(x)}${bold ? ']' : ''}]`)
      .join(', ');
  s += `#heading(level: 2)[${typstText(w.get('summary-title', ctx))}]\n\n`;
  s += `#block(below: 10pt)[#set text(size: 8.5pt)\n#table(columns: (180pt, 40pt, 40pt, 80pt, ${view.achievements.map(() => '1fr').join(', ')}), stroke: 0.5pt, inset: 3pt,\n`;
  s += `table.header(${sumHead.map((t) => `table.cell(fill: rgb("#e6ecf4"))[#strong[${typstText(t)}]]`).join(', ')}),\n`;
  s += view.pillars.map((p) => sumRow(p.heading, p.summary) + ',\n').join('') + sumRow(w.get('summary-total'), view.total, true) + ')]\n\n';
  const max = Math.max(1, ...view.pillars.map((p) => p.summary.count));
  s += `#heading(level: 2)[${typstText(w.get('chart-title'))}]\n\n#block[#set text(size: 8.5pt)\n#grid(columns: (180pt, 420pt, 1fr), row-gutter: 4pt,\n`;
  s += view.pillars
    .map(
      (p) =>
        `[${typstText(p.heading)}], [${p.summary.achievements.map((c, i) => `#box(width: ${pt((c / max) * 420)}, height: 12pt, fill: rgb("${BAR_PALETTE[i % BAR_PALETTE.length]}"))`).join('')}], [${p.summary.count}],\n`,
    )
    .join('');
  s += `)\n#pad(left: 180pt)[${view.achievements.map((a, i) => `#box(width: 9pt, height: 9pt, fill: rgb("${BAR_PALETTE[i % BAR_PALETTE.length]}")) ${typstText(a)}`).join('#h(12pt)')}]]\n\n`;
  // a pillar's table: the header repeated on every page, rows kept whole
  const cols = ['col-no', 'col-new', 'col-name', 'col-description', 'col-budget', 'col-achievement', 'col-outcome', 'col-department', 'col-division'];
  const header = `table.header(${cols.map((k) => `table.cell(fill: rgb("#e6ecf4"))[#strong[${typstText(w.get(k, ctx))}]]`).join(', ')})`;
  view.pillars.forEach((p, i) => {
    s += `#pagebreak()\n#heading(level: 2)[#text(size: 12.5pt)[${typstText(p.heading)}]]\n\n`;
    if (i === 0) s += `#text(size: 7.5pt)[${typstText(w.get('note'))}]\n\n`;
    s += `#block[#set text(size: 7.5pt)\n#set table.cell(breakable: false)\n#table(columns: (${RESULT_WIDTHS.map((x) => pt(x + CELL_EXTRA)).join(', ')}), stroke: 0.5pt, inset: 3pt,\n${header},\n`;
    for (const row of p.rows)
      s +=
        [
          `align(center)[${row.no}]`,
          `align(center)[${row.isNew ? typstText(w.get('new-mark')) : ''}]`,
          `[${typstText(row.title)}]`,
          `[${typstText(row.description)}]`,
          `align(right)[${typstText(row.budgetText)}]`,
          `[${typstText(row.achievement)}]`,
          `[${typstText(row.outcome)}]`,
          `[${typstText(row.department)}]`,
          `[${typstText(row.divisions.join('\n'))}]`,
        ].join(', ') + ',\n';
    s += `)]\n\n`;
  });
  return s;
}

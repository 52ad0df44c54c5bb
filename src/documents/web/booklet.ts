// The booklet as web pages: chapter 1, one page per 重点目標 of chapter 2 (its
// 【現状・課題・取組の方向性】, 主な取組 and コラム), 情報発信サイト等, 参考資料 and 用語解説. Headings keep
// the booklet's anchors (sec-…, entry-…, intro-…), so a link names the same place as a PDF reference.
import type { Resolved } from '../../resolve/index.js';
import type { BookletView, SectionView } from '../../resolve/booklet.js';
import { WebContext, termAnchor, termRefAnchor, GLOSSARY_PAGE, type WebBlock, type WebRun } from './blocks.js';
import { wordsOf } from '../../markdown/index.js';

export interface WebPage {
  file: string;
  template: string;
  /** the page's h1 (and, with the site's title, its <title>) */
  heading: string;
  /** where the page stands among the booklet's parts (shown above the h1) */
  part?: string;
  body: object;
}

export interface TocItem {
  text: string;
  href?: string;
  children: TocItem[];
}

export const pillarPage = (id: string) => `chapter-2-${id}.html`;

/** Page of every anchor of chapter 2 (sections and entries), for links from other pages. */
export function anchorPages(view: BookletView, r: Resolved): Map<string, string> {
  const pages = new Map<string, string>();
  for (const s of view.sections) {
    const top = s.depth === 1 ? s.id : (r.sections.find((x) => x.id === s.id)!.parentIds[0] ?? s.id);
    pages.set(`sec-${s.id}`, pillarPage(top));
    for (const e of s.entries) pages.set(e.anchor, pillarPage(top));
  }
  return pages;
}

function sectionBlocks(s: SectionView, ctx: WebContext, r: Resolved, page: string, base: number): object {
  const w = r.words.booklet;
  const level = base + s.depth - 1;
  ctx.anchorPages.set(`sec-${s.id}`, page);
  ctx.anchorNames.set(`sec-${s.id}`, r.words.web.get('ref-name', { name: `${s.label} ${s.plainTitle}` }));
  for (const e of s.entries) {
    ctx.anchorPages.set(e.anchor, page);
    if (!e.relisted) ctx.anchorNames.set(e.anchor, r.words.web.get('ref-initiative', { no: e.no, title: wordsOf(e.title) }));
  }
  return {
    id: `sec-${s.id}`,
    level,
    label: s.label,
    title: ctx.runs(s.title, page),
    narrativeLabel: s.narrative.length ? w.get('narrative-label') : undefined,
    narrative: ctx.blocks(s.narrative, page, level),
    sublevel: Math.min(6, level + 1),
    entriesLabel: s.entries.length ? w.get('initiatives-label') : undefined,
    entries: s.entries.map((e) => {
      const [before, after] = w.get('entry-heading', { no: e.no, title: '\u0000', department: e.department }).split('\u0000');
      return {
        id: e.anchor,
        level: Math.min(6, level + 2),
        before,
        title: ctx.runs(e.title, page),
        after,
        relisted: e.relisted ? w.get('relisted') : undefined,
        description: ctx.blocks([...e.description, ...e.figures], page, level + 2),
      };
    }),
    columnLabel: w.get('column-label'),
    columns: s.columns.map((c) => ctx.blocks(c, page, level + 1)),
  };
}

/** Headings of a prose part (level 1 and 2) as the 目次 lists them, with the booklet's ids. */
const proseToc = (blocks: BookletView['intro'], file: string): TocItem[] => {
  const out: TocItem[] = [];
  blocks.forEach((b) => {
    if (b.kind !== 'heading' || b.level > 2) return;
    const item = { text: `${b.label} ${wordsOf(b.inlines)}`, href: `${file}#${b.anchor}`, children: [] };
    const last = out.at(-1);
    if (b.level === 1 || !last) out.push(item);
    else last.children.push(item);
  });
  return out;
};

export function bookletPages(view: BookletView, r: Resolved, ctx: WebContext): { pages: WebPage[]; toc: TocItem[] } {
  const w = r.words.booklet;
  const pages: WebPage[] = [];
  const toc: TocItem[] = [];

  // the parts a page citation can name (markdown/references.ts PARTS), where they stand here and what they are called
  const ch1 = w.get('chapter1', { title: view.title });
  const parts: [string, string | undefined, string][] = [
    ['chapter-1', 'chapter-1.html', ch1],
    ['chapter-2', view.sections[0] ? pillarPage(view.sections[0].id) : undefined, w.get('chapter2')],
    ['chapter-3', r.list ? 'list.html' : view.sites.length ? 'sites.html' : undefined, w.get('chapter3')],
    ['list-start', r.list ? 'list.html' : undefined, w.get('list-title')],
    ['list-end', r.list ? 'list.html' : undefined, w.get('list-title')],
    ['sites', view.sites.length ? 'sites.html' : undefined, w.get('sites-title')],
    ['references', view.references.length ? 'references.html' : undefined, w.get('references-title')],
    ['glossary', view.glossary.length ? GLOSSARY_PAGE : undefined, w.get('glossary-title')],
  ];
  for (const [anchor, page, name] of parts) {
    if (!page) continue;
    ctx.anchorPages.set(anchor, page);
    ctx.anchorNames.set(anchor, r.words.web.get('ref-name', { name }));
    if (anchor !== 'list-end') ctx.wholePages.add(anchor);
  }
  pages.push({ file: 'chapter-1.html', template: 'prose', heading: ch1, body: { blocks: ctx.blocks(view.intro, 'chapter-1.html', 1) } });
  toc.push({ text: ch1, href: 'chapter-1.html', children: proseToc(view.intro, 'chapter-1.html') });

  const ch2 = w.get('chapter2');
  const ch2Item: TocItem = { text: ch2, children: [] };
  toc.push(ch2Item);
  const tops = view.sections.filter((s) => s.depth === 1);
  for (const top of tops) {
    const file = pillarPage(top.id);
    const members = view.sections.filter((s) => s === top || r.sections.find((x) => x.id === s.id)!.parentIds[0] === top.id);
    // the pillar comes first (sections are in the booklet's order), then the sections under it
    const rest = members.filter((s) => s !== top);
    pages.push({
      file,
      template: 'pillar',
      heading: `${top.label} ${top.plainTitle}`,
      part: ch2,
      body: { top: sectionBlocks(top, ctx, r, file, 1), sections: rest.map((s) => sectionBlocks(s, ctx, r, file, 1)) },
    });
    // the 目次 nests sections as the booklet does, and lists every initiative under its section
    const items = new Map<string, TocItem>();
    for (const s of members) {
      const item: TocItem = {
        text: `${s.label} ${s.plainTitle}`,
        href: s === top ? file : `${file}#sec-${s.id}`,
        children: s.entries.map((e) => ({
          text: `${e.no} ${wordsOf(e.title)}${e.relisted ? ` ${w.get('relisted')}` : ''}`,
          href: `${file}#${e.anchor}`,
          children: [],
        })),
      };
      items.set(s.id, item);
      const parent = r.sections.find((x) => x.id === s.id)!.parentIds.at(-1);
      (parent && items.get(parent) ? items.get(parent)!.children : ch2Item.children).push(item);
    }
  }
  if (tops[0]) ch2Item.href = pillarPage(tops[0].id);

  const ch3 = w.get('chapter3', view.chapter3);
  const ch3Item: TocItem = { text: ch3, children: [] };
  if (r.list) ch3Item.children.push({ text: w.get('list-title'), href: 'list.html', children: [] });
  if (view.sites.length) {
    ch3Item.children.push({ text: w.get('sites-title', view.chapter3), href: 'sites.html', children: [] });
    pages.push({
      file: 'sites.html',
      template: 'sites',
      heading: w.get('sites-title', view.chapter3),
      part: ch3,
      body: {
        intro: w.get('sites-intro'),
        sites: view.sites.map((s) => ({ kind: s.kind, name: s.name, owner: w.get('site-owner', s), description: s.description, url: s.url })),
      },
    });
  }
  const [firstOfCh3] = ch3Item.children;
  if (firstOfCh3) {
    ch3Item.href = firstOfCh3.href;
    toc.push(ch3Item);
  }

  if (view.references.length) {
    const t = w.get('references-title');
    pages.push({ file: 'references.html', template: 'prose', heading: t, body: { blocks: ctx.blocks(view.references, 'references.html', 1) } });
    toc.push({ text: t, href: 'references.html', children: proseToc(view.references, 'references.html') });
  }
  return { pages, toc };
}

/** The 用語解説 page; made last, when every superscript's page is known. */
export function glossaryPage(view: BookletView, r: Resolved, ctx: WebContext): WebPage {
  const w = r.words.booklet;
  return {
    file: GLOSSARY_PAGE,
    template: 'glossary',
    heading: w.get('glossary-title'),
    body: {
      terms: view.glossary.map((g) => {
        const page = ctx.supPages.get(g.number);
        return {
          id: termAnchor(g.number),
          number: g.number,
          term: g.term,
          separator: w.get('glossary-separator'),
          definition: g.definition,
          back: page ? { href: `${page}#${termRefAnchor(g.number)}`, label: r.words.web.get('back-label', { term: g.term }) } : undefined,
        };
      }),
      sourcesLabel: view.sources.length ? w.get('sources-label') : undefined,
      sources: ctx.blocks(view.sources, GLOSSARY_PAGE, 1) as WebBlock[],
    },
  };
}

export type { WebRun };

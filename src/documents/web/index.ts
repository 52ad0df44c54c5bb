// output/<id>/web/: the data set's documents as a static site, from the same resolved view
// models and wording as the PDFs. This module says which pages there are and what each shows;
// render/html.ts turns them into bytes with templates/web/*.hbs.
import type { Resolved } from '../../resolve/index.js';
import { WebContext } from './blocks.js';
import { bookletPages, glossaryPage, anchorPages, type WebPage, type TocItem } from './booklet.js';
import { listPage, resultsWebPage, resultsPage } from './tables.js';
import { progressWebPage, PROGRESS_PAGE } from './progress.js';

export const WEB_DIR = 'web';

export interface WebEdition {
  /** pages in reading order, each with what its template shows */
  pages: { file: string; template: string; context: object }[];
  /** files beside the pages (figures) */
  files: { name: string; bytes: Buffer }[];
}

export function webEdition(r: Resolved): WebEdition {
  const ctx = new WebContext(r.words.web);
  const ww = r.words.web;
  const pages: WebPage[] = [];
  const toc: TocItem[] = [];
  if (r.booklet) {
    const b = bookletPages(r.booklet, r, ctx);
    pages.push(...b.pages);
    toc.push(...b.toc);
    // the list stands first in chapter 3, before the sites and the 参考資料
    if (r.list) {
      const at = pages.findIndex((p) => p.file === 'sites.html' || p.file === 'references.html');
      pages.splice(at < 0 ? pages.length : at, 0, listPage(r, anchorPages(r.booklet, r), ctx));
    }
    if (r.booklet.glossary.length) {
      pages.push(glossaryPage(r.booklet, r, ctx));
      toc.push({ text: r.words.booklet.get('glossary-title'), href: 'glossary.html', children: [] });
    }
  }
  if (r.results.length) {
    for (const v of r.results) pages.push(resultsWebPage(v, r));
    toc.push({ text: ww.get('results-heading'), children: r.results.map((v) => ({ text: v.texts.title, href: resultsPage(v.fiscalYear), children: [] })) });
  }
  if (r.progress) {
    pages.push(progressWebPage(r.progress, r));
    toc.push({ text: ww.get('progress-heading'), children: [{ text: r.progress.title, href: PROGRESS_PAGE, children: [] }] });
  }
  const b = r.booklet;
  const contents: WebPage = {
    file: 'index.html',
    template: 'contents',
    heading: r.title,
    body: {
      history: b ? b.history.map((h) => r.words.booklet.get('cover-history', h)) : [],
      issuer: r.issuer,
      tocTitle: ww.get('contents-title'),
      toc,
      noticeTitle: b?.notice.length ? r.words.booklet.get('notice-title') : undefined,
      notice: b ? ctx.blocks(b.notice, 'index.html', 2) : [],
      openData: ww.get('open-data'),
    },
  };
  const all = [contents, ...pages];
  ctx.link();
  // the header's links: the contents and every page, the one shown marked as current
  const nav = all.map((p) => ({ href: p.file, text: p.file === 'index.html' ? ww.get('contents-title') : p.heading }));
  const c = b?.contact ?? {};
  const contact = b
    ? [
        `${b.issuer}${b.issuerUnit ?? ''}`,
        ...(c.postcode ? [r.words.booklet.get('contact-postcode', c)] : []),
        ...(c.address ? [c.address] : []),
        ...(c.tel ? [r.words.booklet.get('contact-tel', c)] : []),
        ...(c.fax ? [r.words.booklet.get('contact-fax', c)] : []),
        ...(c.email ? [r.words.booklet.get('contact-email', c)] : []),
      ]
    : [r.issuer];
  return {
    pages: all.map((p) => ({
      file: p.file,
      template: p.template,
      context: {
        title: p.file === 'index.html' ? r.title : ww.get('page-title', { page: p.heading, site: r.title }),
        site: r.title,
        heading: p.heading,
        part: p.part,
        nav: nav.map((n) => ({ ...n, current: n.href === p.file })),
        contact,
        url: c.url,
        ...p.body,
      },
    })),
    files: ctx.files,
  };
}

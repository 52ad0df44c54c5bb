// HTML pages from templates/web/*.hbs. This Handlebars environment is not the one of the
// PDFs (src/templates/, noEscape: their output is text): here every {{value}} is escaped, and
// the templates use no {{{triple}}} stash, so text from the data (a "<script>" in a title)
// prints as text. Each .hbs is a partial named after its file; a page is a partial too.
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATE_DIR } from '../templates/index.js';
import { shareCompiled } from '../templates/shared-compile.js';
import { judgeUrl, shownUrl, decodeReferences, safetyWords } from '../safe-url.js';

export const WEB_TEMPLATE_DIR = path.join(TEMPLATE_DIR, 'web');

const RUNTIME = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/** Every attribute of a page that names something the browser opens or follows. */
const URL_ATTRIBUTE = /\s(href|src|srcset|xlink:href|action|formaction|poster|background|ping|cite|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/**
 * The second lock behind validation: every href and src a page holds, whichever template wrote
 * it, is judged by the rule of src/safe-url.ts (climbing at most to the publication's folder,
 * where ../data/ stands). One that could run code or leave the publication is a defect of the
 * tool: the page is not written, the build stops with an internal error.
 */
export function guardUrls(html: string, page: string): string {
  for (const m of html.matchAll(URL_ATTRIBUTE)) {
    const value = decodeReferences(m[2] ?? m[3] ?? m[4] ?? '');
    const attribute = m[1]!; // the attribute's name takes part in every match
    // split gives at least one piece: a candidate's URL before its size
    const targets = attribute.toLowerCase() === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0]!) : [value];
    for (const t of targets) if (!judgeUrl(t, 1).ok) throw new Error(safetyWords().get('writer-refused', { href: shownUrl(t), page, attribute }));
  }
  return html;
}

export interface HtmlRenderer {
  page(name: string, context: object): Buffer;
  /** a file of templates/web/ as it is (the style sheet) */
  asset(name: string): Buffer;
}

export function htmlRenderer(dir = WEB_TEMPLATE_DIR): HtmlRenderer {
  const hb = shareCompiled(Handlebars.create());
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
  // a line break of the data as <br>, the text around it escaped
  hb.registerHelper(
    'lines',
    (s: unknown) =>
      new hb.SafeString(
        String(s ?? '')
          .split('\n')
          .map((l) => hb.Utils.escapeExpression(l))
          .join('<br>'),
      ),
  );
  const files = readdirSync(dir).sort();
  for (const f of files.filter((x) => x.endsWith('.hbs'))) hb.registerPartial(path.basename(f, '.hbs'), readFileSync(path.join(dir, f), 'utf8'));
  const pages = new Map<string, HandlebarsTemplateDelegate>();
  return {
    page(name, context) {
      let t = pages.get(name);
      if (!t) {
        t = hb.compile(`{{> ${name}}}`, { strict: false, noEscape: false });
        pages.set(name, t);
      }
      // blank lines the template's own layout leaves are dropped: smaller files, same page
      return Buffer.from(guardUrls(t(context, RUNTIME).replace(/\n[ \t]*(?=\n)/g, ''), name), 'utf8');
    },
    asset: (name) => readFileSync(path.join(dir, name)),
  };
}

/** Every file of a web edition: its pages, the style sheet and the files beside the pages. */
export function renderWebEdition(edition: {
  pages: { file: string; template: string; context: object }[];
  files: { name: string; bytes: Buffer }[];
}): { name: string; bytes: Buffer }[] {
  const html = htmlRenderer();
  return [
    ...edition.pages.map((p) => ({ name: p.file, bytes: html.page(p.template, p.context) })),
    { name: 'style.css', bytes: html.asset('style.css') },
    ...edition.files,
  ];
}

// The web edition (output/<id>/web/) in a real Chromium (@sparticuz/chromium, shipped inside the
// npm package) with axe-core: every page of both data sets, zero violations at WCAG 2.1 A and AA.
// Also: the pages' frame (lang, title, landmarks, skip link), every internal link lands on an
// id that exists, the numbers equal the open data's and the resolved data's, text from the
// data is escaped.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync, cpSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { TEST_OUTPUT } from './setup/build-outputs.js';
import { parseCsv } from './helpers/csv.js';
import { checkDataset } from '../src/pipeline.js';
import { resolve } from '../src/resolve/index.js';
import { webEdition } from '../src/documents/web/index.js';
import { renderWebEdition } from '../src/render/html.js';

const SETS = ['miyagi-ict-plan', 'fukushima-ict-strategy', 'sample-progress'];
const webDir = (id: string) => path.join(TEST_OUTPUT, id, 'web');
const pagesOf = (id: string) =>
  readdirSync(webDir(id))
    .filter((f) => f.endsWith('.html'))
    .sort();
const html = (id: string, f: string) => readFileSync(path.join(webDir(id), f), 'utf8');
const csv = (id: string, f: string) => {
  const [header, ...rows] = parseCsv(readFileSync(path.join(TEST_OUTPUT, id, 'data', f), 'utf8').replace(/^\uFEFF/, ''));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
};
const resolved = (id: string) => resolve(checkDataset(path.join(__dirname, '..', 'data', id)).model!);

// the text-spacing styles of WCAG 1.4.12, put on as a constructed style sheet (the pages' CSP allows no inline style)
const TEXT_SPACING =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
/** What keeps the page shown from reflowing: its width beyond the screen, boxes that cut text off, scroll boxes a keyboard or a screen reader cannot use. */
function reflowFaults(page: Page, spacing: boolean, extra = ''): Promise<string[]> {
  return page.evaluate(
    (css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      document.adoptedStyleSheets = [sheet];
      const faults: string[] = [];
      const root = document.documentElement;
      if (root.scrollWidth > root.clientWidth) faults.push(`page is ${root.scrollWidth} px wide`);
      const named = (e: Element) =>
        (e.getAttribute('aria-label') ?? '').trim() ||
        (e.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .map((i) => document.getElementById(i)?.textContent ?? '')
          .join('')
          .trim();
      for (const e of document.querySelectorAll('body *')) {
        const s = getComputedStyle(e);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        if (e.classList.contains('vh')) continue; // visually hidden text: clipped on purpose
        const what = `${e.tagName.toLowerCase()} ${(e.textContent ?? '').slice(0, 30)}`;
        const scrolls = /auto|scroll/.test(s.overflowX) && e.scrollWidth > e.clientWidth;
        if (scrolls && !(e.getAttribute('tabindex') === '0' && named(e))) faults.push(`scroll box without a name or a tab stop: ${what}`);
        else if (!scrolls && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) faults.push(`cut off: ${what}`);
      }
      return faults;
    },
    (spacing ? TEXT_SPACING : '') + extra,
  );
}

describe('web edition in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  beforeAll(async () => {
    browser = await puppeteer.launch({ args: chromium.args, executablePath: await chromium.executablePath(), headless: true });
    page = await browser.newPage();
  });
  afterAll(async () => browser?.close());

  it.each(SETS)(
    '%s: every page has zero axe-core violations at WCAG 2.1 A and AA and of the best practices',
    async (id) => {
      const found: string[] = [];
      for (const f of pagesOf(id)) {
        for (const width of [1280, 390]) {
          await page.setViewport({ width, height: 900 });
          await page.goto(`file://${path.join(webDir(id), f)}`, { waitUntil: 'load' });
          await page.evaluate(axe);
          const r = (await page.evaluate(() =>
            (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
          )) as {
            violations: { id: string; nodes: { html: string }[] }[];
            passes: unknown[];
          };
          expect(r.passes.length).toBeGreaterThan(5);
          found.push(...r.violations.map((v) => `${f} @${width}px ${v.id}: ${v.nodes[0]?.html.slice(0, 120)}`));
        }
      }
      expect(found).toEqual([]);
    },
    120_000,
  );

  // WCAG 1.4.10 and 1.4.12, which axe does not test: at 320 CSS px no page scrolls sideways, with and
  // without the text-spacing styles; only a table's own box may scroll, and then it is a named region a
  // keyboard can reach; no box cuts off its text. (320 px is 1,280 px at 400 %; at 200 % the page is
  // 640 px wide, in the same narrow-screen styles.)
  it('reflows every page of every data set at 320 px, also with the WCAG text-spacing styles', async () => {
    const found: string[] = [];
    let measured = 0;
    await page.setViewport({ width: 320, height: 800 });
    for (const id of readdirSync(TEST_OUTPUT).filter((d) => existsSync(webDir(d))))
      for (const f of pagesOf(id)) {
        await page.goto(`file://${path.join(webDir(id), f)}`, { waitUntil: 'load' });
        for (const spacing of [false, true])
          found.push(...(await reflowFaults(page, spacing)).map((x) => `${id}/${f}${spacing ? ' with text spacing' : ''}: ${x}`));
        measured++;
      }
    expect(found).toEqual([]);
    // both data sets (12 pages) and the fixtures
    expect(measured).toBeGreaterThan(12);
  });

  it('finds a page that scrolls sideways: the list with its table box unpositioned, and a cut-off box (the check itself works)', async () => {
    await page.setViewport({ width: 320, height: 800 });
    await page.goto(`file://${path.join(webDir('miyagi-ict-plan'), 'list.html')}`, { waitUntil: 'load' });
    expect(await reflowFaults(page, false)).toEqual([]);
    expect(await reflowFaults(page, false, '.scroll { position: static; } #list-end { height: 1em; overflow: hidden; }')).toEqual([
      expect.stringMatching(/^page is \d+ px wide$/),
      expect.stringMatching(/^cut off: p /),
    ]);
    // a page of its own (setContent keeps the CSP of the page before, which refuses a style attribute)
    await page.goto('about:blank');
    await page.setContent('<div style="overflow:auto"><table><tr><td style="white-space:nowrap">' + 'あ'.repeat(80) + '</td></tr></table></div>');
    expect(await reflowFaults(page, false)).toEqual([expect.stringMatching(/^scroll box without a name or a tab stop: div/)]);
  });

  it('fails a page with a known violation (the check itself works)', async () => {
    await page.setContent(
      '<html><body><img src="x.png"><a href="#"></a><div role="region" aria-label="表"></div><div role="region" aria-label="表"></div></body></html>',
    );
    await page.evaluate(axe);
    const r = (await page.evaluate(() =>
      (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
    )) as { violations: { id: string }[] };
    expect(r.violations.map((v) => v.id)).toEqual(expect.arrayContaining(['image-alt', 'html-has-lang', 'document-title', 'link-name', 'landmark-unique']));
  });

  it('uses the width of a 1,280 px screen for the list and the results: 指標 to 掲載頁 without sideways scrolling', async () => {
    await page.setViewport({ width: 1280, height: 900 });
    for (const f of ['miyagi-ict-plan/web/list.html', 'fukushima-ict-strategy/web/results-2017.html']) {
      await page.goto(`file://${path.join(TEST_OUTPUT, f)}`, { waitUntil: 'load' });
      const boxes = await page.$$eval('.scroll', (es) => es.map((e) => ({ scroll: e.scrollWidth, shown: e.clientWidth })));
      expect(boxes.length).toBeGreaterThan(0);
      for (const b of boxes) expect(b.scroll, f).toBeLessThanOrEqual(b.shown);
      expect(boxes[0].shown, f).toBeGreaterThan(1200);
    }
  });

  it('prints the list on A4 portrait with every column wide enough to read (従たる目標 was one character wide)', async () => {
    // A4 less the print style's 15 mm margins, at 96 px an inch
    const width = Math.floor(((210 - 30) / 25.4) * 96);
    await page.setViewport({ width, height: 1000 });
    await page.emulateMediaType('print');
    try {
      await page.goto(`file://${path.join(webDir('miyagi-ict-plan'), 'list.html')}`, { waitUntil: 'load' });
      const m = await page.$eval('table.list', (t) => {
        const em = parseFloat(getComputedStyle(t).fontSize);
        // the width a cell gives its text, in characters of the table's size
        const inner = (c: Element) => {
          const s = getComputedStyle(c);
          return (c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)) / em;
        };
        const cells = [...t.querySelector('tbody tr:not(.group)')!.children];
        const [goals, indicators, marks, place] = cells.slice(-4).map(inner);
        return {
          table: t.getBoundingClientRect().width,
          page: document.documentElement.scrollWidth,
          no: inner(cells[0]),
          name: inner(cells[1]),
          goals,
          indicators,
          marks,
          place,
          years: [...t.querySelectorAll('th.year')].map(inner),
        };
      });
      expect(m.table).toBeLessThanOrEqual(width);
      expect(m.page).toBeLessThanOrEqual(width);
      for (const k of ['name', 'goals', 'indicators'] as const) expect(m[k], k).toBeGreaterThanOrEqual(4);
      for (const y of m.years) expect(y).toBeGreaterThanOrEqual(4);
      for (const k of ['no', 'marks', 'place'] as const) expect(m[k], k).toBeGreaterThanOrEqual(1.5);
    } finally {
      await page.emulateMediaType();
    }
  });

  it('keeps the 事業名 column of the list in view while the table scrolls sideways on a phone', async () => {
    await page.setViewport({ width: 390, height: 800 });
    await page.goto(`file://${path.join(webDir('miyagi-ict-plan'), 'list.html')}`);
    const before = await page.$eval('tbody th[scope="row"]', (e) => e.getBoundingClientRect().left);
    await page.$eval('.scroll', (e) => e.scrollBy(600, 0));
    const after = await page.$eval('tbody th[scope="row"]', (e) => e.getBoundingClientRect().left);
    const box = await page.$eval('.scroll', (e) => ({ left: e.getBoundingClientRect().left, scroll: e.scrollLeft }));
    expect(box.scroll).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    expect(Math.round(after)).toBeGreaterThanOrEqual(Math.floor(box.left));
  });
});

describe('web edition in the Nu Html Checker (vnu-jar, on the Java of the machine)', () => {
  it('finds no error on any page of any data set, in one run that also fails a page made to break it', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'vnu-'));
    try {
      const broken = path.join(work, 'broken.html');
      writeFileSync(broken, '<!DOCTYPE html><html lang="ja"><head><title>x</title></head><body><p><div></div></p><a href="a" href="b">a</a></body></html>');
      const pages = readdirSync(TEST_OUTPUT)
        .filter((d) => existsSync(webDir(d)))
        .flatMap((d) => pagesOf(d).map((f) => path.join(webDir(d), f)));
      expect(pages.length).toBeGreaterThan(12);
      const jar = String(createRequire(import.meta.url)('vnu-jar'));
      const run = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', broken, ...pages], { encoding: 'utf8', maxBuffer: 64 << 20 });
      expect(run.error, 'java (17 or later) must be on the PATH').toBeUndefined();
      const messages = (JSON.parse(run.stderr).messages as { type: string; url: string; lastLine: number; message: string }[]).filter(
        (m) => m.type === 'error',
      );
      const at = (m: (typeof messages)[number]) =>
        `${decodeURIComponent(m.url)
          .replace(/^file:/, '')
          .replace(TEST_OUTPUT + '/', '')}:${m.lastLine} ${m.message}`;
      expect(messages.filter((m) => !m.url.endsWith('/broken.html')).map(at)).toEqual([]);
      expect(messages.filter((m) => m.url.endsWith('/broken.html')).map((m) => m.message)).toEqual([
        expect.stringContaining('“p” end tag'),
        expect.stringContaining('Duplicate attribute'),
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.each(SETS)('web edition of %s', (id) => {
  it('gives every page lang="ja", a title, a skip link to main, banner, navigation, main and contentinfo landmarks, the print styles, and nothing from outside', () => {
    const css = readFileSync(path.join(webDir(id), 'style.css'), 'utf8');
    expect(css).toContain('@media print');
    expect(css).toContain('font-family: "BIZ UDPGothic", "Yu Gothic"');
    for (const f of pagesOf(id)) {
      const h = html(id, f);
      expect(h).toMatch(/^<!DOCTYPE html>\n<html lang="ja">/);
      expect(h).toMatch(/<title>[^<]+<\/title>/);
      expect(h).toContain('<a class="skip" href="#main">');
      for (const tag of ['<header', '<nav', '<main id="main"', '<footer']) expect(h, `${f} ${tag}`).toContain(tag);
      expect(h).not.toMatch(/<script|src="https?:|href="https?:[^"]*\.(css|js)"|@import/);
      expect(h.match(/<h1[ >]/g)?.length).toBe(1);
    }
  });

  it('heads every row of a prose table (参考資料) with its first cell, a th for the row', () => {
    let rows = 0;
    for (const f of pagesOf(id))
      for (const [table] of html(id, f).matchAll(/<table class="prose">.*?<\/table>/gs))
        for (const [, first] of table.slice(table.indexOf('<tbody>')).matchAll(/<tr>(<t[hd][^>]*>)/g)) {
          expect(first, f).toBe('<th scope="row">');
          rows++;
        }
    if (id === 'miyagi-ict-plan') expect(rows).toBeGreaterThan(20);
  });

  it('links only to pages and ids that exist (contents, glossary superscripts and back, 掲載箇所)', () => {
    const ids = new Map(pagesOf(id).map((f) => [f, new Set([...html(id, f).matchAll(/ id="([^"]+)"/g)].map((m) => m[1]))]));
    let n = 0;
    for (const f of pagesOf(id))
      for (const [, href] of html(id, f).matchAll(/ href="([^"]+)"/g)) {
        if (/^(https?:|mailto:|\.\.\/data\/)/.test(href) || href === 'style.css') continue;
        const [file, hash] = href.split('#');
        const target = file || f;
        expect(ids.has(target), `${f} → ${href}`).toBe(true);
        if (hash) expect(ids.get(target)!.has(hash), `${f} → ${href}`).toBe(true);
        n++;
      }
    expect(n).toBeGreaterThan(10);
  });

  it('names each initiative in the contents by its title alone: no 用語解説 number joined to a word (「道路管理GIS18システム」)', () => {
    const r = resolved(id);
    if (!r.booklet) return;
    const contents = html(id, 'index.html');
    let n = 0;
    for (const s of r.booklet.sections)
      for (const e of s.entries.filter((x) => !x.relisted)) {
        const words = e.title
          .filter((x) => x.sup === undefined)
          .map((x) => x.text)
          .join('');
        expect(contents, words).toContain(`>${e.no} ${words.replace(/&/g, '&amp;')}</a>`);
        n += e.title.some((x) => x.sup !== undefined) ? 1 : 0;
      }
    // the check means something: some titles carry a number in the text (GIS¹⁸, ITS¹⁹)
    if (id === 'miyagi-ict-plan') expect(n).toBeGreaterThan(1);
  });

  it('shows every initiative, with the budgets and counts of the open data and of the resolved data', () => {
    const r = resolved(id);
    const all = pagesOf(id)
      .map((f) => html(id, f))
      .join('\n');
    // the text a reader sees: 用語解説 numbers (<sup>) and tags left out (a title may carry a number, Wi-Fi²⁶)
    const text = all.replace(/<sup\b[^>]*>.*?<\/sup>/g, '').replace(/<[^>]+>/g, '');
    for (const i of csv(id, 'initiatives.csv')) expect(text.includes(i['事業名'].replace(/&/g, '&amp;').replace(/"/g, '&quot;')), i['事業名']).toBe(true);
    if (r.list) {
      const list = html(id, 'list.html');
      for (const i of csv(id, 'initiatives.csv')) expect(list).toContain(`<tr id="row-${i['事業ID']}">`);
      // the list page names each row by the list's name (listTitle, else the title)
      for (const row of r.list.rows)
        if (row.kind === 'item') expect(list.includes(row.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;')), row.title).toBe(true);
    }
    for (const v of r.results) {
      const page = html(id, `results-${v.fiscalYear}.html`);
      const rows = csv(id, `results-${v.fiscalYear}.csv`);
      for (const row of rows) {
        const tr = page.match(new RegExp(`<tr id="row-${row['事業ID']}">.*?</tr>`))![0];
        const budget = tr.match(/<td class="num budget">([^<]*)<\/td>/)![1];
        expect(budget === '—' ? '' : budget.replace(/,/g, '')).toBe(row['事業費（千円）']);
      }
      const summary = csv(id, `summary-${v.fiscalYear}.csv`);
      const table = page.slice(page.indexOf('<table class="summary">'), page.indexOf('</table>', page.indexOf('<table class="summary">')));
      const cells = [...table.matchAll(/<td class="num (count|new|budget)">([^<]*)<\/td>/g)].map((m) => m[2].replace(/,/g, ''));
      const expected = [
        ...summary.flatMap((s) => [s['事業数（件）'], s['うち新規（件）'], s['事業費合計（千円）']]),
        String(v.total.count),
        String(v.total.newCount),
        String(v.total.budgetTotal),
      ];
      expect(cells).toEqual(expected);
      expect(summary.map((s) => Number(s['事業数（件）']))).toEqual(v.pillars.map((p) => p.summary.count));
      // the chart's text is read once: the sentence under it (no <desc> saying it again), the figure named by its heading
      expect(page.split(v.texts!.chartAlt).length - 1).toBe(1);
      expect(page).toContain(`<p class="chart-text">${v.texts!.chartAlt}</p>`);
      expect(page).not.toContain('<desc');
      expect(page).toContain('<figure class="chart" aria-labelledby="chart">');
    }
  });
});

describe('web edition and text from the data', () => {
  it('prints <script> and quotes in a title as text, in the HTML environment that escapes', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'web-escape-'));
    try {
      const data = path.join(work, 'mini');
      cpSync(path.join(__dirname, 'fixtures', 'mini'), data, { recursive: true });
      const file = path.join(data, 'initiatives', '001.json');
      const j = JSON.parse(readFileSync(file, 'utf8'));
      j.title = '<script>alert("x")</script>の運用';
      writeFileSync(file, JSON.stringify(j, null, 2));
      const checked = checkDataset(data);
      expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const files = renderWebEdition(webEdition(resolve(checked.model!)));
      const text = files
        .filter((f) => f.name.endsWith('.html'))
        .map((f) => f.bytes.toString('utf8'))
        .join('\n');
      expect(text).not.toContain('<script');
      expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;の運用');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('page citations in the web edition', () => {
  it('link to the place cited, named by what stands there (the web has no pages), also in a build that lays out no PDF', async () => {
    const { renderDataset } = await import('../src/render-dataset.js');
    const dir = path.join(__dirname, '..', 'data', 'miyagi-ict-plan');
    // a build of the web edition alone gives the same pages: it needs no layout of the booklet
    const r = await renderDataset(dir, { log: () => {}, only: new Set(['web/']) });
    expect(r.outputs.some((o) => o.name.endsWith('.pdf'))).toBe(false);
    for (const o of r.outputs.filter((x) => x.name.startsWith('web/')))
      expect(o.bytes.equals(readFileSync(path.join(TEST_OUTPUT, 'miyagi-ict-plan', o.name))), o.name).toBe(true);
    const ch1 = html('miyagi-ict-plan', 'chapter-1.html');
    expect(ch1).toContain('主な取組は、<a href="list.html">「1 主な取組一覧」</a>の一覧表に掲載しています');
    const ref = html('miyagi-ict-plan', 'references.html').match(/（<a href="chapter-2-\d\.html#(entry-[^"]+\/(\d+))">事業(\d+)「([^」]+)」<\/a>参照）/)!;
    const cited = JSON.parse(readFileSync(path.join(dir, 'initiatives', `${ref[2]}.json`), 'utf8'));
    expect([Number(ref[3]), ref[4]]).toEqual([cited.no, cited.title]);
    const note = html('miyagi-ict-plan', 'list.html').match(/欄の丸数字は、<a href="chapter-1\.html#([^"]+)">「([^」]+)」<\/a>に記載の/)!;
    expect(ch1).toContain(`<h3 id="${note[1]}">${note[2]}</h3>`);
    // no link of either data set is a bare number (a printed page), none is followed by ページ
    for (const id of SETS)
      for (const f of pagesOf(id)) {
        const h = html(id, f);
        expect(h, f).not.toMatch(/<a href="[^"]*">\d+<\/a>|<\/a>ページ/);
      }
  });
});

describe('figures and unfinished years in the web edition', () => {
  it('writes a figure as a file beside the pages, with its caption and its text alternative', () => {
    const page = readFileSync(path.join(TEST_OUTPUT, 'mini', 'web', 'chapter-1.html'), 'utf8');
    expect(page).toContain('<figure><figcaption>図表1 推進の流れ</figcaption>\n<img src="figures/flow.svg" alt="図表1 推進の流れ">');
    expect(
      readFileSync(path.join(TEST_OUTPUT, 'mini', 'web', 'figures', 'flow.svg')).equals(
        readFileSync(path.join(__dirname, 'fixtures', 'mini', 'figures', 'flow.svg')),
      ),
    ).toBe(true);
  });

  it('gives a results page the date and issuer of the report’s face, as the PDF prints them: which version a reader has', async () => {
    const { readPdf } = await import('../src/errata/pdf-lines.js');
    const { pages } = await readPdf(path.join(TEST_OUTPUT, 'fukushima-ict-strategy', 'results-2017.pdf'));
    const squash = (t: string) => t.replace(/\s+/g, '');
    const face = pages[0]!.lines.map(squash).find((l) => /^(平成|令和)(元|\d+)年\d+月福島県$/.test(l));
    expect(face).toBeDefined();
    const shown = [...html('fukushima-ict-strategy', 'results-2017.html').matchAll(/<p>([^<]*)<\/p>/g)].map((m) => squash(m[1]!));
    expect(shown).toContain(face);
  });

  it('marks a results page as a draft while a row is unanswered, the cell saying so, and the open data says 未確定 and 未回答', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'web-draft-'));
    try {
      const data = path.join(work, 'mini');
      cpSync(path.join(__dirname, 'fixtures', 'mini'), data, { recursive: true });
      const file = path.join(data, 'initiatives', '001.json');
      const j = JSON.parse(readFileSync(file, 'utf8'));
      j.results['2017'].achievement = '';
      writeFileSync(file, JSON.stringify(j, null, 2));
      const r = resolve(checkDataset(data).model!);
      expect(r.results[0].draft).toEqual({ unanswered: 1, uncategorised: 0 });
      const page = renderWebEdition(webEdition(r))
        .find((f) => f.name === 'results-2017.html')!
        .bytes.toString('utf8');
      expect(page).toContain('<p class="draft">未確定（未回答 1 件）</p>');
      expect(page).toMatch(/<tr id="row-001">.*<span class="unanswered">未回答<\/span>/);
      const { openDataTables } = await import('../src/documents/data/tables.js');
      const tables = openDataTables(r);
      const results = tables.find((t) => t.file === 'results-2017.csv')!;
      const row = results.rows.find((x) => x[results.columns.findIndex((c) => c.key === 'initiative')] === '001')!;
      expect(row[results.columns.findIndex((c) => c.key === 'answered')]).toBe('未回答');
      const summary = tables.find((t) => t.file === 'summary-2017.csv')!;
      expect(summary.rows.every((x) => x[summary.columns.findIndex((c) => c.key === 'status')] === '未確定')).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

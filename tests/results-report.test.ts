import { describe, it, expect, beforeAll } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withBuiltVariant } from './helpers/variant.js';
import { readPdf, type PdfPage } from '../src/errata/pdf-lines.js';
import { initiatives, json, squash, isNewIn } from './helpers/data.js';
import { out } from './outputs.js';
import { RESULT_COLUMN_EDGES as E } from '../src/documents/pdf/results-report.js';

const FILE = out('fukushima-ict-strategy', 'results-2017.pdf');
const rows = initiatives('fukushima-ict-strategy');
const pillarOf = (id: string) => id.split('-')[0];
let pages: PdfPage[];

beforeAll(async () => {
  ({ pages } = await readPdf(FILE));
});

/** Items of a page between two x positions, top to bottom: one table column. */
const column = (p: PdfPage, from: number, to: number) =>
  p.items
    .filter((i) => i.x >= from && i.x < to)
    .sort((a, b) => b.y - a.y || a.x - b.x)
    .map((i) => i.str)
    .join('');

describe('事業実施結果', () => {
  it('marks its note with ※, as Japanese documents do, not a half-width *', () => {
    const text = pages.map((p) => p.text).join('\n');
    expect(text).toContain('目標の達成度※');
    expect(pages.flatMap((p) => p.lines).some((l) => l.startsWith('※ 目標の達成度：'))).toBe(true);
    expect(text).not.toContain('*');
  });

  it('gives 目標の達成度 room for its sentences: no line of that column holds a fragment of one or two characters', () => {
    const tables = pages.filter((p) => p.lines.some((l) => l.startsWith('整理番号')));
    const fragments = tables.flatMap((p) =>
      p.items
        .filter((i) => i.x >= E[5] && i.x < E[6] && i.str.trim() && i.str.trim() !== '—' && [...i.str.trim()].length <= 2)
        .map((i) => `p.${p.number} ${i.str}`),
    );
    expect(fragments).toEqual([]);
    // a long entry prints in a few lines, not a fragment per line: 「目標60,600千人に対」 holds one line (it was 「目標60,600千人」)
    const starts = tables.flatMap((p) => p.items.filter((i) => i.x >= E[5] && i.x < E[6] && i.str.startsWith('目標60,600')));
    expect(starts).toHaveLength(1);
    expect(starts[0].str).toContain('千人に対');
  });

  it('sets each count of the chart clear of the end of its bar', () => {
    // the bars are 420 pt from 180 pt after the left margin (30 pt); the longest ends there
    const face = pages[0];
    const counts = face.items.filter((i) => /^\d+$/.test(i.str) && i.x > 600 && i.x < 700);
    expect(counts.length).toBeGreaterThan(3);
    for (const c of counts) expect(c.x, c.str).toBeGreaterThanOrEqual(30 + 180 + 420 + 3);
  });

  it('shows on its face when and by whom it is published (publishedOn and issuer)', () => {
    const face = pages[0].lines;
    const title = face.findIndex((l) => l.includes('に係る事業実施結果'));
    // pdfjs reads the ideographic space as a plain one
    expect(face[title + 1]).toMatch(new RegExp(`^平成30年6月\\s+${json('fukushima-ict-strategy', 'dataset.json').issuer}$`));
  });

  it('holds all 103 rows in 5 pillars (13, 20, 25, 15, 30)', () => {
    expect(rows).toHaveLength(103);
    const counts = ['1', '2', '3', '4', '5'].map((p) => rows.filter((r) => pillarOf(r.id) === p).length);
    expect(counts).toEqual([13, 20, 25, 15, 30]);
  });

  it('prints every name, every budget as published and — where there is none', () => {
    // the name column starts after 整理番号 and 新規; read it column by column
    const names = squash(pages.map((p) => column(p, E[2], E[3])).join(''));
    const budgets = pages.flatMap((p) => p.items.filter((i) => i.x > E[4] && i.x < E[5]).map((i) => i.str.trim()));
    for (const { data } of rows) {
      expect(names, data.title).toContain(squash(data.title));
      const b = data.results['2017'].budget;
      expect(budgets, `${data.title}: ${b}`).toContain(b === null ? '—' : b.toLocaleString('en-US'));
    }
    expect(budgets).toContain('28,933,000');
    expect(budgets).toContain('135,304');
  });

  it('marks 新規 with ○ exactly where the data says so', () => {
    const marks = pages.flatMap((p) => p.items.filter((i) => i.x > E[1] && i.x < E[2] && i.str.trim() === '○'));
    expect(marks.length).toBe(rows.filter((r) => isNewIn(r.data, '2017')).length);
    expect(marks.length).toBeGreaterThan(0);
  });

  it('summarises each pillar with totals computed from the data', () => {
    const summary = squash(pages[0].text);
    const total = rows.reduce((a, r) => a + (r.data.results['2017'].budget ?? 0), 0);
    const ds = json('fukushima-ict-strategy', 'dataset.json');
    for (const [i, s] of ds.sections.entries()) {
      const mine = rows.filter((r) => pillarOf(r.id) === s.id);
      const budget = mine.reduce((a: number, r) => a + (r.data.results['2017'].budget ?? 0), 0);
      const isNew = mine.filter((r) => isNewIn(r.data, '2017')).length;
      expect(summary).toContain(squash(`${i + 1} ${s.title}${mine.length}${isNew}${budget.toLocaleString('en-US')}`));
    }
    expect(summary).toContain(`合計103${rows.filter((r) => isNewIn(r.data, '2017')).length}${total.toLocaleString('en-US')}`);
    const planned = rows.filter((r) => ['計画どおり実施', '概ね計画どおり実施'].includes(r.data.results['2017'].achievement)).length;
    expect(summary).toContain(`${total.toLocaleString('en-US')}${planned}`);
  });

  it('draws the chart as vector graphics', () => {
    const pdf = readFileSync(FILE, 'latin1');
    // the bars are filled rectangles in the first page's content, not an image
    expect(pdf).not.toMatch(/\/Subtype\s*\/Image/);
  });

  it('is A4 landscape, repeats the header row on every table page and numbers pages n / N', async () => {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(FILE)), verbosity: 0 }).promise;
    const page = await doc.getPage(2);
    const [, , w, h] = page.view;
    expect(Math.round(w)).toBe(842);
    expect(Math.round(h)).toBe(595);
    const outline = await doc.getOutline();
    expect(outline!.map((o) => o.title)).toEqual(expect.arrayContaining(['1 復興への取組', '5 電子自治体・行政サービスの充実']));
    await doc.destroy();
    for (const p of pages.slice(1)) {
      const top = { ...p, items: p.items.filter((i) => i.y > 595 - 110) };
      expect(squash(column(top, E[0], E[1])), `page ${p.number}`).toContain('整理番号');
    }
    pages.forEach((p, i) => expect(p.lines.at(-1), `page ${i + 1}`).toMatch(new RegExp(`${i + 1} / ${pages.length}$`)));
  });

  it('takes the fiscal-year words from the era rule', () => {
    const text = squash(pages.map((p) => p.text).join(''));
    const p2 = { ...pages[1], items: pages[1].items.filter((i) => i.y > 595 - 130) }; // page 2 opens with the pillar heading and the note above the table
    expect(squash(column(p2, E[4], E[5]))).toContain('平成29年度事業費（千円）※当初予算');
    expect(squash(column(p2, E[6], E[7]))).toContain('H29年度の取組実績・成果等');
    expect(text).toContain('平成29年度はその3年目にあたる');
    expect(text).toContain('本計画の柱である「復興への取組」、「産業振興・地域活性化」、');
  });
});

describe('a row taller than a page', () => {
  it('continues over pages with the header repeated, losing nothing', async () => {
    await withBuiltVariant(
      (data) => {
        const file = path.join(data, 'initiatives', '001.json');
        const j = JSON.parse(readFileSync(file, 'utf8'));
        const lines = Array.from({ length: 40 }, (_, i) => `第${i + 1}行：${'長い実績の記載です。'.repeat(30)}`);
        j.results['2017'].outcome = lines.join('\n');
        writeFileSync(file, JSON.stringify(j, null, 2));
      },
      async (out) => {
        const { pages: p } = await readPdf(path.join(out, 'results-2017.pdf'));
        // the repeated header row (three lines) and the footer stand between the parts of the row
        const body = p
          .slice(1)
          .map((pg) => pg.lines.filter((l) => !/^整理番号|事業費（千円）|^※当初予算|\d+ \/ \d+$/.test(l)).join(''))
          .join('');
        const text = squash(body);
        expect(text.match(/長い実績の記載です。/g)?.length).toBe(1200);
        for (let i = 1; i <= 40; i++) expect(text).toContain(`第${i}行：`);
        expect(p.length).toBeGreaterThan(4);
        for (const pg of p.slice(1)) expect(pg.lines.some((l) => l.startsWith('整理番号'))).toBe(true);
      },
    );
  });
});

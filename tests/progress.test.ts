// 進ちょく管理 on the fictional sample (data/sample-progress, built by the global setup): the
// 達成率 printed in progress.pdf, shown on web/progress.html, written in indicator-progress.csv and
// recomputed by the appendix's formulas agree; unanswered indicators mark every page 未確定. Bad
// indicator data is refused with its place and exit code 1; indicators:convert shows, then writes
// only with --yes, and lists a unit mismatch instead of guessing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { layoutText } from './helpers/layout-text.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { TEST_OUTPUT } from './setup/build-outputs.js';
import { parseCsv } from './helpers/csv.js';
import { ROOT, squash } from './helpers/data.js';
import { runCli } from './helpers/cli.js';
import { readPdf } from '../src/errata/pdf-lines.js';
import { convertIndicators, readQuantity } from '../src/plan/convert-indicators.js';

const ID = 'sample-progress';
const OUT = path.join(TEST_OUTPUT, ID);
type Row = Record<string, string>;

function csvRows(): Row[] {
  const [header, ...rows] = parseCsv(readFileSync(path.join(OUT, 'data', 'indicator-progress.csv'), 'utf8').replace(/^\uFEFF/, ''));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
const num = (s: string) => Number(s).toLocaleString('en-US', { maximumFractionDigits: 6 });
/** a CSV 達成率 as print writes it: one decimal, a negative one with the minus sign U+2212 (−16.7%), not the hyphen */
const printedRate = (s: string) => `${Number(s) < 0 ? '\u2212' : ''}${Math.abs(Number(s)).toFixed(1)}%`;

describe('進ちょく状況 of the sample: PDF, web page, open data and appendix agree', () => {
  let rows: Row[];
  let pages: string[];
  beforeAll(() => {
    rows = csvRows();
    pages = layoutText(path.join(OUT, 'progress.pdf'))
      .split('\f')
      .filter((p) => p.trim());
  });

  it('publishes the self-evaluations as open data too (evaluations.csv), as the report prints them', () => {
    const [head, ...lines] = parseCsv(readFileSync(path.join(OUT, 'data', 'evaluations.csv'), 'utf8').replace(/^\uFEFF/, ''));
    const evals = lines.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
    expect(evals.length).toBe(12); // 6 initiatives × 2 years
    const pdf = squash(layoutText(path.join(OUT, 'progress.pdf')));
    for (const e of evals) {
      if (e['回答状況'] === '未回答') continue;
      expect(pdf, e['ID']).toContain(squash(`${e['自己評価']}（${e['自己評価の意味']}）`));
      if (e['未達成の理由']) expect(pdf, e['ID']).toContain(squash(e['未達成の理由']));
    }
    expect(evals.filter((e) => e['回答状況'] === '未回答').map((e) => e['ID'])).toEqual(['03-2020']);
    expect(evals.find((e) => e['ID'] === '01-2020')).toMatchObject({
      '年度（和暦）': '令和2年度',
      自己評価: 'C',
      自己評価の意味: 'やや遅れ',
      今後の方向性: '拡充',
    });
  });

  it('describes its own 回答状況 and 確定状況 in the data dictionary (columns.csv), not the results report’s', () => {
    const [head, ...dict] = parseCsv(readFileSync(path.join(OUT, 'data', 'columns.csv'), 'utf8').replace(/^\uFEFF/, ''));
    const about = (column: string) => dict.find((r) => r[1] === 'indicator-progress.csv' && r[2] === column)?.[3];
    expect(head.length).toBeGreaterThan(3);
    expect(about('回答状況')).toBe('回答済 または 未回答（未回答はその年度の実績値が空欄の指標）');
    expect(about('確定状況')).toContain('指標の実績値か事業の自己評価の未回答');
    expect(
      dict
        .filter((r) => r[1] === 'indicator-progress.csv')
        .map((r) => r[3])
        .join(''),
    ).not.toContain('事業費');
  });

  it('has a row per indicator and year, numbers as numbers, units and ISO dates in their own columns', () => {
    expect(rows.length).toBe(24); // 12 indicators × 2 years
    for (const r of rows) {
      expect(r['単位']).not.toBe('');
      expect(r['その年度の目標値']).toMatch(/^-?\d+(\.\d+)?$/);
      for (const k of ['基準値の時点', '最終目標値の時点']) expect(r[k]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (r['実績値']) expect(r['実績値の時点']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // a 達成率 or its reason, never both, never neither
      expect(r['達成率（%）'] === '' ? r['達成率の注記'] : r['達成率（%）'], r['ID']).not.toBe('');
    }
    // hand-computed: (12 − 5) ÷ (15 − 5); a decreasing one (14 − 30) ÷ (15 − 30); worse than the baseline; met early
    const rate = (id: string) => rows.find((r) => r['ID'] === id)!['達成率（%）'];
    expect([rate('01-1-2019'), rate('02-2-2020'), rate('03-2-2019'), rate('01-2-2019')]).toEqual(['70', '106.7', '-16.7', '105.3']);
    expect(rows.find((r) => r['ID'] === '01-2-2019')!['達成率の注記']).toBe('目標年度より前に目標値に達した');
    // the uncomputable ones say why, with no number
    expect(rows.filter((r) => r['達成率（%）'] === '' && r['回答状況'] === '回答済').map((r) => `${r['ID']} ${r['達成率の注記']}`)).toEqual([
      '04-1-2019 算定不可（基準値なし）',
      '04-1-2020 算定不可（基準値なし）',
      '04-2-2019 算定不可（基準値と目標値の単位が違う）',
      '04-2-2020 算定不可（基準値と目標値の単位が違う）',
      '05-2-2019 算定不可（基準値が目標値に達している）',
      '05-2-2020 算定不可（基準値が目標値に達している）',
    ]);
  });

  it('prints each year’s target, actual and 達成率 (or its reason) in the PDF as the CSV has them', () => {
    const text = squash(pages.join(''));
    for (const r of rows) {
      const rateText = r['達成率（%）'] !== '' ? printedRate(r['達成率（%）']) : r['達成率の注記'];
      const actual = r['回答状況'] === '未回答' ? '未回答' : num(r['実績値']);
      expect(text, r['ID']).toContain(squash(`${num(r['その年度の目標値'])}${actual}${rateText}`));
    }
  });

  it('counts the last year’s indicators per level in the PDF’s summary as the CSV’s rows give them, and marks every page 未確定', () => {
    const last = rows.filter((r) => r['年度（西暦）'] === '2020');
    const count = (f: (r: Row) => boolean) => String(last.filter(f).length);
    const levels = ['達成', '概ね達成', '未達成'].map((l) => count((r) => r['達成状況'] === l));
    const uncomputable = count((r) => r['回答状況'] === '回答済' && r['達成状況'] === '');
    const unanswered = count((r) => r['回答状況'] === '未回答');
    expect(squash(pages[0])).toContain(squash(`合計 ${last.length} ${levels.join(' ')} ${uncomputable} ${unanswered}`));
    expect([levels, uncomputable, unanswered]).toEqual([['3', '1', '4'], '3', '1']);
    // the narrow 判定できない column breaks its header where the words part, never 「判定でき／ない」
    const header = pages[0].split('\n').filter((l) => /指標数|できない|でき$/.test(l.trim()) || /判定/.test(l));
    expect(header.join('\n')).toMatch(/判定\s/);
    expect(header.join('\n')).not.toMatch(/判定でき(\s|$)/m);
    // one actual and one grade unanswered: the mark on every page, as the results report does
    // the year the answers are missing from is said (both missing ones are 2020's)
    for (const p of pages) expect(p).toContain('未確定（R2年度の未回答 2 件）');
    // the line above each indicator's table quotes the plan as written: 「80%以上」 kept its 以上, a baseline
    // without a number its words (they read 「80%」 and 「数値なし」)
    const all = squash(pages.join(''));
    expect(all).toContain(squash('目標値（R4年度末）80%以上'));
    expect(all).toContain('新規事業のため実績なし');
    const html = readFileSync(path.join(OUT, 'web', 'progress.html'), 'utf8');
    expect(html).toContain('80%以上');
    // each indicator's baseline and target under its name, in its own table's caption (the paragraph stood
    // above the name, right under the table before it)
    expect(html).toMatch(/<caption id="[^"]+-caption">指標：利用者の満足度[^<]*<span class="baseline">基準値（[^<]*目標値（[^）]*）80%以上<\/span><\/caption>/);
    expect(html).not.toMatch(/<p>基準値（/);
    expect(html).toContain('新規事業のため実績なし');
    // an unanswered 自己評価 is counted as 未回答, as the indicators' column calls it (not a second label, 「評価なし」)
    expect(squash(pages[0])).not.toContain('評価なし');
    expect(readFileSync(path.join(OUT, 'web', 'progress.html'), 'utf8')).not.toContain('評価なし');
    // each year's rows carry that year's status: R2年度 has the answers missing, the year before is final
    const statusOf = new Map(rows.map((r) => [r['年度（和暦）'], r['確定状況']]));
    for (const r of rows) expect(r['確定状況'], r['年度（和暦）']).toBe(statusOf.get(r['年度（和暦）']));
    expect(statusOf.get('令和2年度')).toBe('未確定');
    expect([...statusOf.values()]).toContain('確定');
    expect(rows.filter((r) => r['回答状況'] === '未回答').every((r) => r['確定状況'] === '未確定')).toBe(true);
    // running text names the years in full, as the CSV's 年度 column does; R2年度 is for table headings
    const years = [...new Set(rows.map((r) => r['年度（和暦）']))];
    expect(years.length).toBeGreaterThan(1);
    expect(squash(pages[0])).toContain(squash(`について、${years.join('・')}の実績値と達成率`));
  });

  it('shows the same targets, actuals and 達成率 on the web page, in the same order', () => {
    const html = readFileSync(path.join(OUT, 'web', 'progress.html'), 'utf8');
    const cells = [
      ...html.matchAll(
        /<td class="num target">([^<]*)<\/td><td class="num actual">(?:<span class="unanswered">)?([^<]*)(?:<\/span>)?<\/td><td class="rate">([^<]*)<\/td>/g,
      ),
    ].map((m) => [m[1], m[2], m[3]]);
    expect(cells).toEqual(
      rows.map((r) => [
        num(r['その年度の目標値']),
        r['回答状況'] === '未回答' ? '未回答' : num(r['実績値']),
        r['達成率（%）'] !== '' ? printedRate(r['達成率（%）']) : r['達成率の注記'],
      ]),
    );
    expect(html).toContain('<p class="draft">未確定（R2年度の未回答 2 件）</p>');
  });

  it('gives the appendix the same table (the columns a reader compares), 達成率 a formula of the row’s cells whose value is the CSV’s, none where no number is meant', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(OUT, 'appendix.xlsx'));
    const ws = wb.getWorksheet('指標の進ちょく')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    // not the columns for machines or the same on every row: with all 26 the sheet printed on several A3 pages, most without a row label
    const forMachines = ['全国地方公共団体コード', 'ID', '地方公共団体名', '事業ID', '連番', '年度（西暦）', '基準値の単位', '確定状況'];
    expect(header).toEqual(Object.keys(rows[0]).filter((h) => !forMachines.includes(h)));
    expect(header.length).toBe(18);
    const col = (h: string) => header.indexOf(h) + 1;
    rows.forEach((r, k) => {
      const row = ws.getRow(k + 2);
      const cell = row.getCell(col('達成率（%）')).value as ExcelJS.CellFormulaValue | null;
      if (r['達成率（%）'] === '' && r['回答状況'] === '回答済') {
        // an uncomputable 達成率 is no formula (it would print a number that looks right)
        expect(cell, r['ID']).toBeNull();
        return;
      }
      expect(cell?.formula, r['ID']).toMatch(/ROUND\(/);
      expect(cell!.result).toBe(r['達成率（%）'] === '' ? '未回答' : Number(r['達成率（%）']));
      if (r['回答状況'] === '未回答') return;
      // the formula computes the CSV's value from the cells of its own row
      const expr = /ROUND\((.*),1\)\)$/.exec(cell!.formula)![1].replace(/[A-Z]+\d+/g, (ref) => String(ws.getCell(ref).value));
      const value = Function(`return ${expr}`)() as number;
      expect(Math.round(value * 10) / 10, `${r['ID']} ${cell!.formula}`).toBeCloseTo(Number(r['達成率（%）']), 5);
    });
  });
});

describe('bad indicator data and the converter', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'progress-'));
    cpSync(path.join(ROOT, 'data', ID), path.join(dir, ID), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (rel: string) => path.join(dir, ID, rel);
  const edit = (rel: string, f: (j: any) => void) => {
    const j = JSON.parse(readFileSync(file(rel), 'utf8'));
    f(j);
    writeFileSync(file(rel), JSON.stringify(j, null, 2) + '\n');
  };

  it('refuses a numeric indicator without its target number, a grade the data set has not, and a level out of order: file, place, what to write, exit 1', () => {
    const before = readFileSync(file('initiatives/02.json'), 'utf8');
    const dataset = readFileSync(file('dataset.json'), 'utf8');
    edit('initiatives/02.json', (j) => {
      delete j.indicators[0].target.number;
      j.evaluation['2019'].grade = 'S';
    });
    edit('dataset.json', (j) => (j.documents.progress.levels[1].min = 120));
    const r = runCli(['validate', '--data', path.join(dir, ID)]);
    // the next test starts from the sample as it was
    writeFileSync(file('initiatives/02.json'), before);
    writeFileSync(file('dataset.json'), dataset);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /initiatives\/02\.json:\d+:\d+ indicators（1番目）\.target: .*目標値の数値（target\.number）がありません。target\.value「60%」の数を単位を付けずに書いてください/,
    );
    expect(r.stderr).toMatch(
      /initiatives\/02\.json:\d+:\d+ evaluation\.2019\.grade: 自己評価「S」は documents\.progress\.grades にありません。「A」・「B」・「C」・「D」 のどれかを書いてください/,
    );
    expect(r.stderr).toMatch(
      /dataset\.json:\d+:\d+ documents\.progress\.levels（2番目）\.min: 区分「概ね達成」の min（120）は一つ上の区分の min（100）より小さくしてください/,
    );
  });

  it('reads 「5市町村」 into 5 and 市町村, lists 「5市」 against 「35市町村」 as a unit mismatch, and writes only with --yes', () => {
    edit('initiatives/01.json', (j) => {
      const ind = j.indicators[0];
      for (const k of ['unit', 'direction', 'yearlyTargets', 'actuals']) delete ind[k];
      delete ind.baseline.number;
      delete ind.target.number;
      j.indicators.push({
        name: '支援した市町村数',
        baseline: { asOf: { month: '2019-03' }, value: '5市' },
        target: { asOf: { month: '2021-03' }, value: '35市町村' },
      });
      j.indicators.push({
        name: '問題投稿の割合',
        baseline: { asOf: { month: '2019-03' }, value: '0.37%' },
        target: { asOf: { month: '2021-03' }, value: '3.0%以内' },
      });
    });
    const before = readFileSync(file('initiatives/01.json'), 'utf8');
    const shown = runCli(['indicators-convert', '--data', path.join(dir, ID)]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(
      'initiatives/01.json indicators（1番目）「オープンデータ公開市町村数」: 現状値「5市町村」→ 5、目標値「35市町村」→ 35、単位 市町村、増やす',
    );
    expect(shown.stdout).toContain('initiatives/01.json indicators（3番目）「支援した市町村数」: 単位が違います（現状値「5市」、目標値「35市町村」）');
    // the same unit, the target a bound: not a unit of its own
    expect(shown.stdout).toContain(
      'initiatives/01.json indicators（4番目）「問題投稿の割合」: 目標値が範囲（現状値「0.37%」、目標値「3.0%以内」）で、一つの数として読めません',
    );
    expect(shown.stdout).toContain('--yes を付けて');
    expect(readFileSync(file('initiatives/01.json'), 'utf8')).toBe(before);

    const r = convertIndicators(path.join(dir, ID), { write: true });
    expect(r.written).toBe(true);
    const j = JSON.parse(readFileSync(file('initiatives/01.json'), 'utf8'));
    expect(j.indicators[0]).toMatchObject({
      unit: '市町村',
      direction: '増やす',
      baseline: { value: '5市町村', number: 5 },
      target: { value: '35市町村', number: 35 },
    });
    // the mismatch is left as the keeper wrote it
    expect(j.indicators[2]).toEqual({
      name: '支援した市町村数',
      baseline: { asOf: { month: '2019-03' }, value: '5市' },
      target: { asOf: { month: '2021-03' }, value: '35市町村' },
    });
  });

  it('reads one number and one unit, nothing more', () => {
    expect(
      ['58件', '1,003人', '16.5%', '４０．７分', '2,367件(許可業者の65%)', '約80%', '平成32年全国平均', '100', '3.0%以内'].map((t) => readQuantity(t) ?? null),
    ).toEqual([
      { number: 58, unit: '件' },
      { number: 1003, unit: '人' },
      { number: 16.5, unit: '%' },
      { number: 40.7, unit: '分' },
      null,
      null,
      null,
      null,
      { number: 3, unit: '%以内' },
    ]);
  });
});

describe('進ちょく状況 with longer texts (a user walk’s variant of the sample)', () => {
  let work = '';
  let pages: { lines: string[] }[] = [];
  const headings: string[] = [];
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'progress-long-'));
    const data = path.join(work, 'long');
    cpSync(path.join(ROOT, 'data', ID), data, { recursive: true });
    const reasons: Record<string, string> = {
      '01': '市町村の担当者の異動が重なったことに加え、公開に必要な個人情報の確認作業に想定以上の時間を要したため、年度内に公開を終えることができなかった市町村が残った。',
      '02': '電子申請の対象手続は拡大したものの、添付書類の電子化が進まず、窓口での申請を選ぶ県民が多かった。また、周知が十分でなかった。',
      '03': 'メールの誤送信が増え、事故の件数が基準値を上回った。送信前の確認を徹底するよう、全所属に通知し、研修の内容を見直した（「誤送信防止」の演習を追加）。',
      '04': '講座の会場となる公民館の改修工事が重なり、予定していた回数の講座を開くことができなかったため、受講者数が伸び悩んだ。次年度はオンラインでも開く。',
    };
    for (const [id, reason] of Object.entries(reasons)) {
      const file = path.join(data, 'initiatives', `${id}.json`);
      const j = JSON.parse(readFileSync(file, 'utf8'));
      j.evaluation['2019'].reason = reason;
      if (id === '01') j.indicators[0].actuals['2019'].note = '速報値（確定値は令和2年6月に公表予定。前年度の数値も遡って修正した）';
      headings.push(`${j.no} ${j.title}`);
      writeFileSync(file, JSON.stringify(j, null, 2) + '\n');
    }
    const dataset = JSON.parse(readFileSync(path.join(data, 'dataset.json'), 'utf8'));
    dataset.id = 'long';
    dataset.documents.progress.fiscalYears = [2019];
    dataset.era = { asOf: '2019-03-01' };
    writeFileSync(path.join(data, 'dataset.json'), JSON.stringify(dataset, null, 2) + '\n');
    const r = runCli(['build', '--quiet', '--data', data, '--out', path.join(work, 'out'), '--only', 'progress.pdf']);
    expect(r.code, r.stderr).toBe(0);
    pages = (await readPdf(path.join(work, 'out', 'long', 'progress.pdf'))).pages;
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('never ends a cell on one character and its closing marks (「…演習を追／加）。」)', () => {
    const lone = pages.flatMap((p) => p.lines.map(squash)).filter((l) => /^[^）」』】〕。、．，！？][）」』】〕。、．，！？]+$/.test(l));
    expect(lone).toEqual([]);
    // the cell of the walk's example ends on two characters and its marks
    expect(pages.flatMap((p) => p.lines.map(squash))).toContain('追加）。');
  });

  it('never leaves an initiative’s heading at the foot of a page, its tables on the next', () => {
    expect(pages.length).toBeGreaterThan(2);
    const stranded = pages.filter((p) => {
      // the page's last two lines above its footer (「… 進ちょく状況 2/5」)
      const body = p.lines.map(squash).filter((l) => !/進ちょく状況\d+\/\d+$/.test(l));
      const tail = body.slice(-2).join('');
      return headings.some((h) => tail.includes(squash(h)));
    });
    expect(stranded.map((p) => p.lines.slice(-3).join(' / '))).toEqual([]);
  });
});

describe('進ちょく状況 whose last year is complete and an earlier one is not', () => {
  it('names the earlier year in its draft mark, and prints no ※ 未回答 note under the last year’s summary, which has none', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'progress-earlier-'));
    try {
      const data = path.join(work, 'earlier');
      cpSync(path.join(ROOT, 'data', ID), data, { recursive: true });
      const edit = (id: string, f: (j: any) => void) => {
        const file = path.join(data, 'initiatives', `${id}.json`);
        const j = JSON.parse(readFileSync(file, 'utf8'));
        f(j);
        writeFileSync(file, JSON.stringify(j, null, 2) + '\n');
      };
      // 2020 answered in full; 2019's first actual taken out
      edit('03', (j) => {
        j.indicators[1].actuals['2020'] = { value: 10, asOf: '2021-03-31' };
        j.evaluation['2020'] = { grade: 'B', reason: '研修を見直した。', outlook: '継続' };
      });
      edit('01', (j) => (j.indicators[0].actuals['2019'] = { value: null }));
      const dataset = JSON.parse(readFileSync(path.join(data, 'dataset.json'), 'utf8'));
      dataset.id = 'earlier';
      writeFileSync(path.join(data, 'dataset.json'), JSON.stringify(dataset, null, 2) + '\n');
      const r = runCli(['build', '--quiet', '--data', data, '--out', path.join(work, 'out'), '--only', 'progress.pdf,web']);
      expect(r.code, r.stderr).toBe(0);
      const { pages } = await readPdf(path.join(work, 'out', 'earlier', 'progress.pdf'));
      for (const p of pages) expect(squash(p.text)).toContain('未確定（R元年度の未回答1件）');
      const text = squash(pages.map((p) => p.text).join(''));
      expect(text).not.toContain('未回答の指標は達成状況の集計に数えていません');
      expect(readFileSync(path.join(work, 'out', 'earlier', 'web', 'progress.html'), 'utf8')).not.toContain('未回答の指標は達成状況の集計に数えていません');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

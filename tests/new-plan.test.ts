// The next plan: new-plan makes a data set for FY2021–2025 from the bundled Miyagi plan,
// carrying half its initiatives. The new set validates with no error the moment it is made and
// builds; the old set is byte for byte what it was; a 再掲 placed after an initiative left
// behind is dropped and said; the texts carry the mark validation reports line by line.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/cli.js';
import { ROOT, squash } from './helpers/data.js';
import { filesOf } from './helpers/files.js';
import { checkDataset, documentNames } from '../src/pipeline.js';
import { formatProblem } from '../src/problem.js';
import { readPdf } from '../src/errata/pdf-lines.js';

const MIYAGI = path.join(ROOT, 'data', 'miyagi-ict-plan');
const MARK = '（次期計画の本文に書き換えてください）';
const snapshot = (dir: string) =>
  Object.fromEntries(
    filesOf(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );
const old = (rel: string) => JSON.parse(readFileSync(path.join(MIYAGI, rel), 'utf8'));

// half of the 100: 001 and the even ids but 032 (cited in 参考資料) — 080 is relisted after 095, which stays behind
const CARRIED = ['001', ...Array.from({ length: 50 }, (_, k) => String(2 * (k + 1)).padStart(3, '0')).filter((id) => id !== '032')];

let work: string;
let made: string;
let run: ReturnType<typeof runCli>;
let before: Record<string, string>;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'new-plan-'));
  const carry = path.join(work, '引き継ぐ事業.txt');
  writeFileSync(carry, `# 次期計画に引き継ぐ事業\n${CARRIED.join('\n')}\n`);
  before = snapshot(MIYAGI);
  run = runCli([
    'new-plan',
    '--from',
    MIYAGI,
    '--period',
    '2021-2025',
    '--date',
    '2021-03-26',
    '--id',
    'miyagi-2021',
    '--out',
    path.join(work, 'data'),
    '--carry',
    carry,
  ]);
  made = path.join(work, 'data', 'miyagi-2021');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('new-plan', () => {
  it('makes the new data set and leaves the old one byte for byte as it was', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('（2021〜2025年度、事業 50 件を引き継ぎ、50 件は引き継いでいません）');
    // the schedules are asked of the departments through the plan books (a non-programmer is not sent to the JSON)
    expect(run.stdout).toMatch(
      /3\. 各事業の 2021〜2025年度のスケジュールを部局に記入してもらう（今は空です）: npm run plan:export -- --data \S*miyagi-2021 --out /,
    );
    expect(run.stdout).toMatch(/npm run plan:import -- --data \S*miyagi-2021 </);
    expect(snapshot(MIYAGI)).toEqual(before);
    // nothing but the data set is left in the folder (no staging folder)
    expect(readdirSync(path.join(work, 'data'))).toEqual(['miyagi-2021']);
  });

  it('validates with no error the moment it is made; every carried text is marked and warned about at its line', () => {
    const { problems, model } = checkDataset(made);
    expect(problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p))).toEqual([]);
    expect(model!.initiatives).toHaveLength(50);
    const marks = problems.filter((p) => p.message.startsWith('前の計画から引き継いだままの本文です'));
    const texts = readdirSync(path.join(made, 'text'))
      .map((f) => `text/${f}`)
      .sort();
    expect([...new Set(marks.map((p) => p.file))].sort()).toEqual(texts);
    for (const p of marks) expect(readFileSync(path.join(made, p.file), 'utf8').split('\n')[p.line! - 1]).toContain(MARK);
    // after a first heading, the mark is a paragraph of its own under it
    expect(readFileSync(path.join(made, 'text', 'chapter1.md.hbs'), 'utf8').startsWith(`# 社会的背景\n\n${MARK}\n\n## 身近になったインターネット`)).toBe(true);
    // the list is not made until a schedule is written: its citation is a warning now, not an error
    expect(problems.some((p) => p.file === 'text/chapter1.md.hbs' && p.message.startsWith('主な取組一覧はまだ作られません'))).toBe(true);
    // only a list the data set declares is pending: without documents.initiativeList the citation stays an error
    const undeclared = path.join(work, 'undeclared');
    cpSync(made, undeclared, { recursive: true });
    const dsFile = path.join(undeclared, 'dataset.json');
    const ds = JSON.parse(readFileSync(dsFile, 'utf8'));
    delete ds.documents.initiativeList;
    writeFileSync(dsFile, JSON.stringify(ds, null, 2));
    expect(
      checkDataset(undeclared)
        .problems.filter((p) => p.severity === 'error')
        .map((p) => `${p.file}: ${p.message}`),
    ).toEqual(['text/chapter1.md.hbs: 頁の参照先「initiative-list」はこの冊子にありません']);
    // the mark goes when the text is rewritten
    const copy = path.join(work, 'rewritten');
    cpSync(made, copy, { recursive: true });
    const f = path.join(copy, 'text', '1-1-1.md.hbs');
    writeFileSync(f, readFileSync(f, 'utf8').replace(MARK, ''));
    expect(checkDataset(copy).problems.filter((p) => p.file === 'text/1-1-1.md.hbs' && p.message.startsWith('前の計画から'))).toEqual([]);
  });

  it('carries titles, departments, descriptions and indicators; numbers them in order; schedules empty; results and the old dates left behind', () => {
    const ds = JSON.parse(readFileSync(path.join(made, 'dataset.json'), 'utf8'));
    expect(ds.id).toBe('miyagi-2021');
    expect(ds.period).toEqual({ from: 2021, to: 2025 });
    expect(ds.era).toEqual({ asOf: '2021-03-26' });
    expect(ds.history).toEqual([{ date: '2021-03', event: '策定' }]);
    expect(ds.documents.results).toBeUndefined();
    expect(ds.sections).toEqual(old('dataset.json').sections);
    const files = readdirSync(path.join(made, 'initiatives')).sort();
    expect(files).toEqual(CARRIED.map((id) => `${id}.json`));
    const numbers: number[] = [];
    for (const f of files) {
      const now = JSON.parse(readFileSync(path.join(made, 'initiatives', f), 'utf8'));
      const was = old(`initiatives/${f}`);
      for (const key of ['title', 'department', 'division', 'description', 'indicators', 'section', 'secondaryGoals', 'policyMeasures'])
        expect(now[key], `${f} ${key}`).toEqual(was[key]);
      expect(now.schedule).toEqual([]);
      expect(now.results).toBeUndefined();
      numbers.push(now.no);
    }
    // the carried ids are in booklet order already (sections in order, ids rising with them)
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, k) => k + 1));
    expect(run.stdout).toMatch(/initiatives\/002\.json +1-1-1 +2 +→ 2/);
    expect(run.stdout).toMatch(/initiatives\/100\.json +4-2-6 +100 → 50/);
  });

  // a 部局 typed wrong in a department's book (「教育長」 for 教育庁) would make a 部局 of its own: the
  // new plan has the old plan's 部局 as its list, and validation (and plan:import) refuse another
  it('writes the old plan’s 部局 as the list of departments, says so, and a 部局 typed wrong is then an error naming the one meant', () => {
    const ds = JSON.parse(readFileSync(path.join(made, 'dataset.json'), 'utf8'));
    const all = readdirSync(path.join(MIYAGI, 'initiatives'))
      .map((f) => old(`initiatives/${f}`))
      .sort((a, b) => a.no - b.no);
    expect(ds.departments).toEqual([...new Set(all.map((i) => i.department))]);
    expect(ds.departments).toContain('教育庁');
    expect(run.stdout + run.stderr).toContain(
      `dataset.json に部局の一覧（departments: ${ds.departments.join('、')}。今の計画の事業の部局 ${ds.departments.length} 件）を書きました`,
    );
    const copy = path.join(work, 'typo');
    cpSync(made, copy, { recursive: true });
    const file = path.join(copy, 'initiatives', '002.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"department": "[^"]+"/, '"department": "教育長"'));
    const errors = checkDataset(copy).problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.file, p.path?.join('.')])).toEqual([['initiatives/002.json', 'department']]);
    expect(errors[0]!.message).toContain('教育庁');
  });

  it('a 再掲 placed after an initiative left behind keeps its section and loses the place, and says so; a citation of one is replaced by a marked note', () => {
    expect(old('initiatives/080.json').relistedIn).toEqual([{ section: '4-2-5', after: '095' }]);
    expect(JSON.parse(readFileSync(path.join(made, 'initiatives', '080.json'), 'utf8')).relistedIn).toEqual([{ section: '4-2-5' }]);
    expect(run.stdout).toContain(
      'initiatives/080.json: 4-2-5 への再掲の位置（after "095"）を外しました（095 は引き継いでいません。再掲は番号の順に置かれます）',
    );
    const line = /text\/references\.md\.hbs:(\d+): \{\{page "initiative" "032"\}\} は引き継がなかった事業を指すため、印に置き換えました/.exec(run.stdout);
    expect(line).not.toBeNull();
    const refs = readFileSync(path.join(made, 'text', 'references.md.hbs'), 'utf8');
    expect(refs).not.toContain('{{page "initiative" "032"}}');
    // it stands where the page number stood, before the text's own ページ: the initiative, not 「…の頁〕ページ」
    const note = `宮城県高度情報化推進協議会（〔引き継がなかった事業「32 ICT講演会等開催支援及び人材育成支援による地域の活性化」〕${MARK}ページ参照）`;
    expect(refs).toContain(note);
    // the line named is the line of the file written (the mark above moved it), as validate names it
    expect(refs.split('\n')[Number(line![1]) - 1]).toContain(note);
  });

  it('lists the glossary terms nothing carried uses any more, as validation does', () => {
    const unused = checkDataset(made)
      .problems.filter((p) => p.file === 'glossary.json' && p.message.includes('本文のどこにも出てきません'))
      .map((p) => /用語「(.+?)」/.exec(p.message)![1]);
    expect(unused.length).toBeGreaterThan(0);
    expect(run.stdout).toContain(`どこにも出てこない用語（glossary.json から消すか、本文に書いてください）: ${unused.join('、')}`);
    expect(readFileSync(path.join(made, 'glossary.json'))).toEqual(readFileSync(path.join(MIYAGI, 'glossary.json')));
  });

  it('builds: the booklet carries the new date, the marks and the pending list reference', async () => {
    const out = path.join(work, 'out');
    const b = runCli(['build', '--data', made, '--out', out]);
    expect(b.code, b.stderr).toBe(0);
    // no schedule yet: no list, and no appendix (its only sheet would be the list's; a workbook without sheets is no workbook)
    expect(documentNames(checkDataset(made).model!)).toEqual(['plan-booklet.pdf']);
    expect(existsSync(path.join(out, 'miyagi-2021', 'appendix.xlsx'))).toBe(false);
    const text = squash((await readPdf(path.join(out, 'miyagi-2021', 'plan-booklet.pdf'))).pages.map((p) => p.text).join(''));
    expect(text).toContain('令和3年(2021年)3月策定');
    expect(text).toContain(squash(MARK));
    expect(text).toContain('主な取組は、〔未定〕ページ以降の一覧表に掲載しています');
  });

  it('refuses when <out>/<id> is there, and writes nothing', () => {
    const mine = path.join(work, 'mine');
    mkdirSync(path.join(mine, 'miyagi-2021'), { recursive: true });
    writeFileSync(path.join(mine, 'miyagi-2021', 'メモ.txt'), 'わたしのメモ');
    const r = runCli(['new-plan', '--from', MIYAGI, '--period', '2021-2025', '--date', '2021-03-26', '--id', 'miyagi-2021', '--out', mine]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('はすでにあります。別の --id か --out を指定してください（何も書いていません）');
    expect(filesOf(mine)).toEqual(['miyagi-2021/メモ.txt']);
    const again = runCli([
      'new-plan',
      '--from',
      MIYAGI,
      '--period',
      '2021-2025',
      '--date',
      '2021-03-26',
      '--id',
      'miyagi-2021',
      '--out',
      path.join(work, 'data'),
    ]);
    expect(again.code).toBe(1);
  });

  it('never writes into the data set it reads; a mistyped id, period or date is a usage error', () => {
    const copy = path.join(work, 'src-copy');
    cpSync(MIYAGI, copy, { recursive: true });
    const was = snapshot(copy);
    const inside = runCli(['new-plan', '--from', copy, '--period', '2021-2025', '--date', '2021-03-26', '--id', 'x', '--out', copy]);
    expect(inside.code).toBe(4);
    expect(inside.stderr).toContain('EOVERLAP');
    expect(snapshot(copy)).toEqual(was);
    const unknown = runCli([
      'new-plan',
      '--from',
      copy,
      '--period',
      '2021-2025',
      '--date',
      '2021-03-26',
      '--id',
      'x',
      '--out',
      path.join(work, 'y'),
      '--carry',
      // 「００２」 full-width, as typed with a Japanese IME: 002
      '001,99,００２,abc',
    ]);
    expect(unknown.code).toBe(2);
    // every id not there, each with the one probably meant
    expect(unknown.stderr).toContain('--carry の「99」は');
    expect(unknown.stderr).toContain('099 のことですか');
    expect(unknown.stderr).toContain('--carry の「abc」は');
    expect(unknown.stderr).not.toContain('002');
    expect(runCli(['new-plan', '--from', copy, '--period', '2025-2021', '--date', '2021-03-26', '--id', 'x', '--out', path.join(work, 'y')]).stderr).toContain(
      '--period には次期計画の期間を 2021-2025 の形',
    );
    expect(runCli(['new-plan', '--from', copy, '--period', '2021-2025', '--date', '2021-02-30', '--id', 'x', '--out', path.join(work, 'y')]).stderr).toContain(
      '--date には次期計画の策定日',
    );
    expect(existsSync(path.join(work, 'y'))).toBe(false);
  });

  it('takes 新規 off what continues, replaces a citation of a figure no longer placed, and names indicators whose target is before the period', () => {
    const copy = path.join(work, 'figure-cited');
    cpSync(MIYAGI, copy, { recursive: true });
    const i2 = path.join(copy, 'initiatives', '002.json');
    writeFileSync(i2, readFileSync(i2, 'utf8').replace('"isNew": false', '"isNew": true'));
    // miyagi-style is placed by initiative 037, which is not carried
    const t = path.join(copy, 'text', '2-2.md.hbs');
    writeFileSync(t, readFileSync(t, 'utf8') + '\n授業のイメージ（{{page "figure" "miyagi-style"}}ページ）を示します。\n');
    expect(checkDataset(copy).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const out = path.join(work, 'figure-out');
    const r = runCli(['new-plan', '--from', copy, '--period', '2021-2025', '--date', '2021-03-26', '--id', 'next', '--out', out, '--carry', '001,002,006']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('isNew（新規）を外しました（前期から続く事業のため）: initiatives/002.json');
    expect(JSON.parse(readFileSync(path.join(out, 'next', 'initiatives', '002.json'), 'utf8')).isNew).toBe(false);
    expect(r.stdout).toMatch(/text\/2-2\.md\.hbs:\d+: \{\{page "figure" "miyagi-style"\}\} は引き継がなかった図を指すため、印に置き換えました/);
    expect(readFileSync(path.join(out, 'next', 'text', '2-2.md.hbs'), 'utf8')).toContain(
      `授業のイメージ（〔引き継がなかった図「MIYAGI Style における授業イメージ」〕${MARK}ページ）を示します。`,
    );
    // 006's target is 平成33年3月末 (2021-03), before FY2021 begins
    expect(r.stdout).toContain(
      '目標の時点が新しい計画期間（2021年度〜）より前の指標（目標を見直してください）: initiatives/006.json 「周産期医療情報システム登録医療機関数」',
    );
  });

  it('a new data set that would not validate is not written (the check the command makes before it renames)', () => {
    const copy = path.join(work, 'sub-expression');
    cpSync(MIYAGI, copy, { recursive: true });
    const f = path.join(copy, 'text', 'notice.md.hbs');
    // a citation inside a sub-expression is not one new-plan replaces
    writeFileSync(f, readFileSync(f, 'utf8') + '\n{{#if (page "initiative" "032")}}協議会{{/if}}\n');
    expect(checkDataset(copy).problems.filter((p) => p.severity === 'error')).toEqual([]);
    const out = path.join(work, 'not-written');
    const r = runCli(['new-plan', '--from', copy, '--period', '2021-2025', '--date', '2021-03-26', '--id', 'next', '--out', out, '--carry', '001,002']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('頁の参照先の事業「032」がありません');
    expect(r.stderr).toContain('作った次期計画のデータに誤りが残るため、書き出しませんでした');
    expect(readdirSync(out)).toEqual([]);
  });

  it('from a data set with results (Fukushima): the results and their dates stay behind, numbers restart in each 柱', () => {
    const out = path.join(work, 'fukushima-next');
    const r = runCli([
      'new-plan',
      '--from',
      path.join(ROOT, 'data', 'fukushima-ict-strategy'),
      '--period',
      '2019-2021',
      '--date',
      '2019-06-01',
      '--id',
      'fukushima-next',
      '--out',
      out,
      '--carry',
      '1-02,1-05,2-01,2-03',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const dir = path.join(out, 'fukushima-next');
    const ds = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
    expect(ds.documents.results).toBeUndefined();
    expect(ds.era.asOf).toBe('2019-06-01');
    const no = (id: string) => JSON.parse(readFileSync(path.join(dir, 'initiatives', `${id}.json`), 'utf8'));
    expect(['1-02', '1-05', '2-01', '2-03'].map((id) => no(id).no)).toEqual([1, 2, 1, 2]);
    for (const id of ['1-02', '1-05', '2-01', '2-03']) expect(no(id).results).toBeUndefined();
    expect(
      checkDataset(dir)
        .problems.filter((p) => p.severity === 'error')
        .map((p) => formatProblem(p)),
    ).toEqual([]);
    const b = runCli(['build', '--data', dir, '--out', path.join(work, 'fukushima-out')]);
    expect(b.code, b.stderr).toBe(0);
  });
});

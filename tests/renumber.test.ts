// Numbers in booklet order: validation warns when an initiative's number is not the one its
// place gives it; renumber writes those numbers (only `no`, only in the files that change, all
// or nothing), --dry-run writes nothing, and a published data set is renumbered only with
// --correction. Citations name ids, so they point at the same initiative afterwards: the
// booklet prints the cited entry's page under its new number.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/cli.js';
import { ROOT, squash } from './helpers/data.js';
import { filesOf } from './helpers/files.js';
import { checkDataset } from '../src/pipeline.js';
import { formatProblem } from '../src/problem.js';
import { readPdf } from '../src/errata/pdf-lines.js';
import { renumber } from '../src/plan/renumber.js';
import { JOURNAL, fileIo } from '../src/survey/commit.js';

const MIYAGI = path.join(ROOT, 'data', 'miyagi-ict-plan');
let work: string;

/** Every file of a folder with its SHA-256: compared before and after to prove nothing was written. */
const snapshot = (dir: string) =>
  Object.fromEntries(
    filesOf(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );

/** A copy of the Miyagi plan with one initiative added in section 2-1 (after 031) under the free number 101. */
function withAdded(name: string): string {
  const dir = path.join(work, name);
  cpSync(MIYAGI, dir, { recursive: true });
  const text = readFileSync(path.join(dir, 'initiatives', '031.json'), 'utf8')
    .replace('"no": 31,', '"no": 101,')
    .replace(/"title": "[^"]*"/, '"title": "テスト用に加えた事業"');
  writeFileSync(path.join(dir, 'initiatives', '101.json'), text);
  return dir;
}

const orderWarnings = (dir: string) => checkDataset(dir).problems.filter((p) => p.code === 'number-order');

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'renumber-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('numbers in booklet order', () => {
  it('the bundled data sets are in order: no warning', () => {
    for (const d of ['miyagi-ict-plan', 'fukushima-ict-strategy']) expect(orderWarnings(path.join(ROOT, 'data', d))).toEqual([]);
  });

  it('a file copied beside its original (「009 - コピー.json」) is an error naming both, not a number to renumber; renumber refuses it', () => {
    const dir = path.join(work, 'copied');
    cpSync(MIYAGI, dir, { recursive: true });
    const copy = path.join(dir, 'initiatives', '009 - コピー.json');
    writeFileSync(copy, readFileSync(path.join(dir, 'initiatives', '009.json')));
    const problems = checkDataset(dir).problems;
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /と同じ事業です（節 1-1-1、事業名「宮城県河川流域情報システム（MIRAI）の運用」）。ファイルをコピーしてできたものなら、どちらかのファイルを削除してください/,
      ),
    ]);
    expect(errors[0]!.message).toMatch(/initiatives\/009(\.json| - コピー\.json)/);
    // no advice to renumber, which would print the initiative twice
    expect(problems.filter((p) => p.code === 'number-order' || p.code === 'duplicate-no')).toEqual([]);
    const before = filesOf(dir);
    const r = runCli(['renumber', '--data', dir]);
    expect(r.code).toBe(1);
    expect(filesOf(dir)).toEqual(before);
  });

  it('no order warning while an initiative cannot be read or is in a section that does not exist (the others are not out of order)', () => {
    const dir = path.join(work, 'broken');
    cpSync(MIYAGI, dir, { recursive: true });
    const file = path.join(dir, 'initiatives', '020.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"no": 20,/, '"no": 20,,'));
    expect(checkDataset(dir).problems.some((p) => p.severity === 'error')).toBe(true);
    expect(orderWarnings(dir)).toEqual([]);
    writeFileSync(file, readFileSync(path.join(MIYAGI, 'initiatives', '020.json'), 'utf8').replace(/"section": "[^"]*"/, '"section": "9"'));
    expect(checkDataset(dir).problems.some((p) => p.severity === 'error')).toBe(true);
    expect(orderWarnings(dir)).toEqual([]);
  });

  it('an initiative added with a free number is warned about, at its file, with the numbers that would change', () => {
    const dir = withAdded('warned');
    const [w, ...more] = orderWarnings(dir);
    expect(more).toEqual([]);
    expect(formatProblem(w)).toMatch(/^警告 initiatives\/101\.json:3:3 no: 事業番号が冊子の順（節の順に 1 からの通し番号）になっていません。/);
    expect(w.message).toContain('冊子の順に振ると 70 件の番号が変わります: initiatives/101.json 101→32、initiatives/032.json 32→33、');
    expect(w.message).toContain('ほか 65 件');
    expect(w.message).toContain('npm run renumber -- --data');
    // a gap is named too
    writeFileSync(
      path.join(dir, 'initiatives', '101.json'),
      readFileSync(path.join(dir, 'initiatives', '101.json'), 'utf8').replace('"no": 101,', '"no": 103,'),
    );
    expect(orderWarnings(dir)[0].message).toContain('抜けている番号: 101、102。');
  });

  it('--dry-run prints the old → new table and writes nothing', () => {
    const dir = withAdded('dry');
    const before = snapshot(dir);
    const r = runCli(['renumber', '--data', dir, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('  initiatives/'));
    expect(rows).toHaveLength(70);
    expect(rows[0]).toMatch(/^ {2}initiatives\/101\.json {2}2-1 +101 → 32$/);
    expect(rows[69]).toMatch(/^ {2}initiatives\/100\.json {2}4-2-6 +100 → 101$/);
    expect(r.stdout).toContain('--dry-run: 70 件の事業番号が変わります（何も書き換えていません）');
    expect(snapshot(dir)).toEqual(before);
  });

  it('renumber writes `no` in the files that change and nothing else; the warning is gone; citations still point at their initiative; the list prints in order', async () => {
    const dir = withAdded('written');
    const before = snapshot(dir);
    const texts = Object.fromEntries(Object.keys(before).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    const r = runCli(['renumber', '--data', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('70 件の事業ファイルの no を書き換えました');
    expect(r.stdout).toContain('relistedIn の after と本文の {{page "initiative" "032"}} は id で書くので、書き換えは要りません');
    const after = snapshot(dir);
    const changed = Object.keys(after)
      .filter((f) => after[f] !== before[f])
      .sort();
    expect(changed).toEqual(['initiatives/101.json', ...Array.from({ length: 69 }, (_, k) => `initiatives/${String(32 + k).padStart(3, '0')}.json`)].sort());
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort()); // no journal or temporary file left
    for (const f of changed) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      const old = JSON.parse(texts[f]).no as number;
      const now = old === 101 ? 32 : old + 1;
      // only the number changed: the rest of the file is byte for byte what it was
      expect(JSON.parse(text).no).toBe(now);
      expect(text.replace(`"no": ${now},`, `"no": ${old},`)).toBe(texts[f]);
    }
    expect(orderWarnings(dir)).toEqual([]);
    // the relisting placed after "095" still names it (ids do not change)
    expect(JSON.parse(readFileSync(path.join(dir, 'initiatives', '080.json'), 'utf8')).relistedIn).toEqual([{ section: '4-2-5', after: '095' }]);
    expect(readFileSync(path.join(dir, 'text', 'references.md.hbs'), 'utf8')).toContain('{{page "initiative" "032"}}');

    const out = path.join(work, 'written-out');
    const b = runCli(['build', '--data', dir, '--out', out]);
    expect(b.code, b.stderr).toBe(0);
    const booklet = await readPdf(path.join(out, 'miyagi-ict-plan', 'plan-booklet.pdf'));
    const footer = booklet.pages.map((p) => p.lines.map((l) => /^-(\d+)-$/.exec(squash(l))).find(Boolean)?.[1]);
    const pageOf = (heading: string) => footer[booklet.pages.findIndex((p, i) => i > 2 && p.lines.some((l) => squash(l) === squash(heading)))];
    const all = squash(booklet.pages.map((p) => p.text).join(''));
    // 032 is now number 33; the citation names 032 and prints the page of its entry
    const cited = /宮城県高度情報化推進協議会（(\d+)ページ参照）/.exec(all)?.[1];
    expect(cited).toBeDefined();
    expect(cited).toBe(pageOf('33 ICT講演会等開催支援及び人材育成支援による地域の活性化（震災復興・企画部）'));
    expect(pageOf('32 テスト用に加えた事業（経済商工観光部）')).toBeDefined();

    // the standalone list: each initiative's own row, in print order, carries 1, 2, … 101
    const list = squash((await readPdf(path.join(out, 'miyagi-ict-plan', 'initiative-list.pdf'))).pages.map((p) => p.text).join(''));
    const rows = readdirSync(path.join(dir, 'initiatives')).map((f) => JSON.parse(readFileSync(path.join(dir, 'initiatives', f), 'utf8')));
    const at = rows.map((i) => ({ no: i.no as number, pos: list.indexOf(`${i.no}${squash(i.title).slice(0, 6)}`) }));
    expect(at.filter((x) => x.pos < 0).map((x) => x.no)).toEqual([]);
    expect(at.sort((a, b) => a.pos - b.pos).map((x) => x.no)).toEqual(Array.from({ length: 101 }, (_, k) => k + 1));
  });

  it('two initiatives with one number (an error) are mended by renumber', () => {
    const dir = path.join(work, 'duplicate');
    cpSync(MIYAGI, dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'initiatives', '101.json'),
      readFileSync(path.join(dir, 'initiatives', '031.json'), 'utf8').replace(/"title": "[^"]*"/, '"title": "写して加えた事業"'),
    );
    expect(
      checkDataset(dir)
        .problems.filter((p) => p.severity === 'error')
        .map((p) => p.message),
    ).toEqual(['事業番号 31 は initiatives/031.json と重複しています。npm run renumber で冊子の順に振り直せます']);
    const r = runCli(['renumber', '--data', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/initiatives\/101\.json {2}2-1 +31 +→ 32/);
    expect(checkDataset(dir).problems.filter((p) => p.severity === 'error' || p.code === 'number-order')).toEqual([]);
  });

  it('a published data set is renumbered only with --correction: without it, refused and nothing written', () => {
    const dir = withAdded('published');
    const published = path.join(work, 'published');
    const record = path.join(published, 'miyagi-ict-plan', '平成31年3月改定版');
    mkdirSync(record, { recursive: true });
    writeFileSync(
      path.join(record, 'publication.json'),
      JSON.stringify({ label: '平成31年3月改定版', date: '2019-03-29', dataset: 'miyagi-ict-plan', inputs: 'x', files: ['plan-booklet.pdf'] }),
    );
    const before = snapshot(dir);
    const refused = runCli(['renumber', '--data', dir, '--published', published]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'このデータセットは公表済みです（公表版「平成31年3月改定版」（2019-03-29））。番号を振り直すと公表版と番号が変わるため、訂正として行うときだけ --correction を付けて実行してください（何も書き換えていません）',
    );
    expect(snapshot(dir)).toEqual(before);
    const done = runCli(['renumber', '--data', dir, '--published', published, '--correction']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('npm run errata で正誤表を作ってください');
    expect(orderWarnings(dir)).toEqual([]);
  });

  it('a results year with its publication date counts as published', () => {
    const dir = path.join(work, 'fukushima');
    cpSync(path.join(ROOT, 'data', 'fukushima-ict-strategy'), dir, { recursive: true });
    const f = path.join(dir, 'initiatives', '1-02.json');
    writeFileSync(f, readFileSync(f, 'utf8').replace('"no": 2,', '"no": 14,'));
    const before = snapshot(dir);
    const r = runCli(['renumber', '--data', dir, '--published', path.join(work, 'none')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('このデータセットは公表済みです（平成29年度の事業実施結果（2018-06-01 公表）');
    expect(snapshot(dir)).toEqual(before);
    // numbers restart in each 柱 (per-section); inside a section the number is the order, so
    // 1-02 numbered 14 now stands last in 柱 1 and keeps that place
    const dry = runCli(['renumber', '--data', dir, '--published', path.join(work, 'none'), '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('このデータセットは公表済みです');
    expect(dry.stdout).toContain('柱（最上位の節）ごとに、節の順に 1 から');
    const rows = dry.stdout.split('\n').filter((l) => l.startsWith('  initiatives/'));
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatch(/initiatives\/1-03\.json +1 +3 +→ 2$/);
    expect(rows[11]).toMatch(/initiatives\/1-02\.json +1 +14 → 13$/);
  });

  it('all or nothing: a write that fails leaves every file as it was; one stopped half way is finished by the next run', () => {
    const dir = withAdded('faults');
    const before = snapshot(dir);
    let n = 0;
    const failing = {
      write: (f: string, t: string) => {
        if (++n === 3) throw Object.assign(new Error('injected'), { code: 'ENOSPC' });
        fileIo.write(f, t);
      },
      rename: fileIo.rename,
    };
    const r = renumber(dir, { publishedRoot: path.join(work, 'none'), io: failing });
    expect(r.written).toBe(false);
    expect(r.problems.map((p) => p.message).join('\n')).toContain('書き込めなかったため、どの事業ファイルも変更していません');
    expect(snapshot(dir)).toEqual(before);

    let renames = 0;
    const stopping = {
      write: fileIo.write,
      rename: (a: string, b: string) => {
        if (b.endsWith('.json') && !b.endsWith(JOURNAL) && ++renames === 10) throw Object.assign(new Error('injected'), { code: 'EIO' });
        fileIo.rename(a, b);
      },
    };
    const half = renumber(dir, { publishedRoot: path.join(work, 'none'), io: stopping });
    expect(half.written).toBe(false);
    expect(existsSync(path.join(dir, JOURNAL))).toBe(true);
    // nothing is built from a half renumbered data set, and the message names the command
    expect(checkDataset(dir).problems[0].message).toContain('前回の renumber が途中で止まっていて');
    const again = renumber(dir, { publishedRoot: path.join(work, 'none') });
    expect(again.recovered.length).toBe(70);
    expect(existsSync(path.join(dir, JOURNAL))).toBe(false);
    expect(orderWarnings(dir)).toEqual([]);
    expect(checkDataset(dir).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

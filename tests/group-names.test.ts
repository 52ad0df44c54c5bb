// A name the documents group by (部局, 課室) is compared as written: a space before or after it,
// invisible in an editor, made 「震災復興・企画部 」 a department of its own (two 部局 in the open
// data, 「震災復興・企画部 情報政策課」 in the list, a survey workbook of its own). Refused at its place.
import { describe, it, expect } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDataset } from '../src/pipeline.js';
import { formatProblem } from '../src/problem.js';
import { runCli } from './helpers/cli.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');

function withMini<T>(change: (dir: string) => void, check: (dir: string, work: string) => T): T {
  const work = mkdtempSync(path.join(tmpdir(), 'names-'));
  const dir = path.join(work, 'mini');
  try {
    cpSync(MINI, dir, { recursive: true });
    change(dir);
    return check(dir, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
const edit = (dir: string, rel: string, from: string, to: string) => {
  const f = path.join(dir, rel);
  const t = readFileSync(f, 'utf8');
  expect(t).toContain(from);
  writeFileSync(f, t.replace(from, to));
};
const spaced = (dir: string) => {
  edit(dir, 'initiatives/002.json', '"department": "企画部"', '"department": "企画部 "'); // half-width, after
  edit(dir, 'initiatives/001.json', '"division": "危機対策課"', '"division": "危機対策課\u3000"'); // full-width, after
  edit(dir, 'initiatives/002.json', '"行政経営課"', '"\u3000行政経営課"'); // full-width, before, in a list
  const ds = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
  ds.departments = ['総務部', '企画部 '];
  writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(ds, null, 2));
  writeFileSync(
    path.join(dir, 'sites.json'),
    JSON.stringify([{ kind: 'ウェブ', name: '防災サイト', department: '総務部 ', division: '危機対策課', description: '防災の情報です。' }], null, 2),
  );
};

describe('names the documents group by', () => {
  it('with a space before or after (half or full width) are refused at their place, saying which space to delete', () =>
    withMini(spaced, (dir) => {
      const errors = checkDataset(dir)
        .problems.filter((p) => p.severity === 'error')
        .map((p) => formatProblem(p));
      expect(errors).toEqual([
        expect.stringMatching(
          /^エラー dataset\.json:\d+:\d+ departments（2番目）: 「企画部 」の末尾に空白（半角または全角）があります。末尾の空白を消してください/,
        ),
        expect.stringMatching(/^エラー initiatives\/001\.json:5:3 division: 「危機対策課　」の末尾に空白.*末尾の空白を消してください/),
        expect.stringMatching(/^エラー initiatives\/002\.json:4:3 department: 「企画部 」の末尾に空白.*末尾の空白を消してください/),
        expect.stringMatching(/^エラー initiatives\/002\.json:5:\d+ division（2番目）: 「　行政経営課」の先頭に空白.*先頭の空白を消してください/),
        expect.stringMatching(/^エラー sites\.json:\d+:\d+ （1番目）\.department: 「総務部 」の末尾に空白.*末尾の空白を消してください/),
      ]);
    }));

  it('make survey:export and build stop with exit 1, writing no workbook and no document', () =>
    withMini(spaced, (dir, work) => {
      const books = path.join(work, 'books');
      const exported = runCli(['survey-export', '--data', dir, '--fiscal-year', '2017', '--out', books]);
      expect(exported.code, exported.stderr).toBe(1);
      expect(exported.stderr).toContain('末尾の空白を消してください');
      expect(existsSync(books) ? readdirSync(books) : []).toEqual([]);
      const out = path.join(work, 'out');
      const built = runCli(['build', '--data', dir, '--out', out]);
      expect(built.code, built.stderr).toBe(1);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    }));

  it('written without the spaces, the same data set validates', () =>
    withMini(
      (dir) => {
        const ds = JSON.parse(readFileSync(path.join(dir, 'dataset.json'), 'utf8'));
        ds.departments = ['総務部', '企画部'];
        writeFileSync(path.join(dir, 'dataset.json'), JSON.stringify(ds, null, 2));
      },
      (dir) =>
        expect(
          checkDataset(dir)
            .problems.filter((p) => p.severity === 'error')
            .map((p) => formatProblem(p)),
        ).toEqual([]),
    ));
});

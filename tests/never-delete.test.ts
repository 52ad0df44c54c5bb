// No command deletes, moves or overwrites a file the tool did not write, whatever the user types
// (src/write/places.ts, src/write/ownership.ts). Each case lays out a user's files, hashes every
// one of them, runs the command as a user would, and proves each file is byte for byte still
// there and that the command said why it refused (exit 4, the place named).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/cli.js';
import { guardPlaces, realPath } from '../src/write/places.js';
import { OutputError } from '../src/write/output-error.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');

/** Every file and link under a folder (links not followed), with its content hash or its target. */
function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const n of readdirSync(path.join(dir, rel))) {
      const r = rel ? path.join(rel, n) : n;
      const s = lstatSync(path.join(dir, r));
      if (s.isSymbolicLink()) out.set(r, `link ${readlinkSync(path.join(dir, r))}`);
      else if (s.isDirectory()) walk(r);
      else
        out.set(
          r,
          createHash('sha256')
            .update(readFileSync(path.join(dir, r)))
            .digest('hex'),
        );
    }
  };
  walk('');
  return out;
}

/** Every file of `before` is still there with the same bytes. */
function expectAllKept(before: Map<string, string>, after: Map<string, string>) {
  for (const [f, h] of before) expect(after.get(f), f).toBe(h);
}

let work: string;
let n = 0;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'never-delete-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A user's folder: data/mini (the data set) and their own notes beside it. */
function userFolder(): { root: string; data: string } {
  const root = path.join(work, `user-${++n}`);
  const data = path.join(root, 'data', 'mini');
  cpSync(MINI, data, { recursive: true });
  writeFileSync(path.join(root, 'data', '作業メモ.txt'), '来年度の改定に向けたメモ');
  writeFileSync(path.join(root, '予算集計.xlsx'), 'a spreadsheet of the user');
  return { root, data };
}

/** Runs a command that must refuse: exit 4, the message says why, and every file is as it was. */
function refused(root: string, args: string[], said: RegExp) {
  const before = hashTree(root);
  const r = runCli(args);
  expect(r.code, r.stderr).toBe(4);
  expect(r.stderr).toMatch(said);
  expect(r.stderr).not.toContain('内部エラー');
  const after = hashTree(root);
  expectAllKept(before, after);
  // nothing was added either: a refusal writes nothing
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  return r.stderr;
}

describe('--out can never hold the data', () => {
  it('refuses the data set itself, its parent, its grandparent, a folder inside it, a link to its parent and /', () => {
    const { root, data } = userFolder();
    refused(root, ['build', '--data', data, '--out', data], /データセットのフォルダ（.*mini）そのものです/);
    refused(root, ['build', '--data', data, '--out', path.join(root, 'data')], /データセットのフォルダ（.*mini）を含むフォルダです/);
    refused(root, ['build', '--data', data, '--out', root], /を含むフォルダです/);
    refused(root, ['build', '--data', data, '--out', path.join(data, 'initiatives')], /データセットのフォルダ（.*mini）の中です/);
    // another spelling of the same folder
    refused(root, ['build', '--data', data, '--out', path.join(data, 'text', '..', '.')], /そのものです/);
    symlinkSync(path.join(root, 'data'), path.join(root, 'link-to-data'), 'dir');
    refused(root, ['build', '--data', data, '--out', path.join(root, 'link-to-data')], /を含むフォルダです/);
    refused(root, ['build', '--data', data, '--out', '/'], /を含むフォルダです/);
  });

  it('refuses it for watch, errata, survey:export, survey:status --out and publish --published too', () => {
    const { root, data } = userFolder();
    const parent = path.join(root, 'data');
    refused(root, ['watch', '--data', data, '--out', parent], /EOVERLAP/);
    refused(root, ['errata', '--data', data, '--against', 'HEAD', '--out', parent], /EOVERLAP/);
    refused(root, ['survey:export'.replace(':', '-'), '--data', data, '--fiscal-year', '2017', '--out', data], /そのものです/);
    refused(root, ['survey-status', '--data', data, '--fiscal-year', '2017', '--out', path.join(data, '未回答.xlsx')], /の中です/);
    refused(
      root,
      ['publish', '--data', data, '--label', '初版', '--date', '2019-03-29', '--out', path.join(root, 'output'), '--published', parent],
      /を含むフォルダです/,
    );
    // the records beside the documents they record: publish --published at the output folder
    refused(
      root,
      ['publish', '--data', data, '--label', '初版', '--date', '2019-03-29', '--out', path.join(root, 'output'), '--published', path.join(root, 'output')],
      /出力のフォルダ（.*output）そのものです/,
    );
  });

  it('the guard compares real paths: a link, `..` and a folder not made yet', () => {
    const { root, data } = userFolder();
    symlinkSync(data, path.join(root, 'same'), 'dir');
    expect(realPath(path.join(root, 'same', 'not-yet', 'x'))).toBe(path.join(realPath(data), 'not-yet', 'x'));
    const overlap = (place: string) => {
      try {
        guardPlaces([place], [{ path: data, what: 'データセット' }]);
        return undefined;
      } catch (e) {
        expect(e).toBeInstanceOf(OutputError);
        return (e as OutputError).problem.overlap?.how;
      }
    };
    expect(overlap(path.join(root, 'same'))).toBe('same');
    expect(overlap(path.join(root, 'same', 'new-folder'))).toBe('inside');
    expect(overlap(path.join(data, '..', '..'))).toBe('holds');
    expect(overlap(path.join(root, 'output'))).toBeUndefined();
    // a name that only begins like the data set's is another folder
    expect(overlap(`${data}-output`)).toBeUndefined();
  });
});

describe('the swap replaces only what the tool wrote', () => {
  it("refuses a real folder output/<id>/ holding the user's files, naming them", () => {
    const { root, data } = userFolder();
    const out = path.join(root, 'output');
    mkdirSync(path.join(out, 'mini', '写真'), { recursive: true });
    writeFileSync(path.join(out, 'mini', '打合せメモ.txt'), 'memo');
    writeFileSync(path.join(out, 'mini', '写真', '001.jpg'), 'photo');
    const said = refused(root, ['build', '--data', data, '--out', out], /このツールが書いたものではないものがあるため、置き換えません/);
    // each of them, not only the folder they are in
    expect(said).toContain(path.join(out, 'mini', '打合せメモ.txt'));
    expect(said).toContain(path.join(out, 'mini', '写真'));
    // errata writes into the same place by the same rule (a publication built and recorded elsewhere)
    const elsewhere = path.join(work, `elsewhere-${n}`);
    const [built, records] = [path.join(elsewhere, 'output'), path.join(elsewhere, 'published')];
    expect(runCli(['build', '--data', data, '--out', built, '--quiet']).code).toBe(0);
    expect(runCli(['publish', '--data', data, '--label', '初版', '--date', '2019-03-29', '--out', built, '--published', records]).code).toBe(0);
    refused(root, ['errata', '--data', data, '--against', '初版', '--published', records, '--out', out], /置き換えません/);
  });

  it("refuses a user's folder or file named .<id>, a file at <out>/<id> and a link at <out>/<id> to elsewhere", () => {
    const a = userFolder();
    mkdirSync(path.join(a.root, 'output', '.mini'), { recursive: true });
    writeFileSync(path.join(a.root, 'output', '.mini', '隠しメモ.txt'), 'mine');
    expect(refused(a.root, ['build', '--data', a.data, '--out', path.join(a.root, 'output')], /置き換えません/)).toContain('隠しメモ.txt');

    const b = userFolder();
    mkdirSync(path.join(b.root, 'output'));
    writeFileSync(path.join(b.root, 'output', '.mini'), 'a file of the user');
    refused(b.root, ['build', '--data', b.data, '--out', path.join(b.root, 'output')], /フォルダがあるべき場所にファイルがあります/);

    const c = userFolder();
    mkdirSync(path.join(c.root, 'output'));
    writeFileSync(path.join(c.root, 'output', 'mini'), 'a file where the folder goes');
    refused(c.root, ['build', '--data', c.data, '--out', path.join(c.root, 'output')], /フォルダがあるべき場所にファイルがあります/);

    const d = userFolder();
    mkdirSync(path.join(d.root, 'output'));
    mkdirSync(path.join(d.root, 'mine'));
    writeFileSync(path.join(d.root, 'mine', '大事な.docx'), 'mine');
    symlinkSync(path.join(d.root, 'mine'), path.join(d.root, 'output', 'mini'), 'dir');
    refused(d.root, ['build', '--data', d.data, '--out', path.join(d.root, 'output')], /置き換えません/);
  });

  it('after a build: a file put beside the documents, or a document changed by hand, stops the next build, which leaves both', () => {
    const { root, data } = userFolder();
    const out = path.join(root, 'output');
    const first = runCli(['build', '--data', data, '--out', out, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    // through the link, as the user sees output/mini/
    writeFileSync(path.join(out, 'mini', '送付状.docx'), 'a letter beside the PDFs');
    refused(root, ['build', '--data', data, '--out', out], /送付状\.docx/);
    rmSync(path.join(out, 'mini', '送付状.docx'));
    // a document opened and saved again (Excel does this) is no longer what the tool wrote
    writeFileSync(path.join(out, 'mini', 'appendix.xlsx'), 'saved again by hand');
    refused(root, ['build', '--data', data, '--out', out], /appendix\.xlsx/);
    rmSync(path.join(out, 'mini', 'appendix.xlsx'));
    // a document deleted by the user is simply made again
    const again = runCli(['build', '--data', data, '--out', out, '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expect(
      readFileSync(path.join(out, 'mini', 'appendix.xlsx'))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it("--out typed as a data set's own output folder, or a folder inside it, is refused: the next build of that set would be stuck", () => {
    const { root, data } = userFolder();
    const out = path.join(root, 'output');
    const first = runCli(['build', '--data', data, '--out', out, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const said = refused(root, ['build', '--data', data, '--out', path.join(out, 'mini')], /EINSET/);
    expect(said).toContain('データセットの出力のフォルダ');
    expect(said).toContain('そのものです');
    expect(said).toContain('--out には、データセットごとのフォルダではなく、その一つ上の出力のフォルダ（例: output）を指定してください');
    expect(refused(root, ['build', '--data', data, '--out', path.join(out, 'mini', 'web')], /EINSET/)).toContain('の中です');
    // the set itself builds as before
    const again = runCli(['build', '--data', data, '--out', out, '--quiet']);
    expect(again.code, again.stderr).toBe(0);
  });

  it('publish never replaces a folder of the label that holds no record, even an empty one', () => {
    const { root, data } = userFolder();
    const out = path.join(root, 'output');
    const pub = path.join(root, 'published');
    expect(runCli(['build', '--data', data, '--out', out, '--quiet']).code).toBe(0);
    mkdirSync(path.join(pub, 'mini', '初版'), { recursive: true });
    writeFileSync(path.join(pub, 'mini', '初版', '下書き.txt'), 'mine');
    refused(root, ['publish', '--data', data, '--label', '初版', '--date', '2019-03-29', '--out', out, '--published', pub], /初版/);
    rmSync(path.join(pub, 'mini', '初版', '下書き.txt'));
    refused(root, ['publish', '--data', data, '--label', '初版', '--date', '2019-03-29', '--out', out, '--published', pub], /置き換えません/);
    // a label no folder can be named after is a usage error that names the rule, not an internal error
    const long = runCli(['publish', '--data', data, '--label', 'あ'.repeat(100), '--date', '2019-03-29', '--out', out, '--published', pub]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('60 文字以内');
  });
});

describe('a command that rebuilds some documents carries all the others', () => {
  it('errata keeps web/, data/ and every document of the set, and adds only its own two files', () => {
    const { root, data } = userFolder();
    const out = path.join(root, 'output');
    const pub = path.join(root, 'published');
    expect(runCli(['build', '--data', data, '--out', out, '--quiet']).code).toBe(0);
    const p = runCli(['publish', '--data', data, '--label', '初版', '--date', '2019-03-29', '--out', out, '--published', pub]);
    expect(p.code, p.stderr).toBe(0);
    const built = hashTree(path.join(out, 'mini'));
    expect([...built.keys()].some((f) => f.startsWith(`web${path.sep}`))).toBe(true);
    expect([...built.keys()].some((f) => f.startsWith(`data${path.sep}`))).toBe(true);
    const e = runCli(['errata', '--data', data, '--against', '初版', '--out', out, '--published', pub]);
    expect(e.code, e.stderr).toBe(0);
    const after = hashTree(path.join(out, 'mini'));
    for (const [f, h] of built) if (f !== 'manifest.json') expect(after.get(f), f).toBe(h);
    expect([...after.keys()].filter((f) => !built.has(f)).sort()).toEqual(['errata.pdf', 'errata.xlsx']);
    const manifest = JSON.parse(readFileSync(path.join(out, 'mini', 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { file: string }) => f.file).sort()).toEqual(
      [...after.keys()]
        .filter((f) => f !== 'manifest.json')
        .map((f) => f.split(path.sep).join('/'))
        .sort(),
    );
    expect(manifest.tool).toBe('ict-plan-publisher');
    // and the next build keeps the 正誤表 and rebuilds the rest
    const b = runCli(['build', '--data', data, '--out', out, '--quiet']);
    expect(b.code, b.stderr).toBe(0);
    expect(hashTree(path.join(out, 'mini')).get('errata.pdf')).toBe(after.get('errata.pdf'));
  });
});

// The output set changes as a whole (issue 17, items 3, 9 and 10): a failure or a kill during
// the write phase leaves the previous set byte for byte; documents that left the set are
// removed and said so; output path problems are explained with exit code 4; `--only` with a
// name no data set publishes is a usage error.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDataset } from '../src/pipeline.js';
import { publishSet } from '../src/write/set.js';
import { OutputError, asOutputError, errorFromMessage, errorToMessage } from '../src/write/output-error.js';
import { errorText } from '../src/error-text.js';
import { ROOT } from './helpers/data.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/cli.ts')];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'output-hostile-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file of a folder (and of its web/ and data/ folders) by its name under it. */
const filesOf = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => !lstatSync(path.join(dir, f)).isDirectory())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
/** Every file of a folder with its bytes. */
const snapshot = (dir: string) => Object.fromEntries(filesOf(dir).map((f) => [f, readFileSync(path.join(dir, f))]));

/** The set is whole: exactly the files its manifest lists plus the manifest, each with its SHA-256, none empty. */
function expectWhole(dir: string): { inputs: string; files: { file: string; sha256: string }[] } {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  expect(filesOf(dir)).toEqual([...manifest.files.map((f: { file: string }) => f.file), 'manifest.json'].sort());
  for (const f of manifest.files) {
    const bytes = readFileSync(path.join(dir, f.file));
    expect(bytes.length, f.file).toBeGreaterThan(0);
    expect(sha(bytes), f.file).toBe(f.sha256);
  }
  return manifest;
}

const copyOfMini = (name: string, change?: (dir: string) => void) => {
  const dir = path.join(work, name, 'mini');
  cpSync(MINI, dir, { recursive: true });
  change?.(dir);
  return dir;
};
const retitled = (dir: string) => {
  const f = path.join(dir, 'dataset.json');
  writeFileSync(f, readFileSync(f, 'utf8').replace('"title": "テスト県ICT推進プラン"', '"title": "テスト県ICT推進プラン（改定）"'));
};

function run(args: string[]) {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

describe('a failure while the set is written', () => {
  it('leaves the previous set byte for byte and its manifest consistent, and says which path (disk full)', async () => {
    const data = copyOfMini('fault-data');
    const out = path.join(work, 'fault-out');
    await buildDataset(data, out, { log: () => {} });
    const before = snapshot(path.join(out, 'mini'));
    const change = {
      files: ['plan-booklet.pdf', 'results-2017.pdf', 'appendix.xlsx'].map((name) => ({ name, bytes: Buffer.from(`new ${name}`), inputs: 'x' })),
      keep: () => true,
      // the documents kept are carried over first, then the second new document meets a full disk
      beforeWrite: (file: string) => {
        if (file.endsWith('results-2017.pdf'))
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC', syscall: 'write', path: file });
      },
    };
    let error: unknown;
    try {
      publishSet(out, 'mini', change);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputError);
    const problem = (error as OutputError).problem;
    expect(problem).toMatchObject({ code: 'ENOSPC', kept: true, path: path.join(out, 'mini', 'results-2017.pdf') });
    const { text, exitCode } = errorText(error, false);
    expect(exitCode).toBe(4);
    expect(text).toContain(path.join(out, 'mini', 'results-2017.pdf'));
    expect(text).toContain('ディスクの空きがありません');
    expect(text).toContain('出力先の文書は何も変えていません');

    const after = snapshot(path.join(out, 'mini'));
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const f of Object.keys(before)) expect(after[f].equals(before[f]), f).toBe(true);
    expectWhole(path.join(out, 'mini'));
    // nothing of the attempt is left beside it
    expect(readdirSync(path.join(out, '.mini'))).toEqual([expect.stringMatching(/^1-\d+-\d+$/)]);
    expect(readdirSync(out).sort()).toEqual(['.mini', 'mini']);
  });

  it('keeps a plain folder (no links possible) whole on failure, and swaps it whole on success', async () => {
    const out = path.join(work, 'plain-out');
    // the set as a plain folder, made by the tool (a folder the tool did not make is never replaced: tests/never-delete.test.ts)
    publishSet(out, 'mini', { files: [{ name: 'plan-booklet.pdf', bytes: Buffer.from('old booklet'), inputs: 'i' }], keep: () => true, links: false });
    const files = [{ name: 'plan-booklet.pdf', bytes: Buffer.from('new booklet'), inputs: 'i' }];
    const fail = () => {
      throw Object.assign(new Error('EROFS'), { code: 'EROFS', syscall: 'open' });
    };
    expect(() => publishSet(out, 'mini', { files, keep: () => true, links: false, beforeWrite: fail })).toThrow(OutputError);
    expect(readdirSync(path.join(out, 'mini')).sort()).toEqual(['manifest.json', 'plan-booklet.pdf']);
    expect(readFileSync(path.join(out, 'mini', 'plan-booklet.pdf'), 'utf8')).toBe('old booklet');

    publishSet(out, 'mini', { files, keep: () => true, links: false });
    expect(lstatSync(path.join(out, 'mini')).isDirectory()).toBe(true);
    expect(readFileSync(path.join(out, 'mini', 'plan-booklet.pdf'), 'utf8')).toBe('new booklet');
    expectWhole(path.join(out, 'mini'));
    expect(readdirSync(path.join(out, '.mini'))).toEqual([]);
  });
});

describe('documents that left the set', () => {
  it('are removed with the swap, and the log says so', async () => {
    const data = copyOfMini('dropped-data');
    const out = path.join(work, 'dropped-out');
    await buildDataset(data, out, { log: () => {} });
    expect(readdirSync(path.join(out, 'mini'))).toContain('results-2017.pdf');
    const f = path.join(data, 'dataset.json');
    const ds = JSON.parse(readFileSync(f, 'utf8'));
    delete ds.documents.results;
    writeFileSync(f, JSON.stringify(ds, null, 2));
    const lines: string[] = [];
    await buildDataset(data, out, { log: (l) => lines.push(l) });
    // the web page and the tables of that year leave with it
    expect(lines).toContain(
      'mini: データセットが作らなくなった文書を出力から外しました: data/results-2017.csv、data/summary-2017.csv、results-2017.pdf、web/results-2017.html',
    );
    const manifest = expectWhole(path.join(out, 'mini'));
    expect(manifest.files.map((x) => x.file)).not.toContain('results-2017.pdf');
    expect(existsSync(path.join(out, 'mini', 'results-2017.pdf'))).toBe(false);
  });

  it('a plain folder of an older version is taken over, keeping what the data set still publishes', async () => {
    const data = copyOfMini('migrate-data');
    const out = path.join(work, 'migrate-out');
    await buildDataset(data, out, { log: () => {} });
    const old = path.join(work, 'migrate-old');
    cpSync(path.join(out, 'mini'), path.join(old, 'mini'), { recursive: true, dereference: true });
    writeFileSync(path.join(old, 'mini', 'results-2016.pdf'), 'left by an old build');
    // listed in its manifest, as an older version of the tool wrote it (before manifests named the tool)
    const m = JSON.parse(readFileSync(path.join(old, 'mini', 'manifest.json'), 'utf8'));
    delete m.tool;
    delete m.dataset;
    m.files.push({ file: 'results-2016.pdf', sha256: sha(Buffer.from('left by an old build')), bytes: 20, inputs: m.inputs });
    writeFileSync(path.join(old, 'mini', 'manifest.json'), JSON.stringify(m, null, 2));
    const booklet = readFileSync(path.join(old, 'mini', 'plan-booklet.pdf'));
    const lines: string[] = [];
    await buildDataset(data, old, { log: (l) => lines.push(l), only: new Set(['results-2017.pdf']) });
    expect(lstatSync(path.join(old, 'mini')).isSymbolicLink()).toBe(true);
    expect(lines.join('\n')).toContain('出力から外しました: results-2016.pdf');
    expect(readFileSync(path.join(old, 'mini', 'plan-booklet.pdf')).equals(booklet)).toBe(true);
    expect(
      expectWhole(path.join(old, 'mini'))
        .files.map((x) => x.file)
        .filter((f) => !f.includes('/')),
    ).toEqual(['plan-booklet.pdf', 'initiative-list.pdf', 'results-2017.pdf', 'appendix.xlsx']);
  });
});

describe('the command line', () => {
  it('explains a file where the output folder should be, with exit code 4 and no stack trace, and leaves the file', () => {
    const out = path.join(work, 'cli-file-out');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'mini'), 'not a folder');
    const r = run(['build', '--data', MINI, '--out', out]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`出力エラー ${path.join(out, 'mini')}: フォルダがあるべき場所にファイルがあります。`);
    expect(r.stderr).toContain('--out で別の出力フォルダを指定してください');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('内部エラー');
    expect(readFileSync(path.join(out, 'mini'), 'utf8')).toBe('not a folder');
    expect(readdirSync(out)).toEqual(['mini']);
  });

  it('carries an output problem across the build processes of a build of several data sets', () => {
    // --out under a file: every data set's build process meets it (right after validation)
    const file = path.join(work, 'cli-workers-file');
    writeFileSync(file, 'x');
    const r = run(['build', '--out', path.join(file, 'out')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`出力エラー ${file}: フォルダがあるべき場所にファイルがあります。`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const m = structuredClone(errorToMessage(new OutputError({ code: 'EACCES', path: '/x', detail: 'd', kept: true })));
    expect(errorFromMessage(m)).toBeInstanceOf(OutputError);
    expect((errorFromMessage(m) as OutputError).problem.code).toBe('EACCES');
  });

  it('refuses --only with a name the data set does not publish (exit 2), listing what it publishes, and writes nothing', () => {
    const out = path.join(work, 'cli-only-out');
    const r = run(['build', '--data', MINI, '--out', out, '--only', 'nosuch.pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--only の nosuch.pdf は、どのデータセットも作らない文書です');
    expect(r.stderr).toContain('mini: plan-booklet.pdf、initiative-list.pdf、results-2017.pdf、appendix.xlsx');
    expect(existsSync(out)).toBe(false);
  });

  it('--only makes what it names and nothing else: no web edition or open data unless named (web, data/), the rest kept', () => {
    const out = path.join(work, 'cli-only-named');
    const files = () => readdirSync(path.join(out, 'mini'), { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('.') && f !== 'manifest.json');
    const booklet = run(['build', '--data', MINI, '--out', out, '--only', 'plan-booklet.pdf', '--quiet']);
    expect(booklet.code, booklet.stderr).toBe(0);
    expect(files()).toEqual(['plan-booklet.pdf']);
    const bytes = readFileSync(path.join(out, 'mini', 'plan-booklet.pdf'));
    // named without the slash too, as a user types a folder
    const web = run(['build', '--data', MINI, '--out', out, '--only', 'web,data/', '--quiet']);
    expect(web.code, web.stderr).toBe(0);
    const now = files();
    expect(now).toContain('web/index.html');
    expect(now).toContain('data/opendata.xlsx');
    expect(now.filter((f) => !f.startsWith('web') && !f.startsWith('data'))).toEqual(['plan-booklet.pdf']);
    expect(readFileSync(path.join(out, 'mini', 'plan-booklet.pdf')).equals(bytes)).toBe(true);
    // and the web edition and the open data stay whole while another document is made again
    const again = run(['build', '--data', MINI, '--out', out, '--only', 'results-2017.pdf', '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expect(files().sort()).toEqual([...now, 'results-2017.pdf'].sort());
  });

  it('--only after a change names the documents left from the earlier data; a list typed with spaces is read, an empty one refused', async () => {
    const data = copyOfMini('only-older');
    const out = path.join(work, 'cli-only-older');
    await buildDataset(data, out, { log: () => {} });
    const file = path.join(data, 'initiatives', '001.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"budget": 1000', '"budget": 2000'));
    // a comma and a space, or a space alone, as people type a list
    const r = run(['build', '--data', data, '--out', out, '--only', 'results-2017.pdf, appendix.xlsx']);
    const spaced = run(['build', '--data', data, '--out', out, '--only', 'results-2017.pdf appendix.xlsx', '--quiet']);
    expect(spaced.code, spaced.stderr).toBe(0);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'mini: 次の文書は作り直さず、前の（今と違う）データから作ったままです: plan-booklet.pdf、initiative-list.pdf、web/、data/（すべてそろえるには --only を付けずに作ってください）',
    );
    const none = run(['build', '--data', data, '--out', out, '--only', ' , ']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--only の後に値を指定してください');
  });

  it('--only naming another data set’s document leaves a data set’s output as it is, and says so', () => {
    const out = path.join(work, 'cli-only-other');
    const r = run(['build', '--out', out, '--only', 'progress.pdf']);
    expect(r.code, r.stderr).toBe(0);
    // (the hidden .<id> folder beside each set holds its versions)
    expect(readdirSync(out).filter((f) => !f.startsWith('.'))).toEqual(['sample-progress']);
    expect(r.stderr).toContain('miyagi-ict-plan: --only の文書はこのデータセットにはないため、何も作らず、出力も変えていません');
    expect(r.stderr).toMatch(/sample-progress: 作成しました（ファイル 1 件/);
  });

  it('refuses an --out inside another data set (「--out data/x」 typed for 「--out output」), exit 4, writing nothing there', () => {
    const other = copyOfMini('other-set');
    const before = readdirSync(other).sort();
    for (const out of [other, path.join(other, 'out')]) {
      const r = run(['build', '--data', MINI, '--out', out]);
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain('データセットのフォルダ');
      expect(readdirSync(other).sort()).toEqual(before);
    }
  });

  it('explains each kind of output problem: the path, what is wrong, what to do', () => {
    const cases: [string, string, string][] = [
      ['ENOTDIR', 'フォルダがあるべき場所にファイルがあります', 'ファイルを別の場所へ移す'],
      ['EISDIR', 'ファイルを書く場所にフォルダがあります', 'フォルダを別の場所へ移す'],
      ['EACCES', '書き込む権限がありません', '権限'],
      ['EPERM', '書き込む権限がありません', '権限'],
      ['EROFS', '読み取り専用のドライブです', '書き込めるドライブ'],
      ['ENOSPC', 'ディスクの空きがありません', '空きを作る'],
    ];
    for (const [code, what, todo] of cases) {
      const { text, exitCode } = errorText(new OutputError({ code, path: '/srv/out/mini/plan-booklet.pdf', detail: 'x', kept: true }), false);
      expect(exitCode, code).toBe(4);
      expect(text, code).toContain(`出力エラー /srv/out/mini/plan-booklet.pdf: ${what}`);
      expect(text, code).toContain(todo);
      expect(text, code).toContain(`（エラーコード ${code}）`);
    }
    // a folder in the place of a file is told as such, whatever the system called it
    const dir = path.join(work, 'a-folder');
    mkdirSync(dir);
    const e = asOutputError(Object.assign(new Error('EEXIST'), { code: 'EEXIST', syscall: 'open', path: dir }), dir, true) as OutputError;
    expect(e.problem).toMatchObject({ code: 'EISDIR', path: dir });
    // anything that is not a system error stays an internal error
    const bug = new TypeError('x is undefined');
    expect(asOutputError(bug, dir, true)).toBe(bug);
  });

  it('prints an internal error without its stack trace unless --debug is given', () => {
    const e = new Error('something broke');
    const plain = errorText(e, false);
    expect(plain.exitCode).toBe(3);
    expect(plain.text).toBe('内部エラー: something broke\n（詳しい情報は --debug を付けて実行すると表示されます）');
    const debug = errorText(e, true);
    expect(debug.text).toContain('内部エラー: Error: something broke');
    expect(debug.text).toMatch(/\n\s+at /);
  });
});

describe('a build killed while it writes', () => {
  it('leaves output/<id> as the whole old set or the whole new set, and the next build cleans up', async () => {
    const oldData = copyOfMini('kill-old');
    const newData = copyOfMini('kill-new', retitled);
    const base = path.join(work, 'kill-base');
    const ref = path.join(work, 'kill-ref');
    await buildDataset(oldData, base, { log: () => {} });
    // the killed builds make one document (the write phase also carries the other three over)
    const only = new Set(['results-2017.pdf']);
    cpSync(base, ref, { recursive: true, verbatimSymlinks: true });
    await buildDataset(newData, ref, { log: () => {}, only });
    const oldManifest = readFileSync(path.join(base, 'mini', 'manifest.json'), 'utf8');
    const newManifest = readFileSync(path.join(ref, 'mini', 'manifest.json'), 'utf8');
    expect(newManifest).not.toBe(oldManifest);

    // each trial: a copy of the old set, a build of the new data, SIGKILL some ms after its staging folder appears
    const delays = [0, 3, 10, 40];
    const trial = (delay: number, i: number) =>
      new Promise<{ out: string; pid: number }>((resolveTrial) => {
        const out = path.join(work, `kill-${i}`);
        cpSync(base, out, { recursive: true, verbatimSymlinks: true });
        const child: ChildProcess = spawn(process.execPath, [...CLI, 'build', '--data', newData, '--out', out, '--only', 'results-2017.pdf', '--quiet'], {
          cwd: ROOT,
          stdio: 'ignore',
        });
        const w = watch(path.join(out, '.mini'), (_, name) => {
          if (String(name).startsWith('staging-')) setTimeout(() => child.kill('SIGKILL'), delay);
        });
        child.on('exit', () => {
          w.close();
          resolveTrial({ out, pid: child.pid! });
        });
      });
    const trials = await Promise.all(delays.map(trial));
    for (const { out } of trials) {
      const text = readFileSync(path.join(out, 'mini', 'manifest.json'), 'utf8');
      expect([oldManifest, newManifest]).toContain(text);
      expectWhole(path.join(out, 'mini'));
      expect(readdirSync(path.join(out, 'mini')).filter((f) => f.startsWith('.') || f.endsWith('.tmp'))).toEqual([]);
    }

    // what a killed run leaves (its staging folder, half written) goes with the next build
    const { out, pid } = trials[0];
    // (a new file of its own: the files a staging folder carries over are hard links to the live ones)
    mkdirSync(path.join(out, '.mini', `staging-${pid}-7`));
    writeFileSync(path.join(out, '.mini', `staging-${pid}-7`, 'results-2017.pdf'), '');
    await buildDataset(newData, out, { log: () => {}, only });
    expect(readdirSync(path.join(out, '.mini'))).toEqual([expect.stringMatching(/^\d+-\d+-\d+$/)]);
    expect(readFileSync(path.join(out, 'mini', 'manifest.json'), 'utf8')).toBe(newManifest);
    expectWhole(path.join(out, 'mini'));
  });
});

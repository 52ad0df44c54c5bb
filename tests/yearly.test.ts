// The yearly workflow: watch rebuilds only what a change affects and keeps the last good
// outputs on bad data; new-year opens the results entries a survey needs.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  renameSync,
  symlinkSync,
  mkdirSync,
  unlinkSync,
  readdirSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newYear } from '../src/yearly/new-year.js';
import { checkDataset } from '../src/pipeline.js';
import { ROOT } from './helpers/data.js';

const MINI = path.join(__dirname, 'fixtures', 'mini');

/** Runs watch as a child process; `until` waits for a line matching a pattern, bounded in time. */
function startWatch(data: string, out: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'watch', '--data', data, '--out', out], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const waiters: { re: RegExp; from: number; done: (l: string) => void; fail: (e: Error) => void }[] = [];
  // a watch that ends on its own has failed: whoever waits is told at once, with the log
  child.on('exit', (code) => {
    for (const w of waiters.splice(0)) w.fail(new Error(`watch ended (exit ${code}); log:\n${log}`));
  });
  child.stderr.on('data', (b: Buffer) => {
    log += b.toString();
    for (const w of [...waiters]) {
      const m = log.slice(w.from).match(w.re);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(m[0]);
      }
    }
  });
  const until = (re: RegExp, ms = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const from = log.length;
      const t = setTimeout(() => reject(new Error(`timed out waiting for ${re}; log:\n${log}`)), ms);
      waiters.push({ re, from, done: (l) => (clearTimeout(t), resolve(l)), fail: (e) => (clearTimeout(t), reject(e)) });
    });
  return { child, until, log: () => log };
}

describe('watch', () => {
  it('rebuilds only the documents a change affects, and keeps outputs when the data breaks', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'watch-'));
    const data = path.join(work, 'mini');
    const out = path.join(work, 'out');
    cpSync(MINI, data, { recursive: true });
    const w = startWatch(data, out);
    try {
      await w.until(/変更を待っています/);
      const booklet = path.join(out, 'mini', 'plan-booklet.pdf');
      const before = statSync(booklet).mtimeMs;
      const file = path.join(data, 'initiatives', '001.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"budget": 1000', '"budget": 2000'));
      const line = await w.until(/再作成 .*\n/);
      expect(line).toContain('results-2017.pdf');
      expect(line).toContain('appendix.xlsx');
      expect(line).not.toContain('plan-booklet.pdf');
      expect(statSync(booklet).mtimeMs).toBe(before);
      // the web edition and the open data are made again with them: they show the new budget
      expect(readFileSync(path.join(out, 'mini', 'web', 'results-2017.html'), 'utf8')).toContain('<td class="num budget">2,000</td>');
      expect(readFileSync(path.join(out, 'mini', 'data', 'results-2017.csv'), 'utf8')).toContain('。,2000,');
      // the manifest tells which inputs each file was built from
      const manifest = JSON.parse(readFileSync(path.join(out, 'mini', 'manifest.json'), 'utf8'));
      const inputsOf = (f: string) => manifest.files.find((x: { file: string }) => x.file === f).inputs;
      expect(
        manifest.files
          .map((x: { file: string }) => x.file)
          .filter((f: string) => !f.includes('/'))
          .sort(),
      ).toEqual(['appendix.xlsx', 'initiative-list.pdf', 'plan-booklet.pdf', 'results-2017.pdf']);
      expect(inputsOf('results-2017.pdf')).toBe(manifest.inputs);
      expect(inputsOf('plan-booklet.pdf')).not.toBe(manifest.inputs);

      // saved the way many editors save: a new file renamed over the old one
      const text = path.join(data, 'text', '1-1.md.hbs');
      writeFileSync(`${text}.tmp~`, readFileSync(text, 'utf8') + '\n追記した段落です。\n');
      renameSync(`${text}.tmp~`, text);
      const line2 = await w.until(/再作成 .*\n/);
      expect(line2).toContain('plan-booklet.pdf');
      expect(line2).not.toContain('results-2017.pdf');

      // and again, after the file was replaced: the folder's watcher still sees it
      writeFileSync(`${text}.tmp~`, readFileSync(text, 'utf8') + '\nもう一段落です。\n');
      renameSync(`${text}.tmp~`, text);
      expect(await w.until(/再作成 .*\n/)).toContain('plan-booklet.pdf');

      const good = readFileSync(booklet);
      const saved = readFileSync(file, 'utf8');
      writeFileSync(file, '{ "no": 1, ');
      await w.until(/誤りがあるため作成しません/);
      expect(w.log()).toMatch(/initiatives\/001\.json:\d+:\d+/);
      // the file named as build names it: a path that opens from where the command was typed
      const named = /エラー (\S+initiatives\/001\.json):\d+:\d+/.exec(w.log())![1]!;
      expect(existsSync(path.resolve(ROOT, named)), named).toBe(true);
      expect(readFileSync(booklet).equals(good)).toBe(true);

      // fixed back to the content last built: that is a change too, it is rebuilt and the error cleared
      writeFileSync(file, saved);
      expect(await w.until(/再作成 .*\n/)).toContain('results-2017.pdf');
      // a live console: every line starts with the clock time
      const lines = w.log().trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(5);
      for (const l of lines) expect(l).toMatch(/^\d{2}:\d{2}:\d{2} /);
    } finally {
      w.child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('watch, on data sets a user may really have (issue 28)', () => {
  it('a link to / is not followed: watch names a refused link, waits, and builds everything once it is gone', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'watch-'));
    const data = path.join(work, 'mini');
    const out = path.join(work, 'out');
    cpSync(MINI, data, { recursive: true });
    // one the loader does not look at, one it refuses: neither may be walked
    symlinkSync('/', path.join(data, 'disk'));
    symlinkSync('/', path.join(data, 'figures', 'all'));
    const w = startWatch(data, out);
    try {
      await w.until(/変更を待っています/);
      expect(w.log()).toContain('figures/all: データセットの外を指すリンクです（figures/all → /）');
      expect(w.log()).toContain('mini: 誤りがあります');
      // the link gone is a change: nothing was built at the start, so everything is built now
      unlinkSync(path.join(data, 'figures', 'all'));
      const line = await w.until(/再作成 .*\n/);
      for (const f of ['plan-booklet.pdf', 'initiative-list.pdf', 'results-2017.pdf', 'appendix.xlsx']) expect(line).toContain(f);
      expect(w.child.exitCode).toBe(null);
    } finally {
      w.child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('a data set wrong at the start is built whole once it is right, not only what the fix touched', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'watch-'));
    const data = path.join(work, 'mini');
    const out = path.join(work, 'out');
    cpSync(MINI, data, { recursive: true });
    const file = path.join(data, 'initiatives', '001.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('"budget": 1000', '"budget": "千"'));
    const w = startWatch(data, out);
    try {
      await w.until(/変更を待っています/);
      expect(w.log()).toContain('mini: 誤りがあります');
      // a fix in results alone would rebuild only the results and the appendix of a built set
      writeFileSync(file, good);
      const line = await w.until(/再作成 .*\n/);
      for (const f of ['plan-booklet.pdf', 'initiative-list.pdf', 'results-2017.pdf', 'appendix.xlsx']) expect(line).toContain(f);
      expect(statSync(path.join(out, 'mini', 'plan-booklet.pdf')).size).toBeGreaterThan(0);
    } finally {
      w.child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('a folder made after watch started is watched: a figure changed in it rebuilds the booklet', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'watch-'));
    const data = path.join(work, 'mini');
    const out = path.join(work, 'out');
    cpSync(MINI, data, { recursive: true });
    const svg = (fill: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="${fill}"/></svg>`;
    const w = startWatch(data, out);
    try {
      await w.until(/変更を待っています/);
      mkdirSync(path.join(data, 'figures', 'new'));
      writeFileSync(path.join(data, 'figures', 'new', 'box.svg'), svg('red'));
      const intro = path.join(data, 'text', 'intro.md.hbs');
      writeFileSync(intro, readFileSync(intro, 'utf8').replace('figures/flow.svg', 'figures/new/box.svg'));
      expect(await w.until(/再作成 .*\n/)).toContain('plan-booklet.pdf');
      const booklet = path.join(out, 'mini', 'plan-booklet.pdf');
      const before = readFileSync(booklet);
      // only the file in the new folder changes: its folder's own watcher must see it
      writeFileSync(path.join(data, 'figures', 'new', 'box.svg'), svg('blue'));
      expect(await w.until(/再作成 .*\n/)).toContain('plan-booklet.pdf');
      expect(readFileSync(booklet).equals(before)).toBe(false);
      // and a folder made inside it later still
      mkdirSync(path.join(data, 'figures', 'new', 'deeper'));
      writeFileSync(path.join(data, 'figures', 'new', 'deeper', 'box.svg'), svg('green'));
      writeFileSync(intro, readFileSync(intro, 'utf8').replace('figures/new/box.svg', 'figures/new/deeper/box.svg'));
      expect(await w.until(/再作成 .*\n/)).toContain('plan-booklet.pdf');
      writeFileSync(path.join(data, 'figures', 'new', 'deeper', 'box.svg'), svg('black'));
      expect(await w.until(/再作成 .*\n/)).toContain('plan-booklet.pdf');
    } finally {
      w.child.kill('SIGTERM');
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('new-year', () => {
  it('opens results for the initiatives whose schedule covers the year, keeping formatting, and is idempotent', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'newyear-'));
    try {
      cpSync(MINI, work, { recursive: true });
      const before = readFileSync(path.join(work, 'initiatives', '002.json'), 'utf8');
      const r = newYear(work, 2017);
      // 001 already has 2017; 002's schedule starts in 2018
      expect(r.opened).toEqual([]);
      const r2 = newYear(work, 2019);
      expect(r2.opened).toEqual(['initiatives/001.json', 'initiatives/002.json']);
      const after = readFileSync(path.join(work, 'initiatives', '002.json'), 'utf8');
      // the file keeps every line it had; only the new entry is added at the end
      const kept = before.trimEnd().split('\n').slice(0, -2);
      expect(after.split('\n').slice(0, kept.length)).toEqual(kept);
      expect(JSON.parse(after).results).toEqual({ '2019': { budget: null } });
      expect(newYear(work, 2019).opened).toEqual([]);
      expect(newYear(work, 2030).problems[0].message).toContain('計画期間');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('opens the year of a plan’s follow-up (documents.progress) without a results report, keeping the published years’ date', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'newyear-progress-'));
    try {
      cpSync(path.join(ROOT, 'data', 'sample-progress'), work, { recursive: true });
      // the report of 2019–2020 published on one date
      const published = readFileSync(path.join(work, 'dataset.json'), 'utf8').replace(
        '"method": "progress"',
        '"publishedOn": "2021-06-30",\n      "method": "progress"',
      );
      writeFileSync(path.join(work, 'dataset.json'), published);
      const files = () => readdirSync(path.join(work, 'initiatives')).map((f) => readFileSync(path.join(work, 'initiatives', f), 'utf8'));
      const initiativesBefore = files();
      const before = JSON.parse(readFileSync(path.join(work, 'dataset.json'), 'utf8'));
      expect(before.documents.progress.publishedOn).toBe('2021-06-30');
      const r = newYear(work, 2021);
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const after = JSON.parse(readFileSync(path.join(work, 'dataset.json'), 'utf8'));
      expect(after.documents.progress.fiscalYears).toEqual([2019, 2020, 2021]);
      // the years published stay published (their actuals are taken only as corrections); the new one has no date
      expect(after.documents.progress.publishedOn).toEqual({ 2019: '2021-06-30', 2020: '2021-06-30' });
      expect(r.dataset).toContainEqual({ path: 'documents.progress.publishedOn', value: { 2019: '2021-06-30', 2020: '2021-06-30' } });
      // no results report for a data set that has none, and no initiative touched
      expect(after.documents.results).toBeUndefined();
      expect(r.opened).toEqual([]);
      expect(files()).toEqual(initiativesBefore);
      expect(checkDataset(work).problems.filter((p) => p.severity === 'error')).toEqual([]);
      // a date for the new year before it has ended: refused, the report not being published before its last year ends
      after.documents.progress.publishedOn['2021'] = '2021-06-30';
      writeFileSync(path.join(work, 'dataset.json'), JSON.stringify(after, null, 2));
      const refused = checkDataset(work).problems.filter((p) => p.severity === 'error');
      expect(refused.map((p) => [p.file, p.path?.join('.'), p.message])).toEqual([
        ['dataset.json', 'documents.progress.publishedOn.2021', expect.stringMatching(/^公表日 2021-06-30 は 2021年度（2022年3月31日まで）が終わる前です/)],
      ]);
      // a date for a year the report does not hold is not used, and said so
      after.documents.progress.publishedOn = { 2018: '2019-06-30', 2019: '2021-06-30', 2020: '2021-06-30' };
      writeFileSync(path.join(work, 'dataset.json'), JSON.stringify(after, null, 2));
      const checked = checkDataset(work).problems;
      expect(checked.filter((p) => p.severity === 'error')).toEqual([]);
      expect(checked.filter((p) => p.path?.join('.') === 'documents.progress.publishedOn.2018').map((p) => p.message)).toEqual([
        '2018年度は fiscalYears にないため、この公表日は使われません',
      ]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

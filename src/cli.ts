// Commands: parses arguments, prints progress and problems, sets exit codes.
// Exit codes: 0 ok (warnings allowed), 1 data errors, 2 usage, 3 internal error, 4 the output cannot be written.
import path from 'node:path';
import { PROJECT_ROOT } from './paths.js';
import { mkdirSync, writeFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

import { formatProblem, hasErrors, problemLines } from './problem.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BuildResult } from './pipeline.js';
import { errorFromMessage, type ErrorMessage } from './write/output-error.js';
import { progress } from './progress.js';
import { COMMAND_OPTIONS, VALUE_OPTIONS, cliWords, forgottenDashes, helpText, npmKept, unknownOption, wantsHelp } from './cli-options.js';
import { guardPlaces, type Read } from './write/places.js';
// commands other than build and validate load their modules when used (startup time)

const ROOT = PROJECT_ROOT;

interface Args { command: string; data?: string; out?: string; only?: string[]; against?: string; fiscalYear?: number; correction?: boolean; whole?: boolean; yes?: boolean; dryRun?: boolean; label?: string; date?: string; published?: string; from?: string; period?: string; id?: string; carry?: string; quiet: boolean; json: boolean; debug: boolean; rest: string[] }

function parseArgs(argv: string[]): Args {
  const a: Args = { command: argv[0] ?? '', quiet: false, json: false, debug: false, rest: [] };
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--data') a.data = argv[++i];
    else if (v === '--out') a.out = argv[++i];
    else if (v === '--against') a.against = argv[++i];
    else if (v === '--label') a.label = argv[++i];
    else if (v === '--date') a.date = argv[++i];
    else if (v === '--published') a.published = argv[++i];
    else if (v === '--from') a.from = argv[++i];
    else if (v === '--period') a.period = argv[++i];
    else if (v === '--id') a.id = argv[++i];
    else if (v === '--carry') a.carry = argv[++i];
    else if (v === '--dry-run') a.dryRun = true;
    else if (v === '--only') a.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (v === '--fiscal-year') {
      a.fiscalYear = Number(argv[++i]);
      if (!Number.isInteger(a.fiscalYear)) throw new UsageError('--fiscal-year には西暦の年度（例: 2018）を指定してください');
    } else if (v === '--correction') a.correction = true;
    else if (v === '--whole') a.whole = true;
    else if (v === '--yes') a.yes = true;
    else if (v === '--dry-run') a.dryRun = true;
    else if (v === '--quiet') a.quiet = true;
    else if (v === '--json') a.json = true;
    else if (v === '--debug') a.debug = true;
    else if (v.startsWith('-')) throw new UsageError(unknownOption(a.command, v));
    else a.rest.push(v);
    // an option this command does not take is refused by name, with the ones it takes
    // (an option parsed above but not in the table yet is let through: the table is what --help shows)
    if (a.command in COMMAND_OPTIONS && KNOWN_OPTIONS.has(v) && !COMMAND_OPTIONS[a.command].includes(v)) throw new UsageError(unknownOption(a.command, v));
    if (VALUE_OPTIONS.includes(v) && argv[i]?.startsWith('--')) throw new UsageError(cliValueMissing(v));
  }
  if ((argv.includes('--data') && !a.data) || (argv.includes('--out') && !a.out)) throw new UsageError('--data と --out にはフォルダを指定してください');
  return a;
}

class UsageError extends Error {}
const KNOWN_OPTIONS = new Set(Object.values(COMMAND_OPTIONS).flat());
const cliValueMissing = (option: string) => `${option} の後に値を指定してください`;

/** The data sets in the folders of `root` (a data set is a folder holding dataset.json). */
const setsIn = (root: string) =>
  existsSync(root) ? readdirSync(root).filter((d) => existsSync(path.join(root, d, 'dataset.json'))).sort().map((d) => path.join(root, d)) : [];

/** --carry: ids separated by commas, or a file holding one id a line (blank lines and # lines skipped). */
function carriedIds(value: string): string[] {
  const fromFile = existsSync(value) && statSync(value).isFile();
  const items = fromFile ? readFileSync(value, 'utf8').split(/\r?\n/).filter((l) => !l.trim().startsWith('#')) : value.split(',');
  // an id may be written as its file name
  return [...new Set(items.map((s) => s.trim().replace(/^\uFEFF/, '').replace(/^initiatives\//, '').replace(/\.json$/, '')).filter(Boolean))];
}

function datasetsOf(a: Args): string[] {
  if (a.data) {
    // a data set, or a folder of data sets as data/ is (a folder with neither: load says what is missing)
    const dir = path.resolve(a.data);
    if (existsSync(path.join(dir, 'dataset.json'))) return [dir];
    const sets = setsIn(dir);
    return sets.length ? sets : [dir];
  }
  const found = setsIn(path.join(ROOT, 'data'));
  if (found.length === 0) throw new UsageError('data/ にデータセットがありません');
  return found;
}

/** The problems as printed: many warnings of one kind are counted after the first few (src/problem.ts). */
function printProblems(problems: Parameters<typeof problemLines>[0], label: string | undefined, data: string): void {
  const more = (group: string, rest: number) => cliWords().get(`more-${group.replace(/-\d+$/, '')}`, { rest, westernYear: group.replace(/^\D+-/, ''), data });
  for (const line of problemLines(problems, label, more)) process.stderr.write(line + '\n');
}

/** A book in the output folder (an absolute path) is named from here, not under the data set. */
const inOutputFolder = (problems: Parameters<typeof problemLines>[0]) =>
  problems.map((p) => (path.isAbsolute(p.file) ? { ...p, file: path.relative(process.cwd(), p.file), base: '' } : p));

/** What every command reads, to be kept apart from every place it writes (src/write/places.ts). */
const dataRead = (dirs: string[]): Read[] => dirs.map((d) => ({ path: d, what: 'データセット' }));

/** Two data sets of one run with one id would write one output folder: refused, naming both. */
async function sameIds(dirs: string[]): Promise<boolean> {
  const { sharedIds } = await import('./dataset-ids.js');
  const shared = sharedIds(dirs);
  for (const s of shared)
    process.stderr.write(cliWords().get('shared-id', { id: s.id, dirs: s.dirs.map((d) => path.relative(process.cwd(), d) || d).join('、') }) + '\n');
  return shared.length > 0;
}

function inWorker(dir: string, outRoot: string, only: string[] | undefined, onLog: (s: string) => void): Promise<BuildResult> {
  return new Promise((resolveResult, reject) => {
    // compiled (dist/build-worker.js) or from sources, where build-worker.mjs loads it through tsx
    const compiled = import.meta.url.endsWith('.js');
    const w = new Worker(new URL(compiled ? './build-worker.js' : './build-worker.mjs', import.meta.url), { workerData: { dir, outRoot, only } });
    w.on('message', (m: { line?: string; result?: BuildResult; error?: ErrorMessage }) => {
      if (m.line) onLog(m.line);
      if (m.result) resolveResult(m.result);
      if (m.error) reject(errorFromMessage(m.error));
    });
    w.on('error', reject);
  });
}

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(helpText(argv[0]) + '\n');
    return 0;
  }
  const a = parseArgs(argv);
  // a forgotten `--` after the npm script name: said before anything runs, never a silent run over all data sets
  const forgotten = forgottenDashes(a.command, npmKept(a.command, process.env), a.rest, process.env);
  if (forgotten) throw new UsageError(forgotten);
  const log = (s: string) => { if (!a.quiet) process.stderr.write(s + '\n'); };
  switch (a.command) {
    case 'validate': {
      const dirs = datasetsOf(a);
      let failed = await sameIds(dirs);
      for (const dir of dirs) {
        const label = path.relative(process.cwd(), dir) || dir;
        const { checkDataset } = await import('./pipeline.js');
        const { problems, model } = checkDataset(dir);
        printProblems(problems, label, label);
        if (hasErrors(problems)) {
          failed = true;
          process.stderr.write(`${label}: エラー ${problems.filter((p) => p.severity === 'error').length} 件\n`);
        } else {
          log(`${label}: OK（事業 ${model!.initiatives.length} 件${problems.length ? `、警告 ${problems.length} 件` : ''}）`);
        }
      }
      return failed ? 1 : 0;
    }
    case 'build': {
      let failed = false;
      const summary: unknown[] = [];
      const outRoot = path.resolve(a.out ?? path.join(ROOT, 'output'));
      const dirs = datasetsOf(a);
      guardPlaces([outRoot], dataRead(dirs));
      // before anything is built: one of the two would silently replace the other
      if (await sameIds(dirs)) return 1;
      const report = (dir: string, r: BuildResult) => {
        const label = path.relative(process.cwd(), dir) || dir;
        if (!a.json) printProblems(r.problems, label, label);
        const bad = hasErrors(r.problems);
        if (bad) {
          failed = true;
          if (!a.json) process.stderr.write(`${label}: データに誤りがあるため作成しませんでした（出力済みのファイルはそのままです）\n`);
        } else if (!a.json) {
          // the last line says how the data set ended, after its warnings too
          log(progress(r.unchanged ? 'done-unchanged' : 'done', { label, files: r.files.length, warnings: r.problems.filter((p) => p.severity === 'warning').length }));
        }
        summary.push({
          dataset: label,
          ok: !bad,
          problems: r.problems.map((p) => ({ ...p, text: formatProblem(p, label) })),
          files: r.files.map((f) => ({ file: path.relative(process.cwd(), f.file), sha256: f.sha256, pages: f.pages, sheets: f.sheets })),
          timings: r.timings,
        });
      };
      const onLog = a.json ? () => {} : log;
      const only = a.only;
      let checked: Map<string, unknown> | undefined;
      if (only) {
        const { checkOnly } = await import('./only-names.js');
        const c = checkOnly(dirs, only);
        if (c.unknown.length)
          throw new UsageError(
            `--only の ${c.unknown.join('、')} は、どのデータセットも作らない文書です。作れる文書:\n` +
              c.published.map((p) => `  ${p.dataset}: ${p.names.join('、')}`).join('\n'),
          );
        checked = c.checked;
      }
      if (dirs.length > 1 && availableParallelism() > 1) {
        // data sets are independent: build them side by side, one worker thread each
        // every data set finishes (or fails) before the first failure is told
        const settled = await Promise.allSettled(dirs.map((dir) => inWorker(dir, outRoot, only, onLog)));
        settled.forEach((s, i) => { if (s.status === 'fulfilled') report(dirs[i], s.value); });
        const failure = settled.find((s) => s.status === 'rejected');
        if (failure) throw (failure as PromiseRejectedResult).reason;
      } else {
        const { buildDataset } = await import('./pipeline.js');
        // one data set: its workbooks are written on the other core while its PDFs are made
        const workbookThread = dirs.length === 1 && availableParallelism() > 1;
        for (const dir of dirs)
          report(dir, await buildDataset(dir, outRoot, { log: onLog, only: only ? new Set(only) : undefined, checked: checked?.get(dir) as never, workbookThread }));
      }
      // maxRSS: the peak memory of this whole process, in KiB (for the benchmark)
      if (a.json) process.stdout.write(JSON.stringify({ ok: !failed, datasets: summary, maxRssKiB: process.resourceUsage().maxRSS }, null, 2) + '\n');
      return failed ? 1 : 0;
    }
    case 'survey-export': {
      if (!a.data || !a.fiscalYear || !a.out) throw new UsageError('--data、--fiscal-year、--out を指定してください');
      guardPlaces([path.resolve(a.out)], dataRead([path.resolve(a.data)]));
      const { surveyExport } = await import('./survey/export.js');
      const r = await surveyExport(path.resolve(a.data), a.fiscalYear, path.resolve(a.out));
      // a book in the output folder is named from here, not from the data set
      printProblems(inOutputFolder(r.problems), a.data, a.data);
      if (hasErrors(r.problems)) return 1;
      for (const f of r.files) log(`${path.relative(process.cwd(), f.file)}`);
      log(`照会用のブック ${r.files.length} 件を書き出しました`);
      return 0;
    }
    case 'survey-import': {
      if (!a.data || a.rest.length !== 1 || !a.fiscalYear) throw new UsageError('--data、--fiscal-year（取り込む年度）と、回答ブックのフォルダを一つ指定してください');
      const { surveyImport } = await import('./survey/import.js');
      const { printImport } = await import('./survey/import-report.js');
      const r = await surveyImport(path.resolve(a.data), path.resolve(a.rest[0]), { fiscalYear: a.fiscalYear, correction: a.correction });
      return printImport(r, a.data, (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
    }
    case 'plan-export': {
      if (!a.data || !a.out) throw new UsageError('--data と --out を指定してください');
      guardPlaces([path.resolve(a.out)], dataRead([path.resolve(a.data)]));
      const { planExport } = await import('./plan-book/export.js');
      const r = await planExport(path.resolve(a.data), path.resolve(a.out), { whole: a.whole });
      printProblems(inOutputFolder(r.problems), a.data, a.data);
      if (hasErrors(r.problems)) return 1;
      for (const f of r.files) log(`${path.relative(process.cwd(), f.file)}`);
      log(`計画の照会用のブック ${r.files.length} 件を書き出しました`);
      return 0;
    }
    case 'plan-import': {
      if (!a.data || a.rest.length !== 1) throw new UsageError('--data と、回答ブックのフォルダを一つ指定してください');
      if (a.yes && a.dryRun) throw new UsageError('--yes と --dry-run は一緒に指定できません');
      // the import writes into the data set: the returned books must lie elsewhere
      guardPlaces([path.resolve(a.data)], [{ path: path.resolve(a.rest[0]), what: '回答ブック' }]);
      const { PUBLISHED_ROOT } = await import('./publish/record.js');
      const { planImport } = await import('./plan-book/import.js');
      const { printPlanImport } = await import('./plan-book/import-report.js');
      const r = await planImport(path.resolve(a.data), path.resolve(a.rest[0]), { write: !!a.yes, correction: a.correction, publishedRoot: path.resolve(a.published ?? PUBLISHED_ROOT) });
      return printPlanImport(r, a.data, (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
    }
    case 'indicators-convert': {
      if (!a.data) throw new UsageError('--data を指定してください');
      const { convertIndicators, convertWords } = await import('./plan/convert-indicators.js');
      const r = convertIndicators(path.resolve(a.data), { write: !!a.yes });
      const w = convertWords();
      const out = (s: string) => process.stdout.write(s + '\n');
      if (r.conversions.length) {
        out(w.get('head', { count: r.conversions.length }));
        for (const c of r.conversions) out(w.get('conversion', c));
      } else if (!hasErrors(r.problems)) out(w.get('none'));
      if (r.unconverted.length) {
        out(w.get('unconverted-head', { count: r.unconverted.length }));
        for (const u of r.unconverted) out(w.get(`why-${u.why}`, u));
      }
      printProblems(r.problems, a.data, a.data);
      if (hasErrors(r.problems)) return 1;
      if (r.conversions.length) out(w.get(r.written ? 'done' : 'dry', { count: r.conversions.length }));
      return 0;
    }
    case 'survey-status': {
      if (!a.data || !a.fiscalYear) throw new UsageError('--data と --fiscal-year を指定してください');
      if (a.out) guardPlaces([path.resolve(a.out)], dataRead([path.resolve(a.data)]));
      const { surveyStatus } = await import('./survey/status.js');
      return surveyStatus(path.resolve(a.data), a.fiscalYear, a.out ? path.resolve(a.out) : undefined, (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
    }
    case 'watch': {
      const outRoot = path.resolve(a.out ?? path.join(ROOT, 'output'));
      guardPlaces([outRoot], dataRead(datasetsOf(a)));
      const { watch } = await import('./yearly/watch.js');
      const dirs = datasetsOf(a);
      if (await sameIds(dirs)) return 1;
      await watch(dirs, outRoot, (line) => process.stderr.write(line + '\n'), undefined, a.debug);
      return 0;
    }
    case 'errata': {
      const against = a.against;
      if (!a.data || !against) throw new UsageError('--data と --against（公表版のフォルダまたは git のリビジョン）を指定してください');
      const { errata } = await import('./errata/index.js');
      const { PUBLISHED_ROOT } = await import('./publish/record.js');
      const outRoot = path.resolve(a.out ?? path.join(ROOT, 'output'));
      const reads: Read[] = [...dataRead([path.resolve(a.data)]), { path: path.resolve(a.published ?? PUBLISHED_ROOT), what: '公表版の記録' }];
      if (existsSync(against)) reads.push({ path: path.resolve(against), what: '公表版' });
      guardPlaces([outRoot], reads);
      const r = await errata(path.resolve(a.data), against, outRoot, log, a.published ? path.resolve(a.published) : undefined);
      printProblems(r.problems, a.data, a.data);
      if (hasErrors(r.problems)) return 1;
      const v = r.view!;
      log(`訂正 ${v.entries.length} 件、頁が変わる箇所 ${v.moved.length} 件`);
      for (const f of r.files) log(path.relative(process.cwd(), f.file));
      return 0;
    }
    case 'publish': {
      if (!a.data || !a.label || !a.date) throw new UsageError('--data、--label（公表版の名前）、--date（公表日）を指定してください');
      const { publish, publishWords, shown } = await import('./publish/index.js');
      const { PUBLISHED_ROOT } = await import('./publish/record.js');
      const outRoot = path.resolve(a.out ?? path.join(ROOT, 'output'));
      const publishedRoot = path.resolve(a.published ?? PUBLISHED_ROOT);
      guardPlaces([publishedRoot], [...dataRead([path.resolve(a.data)]), { path: outRoot, what: '出力' }]);
      const r = await publish(path.resolve(a.data), a.label, a.date, outRoot, publishedRoot, a.data);
      if (r.usage) throw new UsageError(r.usage);
      printProblems(r.problems, a.data, a.data);
      if (hasErrors(r.problems) || !r.folder) return 1;
      const w = publishWords();
      for (const d of r.dated ?? []) log(w.get('dated', { westernYear: d.fiscalYear, on: a.date, face: d.face, out: shown(path.join(outRoot, r.publication!.dataset)) }));
      log(w.get('recorded', { label: a.label, on: a.date, folder: shown(r.folder), files: r.publication!.files.join('、') }));
      log(w.get('commit-hint', { data: a.data, label: a.label }));
      return 0;
    }
    case 'new-year': {
      if (!a.data || !a.fiscalYear) throw new UsageError('--data と --fiscal-year を指定してください');
      const { newYear } = await import('./yearly/new-year.js');
      const r = newYear(path.resolve(a.data), a.fiscalYear);
      printProblems(r.problems, a.data, a.data);
      if (hasErrors(r.problems)) return 1;
      for (const f of r.opened) log(`${f}: results.${a.fiscalYear} を追加`);
      for (const c of r.dataset) log(`dataset.json: ${c.path} = ${JSON.stringify(c.value)}`);
      if (r.opened.length) log(`${a.fiscalYear}年度の実績欄を ${r.opened.length} 件追加しました`);
      else if (!r.dataset.length) log('追加するものはありません');
      return 0;
    }
    case 'renumber': {
      if (!a.data) throw new UsageError('--data を指定してください');
      const { renumber } = await import('./plan/renumber.js');
      const { numberTable } = await import('./plan/table.js');
      const { planWords } = await import('./plan/words.js');
      const { PUBLISHED_ROOT } = await import('./publish/record.js');
      const r = renumber(path.resolve(a.data), { dryRun: a.dryRun, correction: a.correction, publishedRoot: path.resolve(a.published ?? PUBLISHED_ROOT) });
      const w = planWords();
      const out = (s: string) => process.stdout.write(s + '\n');
      if (r.order.length) {
        const changed = r.order.filter((n) => n.no !== n.expected);
        if (changed.length) {
          out(w.get('renumber-head', { rule: w.get('order-rule', { global: r.global }) }));
          for (const line of numberTable(changed)) out(line);
        } else out(w.get('renumber-none'));
      }
      printProblems(r.problems, a.data, a.data);
      if (hasErrors(r.problems)) return 1;
      if (r.changed.length) {
        out(w.get(a.dryRun ? 'renumber-dry' : 'renumber-done', { count: r.changed.length }));
        out(w.get('renumber-ids'));
        if (r.written && r.published.length) out(w.get('renumber-correction'));
      }
      return 0;
    }
    case 'new-plan': {
      if (!a.from || !a.period || !a.date || !a.id || !a.out) throw new UsageError('--from、--period、--date、--id、--out を指定してください');
      const { newPlan, parsePeriod } = await import('./plan/new-plan.js');
      const { numberTable } = await import('./plan/table.js');
      const { planWords } = await import('./plan/words.js');
      const { isIsoDate } = await import('./publish/index.js');
      const w = planWords();
      const period = parsePeriod(a.period);
      if (!period) throw new UsageError(w.get('new-plan-period', { value: a.period }));
      if (!isIsoDate(a.date)) throw new UsageError(w.get('new-plan-date', { value: a.date }));
      const from = path.resolve(a.from);
      const out = path.resolve(a.out);
      guardPlaces([path.join(out, a.id), path.join(out, `.${a.id}`)], dataRead([from]));
      const carry = a.carry === undefined ? undefined : carriedIds(a.carry);
      if (carry && carry.length === 0) throw new UsageError(w.get('new-plan-carry-empty'));
      if (carry) {
        const { loadDataset } = await import('./load/index.js');
        const { nearest } = await import('./nearest.js');
        const known = [...loadDataset(from).json.keys()].filter((k) => k.startsWith('initiatives/')).map((k) => k.slice('initiatives/'.length, -'.json'.length));
        const unknown = carry.find((id) => !known.includes(id));
        if (unknown !== undefined) {
          // "99" for "099": ids that are numbers are often written without their zeros
          const sameNumber = /^\d+$/.test(unknown) ? known.find((k) => /^\d+$/.test(k) && Number(k) === Number(unknown)) : undefined;
          throw new UsageError(w.get('new-plan-carry-unknown', { id: unknown, from: a.from, guess: sameNumber ?? nearest(unknown, known) }));
        }
      }
      const r = newPlan({ from, period, date: a.date, id: a.id, out, carry });
      if (r.usage) throw new UsageError(r.usage);
      printProblems(r.problems, a.from, a.from);
      if (hasErrors(r.problems) || !r.folder) return 1;
      const say = (s: string) => process.stdout.write(s + '\n');
      const shownPath = path.relative(process.cwd(), r.folder) || r.folder;
      say(w.get('new-plan-made', { folder: shownPath, period: `${period.from}〜${period.to}年度`, carried: r.carried.length, left: r.left.length }));
      if (r.carried.length) {
        say(w.get('new-plan-numbers'));
        for (const line of numberTable(r.carried)) say(line);
      }
      if (r.left.length) say(w.get('new-plan-left', { files: r.left.join('、') }));
      for (const d of r.afterDropped) say(w.get('new-plan-after-dropped', d));
      for (const c of r.citations) say(w.get('new-plan-citation', c));
      if (r.renewed.length) say(w.get('new-plan-renewed', { files: r.renewed.join('、') }));
      if (r.unusedTerms.length) say(w.get('new-plan-unused', { terms: r.unusedTerms.join('、') }));
      if (r.oldTargets.length) say(w.get('new-plan-old-targets', { from: period.from, items: r.oldTargets }));
      say(w.get('new-plan-next', { markers: r.marked.length, marker: w.get('marker'), from: period.from, to: period.to, planDate: a.date }));
      return 0;
    }
    case 'schema': {
      const dir = path.join(ROOT, 'schema');
      mkdirSync(dir, { recursive: true });
      const { jsonSchemas } = await import('./model/json-schema.js');
      for (const [name, text] of Object.entries(jsonSchemas())) writeFileSync(path.join(dir, name), text);
      log(`schema/ に書き出しました`);
      return 0;
    }
    default:
      throw new UsageError(a.command ? `知らないコマンドです: ${a.command}` : 'コマンドを指定してください');
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (e) => {
    if (e instanceof UsageError) {
      // the command's own options (all commands when it is not one)
      process.stderr.write(`${e.message}\n${helpText(process.argv[2] ?? '')}\n`);
      process.exit(2);
    }
    try {
      const { errorText } = await import('./error-text.js');
      const { text, exitCode } = errorText(e, process.argv.includes('--debug'));
      process.stderr.write(`${text}\n`);
      process.exit(exitCode);
    } catch {
      process.stderr.write(`内部エラー: ${e?.stack ?? e}\n`);
      process.exit(3);
    }
  },
);

// watch: rebuilds only the documents a change affects, in one long-lived process (fonts,
// modules and pdfmake stay loaded). A change that fails validation prints its problems and
// leaves the last good outputs in place.
import { watch as fsWatch, existsSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildDataset, checkDataset, documentNames } from '../pipeline.js';
import { formatProblem, hasErrors } from '../problem.js';
import { TEMPLATE_DIR } from '../templates/index.js';

const BOOKLET = ['plan-booklet.pdf', 'initiative-list.pdf', 'appendix.xlsx'];

/** Which documents of a data set a changed file affects ('*' = all). */
export function affected(rel: string, before: unknown, after: unknown, all: string[]): string[] {
  const results = all.filter((d) => d.startsWith('results-'));
  if (rel.startsWith('templates/')) {
    const name = path.basename(rel, '.hbs');
    if (name === 'results') return [...results, 'appendix.xlsx'];
    if (name === 'workbook') return ['appendix.xlsx'];
    if (name === 'survey') return [];
    return BOOKLET;
  }
  if (rel.startsWith('text/') || rel.startsWith('figures/') || rel === 'glossary.json' || rel === 'sites.json') return BOOKLET;
  if (rel.startsWith('initiatives/') && before && after) {
    // a change to results only leaves the booklet and the list as they are
    const strip = (v: unknown) => ({ ...(v as object), results: undefined });
    if (isDeepStrictEqual(strip(before), strip(after))) return [...results, 'appendix.xlsx'];
  }
  return all;
}

export async function watch(dirs: string[], outRoot: string, print: (s: string) => void, signal?: AbortSignal): Promise<void> {
  const last = new Map<string, Map<string, unknown>>();
  const snapshot = (dir: string) => {
    const { raw } = checkDataset(dir);
    last.set(dir, new Map([...raw.json].map(([rel, f]) => [rel, f.value])));
  };
  for (const dir of dirs) {
    const r = await buildDataset(dir, outRoot, { log: () => {} });
    for (const p of r.problems) print(formatProblem(p, path.basename(dir)));
    snapshot(dir);
    print(`${path.basename(dir)}: ${hasErrors(r.problems) ? '誤りがあります' : `${r.files.length} 件を作成（${r.timings.totalMs} ms）`}`);
  }

  const pending = new Map<string, Set<string>>(); // data set dir → changed relative paths
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const flush = () => {
    const work = new Map(pending);
    pending.clear();
    running = running.then(async () => {
      for (const [dir, rels] of work) {
        const t0 = performance.now();
        const { model, problems, raw } = checkDataset(dir);
        if (!model || hasErrors(problems)) {
          for (const p of problems) print(formatProblem(p, path.basename(dir)));
          print(`${path.basename(dir)}: 誤りがあるため作成しません（前回の出力はそのままです）`);
          continue;
        }
        const all = documentNames(model);
        const before = last.get(dir) ?? new Map();
        const only = new Set<string>();
        for (const rel of rels) for (const d of affected(rel, before.get(rel), raw.json.get(rel)?.value, all)) if (all.includes(d)) only.add(d);
        last.set(dir, new Map([...raw.json].map(([rel, f]) => [rel, f.value])));
        if (only.size === 0) continue;
        const r = await buildDataset(dir, outRoot, { log: () => {}, only });
        for (const p of r.problems) print(formatProblem(p, path.basename(dir)));
        print(`${path.basename(dir)}: 再作成 ${r.files.map((f) => path.basename(f.file)).join('、')}（${Math.round(performance.now() - t0)} ms）`);
      }
    }).catch((e) => print(`内部エラー: ${e?.stack ?? e}`));
  };
  const note = (dir: string | undefined, rel: string) => {
    for (const d of dir ? [dir] : dirs) {
      if (!pending.has(d)) pending.set(d, new Set());
      pending.get(d)!.add(rel);
    }
    clearTimeout(timer);
    timer = setTimeout(flush, 150);
  };
  const watchers = [
    ...dirs.map((dir) =>
      fsWatch(dir, { recursive: true }, (_e, f) => {
        if (!f) return;
        const rel = f.toString().split(path.sep).join('/');
        if (!/\.(json|hbs|md|png|jpe?g|svg)$/i.test(rel) || path.basename(rel).startsWith('.')) return;
        if (!existsSync(path.join(dir, rel)) && !rel.endsWith('.json')) return;
        note(dir, rel);
      }),
    ),
    fsWatch(TEMPLATE_DIR, (_e, f) => f && f.toString().endsWith('.hbs') && note(undefined, `templates/${f}`)),
  ];
  print('変更を待っています（終了は Ctrl+C）');
  await new Promise<void>((resolveDone) => {
    const stop = () => {
      watchers.forEach((w) => w.close());
      clearTimeout(timer);
      resolveDone();
    };
    signal?.addEventListener('abort', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running;
}

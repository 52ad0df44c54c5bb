// watch: rebuilds only the documents a change affects, in one long-lived process (fonts,
// modules and pdfmake stay loaded). A change that fails validation prints its problems and
// leaves the last good outputs in place.
import { watch as fsWatch, readdirSync, readFileSync, type FSWatcher } from 'node:fs';
import { createHash } from 'node:crypto';
import type { RawDataset } from '../load/index.js';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildDataset, checkDataset, documentNames } from '../pipeline.js';
import { WEB, DATA } from '../document-names.js';
import { formatProblem, hasErrors } from '../problem.js';
import { TEMPLATE_DIR } from '../templates/index.js';
import { errorText } from '../error-text.js';
import { droppedLine } from '../write/explain.js';

/** A data set's folder in a problem's place, as build names it: from where the command was typed, so the path opens from there. */
const shownDir = (dir: string) => path.relative(process.cwd(), dir) || dir;
import { wordsOf } from '../templates/words.js';

const words = wordsOf('commands');

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

/**
 * Every input file of a data set by relative path, with its content (figures by hash), and each
 * file the loader refused (a link, a pipe…) as `!path`: a link put in or taken away is a change too.
 */
function contents(raw: RawDataset): Map<string, string> {
  const m = new Map<string, string>();
  for (const [rel, f] of raw.json) m.set(rel, f.text);
  for (const [rel, t] of raw.texts) m.set(rel, t);
  for (const [rel, b] of raw.figures) m.set(rel, createHash('sha256').update(b).digest('hex'));
  for (const p of raw.problems) if (p.severity === 'error' && p.file) m.set(`!${p.file}`, p.message);
  return m;
}

/** A folder and every folder below it, links not followed (a link to / would walk the whole disk). */
export function foldersUnder(dir: string): string[] {
  const out = [dir];
  for (let i = 0; i < out.length; i++) {
    const dir = out[i]!; // i is within the loop's bound
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // gone or unreadable meanwhile: the data set's check says what is wrong
    }
    // isDirectory() of a Dirent is false for a link, whatever it points to
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) out.push(path.join(dir, e.name));
  }
  return out;
}

function templateContents(): Map<string, string> {
  return new Map(
    readdirSync(TEMPLATE_DIR)
      .filter((f) => f.endsWith('.hbs'))
      .map((f) => [`templates/${f}`, readFileSync(path.join(TEMPLATE_DIR, f), 'utf8')]),
  );
}

/** What differs between two snapshots (added, removed or changed). */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** The clock time a live console line starts with (HH:MM:SS, local time). */
export function clock(d = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export async function watch(dirs: string[], outRoot: string, printLine: (s: string) => void, signal?: AbortSignal, debug = false): Promise<void> {
  // a live console, not a document: every line says when it was printed
  const print = (s: string) =>
    printLine(
      s
        .split('\n')
        .map((l) => `${clock()} ${l}`)
        .join('\n'),
    );
  // what a data set looked like when its check last failed: saving it back to the content last
  // built is a change too (it clears the error), though it does not differ from that content
  const failedAt = new Map<string, Map<string, string>>();
  // what each data set looked like at its last build: a change is whatever differs now, so
  // editors that save by writing a new file and renaming it are seen like any other
  const last = new Map<string, { files: Map<string, string>; values: Map<string, unknown> }>();
  let templates = templateContents();
  const remember = (dir: string, raw: RawDataset) => last.set(dir, { files: contents(raw), values: new Map([...raw.json].map(([rel, f]) => [rel, f.value])) });
  for (const dir of dirs) {
    const checked = checkDataset(dir);
    const r = await buildDataset(dir, outRoot, { log: () => {}, checked });
    for (const p of r.problems) print(formatProblem(p, shownDir(dir)));
    // a data set not built at the start is built whole once it passes (its outputs are of an older state)
    if (hasErrors(r.problems)) failedAt.set(dir, contents(checked.raw));
    else remember(dir, checked.raw);
    print(
      hasErrors(r.problems)
        ? words('watch-errors', { label: path.basename(dir) })
        : words('watch-built', { label: path.basename(dir), files: r.files.length, ms: r.timings.totalMs }),
    );
  }

  // one watcher per folder: a folder's watcher survives files replaced by rename, which
  // Node's recursive watcher on Linux was seen to lose after the first such save. Folders made
  // later are watched from the event that made them on; links are never followed.
  const watchers = new Map<string, FSWatcher>();
  const watchFolders = () => {
    const now = new Set([TEMPLATE_DIR, ...dirs.flatMap(foldersUnder)]);
    for (const [f, w] of watchers)
      if (!now.has(f)) {
        w.close();
        watchers.delete(f);
      }
    for (const f of now) {
      if (watchers.has(f)) continue;
      try {
        const w = fsWatch(f, poke);
        // a folder removed under its watcher: dropped here, and again looked for at the next change
        w.on('error', () => (w.close(), watchers.delete(f)));
        watchers.set(f, w);
      } catch {
        /* removed between the listing and the watch */
      }
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const flush = () => {
    running = running
      .then(async () => {
        watchFolders();
        const nowTemplates = templateContents();
        const templateChanges = changed(templates, nowTemplates);
        templates = nowTemplates;
        for (const dir of dirs) {
          const t0 = performance.now();
          const checked = checkDataset(dir);
          const { model, problems, raw } = checked;
          // undefined: not built yet in this session (it failed at the start)
          const before = last.get(dir);
          const now = contents(raw);
          const broken = failedAt.get(dir);
          let rels = [...changed(before?.files ?? broken!, now), ...templateChanges];
          if (rels.length === 0 && broken && before) rels = changed(broken, now);
          if (rels.length === 0) continue;
          if (!model || hasErrors(problems)) {
            failedAt.set(dir, now);
            for (const p of problems) print(formatProblem(p, shownDir(dir)));
            print(words('watch-refused', { label: path.basename(dir) }));
            continue;
          }
          failedAt.delete(dir);
          const all = documentNames(model);
          const documents = new Set<string>(before ? [] : all);
          if (before)
            for (const rel of rels) for (const d of affected(rel, before.values.get(rel), raw.json.get(rel)?.value, all)) if (all.includes(d)) documents.add(d);
          remember(dir, raw);
          if (documents.size === 0) continue;
          // the web edition and the open data show every document: made again with any of them
          const only = new Set([...documents, WEB, DATA]);
          const r = await buildDataset(dir, outRoot, { log: () => {}, only, checked });
          for (const p of r.problems) print(formatProblem(p, shownDir(dir)));
          if (r.dropped?.length) print(droppedLine(r.id ?? path.basename(dir), r.dropped));
          const each = r.timings.documents.filter((d) => documents.has(d.name)).map((d) => `${d.name} ${d.composeMs + d.renderMs} ms`);
          print(
            words('watch-rebuilt', {
              label: path.basename(dir),
              files: r.files.map((f) => path.basename(f.file)).join('、'),
              ms: Math.round(performance.now() - t0),
              timings: each.join('、'),
            }),
          );
        }
      })
      .catch((e) => print(errorText(e, debug).text));
  };
  const poke = () => {
    // a new folder is watched at once: a file written in it before the flush is seen by the check
    watchFolders();
    clearTimeout(timer);
    timer = setTimeout(flush, 150);
  };
  watchFolders();
  print(words('watch-waiting'));
  await new Promise<void>((resolveDone) => {
    const stop = () => {
      watchers.forEach((w) => w.close());
      watchers.clear();
      clearTimeout(timer);
      resolveDone();
    };
    signal?.addEventListener('abort', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running;
}

// What the commands share: the data sets a command works on, problems printed one way, the
// places every command reads (kept apart from where it writes), progress lines.
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { PROJECT_ROOT } from '../paths.js';
import { problemLines } from '../problem.js';
import { cliWords } from '../cli-options.js';
import { createHandlebars, Wording } from '../templates/index.js';
import type { Read } from '../write/places.js';
import { UsageError, type Args } from './args.js';

export const ROOT = PROJECT_ROOT;

let words: Wording | undefined;
/** What the commands say when they end or refuse (templates/commands.hbs). */
export const commandWords = () => (words ??= Wording.load(createHandlebars({}), 'commands'));

/** Progress on stderr, unless --quiet. */
export const logOf = (a: Args) => (s: string) => {
  if (!a.quiet) process.stderr.write(s + '\n');
};

/** The data sets in the folders of `root` (a data set is a folder holding dataset.json). */
const setsIn = (root: string) =>
  existsSync(root)
    ? readdirSync(root)
        .filter((d) => existsSync(path.join(root, d, 'dataset.json')))
        .sort()
        .map((d) => path.join(root, d))
    : [];

export function datasetsOf(a: Args): string[] {
  if (a.data) {
    // a data set, or a folder of data sets as data/ is (a folder with neither: load says what is missing)
    const dir = path.resolve(a.data);
    if (existsSync(path.join(dir, 'dataset.json'))) return [dir];
    const sets = setsIn(dir);
    return sets.length ? sets : [dir];
  }
  const found = setsIn(path.join(ROOT, 'data'));
  if (found.length === 0) throw new UsageError(cliWords().get('no-datasets'));
  return found;
}

/** The problems as printed: many warnings of one kind are counted after the first few (src/problem.ts). */
export function printProblems(problems: Parameters<typeof problemLines>[0], label: string | undefined, data: string): void {
  const more = (group: string, rest: number) => cliWords().get(`more-${group.replace(/-\d+$/, '')}`, { rest, westernYear: group.replace(/^\D+-/, ''), data });
  for (const line of problemLines(problems, label, more)) process.stderr.write(line + '\n');
}

/** A book in the output folder (an absolute path) is named from here, not under the data set. */
export const inOutputFolder = (problems: Parameters<typeof problemLines>[0]) =>
  problems.map((p) => (path.isAbsolute(p.file) ? { ...p, file: path.relative(process.cwd(), p.file), base: '' } : p));

/** What every command reads, to be kept apart from every place it writes (src/write/places.ts). */
export const dataRead = (dirs: string[]): Read[] => dirs.map((d) => ({ path: d, what: commandWords().get('read-dataset') }));

/** Two data sets of one run with one id would write one output folder: refused, naming both. */
export async function sameIds(dirs: string[]): Promise<boolean> {
  const { sharedIds } = await import('../dataset-ids.js');
  const shared = sharedIds(dirs);
  for (const s of shared)
    process.stderr.write(cliWords().get('shared-id', { id: s.id, dirs: s.dirs.map((d) => path.relative(process.cwd(), d) || d).join('、') }) + '\n');
  return shared.length > 0;
}

// npm run new-plan: Makes the next plan's data set from the current one.
import { isoDateMeant } from '../date-meant.js';
import path from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { hasErrors } from '../problem.js';
import { guardPlaces } from '../write/places.js';
import { printProblems, dataRead, commandWords } from './common.js';
import { UsageError, type Args } from './args.js';

/** --carry: ids separated by commas, or a file holding one id a line (blank lines and # lines skipped). */
function carriedIds(value: string): string[] {
  const fromFile = existsSync(value) && statSync(value).isFile();
  const items = fromFile
    ? readFileSync(value, 'utf8')
        .split(/\r?\n/)
        .filter((l) => !l.trim().startsWith('#'))
    : value.normalize('NFKC').split(',');
  // an id may be written as its file name
  return [
    ...new Set(
      items
        .map((s) =>
          // full-width digits and commas as typed with a Japanese IME (「１０２」): NFKC makes them half-width
          s
            .normalize('NFKC')
            .trim()
            .replace(/^\uFEFF/, '')
            .replace(/^initiatives\//, '')
            .replace(/\.json$/, ''),
        )
        .filter(Boolean),
    ),
  ];
}

export default async function run(a: Args): Promise<number> {
  if (!a.from || !a.period || !a.date || !a.id || !a.out) throw new UsageError(commandWords().get('need-new-plan'));
  const { newPlan, parsePeriod } = await import('../plan/new-plan.js');
  const { numberTable } = await import('../plan/table.js');
  const { planWords } = await import('../plan/words.js');
  const { isIsoDate } = await import('../iso-date.js');
  const w = planWords();
  const period = parsePeriod(a.period);
  if (!period) throw new UsageError(w.get('new-plan-period', { value: a.period }));
  if (!isIsoDate(a.date)) throw new UsageError(w.get('new-plan-date', { value: a.date, meant: isoDateMeant(a.date) }));
  const from = path.resolve(a.from);
  const out = path.resolve(a.out);
  // the new set's own folder already there is told by new-plan itself (「すでにあります」); the folder it goes in
  // must lie in no data set
  guardPlaces([path.join(out, a.id), path.join(out, `.${a.id}`)], dataRead([from]), { intoData: true });
  guardPlaces([out], []);
  const carry = a.carry === undefined ? undefined : carriedIds(a.carry);
  if (carry && carry.length === 0) throw new UsageError(w.get('new-plan-carry-empty'));
  if (carry) {
    const { loadDataset } = await import('../load/index.js');
    const { nearest } = await import('../nearest.js');
    const known = [...loadDataset(from).json.keys()].filter((k) => k.startsWith('initiatives/')).map((k) => k.slice('initiatives/'.length, -'.json'.length));
    // every id not there, each with the one probably meant: "99" for "099" (ids that are numbers are often written without their zeros)
    const unknown = carry.filter((id) => !known.includes(id));
    const guess = (id: string) => (/^\d+$/.test(id) ? known.find((k) => /^\d+$/.test(k) && Number(k) === Number(id)) : undefined) ?? nearest(id, known);
    if (unknown.length) throw new UsageError(unknown.map((id) => w.get('new-plan-carry-unknown', { id, from: a.from, guess: guess(id) })).join('\n'));
  }
  const r = newPlan({ from, period, date: a.date, id: a.id, out, carry });
  if (r.usage) throw new UsageError(r.usage);
  printProblems(r.problems, a.from, a.from);
  if (hasErrors(r.problems) || !r.folder) return 1;
  const say = (s: string) => process.stdout.write(s + '\n');
  const shownPath = path.relative(process.cwd(), r.folder) || r.folder;
  say(w.get('new-plan-made', { folder: shownPath, from: period.from, to: period.to, carried: r.carried.length, left: r.left.length }));
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
  if (r.departments) say(w.get('new-plan-departments', { count: r.departments.length, departments: r.departments.join('、') }));
  say(w.get('new-plan-next', { markers: r.marked.length, marker: w.get('marker'), from: period.from, to: period.to, planDate: a.date, folder: shownPath }));
  return 0;
}

// The command line of one command, parsed with node:util's parseArgs from the one option table
// (cli-options.ts: what --help prints): an option the command does not take is refused by name
// with the ones it takes, a value option without its value is told, and the rest are positionals.
import { parseArgs } from 'node:util';
import { VALUE_OPTIONS, cliWords, optionsOf, unknownOption } from '../cli-options.js';
import { onlyName } from '../document-names.js';
import { westernYear } from '../era/parse.js';

export interface Args {
  command: string;
  data?: string;
  out?: string;
  only?: string[];
  against?: string;
  fiscalYear?: number;
  correction?: boolean;
  whole?: boolean;
  yes?: boolean;
  dryRun?: boolean;
  label?: string;
  date?: string;
  published?: string;
  from?: string;
  period?: string;
  id?: string;
  carry?: string;
  quiet: boolean;
  json: boolean;
  debug: boolean;
  rest: string[];
}

/** A mistake on the command line: said with the command's help, exit code 2. */
export class UsageError extends Error {}

const camel = (option: string) => option.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

export function parseCommandArgs(argv: string[]): Args {
  const command = argv[0] ?? '';
  const mine = optionsOf(command) ?? [];
  const options = Object.fromEntries(mine.map((o) => [o.slice(2), { type: VALUE_OPTIONS.includes(o) ? ('string' as const) : ('boolean' as const) }]));
  // not strict: every option is checked here against the table, with the project's own words
  const { tokens } = parseArgs({ args: argv.slice(1), options, strict: false, allowPositionals: true, tokens: true });
  const a: Args = { command, quiet: false, json: false, debug: false, rest: [] };
  const w = cliWords();
  for (const t of tokens) {
    if (t.kind === 'positional') a.rest.push(t.value);
    if (t.kind !== 'option') continue;
    const option = t.rawName.startsWith('--') ? `--${t.name}` : t.rawName;
    if (!mine.includes(option)) throw new UsageError(unknownOption(command, option));
    if (!VALUE_OPTIONS.includes(option)) {
      (a as unknown as Record<string, unknown>)[camel(option)] = true;
      continue;
    }
    const value = t.value;
    // `--data --out x`: the next option taken for a value
    if (value === undefined || value.startsWith('--')) throw new UsageError(w.get('value-missing', { option }));
    if (value === '' && (option === '--data' || option === '--out')) throw new UsageError(w.get('folder-missing'));
    if (option === '--fiscal-year') {
      a.fiscalYear = Number(value);
      // 「H30」「平成30年度」「R1」 as forms write it: the Western year is suggested (the form of `validate`'s messages)
      if (!/^\d+$/.test(value) || !Number.isInteger(a.fiscalYear)) throw new UsageError(w.get('fiscal-year-form', { meant: westernYear(value), value }));
    } else if (option === '--only') {
      // 「plan-booklet.pdf, web」「plan-booklet.pdf web」「…、web」 as people type a list (no document name holds a space); nothing named is no value
      a.only = value
        .split(/[\s,、，]+/)
        .map((n) => n.trim())
        .filter(Boolean)
        .map(onlyName);
      if (a.only.length === 0) throw new UsageError(w.get('value-missing', { option }));
    } else (a as unknown as Record<string, unknown>)[camel(option)] = value;
  }
  return a;
}

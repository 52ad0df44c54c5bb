// The options each command takes: what --help prints (wording in templates/cli.hbs) and what a
// mistyped option is compared with.
import path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { createHandlebars, Wording } from './templates/index.js';
import { nearest } from './nearest.js';

/** options followed by a value */
export const VALUE_OPTIONS = [
  '--data',
  '--out',
  '--against',
  '--only',
  '--fiscal-year',
  '--label',
  '--date',
  '--published',
  '--from',
  '--period',
  '--id',
  '--carry',
];

export const COMMAND_OPTIONS: Record<string, string[]> = {
  build: ['--data', '--out', '--only', '--quiet', '--json', '--debug'],
  validate: ['--data', '--quiet', '--debug'],
  schema: ['--debug'],
  watch: ['--data', '--out', '--debug'],
  'new-year': ['--data', '--fiscal-year', '--debug'],
  errata: ['--data', '--against', '--date', '--out', '--published', '--quiet', '--debug'],
  publish: ['--data', '--label', '--date', '--out', '--published', '--quiet', '--debug'],
  'survey-export': ['--data', '--fiscal-year', '--out', '--quiet', '--debug'],
  'survey-import': ['--data', '--fiscal-year', '--correction', '--quiet', '--debug'],
  'survey-status': ['--data', '--fiscal-year', '--out', '--quiet', '--debug'],
  'plan-export': ['--data', '--out', '--whole', '--quiet', '--debug'],
  'plan-import': ['--data', '--dry-run', '--yes', '--correction', '--published', '--quiet', '--debug'],
  renumber: ['--data', '--dry-run', '--correction', '--published', '--debug'],
  'indicators-convert': ['--data', '--yes', '--debug'],
  'new-plan': ['--from', '--period', '--date', '--id', '--out', '--carry', '--debug'],
};

/** A command's options, undefined for what is no command: own keys only (`toString` names none). */
export const optionsOf = (command: string): string[] | undefined => (Object.hasOwn(COMMAND_OPTIONS, command) ? COMMAND_OPTIONS[command] : undefined);

const HELP = ['--help', '-h'];
let words: Wording | undefined;
export const cliWords = () => (words ??= Wording.load(createHandlebars({}), 'cli'));

export const wantsHelp = (argv: string[]) => argv.slice(1).some((a) => HELP.includes(a)) || HELP.includes(argv[0] ?? '');

/** The help of one command (its options, in Japanese), or of all commands. */
export function helpText(command: string): string {
  const w = cliWords();
  const options = optionsOf(command);
  if (!options) return w.get('usage');
  const lines = [w.get(`help-${command}`), '', w.get('options')];
  // an option means something of its own in some commands (survey-status --out is a file)
  for (const o of options) lines.push(`  ${o.padEnd(15)} ${w.get(w.has(`opt-${command}${o}`) ? `opt-${command}${o}` : `opt${o}`)}`);
  lines.push(`  ${'--help, -h'.padEnd(15)} ${w.get('opt--help')}`);
  return lines.join('\n');
}

/** Why an option is refused: unknown (with the nearest known one), or not one of this command's. */
export function unknownOption(command: string, option: string): string {
  const w = cliWords();
  const mine = optionsOf(command) ?? [];
  const all = new Set(Object.values(COMMAND_OPTIONS).flat());
  if (all.has(option)) return w.get('not-for-command', { option, command, options: mine.join('、') });
  const guess = nearest(option, mine) ?? nearest(option, all);
  return w.get('unknown-option', { option, guess });
}

/** The npm script that runs a command (package.json: "survey:status" runs survey-status). */
export const scriptOf = (command: string) => command.replace(/^(survey|plan|indicators)-/, '$1:');

/**
 * `--data` given a file (dataset.json itself, an initiative's file) where a data set's folder is
 * meant: the message, naming the folder that holds it where there is one (else undefined).
 */
export function dataIsFile(given: string | undefined): string | undefined {
  if (!given) return undefined;
  const at = path.resolve(given);
  if (!existsSync(at) || statSync(at).isDirectory()) return undefined;
  const set = [path.dirname(at), path.dirname(path.dirname(at))].find((d) => existsSync(path.join(d, 'dataset.json')));
  return cliWords().get('data-is-file', { given, folder: set && (path.relative(process.cwd(), set) || '.') });
}

/**
 * The folder the user typed the command in, where it differs from the one it runs in: npm runs a
 * script in the tool's folder, and says where it was typed in INIT_CWD. A relative path the user
 * gives (`--data fukushima-ict-strategy` typed in data/) is meant from there.
 */
export function typedIn(command: string, env: NodeJS.ProcessEnv): string | undefined {
  return env.npm_lifecycle_event === scriptOf(command) && env.INIT_CWD ? env.INIT_CWD : undefined;
}

/** Commands that take a bare argument (survey-import, plan-import: the folder of returned workbooks). */
const TAKES_BARE = new Set(['survey-import', 'plan-import']);

/**
 * Options npm kept for itself: `npm run validate --data x` (no `--` after the script name) gives
 * the tool only `x`, and npm sets npm_config_data=true (with `--data=x`, npm_config_data=x and the
 * tool gets nothing). Read only when this command is the npm script being run, so that the npm
 * variables of an outer script (a test runner started by npm) are not taken for it.
 */
export function npmKept(command: string, env: NodeJS.ProcessEnv): string[] {
  const options = optionsOf(command);
  if (!options || env.npm_lifecycle_event !== scriptOf(command)) return [];
  // set and not empty: a machine may carry an empty npm_config_yes of its own (seen here), which npm did not take from this command line
  return options.filter((o) => (env[`npm_config_${o.slice(2).replace(/-/g, '_')}`] ?? '') !== '');
}

// the form of a value, for putting a bare argument back after the option npm kept
const VALUE_FORM: Record<string, RegExp> = { '--fiscal-year': /^\d{4}$/, '--date': /^\d{4}-\d{2}(-\d{2})?$/ };

/** The command line the user meant, with `--` after the script name. */
function meant(command: string, kept: string[], bare: string[], env: NodeJS.ProcessEnv): string {
  const rest = [...bare];
  // an option with a form takes the first argument of that form; the others, the first of none
  const formless = (a: string) => !Object.values(VALUE_FORM).some((f) => f.test(a));
  const take = (o: string) => {
    const i = rest.findIndex((a) => (VALUE_FORM[o] ? VALUE_FORM[o].test(a) : formless(a)));
    return i < 0 ? '<…>' : rest.splice(i, 1)[0];
  };
  const words = [`npm run ${scriptOf(command)} --`];
  for (const o of kept) {
    const v = env[`npm_config_${o.slice(2).replace(/-/g, '_')}`]!;
    words.push(!VALUE_OPTIONS.includes(o) ? o : `${o} ${v === 'true' || v === '' ? take(o) : v}`);
  }
  return [...words, ...rest].join(' ');
}

/** Why the arguments are refused before anything runs, if they are: options npm kept, or bare arguments. */
export function forgottenDashes(command: string, kept: string[], bare: string[], env: NodeJS.ProcessEnv): string | undefined {
  const w = cliWords();
  if (kept.length) return w.get('npm-kept', { options: kept.join('、'), meant: meant(command, kept, bare, env), script: scriptOf(command) });
  const options = optionsOf(command);
  if (!bare.length || TAKES_BARE.has(command) || !options) return undefined;
  const takesData = options.includes('--data');
  return w.get('bare-argument', {
    arg: bare[0],
    command,
    meant: takesData ? `npm run ${scriptOf(command)} -- --data ${bare[0]}` : undefined,
    script: scriptOf(command),
  });
}

// The options each command takes: what --help prints (wording in templates/cli.hbs) and what a
// mistyped option is compared with.
import { createHandlebars, Wording } from './templates/index.js';
import { nearest } from './nearest.js';

/** options followed by a value */
export const VALUE_OPTIONS = ['--data', '--out', '--against', '--only', '--fiscal-year', '--label', '--date', '--published', '--from', '--period', '--id', '--carry'];

export const COMMAND_OPTIONS: Record<string, string[]> = {
  build: ['--data', '--out', '--only', '--quiet', '--json', '--debug'],
  validate: ['--data', '--quiet', '--debug'],
  schema: ['--debug'],
  watch: ['--data', '--out', '--debug'],
  'new-year': ['--data', '--fiscal-year', '--debug'],
  errata: ['--data', '--against', '--out', '--published', '--quiet', '--debug'],
  publish: ['--data', '--label', '--date', '--out', '--published', '--quiet', '--debug'],
  'survey-export': ['--data', '--fiscal-year', '--out', '--quiet', '--debug'],
  'survey-import': ['--data', '--fiscal-year', '--correction', '--quiet', '--debug'],
  'survey-status': ['--data', '--fiscal-year', '--out', '--quiet', '--debug'],
  renumber: ['--data', '--dry-run', '--correction', '--published', '--debug'],
  'new-plan': ['--from', '--period', '--date', '--id', '--out', '--carry', '--debug'],
};

const HELP = ['--help', '-h'];
let words: Wording | undefined;
export const cliWords = () => (words ??= Wording.load(createHandlebars({}), 'cli'));

export const wantsHelp = (argv: string[]) => argv.slice(1).some((a) => HELP.includes(a)) || HELP.includes(argv[0] ?? '');

/** The help of one command (its options, in Japanese), or of all commands. */
export function helpText(command: string): string {
  const w = cliWords();
  if (!(command in COMMAND_OPTIONS)) return w.get('usage');
  const lines = [w.get(`help-${command}`), '', w.get('options')];
  for (const o of COMMAND_OPTIONS[command]) lines.push(`  ${o.padEnd(15)} ${w.get(`opt${o}`)}`);
  lines.push(`  ${'--help, -h'.padEnd(15)} ${w.get('opt--help')}`);
  return lines.join('\n');
}

/** Why an option is refused: unknown (with the nearest known one), or not one of this command's. */
export function unknownOption(command: string, option: string): string {
  const w = cliWords();
  const mine = COMMAND_OPTIONS[command] ?? [];
  const all = new Set(Object.values(COMMAND_OPTIONS).flat());
  if (all.has(option)) return w.get('not-for-command', { option, command, options: mine.join('、') });
  const guess = nearest(option, mine) ?? nearest(option, all);
  return w.get('unknown-option', { option, guess });
}

// The command line: help, the arguments, then the command's own module (src/commands/<name>.ts),
// loaded when used so that every command starts quickly. Sets the exit code.
// Exit codes: 0 ok (warnings allowed), 1 data errors, 2 usage, 3 internal error, 4 the output cannot be written.
// Its one Japanese string stays in code: the last word when even the error text and its wording cannot be loaded.
import './v8-tiering.js';
import './code-cache-install.js';
import { existsSync } from 'node:fs';
import { cliWords, dataIsFile, forgottenDashes, helpText, npmKept, typedIn, wantsHelp } from './cli-options.js';
import { UsageError, parseCommandArgs, type Args } from './commands/args.js';

type Command = () => Promise<{ default: (a: Args) => Promise<number> }>;
const COMMANDS: Record<string, Command> = {
  validate: () => import('./commands/validate.js'),
  build: () => import('./commands/build.js'),
  watch: () => import('./commands/watch.js'),
  'survey-export': () => import('./commands/survey-export.js'),
  'survey-import': () => import('./commands/survey-import.js'),
  'survey-status': () => import('./commands/survey-status.js'),
  'plan-export': () => import('./commands/plan-export.js'),
  'plan-import': () => import('./commands/plan-import.js'),
  'indicators-convert': () => import('./commands/indicators-convert.js'),
  errata: () => import('./commands/errata.js'),
  publish: () => import('./commands/publish.js'),
  'new-year': () => import('./commands/new-year.js'),
  renumber: () => import('./commands/renumber.js'),
  'new-plan': () => import('./commands/new-plan.js'),
  schema: () => import('./commands/schema.js'),
};

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(helpText(argv[0] ?? '') + '\n'); // no command: the help of all
    return 0;
  }
  const name = argv[0] ?? '';
  // own keys only: an Object method's name (toString) is no command
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(cliWords().get(argv[0] ? 'unknown-command' : 'no-command', { command: argv[0] }));
  const a = parseCommandArgs(argv);
  // a forgotten `--` after the npm script name: said before anything runs, never a silent run over all data sets
  const forgotten = forgottenDashes(a.command, npmKept(a.command, process.env), a.rest, process.env);
  if (forgotten) throw new UsageError(forgotten);
  // paths are read from where the command was typed (every path of the tool's own is absolute)
  const here = typedIn(a.command, process.env);
  if (here && here !== process.cwd() && existsSync(here)) process.chdir(here);
  // every command reads --data as a folder: a file there is said before anything is read
  const file = dataIsFile(a.data);
  if (file) throw new UsageError(file);
  return (await command()).default(a);
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

// How an error that ends a command is told: an output problem explained in Japanese (exit 4),
// anything else as an internal error (exit 3), with its stack trace only under --debug.
import { OutputError } from './write/output-error.js';
import { explainOutputProblem } from './write/explain.js';
import { wordsOf } from './templates/words.js';

const w = wordsOf('cli');

export function errorText(e: unknown, debug: boolean): { text: string; exitCode: number } {
  const err = e as Error | undefined;
  if (e instanceof OutputError) {
    let text: string;
    try {
      text = explainOutputProblem(e.problem);
    } catch {
      // the wording could not be read: the plain facts still name the path
      text = e.message;
    }
    return { text: debug ? `${text}\n${e.problem.detail}` : text, exitCode: 4 };
  }
  // a defect of the tool: the stack trace is for whoever fixes it, not for the user to read
  if (debug) return { text: w('internal-error', { error: err?.stack ?? e }), exitCode: 3 };
  return { text: `${w('internal-error', { error: err?.message ?? e })}\n${w('internal-error-debug')}`, exitCode: 3 };
}

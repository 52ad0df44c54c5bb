// What an import (survey:import, plan:import) first says about a run that stopped in the middle:
// its journal completed or its temporary files removed (warnings), or why it could not be, which
// stops the import (wording in templates/survey.hbs).
import type { Problem } from '../problem.js';
import { JOURNAL, type Recovery } from './commit.js';
import { wordsOf } from '../templates/words.js';

const w = wordsOf('survey');

export function recoveryReport(recovered: Recovery): { warnings: Problem[] } | { error: Problem; partial: string[] } {
  const list = (files: string[]) => files.join('、');
  if (recovered.kind === 'failed') {
    const message = recovered.kept
      ? w('err-recover-kept', { done: list(recovered.done), pending: list(recovered.pending), reason: w('io-reason', { code: recovered.reason }) })
      : w(recovered.reason === 'journal' ? 'err-recover-journal' : 'err-recover-lost', { done: list(recovered.done), pending: list(recovered.pending) });
    return { error: { severity: 'error', file: JOURNAL, message }, partial: recovered.done };
  }
  if (recovered.kind === 'none') return { warnings: [] };
  const key = recovered.kind === 'completed' ? 'note-completed' : 'note-rolled-back';
  return { warnings: [{ severity: 'warning', file: JOURNAL, message: w(key, { files: list(recovered.files) }) }] };
}

// The first two stages of every command that reads a data set: load (inside the set only) and
// validate, and a survey import stopped half way told as an error.
import type { RawDataset } from './load/index.js';
import { loadDataset } from './load/index.js';
import { validate } from './validate/index.js';
import type { Problem } from './problem.js';
import type { Model } from './model/schema.js';
import { JOURNAL, importPending, pendingCommand } from './survey/commit.js';
import { Wording, createHandlebars } from './templates/index.js';

export interface Checked {
  model?: Model;
  problems: Problem[];
  raw: RawDataset;
}

export function checkDataset(dir: string): Checked {
  const raw = loadDataset(dir);
  const checked = validate(raw);
  // a survey import stopped half way: the data holds some of its values and not others
  if (importPending(dir))
    checked.problems.unshift({
      severity: 'error',
      file: JOURNAL,
      message: Wording.load(createHandlebars({}), 'survey').get('err-import-pending', { command: pendingCommand(dir) }),
    });
  return { ...checked, raw };
}

// One wording file of templates/ as a function: `const w = wordsOf('validate'); w('name', { … })`.
// The file is read the first time a message is asked for, not when the module is imported.
import { createHandlebars, Wording } from './index.js';

export interface Words {
  (key: string, context?: object): string;
  has(key: string): boolean;
}

export function wordsOf(name: string): Words {
  let words: Wording | undefined;
  const load = () => (words ??= Wording.load(createHandlebars({}), name));
  return Object.assign((key: string, context: object = {}) => load().get(key, context), { has: (key: string) => load().has(key) });
}

// One wording file of templates/ as a function: `const w = wordsOf('validate'); w('name', { … })`.
// The file is read the first time a message is asked for, not when the module is imported.
import { createHandlebars, Wording } from './index.js';

export interface Words {
  (key: string, context?: object): string;
  has(key: string): boolean;
}

export function wordsOf(name: string): Words {
  const hb = createHandlebars({});
  let words: Wording | undefined;
  const load = () => (words ??= Wording.load(hb, name));
  const say = (key: string, context: object = {}) => {
    // {{year}} or {{each}} would call the helper of that name, not print the value
    const helper = Object.keys(context).find((k) => k in hb.helpers);
    if (helper) throw new Error(`templates/${name}.hbs "${key}": the value "${helper}" has the name of a helper; name it otherwise`);
    return load().get(key, context);
  };
  return Object.assign(say, { has: (key: string) => load().has(key) });
}

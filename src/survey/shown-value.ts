// A value as survey:import's lines show it (the change list and the warnings about cells alike).
import type { Wording } from '../templates/index.js';

/** A text quoted (its spaces show), a blank in words, 新規 as its mark (not `true`). */
export function shownValue(v: unknown, words: Wording): string {
  return v === null || v === undefined || v === false ? words.get('show-blank') : v === true ? words.get('show-new') : JSON.stringify(v);
}

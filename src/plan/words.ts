// The wording of the plan commands (renumber, new-plan) and of the checks they go with
// (templates/plan-numbers.hbs); loaded once, when first needed.
import { Wording, createHandlebars } from '../templates/index.js';

let words: Wording | undefined;
export const planWords = () => (words ??= Wording.load(createHandlebars({}), 'plan-numbers'));

/** 「（次期計画の本文に書き換えてください）」: the mark new-plan leaves in every text it carries,
 *  which validation reports, line by line, until it is gone. */
export const nextPlanMarker = () => planWords().get('marker');

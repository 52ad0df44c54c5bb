// The build's progress lines and its closing line (wording in templates/progress.hbs).
import { createHandlebars, Wording } from './templates/index.js';

let words: Wording | undefined;
export const progress = (name: string, context: object) => (words ??= Wording.load(createHandlebars({}), 'progress')).get(name, context);

// `{{page "initiative" "037"}}` and `{{figure "zu3"}}`: prose and templates name what they
// point at; the page number comes from the layout and the figure number from the reading
// order (see src/markdown/references.ts for how).
import type Handlebars from 'handlebars';
import { pageMarker, figureMarker } from '../markdown/references.js';

export function registerReferenceHelpers(hb: typeof Handlebars): void {
  // `{{page}}` alone is the page number a footer template is given, not a reference
  hb.registerHelper('page', function (this: { page?: unknown }, ...args: unknown[]) {
    return args.length < 3 ? this?.page : pageMarker(String(args[0]), String(args[1]));
  });
  hb.registerHelper('figure', (id: unknown) => figureMarker(String(id)));
}

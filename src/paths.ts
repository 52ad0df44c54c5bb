// Where the project's own folders are, whether the code runs from src/ (tsx, tests) or from
// the compiled dist/ (npm run build): the nearest folder above with package.json. Its message stays in
// code: without the project folder there is no templates/ to read it from.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let d = from; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json')) && existsSync(path.join(d, 'fonts'))) return d;
    if (path.dirname(d) === d) throw new Error('プロジェクトのフォルダ（package.json と fonts/）が見つかりません');
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
/** the Handlebars wording (.hbs) and the web edition's templates */
export const TEMPLATE_DIR = path.join(PROJECT_ROOT, 'templates');
/** the embedded fonts: committed, never taken from the machine */
export const FONT_DIR = path.join(PROJECT_ROOT, 'fonts');
/**
 * the usual home of a tool's caches: outside the output folder (which holds only what the tool
 * writes there) and outside dist/ and src/ (whose hash says whether the tool changed)
 */
export const CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'ict-plan-publisher');

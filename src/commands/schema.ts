// npm run schema: Writes the JSON Schemas of the data format for editors.
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ROOT, logOf, commandWords } from './common.js';
import type { Args } from './args.js';

export default async function run(a: Args): Promise<number> {
  const log = logOf(a);
  const dir = path.join(ROOT, 'schema');
  mkdirSync(dir, { recursive: true });
  const { jsonSchemas } = await import('../model/json-schema.js');
  for (const [name, text] of Object.entries(jsonSchemas())) writeFileSync(path.join(dir, name), text);
  log(commandWords().get('schema-done'));
  return 0;
}

// The JSON Schema for editors, generated from the zod schemas (the single definition).
// Written to schema/ so that each data file's "$schema" can point to it.
import * as z from 'zod';
import { DatasetSchema, InitiativeSchema, GlossarySchema, SitesSchema } from './schema.js';

export const SCHEMA_FILES: Record<string, z.ZodType> = {
  'dataset.schema.json': DatasetSchema,
  'initiative.schema.json': InitiativeSchema,
  'glossary.schema.json': GlossarySchema,
  'sites.schema.json': SitesSchema,
};

export function jsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
    out[name] = JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2) + '\n';
  }
  return out;
}

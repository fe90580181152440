import { z } from 'zod';
import { shiplineConfigSchema } from './schema.js';

/** The JSON Schema (draft 2020-12) of the configuration as users write it: defaults shown, not required. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(shiplineConfigSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return { ...schema, title: 'Shipline configuration' };
}

/** The schema as the exact text committed in schema/shipline.schema.json (2-space JSON, trailing newline). */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

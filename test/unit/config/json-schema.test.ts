import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, configJsonSchemaText } from '../../../lib/config/json-schema.js';
import { repoRoot } from '../../support/runner.js';

type JsonSchema = {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  default?: unknown;
};

/** Every object property in the schema, with its dotted path. */
function properties(schema: JsonSchema, path = ''): Array<[string, JsonSchema]> {
  const out: Array<[string, JsonSchema]> = [];
  for (const [key, value] of Object.entries(schema.properties ?? {})) {
    out.push([`${path}${key}`, value], ...properties(value, `${path}${key}.`));
  }
  if (schema.items) out.push(...properties(schema.items, `${path}[].`));
  if (typeof schema.additionalProperties === 'object')
    out.push(...properties(schema.additionalProperties, `${path}*.`));
  for (const option of schema.anyOf ?? []) out.push(...properties(option, path));
  return out;
}

describe('schema/shipline.schema.json', () => {
  it('matches a fresh export (run `npm run schema` after changing lib/config/schema.ts)', () => {
    const committed = readFileSync(join(repoRoot, 'schema', 'shipline.schema.json'), 'utf8');
    expect(committed).toBe(configJsonSchemaText());
  });

  it('describes every property and forbids unknown keys', () => {
    const schema = configJsonSchema() as JsonSchema;
    const all = properties(schema);
    expect(all.length).toBeGreaterThan(60);
    const undocumented = all.filter(([, s]) => !s.description).map(([p]) => p);
    expect(undocumented).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
  });

  it('shows defaults so editors can offer them', () => {
    const schema = configJsonSchema() as JsonSchema;
    const migrations = schema.properties?.supabase?.properties?.migrations?.properties;
    expect(migrations?.['lock-timeout']?.default).toBe('5s');
    expect(migrations?.['statement-timeout']?.default).toBe('15min');
  });
});

import { describe, expect, it } from 'vitest';
import { shiplineConfigSchema } from '../../../lib/config/schema.js';
import { allowedKeysAt, schemaAt } from '../../../lib/config/schema-walk.js';

describe('allowedKeysAt', () => {
  it('walks through defaults, records, arrays and transforms', () => {
    expect(allowedKeysAt(shiplineConfigSchema, [])).toContain('environments');
    expect(allowedKeysAt(shiplineConfigSchema, ['environments', 'anything'])).toEqual([
      'vercel-target',
      'url',
      'required-permission',
      'branch',
      'smoke',
    ]);
    expect(allowedKeysAt(shiplineConfigSchema, ['smoke', 'checks', 3, 'expect'])).toEqual([
      'status',
      'body-contains',
      'json',
      'header',
    ]);
    expect(allowedKeysAt(shiplineConfigSchema, ['validate', 'bundle', 0])).toEqual(['glob', 'max-total', 'max-gzip']);
  });

  it('returns nothing for paths that are not objects', () => {
    expect(allowedKeysAt(shiplineConfigSchema, ['version'])).toEqual([]);
    expect(allowedKeysAt(shiplineConfigSchema, ['nope', 'deeper'])).toEqual([]);
    expect(schemaAt(shiplineConfigSchema, ['nope'])).toBeUndefined();
  });
});

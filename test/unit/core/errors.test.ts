import { describe, expect, it } from 'vitest';
import { ConfigError, describeError, ShiplineError } from '../../../lib/core/errors.js';

describe('errors', () => {
  it('carry a code and a hint and keep their class name', () => {
    const e = new ConfigError('config_missing', 'No .github/shipline.yml', { hint: 'Create it.' });
    expect(e).toBeInstanceOf(ShiplineError);
    expect(e.name).toBe('ConfigError');
    expect(e.code).toBe('config_missing');
    expect(describeError(e)).toBe('No .github/shipline.yml\nHint: Create it.');
  });

  it('describe foreign errors and values', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError(42)).toBe('42');
  });
});

import { describe, expect, it } from 'vitest';
import { parseBooleanInput } from '../../../../actions/shared/boolean-input.js';
import { ConfigError } from '../../../../lib/core/errors.js';

describe('parseBooleanInput', () => {
  it('reads the YAML 1.2 core booleans and falls back on empty input', () => {
    expect(parseBooleanInput('dry-run', 'true', false)).toBe(true);
    expect(parseBooleanInput('dry-run', ' FALSE ', true)).toBe(false);
    expect(parseBooleanInput('dry-run', '', true)).toBe(true);
  });

  it('rejects anything else with the input name and a fix', () => {
    const error = (() => {
      try {
        parseBooleanInput('dry-run', 'yes', false);
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('Input dry-run must be true or false, got "yes"');
    expect(error.hint).toContain('dry-run: true');
  });
});

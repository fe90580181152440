import { ConfigError } from '../../lib/core/errors.js';

/** Parses a YAML 1.2 boolean input as the runner passes it; empty means `fallback`, anything else is an error. */
export function parseBooleanInput(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim();
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new ConfigError('input_invalid', `Input ${name} must be true or false, got ${JSON.stringify(value)}`, {
    hint: `Set \`${name}: true\` or \`${name}: false\` in the workflow step.`,
  });
}

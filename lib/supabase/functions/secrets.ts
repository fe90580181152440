/**
 * Edge-function secrets: names come from configuration (config.toml `[edge_runtime.secrets]` as `NAME = "env(VAR)"`,
 * and names the adapter adds, read from the variable of the same name), values from the environment the adapter
 * passes in as data. Every value is handed to `mask` before anything else happens, then all are set in one request.
 */
import type { Logger } from '../../core/logger.js';
import type { ManagementApi } from './api.js';
import type { SecretReference } from './config-toml.js';
import { EdgeFunctionError } from './errors.js';

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface SyncSecretsOptions {
  api: ManagementApi;
  ref: string;
  /** Which secrets to set and which variable holds each value. */
  references: SecretReference[];
  /** The environment, as data (lib never reads process.env). */
  env: Readonly<Record<string, string | undefined>>;
  /** Registers a value with the adapter's masker; called for every value before any request or log line. */
  mask: (value: string) => void;
  logger: Logger;
  /** Where the references came from, for error messages (e.g. `supabase/config.toml`). */
  source?: string;
}

/** Turns `NAME` or `NAME=VARIABLE` entries (an action input, one per line or comma-separated) into references. */
export function parseSecretList(text: string): SecretReference[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name = '', env = name] = entry.split('=').map((s) => s.trim());
      return { name, env };
    });
}

/** Sets every referenced secret in one bulk request; returns the names set. Refuses before any request when one is missing. */
export async function syncSecrets(options: SyncSecretsOptions): Promise<string[]> {
  const byName = new Map<string, SecretReference>();
  for (const ref of options.references) byName.set(ref.name, ref);
  if (byName.size === 0) return [];
  const where = options.source ? ` (from ${options.source})` : '';
  const values: Array<{ name: string; value: string }> = [];
  const missing: string[] = [];
  for (const { name, env } of byName.values()) {
    if (!SECRET_NAME.test(name) || name.startsWith('SUPABASE_')) {
      throw new EdgeFunctionError('secret_invalid', `Secret name ${name}${where} is not allowed`, {
        hint: 'Secret names are letters, digits and _, and may not start with SUPABASE_ (those are set by the platform).',
      });
    }
    const value = options.env[env];
    if (value === undefined || value === '') {
      missing.push(env === name ? name : `${name} (from ${env})`);
      continue;
    }
    options.mask(value);
    values.push({ name, value });
  }
  if (missing.length > 0) {
    throw new EdgeFunctionError(
      'secret_missing',
      `No value for secret(s) ${missing.join(', ')}${where}: the environment variable is unset or empty`,
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression shown to the user, not a template
        hint: 'Map each one from a repository secret in the workflow step: env: { NAME: ${{ secrets.NAME }} }.',
      },
    );
  }
  await options.api.setSecrets(options.ref, values);
  const names = values.map((v) => v.name).sort();
  options.logger.info(`Set ${names.length} secret(s): ${names.join(', ')}`);
  return names;
}

import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { ConfigError } from '../../lib/core/errors.js';
import type { SmokePhase } from '../../lib/smoke/record.js';
import { typedIO } from '../shared/typed-io.js';

/** Inputs of action.yml, in its order (a contract test compares them). */
export const INPUT_NAMES = [
  'url',
  'environment',
  'phase',
  'bypass-secret',
  'supabase-url',
  'supabase-anon-key',
  'database-url',
  'config',
  'working-directory',
  'github-token',
  'ledger-deployment-id',
] as const;

/** Outputs of action.yml, in its order. */
export const OUTPUT_NAMES = ['verdict', 'report', 'reason'] as const;

export const io = typedIO(INPUT_NAMES, OUTPUT_NAMES);

/** The smoke action's inputs, read once. */
export interface SmokeInputs {
  url: string;
  environment: string;
  phase: SmokePhase;
  /** Secret. */
  bypassSecret: string;
  supabaseUrl: string;
  /** Secret. */
  supabaseAnonKey: string;
  /** Secret. */
  databaseUrl: string;
  config: string;
  workingDirectory: string;
  /** Secret. */
  githubToken: string;
  ledgerDeploymentId: number | undefined;
}

/** Parses a positive integer input (a GitHub Deployment id); undefined when empty. */
export function deploymentIdInput(name: string, value: string): number | undefined {
  if (value === '') return undefined;
  if (!/^[1-9]\d*$/.test(value)) {
    throw new ConfigError(
      'input_invalid',
      `Input ${name} must be a GitHub Deployment id (a positive number), got "${value}"`,
      {
        hint: 'Pass the id of the release’s ledger deployment, or leave the input empty.',
      },
    );
  }
  return Number(value);
}

/** Reads every input once; empty inputs take the defaults documented in action.yml. */
export function getInputs(): SmokeInputs {
  const url = io.input('url');
  if (!/^https?:\/\/[^\s]+$/.test(url)) {
    throw new ConfigError('input_invalid', `Input url must be an http(s) URL, got "${url}"`, {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression shown to the user
      hint: 'Pass the deployment URL, e.g. url: ${{ steps.deploy.outputs.url }}',
    });
  }
  const phase = io.input('phase') || 'smoke-staged';
  if (phase !== 'smoke-staged' && phase !== 'smoke-production') {
    throw new ConfigError('input_invalid', `Input phase must be smoke-staged or smoke-production, got "${phase}"`, {
      hint: 'smoke-staged before the promote, smoke-production after it.',
    });
  }
  return {
    url,
    environment: io.input('environment') || 'production',
    phase,
    bypassSecret: io.input('bypass-secret'),
    supabaseUrl: io.input('supabase-url'),
    supabaseAnonKey: io.input('supabase-anon-key'),
    databaseUrl: io.input('database-url') || (process.env.SUPABASE_DB_URL ?? '').trim(),
    config: io.input('config') || DEFAULT_CONFIG_PATH,
    workingDirectory: io.input('working-directory') || '.',
    githubToken: io.input('github-token'),
    ledgerDeploymentId: deploymentIdInput('ledger-deployment-id', io.input('ledger-deployment-id')),
  };
}

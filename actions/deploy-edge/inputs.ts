import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { ConfigError } from '../../lib/core/errors.js';
import type { SecretReference } from '../../lib/supabase/functions/config-toml.js';
import { parseSecretList } from '../../lib/supabase/functions/secrets.js';
import { parseBooleanInput } from '../shared/boolean-input.js';
import { typedIO } from '../shared/typed-io.js';

/** Inputs of action.yml, in its order (a contract test compares them). */
export const INPUT_NAMES = [
  'project-ref',
  'access-token',
  'api-url',
  'working-directory',
  'config',
  'functions-dir',
  'environment',
  'github-token',
  'force',
  'prune',
  'concurrency',
  'secrets',
] as const;

/** Outputs of action.yml, in its order. */
export const OUTPUT_NAMES = ['deployed', 'skipped', 'versions', 'hashes'] as const;

export const io = typedIO(INPUT_NAMES, OUTPUT_NAMES);

/** The deploy-edge action's inputs, read once. */
export interface DeployEdgeInputs {
  /** Input, else SUPABASE_PROJECT_REF; empty = the configuration's supabase.project-ref. */
  projectRef: string;
  /** Secret: the input, else SUPABASE_ACCESS_TOKEN. */
  accessToken: string;
  apiUrl: string;
  workingDirectory: string;
  config: string;
  /** Empty = the configuration's supabase.functions-dir. */
  functionsDir: string;
  environment: string;
  /** Empty = no ledger lookup (every function deploys). */
  githubToken: string;
  force: boolean;
  prune: boolean;
  concurrency: number;
  secrets: SecretReference[];
}

/** Reads every input once (plus SUPABASE_* fallbacks); empty inputs take the documented defaults. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): DeployEdgeInputs {
  const accessToken = io.input('access-token') || (env.SUPABASE_ACCESS_TOKEN ?? '').trim();
  if (!accessToken) {
    throw new ConfigError(
      'input_missing',
      'No Supabase access token: set the access-token input or the SUPABASE_ACCESS_TOKEN environment variable',
      { hint: 'Create a personal access token in the Supabase dashboard and pass it from a repository secret.' },
    );
  }
  const concurrencyText = io.input('concurrency') || '4';
  const concurrency = Number(concurrencyText);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 20) {
    throw new ConfigError(
      'input_invalid',
      `Input concurrency must be a whole number from 1 to 20, got ${JSON.stringify(concurrencyText)}`,
      {
        hint: 'Set `concurrency: 4` (the default) or another small number; the Management API allows 120 requests a minute.',
      },
    );
  }
  return {
    projectRef: io.input('project-ref') || (env.SUPABASE_PROJECT_REF ?? '').trim(),
    accessToken,
    apiUrl: io.input('api-url') || (env.SUPABASE_API_URL ?? '').trim() || 'https://api.supabase.com',
    workingDirectory: io.input('working-directory') || '.',
    config: io.input('config') || DEFAULT_CONFIG_PATH,
    functionsDir: io.input('functions-dir'),
    environment: io.input('environment') || 'production',
    githubToken: io.input('github-token'),
    force: parseBooleanInput('force', io.input('force'), false),
    prune: parseBooleanInput('prune', io.input('prune'), false),
    concurrency,
    secrets: parseSecretList(io.input('secrets')),
  };
}

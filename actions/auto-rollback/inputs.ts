import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { ConfigError } from '../../lib/core/errors.js';
import { isReleaseVersion } from '../../lib/release/release.js';
import type { StepOutcome } from '../../lib/rollback/auto.js';
import { parseBooleanInput } from '../shared/boolean-input.js';
import { typedIO } from '../shared/typed-io.js';
import { deploymentIdInput } from '../smoke/inputs.js';

/** Inputs of action.yml, in its order (a contract test compares them). */
export const INPUT_NAMES = [
  'mode',
  'environment',
  'version',
  'deployment-id',
  'reason',
  'ledger-deployment-id',
  'lock-sha',
  'migrate-outcome',
  'deploy-outcome',
  'smoke-verdict',
  'smoke-report',
  'promoted',
  'config',
  'working-directory',
  'github-token',
  'vercel-token',
  'vercel-api-url',
  'supabase-access-token',
  'supabase-api-url',
  'supabase-project-ref',
  'bypass-secret',
  'supabase-url',
  'supabase-anon-key',
  'database-url',
  'verify',
] as const;

/** Outputs of action.yml, in its order. */
export const OUTPUT_NAMES = [
  'outcome',
  'reason',
  'rolled-back',
  'target-version',
  'rollback-deployment-id',
  'incident-url',
] as const;

export const io = typedIO(INPUT_NAMES, OUTPUT_NAMES);

const STEP_OUTCOMES = ['success', 'failure', 'cancelled', 'skipped', ''] as const;

function stepOutcome(name: string, value: string): StepOutcome {
  if ((STEP_OUTCOMES as readonly string[]).includes(value)) return value as StepOutcome;
  throw new ConfigError(
    'input_invalid',
    `Input ${name} must be success, failure, cancelled or skipped, got "${value}"`,
    {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression shown to the user
      hint: 'Wire it from the step: ${{ steps.migrate.outcome }}',
    },
  );
}

/** The auto-rollback action's inputs, read once. */
export interface AutoRollbackInputs {
  /** What the caller said it is: '' = infer from the finisher inputs. */
  mode: '' | 'finish-deploy' | 'rollback';
  environment: string;
  version?: string;
  deploymentId?: number;
  reason: string;
  /** True when any finisher input was given. */
  finisher: boolean;
  ledgerDeploymentId?: number;
  lockSha?: string;
  migrateOutcome: StepOutcome;
  deployOutcome: StepOutcome;
  smokeVerdict: string;
  smokeReport: string;
  promoted: boolean;
  config: string;
  workingDirectory: string;
  githubToken: string;
  vercelToken: string;
  vercelApiUrl: string;
  supabaseAccessToken: string;
  supabaseApiUrl: string;
  supabaseProjectRef: string;
  bypassSecret: string;
  supabaseUrl: string;
  supabaseAnonKey: string;
  databaseUrl: string;
  verify: boolean;
}

/** Reads every input once; refuses mixing manual and finisher inputs. */
export function getInputs(): AutoRollbackInputs {
  const version = io.input('version');
  if (version && !isReleaseVersion(version)) {
    throw new ConfigError('input_invalid', `Input version must look like v1.2.3 or sha-abc1234, got "${version}"`, {
      hint: 'Use a version the ledger lists (the bot’s /status shows them), or leave it empty for the last known-good.',
    });
  }
  const smokeVerdict = io.input('smoke-verdict');
  if (!['', 'pass', 'fail', 'inconclusive'].includes(smokeVerdict)) {
    throw new ConfigError(
      'input_invalid',
      `Input smoke-verdict must be pass, fail or inconclusive, got "${smokeVerdict}"`,
    );
  }
  const lockSha = io.input('lock-sha');
  if (lockSha && !/^[0-9a-f]{40}$/.test(lockSha)) {
    throw new ConfigError('input_invalid', `Input lock-sha must be a commit SHA, got "${lockSha}"`, {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression shown to the user
      hint: 'Pass the validate step’s output: ${{ steps.validate.outputs.lock-sha }}',
    });
  }
  const mode = io.input('mode');
  if (mode !== '' && mode !== 'finish-deploy' && mode !== 'rollback') {
    throw new ConfigError('input_invalid', `Input mode must be finish-deploy or rollback, got "${mode}"`, {
      hint: 'finish-deploy in deploy.yml’s last step, rollback in rollback.yml.',
    });
  }
  const inputs: AutoRollbackInputs = {
    mode,
    environment: io.input('environment') || 'production',
    reason: io.input('reason'),
    finisher: false,
    migrateOutcome: stepOutcome('migrate-outcome', io.input('migrate-outcome')),
    deployOutcome: stepOutcome('deploy-outcome', io.input('deploy-outcome')),
    smokeVerdict,
    smokeReport: io.input('smoke-report'),
    promoted: parseBooleanInput('promoted', io.input('promoted'), false),
    config: io.input('config') || DEFAULT_CONFIG_PATH,
    workingDirectory: io.input('working-directory') || '.',
    githubToken: io.input('github-token'),
    vercelToken: io.input('vercel-token'),
    vercelApiUrl: io.input('vercel-api-url') || 'https://api.vercel.com',
    supabaseAccessToken: io.input('supabase-access-token'),
    supabaseApiUrl: io.input('supabase-api-url') || 'https://api.supabase.com',
    supabaseProjectRef: io.input('supabase-project-ref'),
    bypassSecret: io.input('bypass-secret'),
    supabaseUrl: io.input('supabase-url'),
    supabaseAnonKey: io.input('supabase-anon-key'),
    databaseUrl: io.input('database-url') || (process.env.SUPABASE_DB_URL ?? '').trim(),
    verify: parseBooleanInput('verify', io.input('verify'), true),
  };
  if (version) inputs.version = version;
  const deploymentId = deploymentIdInput('deployment-id', io.input('deployment-id'));
  if (deploymentId !== undefined) inputs.deploymentId = deploymentId;
  const ledgerId = deploymentIdInput('ledger-deployment-id', io.input('ledger-deployment-id'));
  if (ledgerId !== undefined) inputs.ledgerDeploymentId = ledgerId;
  if (lockSha) inputs.lockSha = lockSha;
  inputs.finisher =
    mode === 'finish-deploy' ||
    (mode === '' && ledgerId !== undefined) ||
    (mode === '' &&
      (Boolean(lockSha) ||
        inputs.migrateOutcome !== '' ||
        inputs.deployOutcome !== '' ||
        smokeVerdict !== '' ||
        inputs.promoted));
  if (inputs.finisher && (version || deploymentId !== undefined)) {
    throw new ConfigError(
      'input_invalid',
      'Give either the finisher inputs (ledger-deployment-id, lock-sha, *-outcome, smoke-verdict, promoted) or a manual rollback (version, deployment-id), not both.',
      { hint: 'The deploy workflow’s last step uses the first set; rollback.yml uses the second.' },
    );
  }
  return inputs;
}

import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { ConfigError } from '../../lib/core/errors.js';
import { parseEdgeHashes } from '../../lib/github/release-record.js';
import type { VercelOverrides } from '../../lib/vercel/settings.js';
import { parseBooleanInput } from '../shared/boolean-input.js';
import { typedIO } from '../shared/typed-io.js';

/** Inputs of action.yml, in its order (a contract test compares them). */
export const INPUT_NAMES = [
  'vercel-token',
  'working-directory',
  'config',
  'environment',
  'target',
  'project',
  'team-id',
  'output-dir',
  'build-timeout',
  'stage',
  'force',
  'promote',
  'verify-path',
  'version',
  'api-url',
  'github-token',
  'pr-comment',
  'edge-hashes',
  'migrations-head',
  'reason',
  'ledger-deployment-id',
] as const;

/** Outputs of action.yml, in its order. */
export const OUTPUT_NAMES = [
  'deployment-id',
  'url',
  'inspector-url',
  'target',
  'staged',
  'reused',
  'files-uploaded',
  'bytes-uploaded',
  'production-url',
  'ledger-deployment-id',
  'outcome',
  'reason',
] as const;

export const io = typedIO(INPUT_NAMES, OUTPUT_NAMES);

/** The names the configuration overrides carry in error messages. */
export const OVERRIDE_NAMES = {
  environment: 'the environment input',
  project: 'the project input',
  buildTimeout: 'Input build-timeout',
} as const;

/** The deploy-vercel action's inputs, read once. */
export interface DeployVercelInputs {
  /** Secret. */
  vercelToken: string;
  workingDirectory: string;
  config: string;
  overrides: VercelOverrides;
  stage: boolean;
  force: boolean;
  /** A deployment id to promote instead of deploying; empty = deploy. */
  promote: string;
  verifyPath: string;
  version: string;
  apiUrl: string;
  /** Secret; empty disables the PR comment. */
  githubToken: string;
  prComment: boolean;
  /** deploy-edge's hashes (slug → sha256) for the ledger payload. */
  edgeHashes: Record<string, string>;
  migrationsHead: string;
  reason: string;
  /** With promote: the ledger deployment whose promote phase is recorded (0 = none). */
  ledgerDeploymentId: number;
}

/** Reads every input once; `defaultEnvironment` is used when the environment input is empty. */
export function getInputs(defaultEnvironment: string): DeployVercelInputs {
  const vercelToken = io.input('vercel-token');
  if (!vercelToken) {
    throw new ConfigError('input_missing', 'Input vercel-token is empty', {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression shown to the user
      hint: 'Create a token at https://vercel.com/account/tokens, store it as the VERCEL_TOKEN secret and pass `vercel-token: ${{ secrets.VERCEL_TOKEN }}`.',
    });
  }
  const verifyPath = io.input('verify-path') || '/';
  if (!verifyPath.startsWith('/')) {
    throw new ConfigError('input_invalid', `Input verify-path must start with "/", got "${verifyPath}"`, {
      hint: 'e.g. verify-path: /api/health',
    });
  }
  return {
    vercelToken,
    workingDirectory: io.input('working-directory') || '.',
    config: io.input('config') || DEFAULT_CONFIG_PATH,
    overrides: {
      environment: io.input('environment') || defaultEnvironment,
      target: io.input('target'),
      project: io.input('project'),
      teamId: io.input('team-id'),
      outputDir: io.input('output-dir'),
      buildTimeout: io.input('build-timeout'),
    },
    stage: parseBooleanInput('stage', io.input('stage'), true),
    force: parseBooleanInput('force', io.input('force'), false),
    promote: io.input('promote'),
    verifyPath,
    version: io.input('version'),
    apiUrl: io.input('api-url') || 'https://api.vercel.com',
    githubToken: io.input('github-token'),
    prComment: parseBooleanInput('pr-comment', io.input('pr-comment'), true),
    edgeHashes: parseEdgeHashes(io.input('edge-hashes')),
    migrationsHead: io.input('migrations-head'),
    reason: io.input('reason'),
    ledgerDeploymentId: parseLedgerId(io.input('ledger-deployment-id')),
  };
}

function parseLedgerId(text: string): number {
  if (!text) return 0;
  if (!/^[1-9]\d*$/.test(text)) {
    throw new ConfigError('input_invalid', `Input ledger-deployment-id must be a GitHub deployment id, got "${text}"`, {
      hint: 'Pass the ledger-deployment-id output of the staging step.',
    });
  }
  return Number(text);
}

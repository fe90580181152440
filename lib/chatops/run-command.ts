/**
 * One parsed command, from authorization to the reply text: the engine behind the bot's `issue_comment` handler.
 * Every path returns an Outcome (thrown API errors become `api-error` failures) and the Markdown to reply with.
 */
import { describeError } from '../core/errors.js';
import { failed, type Outcome, refused } from '../release/outcome.js';
import { authorize } from './authorize.js';
import { type Command, USAGE } from './command.js';
import { requestDeploy } from './deploy.js';
import type { ChatOpsDeps, Requester } from './deps.js';
import { resolveEnvironment } from './environment.js';
import { lockEnvironment, unlockEnvironment } from './lock-commands.js';
import { followDeployment } from './progress.js';
import { renderHelp, renderProblem, renderProgress, renderStatus } from './render.js';
import { requestRollback } from './rollback.js';
import { statusReport } from './status.js';

export interface CommandResult {
  outcome: Outcome<unknown>;
  /** The reply's Markdown. */
  body: string;
  /** The ledger deployment a rollback created (its reply is edited as it progresses). */
  deploymentId?: number;
}

const ACTIONS: Record<'rollback' | 'deploy' | 'lock' | 'unlock', string> = {
  rollback: 'roll back',
  deploy: 'deploy',
  lock: 'lock it',
  unlock: 'unlock it',
};

/** Runs `command` for `requester` and says what to reply. */
export async function runCommand(deps: ChatOpsDeps, command: Command, requester: Requester): Promise<CommandResult> {
  try {
    return await run(deps, command, requester);
  } catch (error) {
    deps.logger.error(`${command.name} failed: ${describeError(error)}`);
    const outcome = failed(
      'api-error',
      `Something failed while handling \`/${command.name}\`: ${describeError(error)} Try again in a minute; if \`/status\` shows a lock this command took, \`/unlock\` frees it.`,
      {},
    );
    return { outcome, body: renderProblem(outcome) };
  }
}

async function run(deps: ChatOpsDeps, command: Command, requester: Requester): Promise<CommandResult> {
  if (!(deps.config.chatops.commands as readonly string[]).includes(command.name)) {
    const enabled = deps.config.chatops.commands.map((c) => `\`/${c}\``).join(', ');
    const outcome = refused(
      'invalid-command',
      `\`/${command.name}\` is turned off in .github/shipline.yml (chatops.commands). Enabled: ${enabled}.`,
      {},
    );
    return { outcome, body: renderProblem(outcome) };
  }
  if (command.name === 'help') {
    return {
      outcome: { outcome: 'success', reason: 'ok', message: 'help', details: {} },
      body: renderHelp(deps.config),
    };
  }
  if (command.name === 'status') {
    let environments = Object.keys(deps.config.environments);
    if (command.environment !== undefined) {
      const env = resolveEnvironment(deps.config, command.environment);
      if (env.outcome !== 'success') return { outcome: env, body: renderProblem(env) };
      environments = [env.details.environment];
    }
    const outcome = await statusReport(deps, environments);
    return { outcome, body: renderStatus(outcome.details.environments, deps.clock.now()) };
  }
  const env = resolveEnvironment(deps.config, command.environment);
  if (env.outcome !== 'success')
    return { outcome: env, body: `${renderProblem(env)}\n\nUsage: \`${USAGE[command.name]}\`` };
  const environment = env.details.environment;
  const auth = await authorize(deps, requester.login, environment, ACTIONS[command.name]);
  if (auth.outcome !== 'success') return { outcome: auth, body: renderProblem(auth) };

  switch (command.name) {
    case 'rollback': {
      const outcome = await requestRollback(deps, requester, {
        environment,
        ...(command.version !== undefined ? { version: command.version } : {}),
        ...(command.reason !== undefined ? { reason: command.reason } : {}),
      });
      const id = outcome.details.deploymentId;
      if (outcome.outcome !== 'success' || id === undefined) return { outcome, body: renderProblem(outcome) };
      const progress = await followDeployment(deps, id);
      const body = progress.details ? renderProgress(progress.details) : `🕒 ${outcome.message}`;
      return { outcome, body, deploymentId: id };
    }
    case 'deploy': {
      const outcome = await requestDeploy(deps, requester, command.version, environment);
      if (outcome.outcome !== 'success') return { outcome, body: renderProblem(outcome) };
      const run = outcome.details.run?.htmlUrl;
      return { outcome, body: `🚢 ${outcome.message}${run ? ` [Workflow run](${run})` : ''}` };
    }
    case 'lock': {
      const outcome = await lockEnvironment(deps, requester, environment, command.reason);
      return { outcome, body: outcome.outcome === 'success' ? `🔒 ${outcome.message}` : renderProblem(outcome) };
    }
    case 'unlock': {
      const outcome = await unlockEnvironment(deps, environment);
      return { outcome, body: outcome.outcome === 'success' ? `🔓 ${outcome.message}` : renderProblem(outcome) };
    }
  }
}

/**
 * The bot inside GitHub Actions: what the root action.yml's bundle runs. The same app, fed the workflow's one event
 * from GITHUB_EVENT_PATH / GITHUB_EVENT_NAME and authenticated with the workflow's token. A small adapter of our
 * own: @probot/adapter-github-actions targets Probot 13 (FACTS.md).
 */
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { Probot } from 'probot';
import { describeError } from '../lib/core/errors.js';
import { shiplineApp } from './app.js';
import { UnthrottledOctokit } from './octokit.js';
import type { ShiplineBotOptions } from './options.js';

/** What the action reads once from its environment. */
export interface ActionEnvironment {
  eventName: string;
  eventPath: string;
  token: string;
  apiUrl: string;
  deliveryId: string;
  workflows: NonNullable<ShiplineBotOptions['workflows']>;
}

/** Reads inputs and the GitHub context; throws a message naming what is missing. */
export function readActionEnvironment(env: NodeJS.ProcessEnv = process.env): ActionEnvironment {
  const token = core.getInput('github-token') || env.GITHUB_TOKEN || '';
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const eventPath = env.GITHUB_EVENT_PATH ?? '';
  if (!eventName || !eventPath) {
    throw new Error('GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set: run this action in a workflow job.');
  }
  if (!token) {
    throw new Error("No token: pass `github-token` (by default the workflow's `github.token`) or set GITHUB_TOKEN.");
  }
  const workflows: ActionEnvironment['workflows'] = {};
  const rollback = core.getInput('rollback-workflow');
  const deploy = core.getInput('deploy-workflow');
  if (rollback) workflows.rollback = rollback;
  if (deploy) workflows.deploy = deploy;
  return {
    eventName,
    eventPath,
    token,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    deliveryId: `actions-${env.GITHUB_RUN_ID ?? '0'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`,
    workflows,
  };
}

/** Runs the app on the workflow's event; fails the step when a handler failed (a refusal is an answer, not a failure). */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const input = readActionEnvironment(env);
    core.setSecret(input.token);
    const payload = JSON.parse(readFileSync(input.eventPath, 'utf8')) as Record<string, unknown>;
    // The workflow's token is not an app installation token: authenticate every call with it.
    delete payload.installation;
    const probot = new Probot({
      githubToken: input.token,
      baseUrl: input.apiUrl,
      logLevel: 'info',
      Octokit: UnthrottledOctokit,
    });
    const results: string[] = [];
    await probot.load(shiplineApp({ workflows: input.workflows, onHandled: ({ result }) => results.push(result) }));
    await probot.receive({ id: input.deliveryId, name: input.eventName, payload } as never);
    const result = results.at(-1) ?? 'ignored';
    core.setOutput('result', result);
    core.info(`Shipline bot: ${input.eventName} → ${result}`);
    if (result === 'error') core.setFailed('The Shipline bot could not handle this event; see the log above.');
  } catch (error) {
    core.setFailed(describeError(error));
  }
}

import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from '../../emulators/github/index.js';
import { webhookSchemaErrors } from './github-openapi.js';

const log = { debug() {}, info() {}, warn() {}, error() {} };

describe('GitHub emulator webhook payloads vs the OpenAPI webhook schemas', () => {
  let gh: GitHubEmulator;
  let octokit: Octokit;
  const repo = { owner: 'acme', repo: 'web' };

  beforeAll(async () => {
    gh = await startGitHubEmulator();
    gh.seedUser('acme', { type: 'Organization' });
    gh.seedRepo({ fullName: 'acme/web', commits: ['init', 'fix'], workflows: ['deploy.yml'] });
    gh.seedInstallation({ account: 'acme' });
    gh.seedToken('ghp_owner', 'acme');
    octokit = new Octokit({ auth: 'ghp_owner', baseUrl: gh.url, log });
  });
  afterAll(async () => {
    await gh.stop();
  });

  it('workflow_run requested, in_progress and completed', async () => {
    const res = await octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
      ...repo,
      workflow_id: 'deploy.yml',
      ref: 'main',
      return_run_details: true,
    });
    const runId = (res.data as { workflow_run_id: number }).workflow_run_id;
    await gh.startRun(runId);
    await gh.completeRun(runId, 'failure');
    await gh.webhooksIdle();
    const runs = gh.webhookEvents.filter((e) => e.event === 'workflow_run');
    expect(runs.map((e) => e.action)).toEqual(['requested', 'in_progress', 'completed']);
    for (const e of runs) expect(webhookSchemaErrors(e.event, e.action, e.payload), e.action).toEqual([]);
  });

  it('deployment created and deployment_status created', async () => {
    const created = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'main',
      environment: 'production',
      required_contexts: [],
      auto_merge: false,
      payload: { version: 'v1.0.0' },
    });
    const id = (created.data as { id: number }).id;
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: id,
      state: 'success',
      log_url: 'https://github.com/acme/web/actions/runs/1',
      environment_url: 'https://web.example',
      description: 'done',
    });
    await gh.webhooksIdle();
    const events = gh.webhookEvents.filter((e) => e.event.startsWith('deployment'));
    expect(events.map((e) => `${e.event}.${e.action}`)).toEqual(['deployment.created', 'deployment_status.created']);
    for (const e of events) expect(webhookSchemaErrors(e.event, e.action, e.payload), e.event).toEqual([]);
  });

  it('issue_comment created', async () => {
    gh.seedIssue('acme/web', { title: 'Production', user: 'acme' });
    const comment = gh.seedComment('acme/web', 1, { body: '/status', user: 'acme' });
    const payload = gh.issueCommentCreatedPayload({ repo: 'acme/web', issueNumber: 1, commentId: comment.id });
    expect(webhookSchemaErrors('issue_comment', 'created', payload)).toEqual([]);
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GitHubEmulator, signWebhookBody } from '../../../../../emulators/github/index.js';
import { type Caller, startSeeded } from '../helpers.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
  name: string;
  examples: Array<Record<string, unknown> & { action?: string }>;
}>;

/** The first example GitHub publishes for `event` with `action`. */
function example(event: string, action: string): Record<string, Record<string, unknown>> {
  const found = examples.find((e) => e.name === event)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no example for ${event}.${action}`);
  return found as Record<string, Record<string, unknown>>;
}

/** Keys GitHub's example has that `ours` lacks, for each named part. */
function missingKeys(ours: Record<string, unknown>, sample: Record<string, unknown>, parts: string[]): string[] {
  const missing: string[] = [];
  for (const part of parts) {
    const a = (ours[part] ?? {}) as Record<string, unknown>;
    for (const key of Object.keys((sample[part] ?? {}) as Record<string, unknown>)) {
      if (!(key in a)) missing.push(`${part}.${key}`);
    }
  }
  return missing;
}

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A webhook receiver on loopback that records every delivery and answers 202. */
async function receiver(): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(202).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('actions routes and the run lifecycle', () => {
  let gh: GitHubEmulator;
  let shas: string[];
  let call: Caller;
  const dispatch = (workflow: string, body: Record<string, unknown>) =>
    call('POST', `/repos/acme/web/actions/workflows/${workflow}/dispatches`, body);

  beforeEach(async () => {
    ({ gh, shas, call } = await startSeeded());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('answers 404 for a workflow the repository does not have, by file name or id', async () => {
    const unknown = await dispatch('nope.yml', { ref: 'main' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ message: 'Not Found' });
    expect(unknown.body.documentation_url).toMatch(/create-a-workflow-dispatch-event$/);
    expect((await dispatch('999999', { ref: 'main' })).status).toBe(404);
    const id = gh.state.repo('acme/web').workflows[0]!.id;
    expect((await dispatch(String(id), { ref: 'main' })).status).toBe(204);
    expect(gh.state.dispatches('acme/web')).toHaveLength(1);
  });

  it('returns the run with return_run_details, 204 without', async () => {
    const res = await dispatch('deploy.yml', { ref: 'main', return_run_details: true });
    expect(res.status).toBe(200);
    const runId = gh.state.dispatches('acme/web')[0]!.runId;
    expect(res.body).toEqual({
      workflow_run_id: runId,
      run_url: `${gh.url}/repos/acme/web/actions/runs/${runId}`,
      html_url: `${gh.url}/_web/acme/web/actions/runs/${runId}`,
    });
    const run = await call('GET', `/repos/acme/web/actions/runs/${runId}`);
    expect(run.body).toMatchObject({ id: runId, status: 'queued', conclusion: null, head_sha: shas[2], run_number: 1 });
    expect((await dispatch('deploy.yml', { ref: 'main', return_run_details: false })).status).toBe(204);
    expect((await call('GET', '/repos/acme/web/actions/runs/1')).status).toBe(404);
  });

  it('refuses what GitHub refuses: no dispatch trigger, a disabled workflow, undeclared or missing inputs', async () => {
    gh.seedWorkflow('acme/web', { file: 'ci.yml', triggers: ['push'] });
    gh.seedWorkflow('acme/web', { file: 'old.yml', state: 'disabled_manually' });
    gh.seedWorkflow('acme/web', {
      file: 'promote.yml',
      inputs: { version: { required: true }, environment: { default: 'production' } },
    });
    expect((await dispatch('ci.yml', { ref: 'main' })).body.message).toBe(
      "Workflow does not have 'workflow_dispatch' trigger",
    );
    expect((await dispatch('old.yml', { ref: 'main' })).status).toBe(422);
    const extra = await dispatch('promote.yml', { ref: 'main', inputs: { version: 'v1', force: 'yes' } });
    expect(extra.status).toBe(422);
    expect(extra.body.message).toBe('Unexpected inputs provided: ["force"]');
    expect((await dispatch('promote.yml', { ref: 'main', inputs: {} })).body.message).toBe(
      "Required input 'version' not provided",
    );
    expect((await dispatch('promote.yml', { ref: 'main', inputs: { version: 'v1' } })).status).toBe(204);
    expect(gh.state.dispatches('acme/web').at(-1)?.inputs).toEqual({ version: 'v1', environment: 'production' });
  });

  it('lists workflows, a workflow’s runs with filters, and one run', async () => {
    await dispatch('deploy.yml', { ref: 'main' });
    await dispatch('rollback.yml', { ref: 'v1.0.0' });
    await dispatch('deploy.yml', { ref: 'v1.0.0' });
    const workflows = await call('GET', '/repos/acme/web/actions/workflows');
    expect(workflows.body.total_count).toBe(2);
    expect(workflows.body.workflows.map((w: { path: string }) => w.path)).toEqual([
      '.github/workflows/deploy.yml',
      '.github/workflows/rollback.yml',
    ]);
    const deployId = workflows.body.workflows[0].id;
    expect((await call('GET', `/repos/acme/web/actions/workflows/${deployId}`)).body.name).toBe('deploy');
    const runs = await call('GET', '/repos/acme/web/actions/workflows/deploy.yml/runs');
    expect(runs.body.total_count).toBe(2);
    expect(runs.body.workflow_runs.map((r: { run_number: number }) => r.run_number)).toEqual([2, 1]);
    expect(
      (await call('GET', `/repos/acme/web/actions/workflows/${deployId}/runs?head_sha=${shas[0]}`)).body.total_count,
    ).toBe(1);
    expect((await call('GET', '/repos/acme/web/actions/workflows/nope.yml/runs')).status).toBe(404);
    const runId = gh.state.dispatches('acme/web')[0]!.runId;
    await gh.completeRun(runId, 'failure');
    expect((await call('GET', '/repos/acme/web/actions/runs?status=failure')).body.total_count).toBe(1);
    expect((await call('GET', '/repos/acme/web/actions/runs?status=completed')).body.total_count).toBe(1);
    expect((await call('GET', '/repos/acme/web/actions/runs?status=queued')).body.total_count).toBe(2);
  });

  it('drives a run queued → in_progress → completed and delivers signed workflow_run webhooks', async () => {
    const hook = await receiver();
    try {
      gh.seedInstallation({ account: 'acme' });
      gh.webhookUrl = hook.url;
      const res = await dispatch('deploy.yml', { ref: 'main', return_run_details: true });
      const runId = res.body.workflow_run_id as number;
      const started = await gh.startRun(runId);
      expect(started.result?.status).toBe(202);
      expect((await call('GET', `/repos/acme/web/actions/runs/${runId}`)).body.status).toBe('in_progress');
      await expect(gh.startRun(runId)).rejects.toThrow(/in_progress, not queued/);
      const done = await gh.completeRun(runId, 'success');
      expect(done.payload).toMatchObject({
        action: 'completed',
        workflow_run: { id: runId, status: 'completed', conclusion: 'success', event: 'workflow_dispatch' },
        workflow: { path: '.github/workflows/deploy.yml' },
        repository: { full_name: 'acme/web' },
        sender: { login: 'acme' },
      });
      await gh.webhooksIdle();
      const runEvents = hook.got.filter((g) => g.headers['x-github-event'] === 'workflow_run');
      expect(runEvents.map((g) => JSON.parse(g.body).action)).toEqual(['requested', 'in_progress', 'completed']);
      for (const g of runEvents) {
        expect(g.headers['x-hub-signature-256']).toBe(signWebhookBody(g.body, gh.app.webhookSecret));
        expect(g.headers['x-github-delivery']).toMatch(/^[0-9a-f-]{36}$/);
      }
      const sample = example('workflow_run', 'completed');
      expect(missingKeys(done.payload, sample, ['workflow_run', 'workflow', 'repository', 'sender'])).toEqual([]);
      expect(Object.keys(sample).filter((k) => !(k in done.payload) && k !== 'organization')).toEqual([]);
      expect(done.payload).toHaveProperty('installation.id');
    } finally {
      await hook.close();
    }
  });

  it('cancels a run that has not completed (202) and refuses a completed one (409)', async () => {
    await dispatch('deploy.yml', { ref: 'main' });
    const runId = gh.state.dispatches('acme/web')[0]!.runId;
    const cancel = await call('POST', `/repos/acme/web/actions/runs/${runId}/cancel`);
    expect(cancel.status).toBe(202);
    await gh.webhooksIdle();
    expect(gh.run(runId)).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    expect(gh.webhookEvents.at(-1)).toMatchObject({ event: 'workflow_run', action: 'completed' });
    const again = await call('POST', `/repos/acme/web/actions/runs/${runId}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Cannot cancel a workflow run that is completed.');
    expect((await call('POST', '/repos/acme/web/actions/runs/1/cancel')).status).toBe(404);
  });

  it('completing a queued run passes through in_progress, as GitHub never skips it', async () => {
    await dispatch('rollback.yml', { ref: 'main' });
    const runId = gh.state.dispatches('acme/web')[0]!.runId;
    await gh.completeRun(runId, 'cancelled');
    await gh.webhooksIdle();
    expect(gh.webhookEvents.map((e) => `${e.event}.${e.action}`)).toEqual([
      'workflow_run.requested',
      'workflow_run.in_progress',
      'workflow_run.completed',
    ]);
    expect(gh.run(runId)).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    await expect(gh.completeRun(runId)).rejects.toThrow(/already completed/);
  });

  it('delivers deployment and deployment_status webhooks when statuses change', async () => {
    const hook = await receiver();
    try {
      gh.webhookUrl = hook.url;
      const created = await call('POST', '/repos/acme/web/deployments', { ref: 'main', environment: 'staging' });
      await call('POST', `/repos/acme/web/deployments/${created.body.id}/statuses`, {
        state: 'in_progress',
        description: 'stage: uploading',
        log_url: 'https://ci.test/runs/1',
      });
      await call('POST', `/repos/acme/web/deployments/${created.body.id}/statuses`, { state: 'success' });
      await gh.webhooksIdle();
      const events = hook.got.map((g) => `${g.headers['x-github-event']}.${JSON.parse(g.body).action}`);
      expect(events).toEqual(['deployment.created', 'deployment_status.created', 'deployment_status.created']);
      const first = JSON.parse(hook.got[1]!.body);
      expect(first).toMatchObject({
        deployment_status: { state: 'in_progress', description: 'stage: uploading', log_url: 'https://ci.test/runs/1' },
        deployment: { id: created.body.id, environment: 'staging' },
      });
      const sample = example('deployment_status', 'created');
      expect(missingKeys(first, sample, ['deployment_status', 'deployment', 'repository', 'sender'])).toEqual([]);
      const deployment = JSON.parse(hook.got[0]!.body);
      expect(missingKeys(deployment, example('deployment', 'created'), ['deployment', 'repository'])).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it('records events without a webhook URL and survives a receiver that is down', async () => {
    gh.webhookUrl = 'http://127.0.0.1:9/hook';
    await dispatch('deploy.yml', { ref: 'main' });
    await gh.webhooksIdle();
    expect(gh.webhookEvents).toHaveLength(1);
    expect(gh.webhookEvents[0]?.error).toBeTruthy();
    gh.webhookUrl = undefined;
    await dispatch('deploy.yml', { ref: 'main' });
    await gh.webhooksIdle();
    expect(gh.webhookEvents).toHaveLength(2);
    expect(gh.webhookEvents[1]).not.toHaveProperty('result');
  });
});

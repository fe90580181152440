import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../../emulators/github/index.js';
import { requestJson } from '../../../support/http.js';
import { type Caller, startSeeded } from './helpers.js';

describe('the emulator’s control API for drivers in another process', () => {
  let gh: GitHubEmulator;
  let call: Caller;
  const control = (method: string, path: string, body?: unknown) =>
    requestJson(gh.url, method, `/_emulator${path}`, body, null);

  beforeEach(async () => {
    ({ gh, call } = await startSeeded());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('seeds a workflow, moves a run on and lists the webhook events, over HTTP', async () => {
    expect((await call('POST', '/repos/acme/web/actions/workflows/smoke.yml/dispatches', { ref: 'main' })).status).toBe(
      404,
    );
    const seeded = await control('POST', '/repos/acme/web/workflows', { file: 'smoke.yml', name: 'Smoke' });
    expect(seeded.status).toBe(201);
    expect(seeded.body).toMatchObject({ name: 'Smoke', path: '.github/workflows/smoke.yml' });
    expect((await control('POST', '/repos/acme/nope/workflows', { file: 'x.yml' })).status).toBe(404);
    expect((await control('POST', '/repos/acme/web/workflows', { name: 'no file' })).status).toBe(400);

    const dispatched = await call('POST', '/repos/acme/web/actions/workflows/smoke.yml/dispatches', {
      ref: 'main',
      return_run_details: true,
    });
    const runId = dispatched.body.workflow_run_id as number;
    const started = await control('POST', `/runs/${runId}/start`);
    expect(started.body).toMatchObject({
      run: { status: 'in_progress' },
      event: { event: 'workflow_run', action: 'in_progress' },
    });
    expect((await control('POST', `/runs/${runId}/start`)).status).toBe(409);
    expect((await control('POST', `/runs/${runId}/complete`, { conclusion: 'maybe' })).status).toBe(400);
    const done = await control('POST', `/runs/${runId}/complete`, { conclusion: 'failure' });
    expect(done.body.run).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect((await call('GET', `/repos/acme/web/actions/runs/${runId}`)).body.conclusion).toBe('failure');
    expect((await control('POST', '/runs/1/start')).status).toBe(404);

    expect((await control('PUT', '/webhook', { url: 'not a url' })).status).toBe(400);
    expect((await control('PUT', '/webhook', { url: 'http://127.0.0.1:9/hook' })).status).toBe(204);
    expect(gh.webhookUrl).toBe('http://127.0.0.1:9/hook');
    expect((await control('PUT', '/webhook', { url: null })).status).toBe(204);
    expect(gh.webhookUrl).toBeUndefined();
    const events = await control('GET', '/events');
    expect(events.body.map((e: { action: string }) => e.action)).toEqual(['requested', 'in_progress', 'completed']);
    // the control API is not GitHub's: it costs no rate limit
    expect(events.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

import type { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../emulators/github/index.js';
import { ShiplineError } from '../../../lib/core/errors.js';
import {
  createLedgerDeployment,
  currentRelease,
  findGoodVersion,
  type LedgerEntry,
  lastKnownGood,
  listLedger,
  setLedgerStatus,
  vercelDeploymentOf,
} from '../../../lib/github/ledger.js';
import type { RepoRef } from '../../../lib/github/repo.js';
import { LEDGER_TASK, type LedgerPayload } from '../../../lib/release/payload.js';
import { payloadFor, startLedgerRepo } from './helpers.js';

describe('release ledger on the Deployments API', () => {
  let gh: GitHubEmulator;
  let octokit: Octokit;
  let repo: RepoRef;
  let shas: string[];

  beforeEach(async () => {
    ({ gh, octokit, repo, shas } = await startLedgerRepo());
  });
  afterEach(async () => {
    await gh.stop();
  });

  /** Records a release in production and ends it in `final` (a success also deactivates the one it replaces). */
  async function release(
    version: string,
    sha: string,
    final: 'success' | 'failure' | 'in_progress',
    extra: Partial<LedgerPayload> = {},
    environment = 'production',
  ): Promise<LedgerEntry> {
    const entry = await createLedgerDeployment(octokit, repo, {
      environment,
      payload: payloadFor(version, sha, extra),
      production: environment === 'production',
      transient: false,
    });
    await setLedgerStatus(octokit, repo, entry.deploymentId, { state: 'in_progress', phase: 'stage' });
    if (final !== 'in_progress') {
      await setLedgerStatus(octokit, repo, entry.deploymentId, {
        state: final,
        phase: final === 'success' ? 'done' : 'smoke-staged',
        detail: final === 'success' ? '' : '3 of 20 probes failed',
      });
    }
    return entry;
  }

  it('creates the deployment as GitHub needs it: sha ref, task, no auto-merge, no required contexts, flags', async () => {
    const sent: Array<Record<string, unknown>> = [];
    octokit.hook.before('request', (options) => {
      if (options.method === 'POST' && String(options.url).endsWith('/deployments')) sent.push({ ...options });
    });
    const payload = payloadFor('v1.0.0', shas[0]!);
    const entry = await createLedgerDeployment(octokit, repo, {
      environment: 'pr-7',
      payload,
      production: false,
      transient: true,
      description: 'preview of #7',
    });
    expect(sent[0]).toMatchObject({ auto_merge: false, required_contexts: [], ref: shas[0], task: LEDGER_TASK });
    const stored = gh.state.repo('acme/web').deployments.find((d) => d.id === entry.deploymentId)!;
    expect(stored).toMatchObject({
      sha: shas[0],
      ref: shas[0],
      task: LEDGER_TASK,
      environment: 'pr-7',
      transientEnvironment: true,
      productionEnvironment: false,
      description: 'preview of #7',
      payload,
    });
    expect(entry).toMatchObject({
      release: { version: 'v1.0.0', sha: shas[0] },
      environment: 'pr-7',
      state: undefined,
      wasGood: false,
      creator: 'acme',
      transient: true,
    });
  });

  it('writes statuses with the phase description, log_url and environment_url, and reads the phase back', async () => {
    const entry = await createLedgerDeployment(octokit, repo, {
      environment: 'production',
      payload: payloadFor('v1.0.0', shas[0]!),
      production: true,
      transient: false,
    });
    await setLedgerStatus(octokit, repo, entry.deploymentId, {
      state: 'in_progress',
      phase: 'smoke-staged',
      detail: 'round 2 of 3',
      logUrl: 'https://github.com/acme/web/actions/runs/9',
      environmentUrl: 'https://web-abc.vercel.app',
    });
    const stored = gh.state.repo('acme/web').deployments.find((d) => d.id === entry.deploymentId)!;
    expect(stored.statuses.at(-1)).toMatchObject({
      state: 'in_progress',
      description: 'smoke-staged: round 2 of 3',
      logUrl: 'https://github.com/acme/web/actions/runs/9',
      environmentUrl: 'https://web-abc.vercel.app',
    });
    const [listed] = await listLedger(octokit, repo, 'production');
    expect(listed).toMatchObject({
      state: 'in_progress',
      wasGood: false,
      phase: { phase: 'smoke-staged' },
      logUrl: 'https://github.com/acme/web/actions/runs/9',
      environmentUrl: 'https://web-abc.vercel.app',
    });
    // GitHub refuses descriptions over 140 characters; the phase description is cut to fit
    await setLedgerStatus(octokit, repo, entry.deploymentId, {
      state: 'failure',
      phase: 'smoke-production',
      detail: 'p95 latency over budget '.repeat(20),
    });
    expect(stored.statuses.at(-1)?.description).toHaveLength(140);
    expect((await listLedger(octokit, repo, 'production'))[0]?.phase?.phase).toBe('smoke-production');
  });

  it('a production success makes the replaced release inactive; a transient environment is left alone', async () => {
    const v1 = await release('v1.0.0', shas[0]!, 'success');
    const preview = await release('v1.0.0', shas[0]!, 'success', {}, 'pr-1');
    const v2 = await release('v1.1.0', shas[1]!, 'success');
    const entries = await listLedger(octokit, repo, 'production');
    expect(entries.map((e) => [e.deploymentId, e.state, e.wasGood])).toEqual([
      [v2.deploymentId, 'success', true],
      [v1.deploymentId, 'inactive', true],
    ]);
    expect((await listLedger(octokit, repo, 'pr-1'))[0]).toMatchObject({
      deploymentId: preview.deploymentId,
      state: 'success',
    });
    // the phase survives the inactive status (whose description names none)
    expect(entries[1]?.phase?.phase).toBe('done');
  });

  it('stops walking the ledger at the release it replaced, however long the history', async () => {
    for (let i = 0; i < 30; i++) await release(`v1.0.${i}`, shas[0]!, 'success', {}, 'staging');
    gh.server.requests.reset();
    await release('v2.0.0', shas[1]!, 'success', {}, 'staging');
    expect(gh.server.requests.count('GET /repos/:owner/:repo/deployments/:id/statuses')).toBeLessThanOrEqual(16);
    const entries = await listLedger(octokit, repo, 'staging');
    expect(entries.filter((e) => e.state === 'success').map((e) => e.release.version)).toEqual(['v2.0.0']);
    expect(entries.filter((e) => e.state === 'inactive')).toHaveLength(30);
  });

  it('answers current, last known-good, ever-good and the recorded Vercel deployment', async () => {
    const v1 = await release('v1.0.0', shas[0]!, 'success');
    const v2 = await release('v1.1.0', shas[1]!, 'success');
    const bad = await release('v1.2.0', shas[2]!, 'failure');
    await release('v1.3.0', shas[3]!, 'in_progress');
    // another tool's deployment in the same environment is not part of the ledger
    await octokit.rest.repos.createDeployment({
      ...repo,
      ref: shas[3]!,
      environment: 'production',
      required_contexts: [],
      payload: { version: 'v9.9.9' },
    });

    const current = await currentRelease(octokit, repo, 'production');
    expect(current?.deploymentId).toBe(v2.deploymentId);
    expect((await lastKnownGood(octokit, repo, 'production'))?.deploymentId).toBe(v1.deploymentId);
    expect(await lastKnownGood(octokit, repo, 'production', { before: v1.deploymentId })).toBeUndefined();
    expect((await lastKnownGood(octokit, repo, 'production', { before: bad.deploymentId }))?.deploymentId).toBe(
      v2.deploymentId,
    );

    const good = await findGoodVersion(octokit, repo, 'production', 'v1.0.0');
    expect(good.entry?.deploymentId).toBe(v1.deploymentId);
    expect(good.goodVersions).toEqual(['v1.1.0', 'v1.0.0']);
    expect((await findGoodVersion(octokit, repo, 'production', 'v1.2.0')).entry).toBeUndefined();
    expect((await findGoodVersion(octokit, repo, 'staging', 'v1.0.0')).goodVersions).toEqual([]);

    expect(vercelDeploymentOf(good.entry!)).toEqual({
      projectId: 'prj_1',
      deploymentId: 'dpl_v1.0.0',
      url: 'web-v1.0.0.vercel.app',
    });
    expect((await listLedger(octokit, repo, 'production', { limit: 2 })).map((e) => e.release.version)).toEqual([
      'v1.3.0',
      'v1.2.0',
    ]);
  });

  it('last known-good skips a release a rollback took down and the version production already serves', async () => {
    const v1 = await release('v1.0.0', shas[0]!, 'success');
    const v2 = await release('v1.1.0', shas[1]!, 'success');
    const back = await release('v1.0.0', shas[0]!, 'success', {
      kind: 'rollback',
      rollbackOf: v2.deploymentId,
    });
    expect((await currentRelease(octokit, repo, 'production'))?.deploymentId).toBe(back.deploymentId);
    // v1.1.0 was rolled back and v1.0.0 is what production serves: nothing else was ever good
    expect(await lastKnownGood(octokit, repo, 'production')).toBeUndefined();
    const v3 = await release('v1.2.0', shas[2]!, 'success');
    expect((await lastKnownGood(octokit, repo, 'production'))?.deploymentId).toBe(back.deploymentId);
    expect(v1.deploymentId).toBeLessThan(v3.deploymentId);
  });

  it('pages through more than 100 deployments', async () => {
    const first = await release('v1.0.0', shas[0]!, 'success');
    for (let i = 0; i < 120; i++) {
      await createLedgerDeployment(octokit, repo, {
        environment: 'production',
        payload: payloadFor(`v2.0.${i}`, shas[1]!),
        production: true,
        transient: false,
      });
    }
    gh.server.requests.reset();
    const current = await currentRelease(octokit, repo, 'production');
    expect(current?.deploymentId).toBe(first.deploymentId);
    expect(gh.server.requests.count('GET /repos/:owner/:repo/deployments')).toBe(2);
    expect(await listLedger(octokit, repo, 'production')).toHaveLength(121);
    expect((await findGoodVersion(octokit, repo, 'production', 'v1.0.0')).entry?.deploymentId).toBe(first.deploymentId);
  });

  it('an API error is an error, never "no release"', async () => {
    await release('v1.0.0', shas[0]!, 'success');
    gh.server.faults.add({ method: 'GET', path: '/repos/acme/web/deployments', status: 500, times: 1 });
    const error = await currentRelease(octokit, repo, 'production').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShiplineError);
    expect(error).toMatchObject({ code: 'api-error', status: 500 });
    expect((error as Error).message).toMatch(/acme\/web.*500/);

    gh.server.faults.add({ method: 'GET', path: '/repos/acme/web/deployments/*/statuses', status: 502, times: 1 });
    await expect(lastKnownGood(octokit, repo, 'production')).rejects.toMatchObject({
      code: 'api-error',
      status: 502,
    });
    gh.server.faults.add({ method: 'POST', path: '/repos/acme/web/deployments', status: 503, times: 1 });
    await expect(
      createLedgerDeployment(octokit, repo, {
        environment: 'production',
        payload: payloadFor('v1.1.0', shas[1]!),
        production: true,
        transient: false,
      }),
    ).rejects.toMatchObject({ code: 'api-error', status: 503 });
    expect((await currentRelease(octokit, repo, 'production'))?.release.version).toBe('v1.0.0');

    // the success is written even when marking the replaced release inactive fails; the error says so
    const v2 = await createLedgerDeployment(octokit, repo, {
      environment: 'production',
      payload: payloadFor('v1.1.0', shas[1]!),
      production: true,
      transient: false,
    });
    gh.server.faults.add({
      method: 'GET',
      path: `/repos/acme/web/deployments/${v2.deploymentId}`,
      status: 500,
      times: 1,
    });
    await expect(
      setLedgerStatus(octokit, repo, v2.deploymentId, { state: 'success', phase: 'done' }),
    ).rejects.toMatchObject({ code: 'api-error', message: expect.stringMatching(/^Recorded success for deployment/) });
    expect((await currentRelease(octokit, repo, 'production'))?.release.version).toBe('v1.1.0');
    await setLedgerStatus(octokit, repo, v2.deploymentId, { state: 'success', phase: 'done' });
    expect((await listLedger(octokit, repo, 'production')).map((e) => e.state)).toEqual(['success', 'inactive']);
  });

  it('refuses an invalid payload before calling GitHub', async () => {
    gh.server.requests.reset();
    await expect(
      createLedgerDeployment(octokit, repo, {
        environment: 'production',
        payload: { ...payloadFor('v1.0.0', shas[0]!), sha: 'main' },
        production: true,
        transient: false,
      }),
    ).rejects.toMatchObject({ code: 'invalid-payload' });
    expect(gh.server.requests.count('POST /repos/:owner/:repo/deployments')).toBe(0);
  });
});

/**
 * The rollback workflow the bot dispatches: `/rollback` (lib/chatops) resolved the target, took the lock and created
 * the rollback ledger deployment; the dispatched run acts on that deployment under the bot's lock — without taking
 * it again and without releasing it (the bot does when the deployment ends) — and refuses when someone else holds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestRollback } from '../../../lib/chatops/rollback.js';
import { silentLogger, systemClock } from '../../../lib/core/index.js';
import { listLedger } from '../../../lib/github/ledger.js';
import { breakLock, readLock } from '../../../lib/github/locks.js';
import { autoRollback } from '../../../lib/rollback/auto.js';
import { type Cloud, deployLock, marker, REPO, release, rollbackDeps, served, startCloud } from './support.js';

let cloud: Cloud;
beforeAll(async () => {
  cloud = await startCloud();
  await release(cloud, 'v1.0.0', cloud.shas[0]!, { final: 'success' });
  await release(cloud, 'v2.0.0', cloud.shas[1]!, { final: 'success' });
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
});

const chatops = () => ({
  octokit: cloud.octokit,
  repo: REPO,
  config: cloud.config,
  logger: silentLogger,
  clock: systemClock,
  defaultBranch: 'main',
  workflows: { rollback: 'rollback.yml', deploy: 'deploy.yml' },
  lockTtlMs: 3_600_000,
});

describe('a rollback dispatched by the bot', () => {
  it('acts on the bot’s deployment under the bot’s lock, leaves the lock to the bot, and is idempotent', async () => {
    const asked = await requestRollback(
      chatops(),
      { login: 'ops', source: 'https://github.com/acme/shop/issues/1#issuecomment-9' },
      {
        environment: 'production',
      },
    );
    expect(asked.outcome, asked.message).toBe('success');
    const deploymentId = asked.details.deploymentId!;
    const lockBefore = await readLock(cloud.octokit, REPO, 'production');
    expect(lockBefore?.lock?.purpose).toBe('rollback');

    const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/501'), {
      kind: 'manual',
      environment: 'production',
      deploymentId,
    });
    expect(outcome, outcome.message).toMatchObject({ outcome: 'success', reason: 'ok' });
    expect(outcome.details.rollback?.details).toMatchObject({ rollbackDeploymentId: deploymentId, lockTaken: false });
    expect(await served(cloud)).toContain(marker('v1.0.0'));
    expect((await readLock(cloud.octokit, REPO, 'production'))?.sha).toBe(lockBefore?.sha);
    const entry = (await listLedger(cloud.octokit, REPO, 'production')).find((e) => e.deploymentId === deploymentId);
    expect(entry).toMatchObject({ state: 'success', phase: { phase: 'done' } });

    const again = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/501'), {
      kind: 'manual',
      environment: 'production',
      deploymentId,
    });
    expect(again).toMatchObject({ outcome: 'success', reason: 'already-done' });
    await breakLock(cloud.octokit, REPO, 'production');
  });

  it('refuses when the lock is held by someone else, and changes nothing', async () => {
    const asked = await requestRollback(
      chatops(),
      { login: 'ops', source: 'https://github.com/acme/shop/issues/1#issuecomment-10' },
      {
        environment: 'production',
        version: 'v2.0.0',
      },
    );
    expect(asked.outcome, asked.message).toBe('success');
    await breakLock(cloud.octokit, REPO, 'production');
    const sha = await deployLock(cloud, 'v9.0.0');
    const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/502'), {
      kind: 'manual',
      environment: 'production',
      deploymentId: asked.details.deploymentId!,
    });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'lock-held' });
    expect(outcome.message).toContain('@octocat');
    expect(await served(cloud)).toContain(marker('v1.0.0'));
    expect((await readLock(cloud.octokit, REPO, 'production'))?.sha).toBe(sha);
  });
});

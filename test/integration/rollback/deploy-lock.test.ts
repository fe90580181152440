/**
 * The deploy's lock, taken by the validate step (lock-environment) and released by the auto-rollback finisher
 * (lock-sha): while it is held, a manual rollback is refused with the deploy named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVersion, takeDeployLock } from '../../../actions/validate/lock.js';
import { readLock } from '../../../lib/github/locks.js';
import { autoRollback } from '../../../lib/rollback/auto.js';
import { type Cloud, REPO, rollbackDeps, startCloud } from './support.js';

let cloud: Cloud;
beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(async () => {
  await cloud?.stop();
});

describe('the deploy lock', () => {
  it('names the tag, or sha-<short> off a tag', () => {
    expect(runVersion('a'.repeat(40), 'refs/tags/v1.2.3')).toBe('v1.2.3');
    expect(runVersion('abcdef0'.padEnd(40, '0'), 'refs/heads/main')).toBe('sha-abcdef0');
    expect(runVersion('abcdef0'.padEnd(40, '0'), 'refs/tags/nightly')).toBe('sha-abcdef0');
  });

  it('is taken once, refuses a second deploy and a rollback meanwhile, and is freed by the finisher', async () => {
    const options = {
      environment: 'production',
      actor: 'mia',
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
      version: 'v1.2.3',
      now: new Date(),
    };
    const first = await takeDeployLock(cloud.octokit, REPO, options);
    expect('sha' in first).toBe(true);
    const second = await takeDeployLock(cloud.octokit, REPO, { ...options, actor: 'leo' });
    expect(second).toMatchObject({
      error: expect.stringContaining('[lock-held] production is locked by @mia for a deploy of v1.2.3'),
    });
    expect((await readLock(cloud.octokit, REPO, 'production'))?.lock).toMatchObject({
      holder: 'mia',
      purpose: 'deploy',
      version: 'v1.2.3',
    });

    const rollback = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/2'), {
      kind: 'manual',
      environment: 'production',
    });
    // No release yet: resolution refuses first; with one, the lock would refuse (see auto-rollback.test.ts).
    expect(rollback.outcome).toBe('refused');

    const finished = await autoRollback(rollbackDeps(cloud, options.runUrl), {
      kind: 'deploy-finished',
      environment: 'production',
      lockSha: (first as { sha: string }).sha,
      migrate: 'success',
      deploy: 'success',
      smokeVerdict: 'pass',
      promoted: true,
      auto: true,
    });
    expect(finished).toMatchObject({ outcome: 'success', details: { lockReleased: true, rolledBack: false } });
    expect(await readLock(cloud.octokit, REPO, 'production')).toBeUndefined();
  });
});

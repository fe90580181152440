/**
 * Auto-rollback on the local cloud, real HTTP: v1 good → v2 with a broken health endpoint promoted → smoke fails →
 * the finisher rolls back → production serves v1's bytes, the ledger tells the story, one incident issue; the same
 * failure again comments on it. Then a manual rollback, refusals, and Vercel faults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, systemClock } from '../../../lib/core/index.js';
import { listLedger } from '../../../lib/github/ledger.js';
import { readLock, releaseLock } from '../../../lib/github/locks.js';
import { autoRollback } from '../../../lib/rollback/auto.js';
import { smokeReportJson } from '../../../lib/smoke/report.js';
import { smokeDeployment } from '../../../lib/smoke/smoke.js';
import { type Cloud, deployLock, marker, REPO, release, rollbackDeps, served, startCloud } from './support.js';

let cloud: Cloud;
beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(async () => {
  await cloud?.stop();
});

const issues = () => cloud.gh.state.repo('acme/shop').issues;
const ledger = () => listLedger(cloud.octokit, REPO, 'production');

/** Deploys `version` broken, smokes production (fails), and runs the finisher as the deploy workflow would. */
async function failedDeploy(version: string, sha: string, run: string) {
  const lockSha = await deployLock(cloud, version);
  const v = await release(cloud, version, sha, { brokenHealth: true, final: 'promoted', head: '20240902' });
  expect(await served(cloud)).toContain(marker(version));
  const smoke = await smokeDeployment(
    cloud.config.smoke,
    { baseUrl: cloud.productionBase },
    {
      clock: systemClock,
      logger: silentLogger,
    },
  );
  expect(smoke.outcome).toBe('failure');
  const outcome = await autoRollback(rollbackDeps(cloud, `https://github.com/acme/shop/actions/runs/${run}`), {
    kind: 'deploy-finished',
    environment: 'production',
    ledgerDeploymentId: v.entry.deploymentId,
    lockSha,
    migrate: 'success',
    deploy: 'success',
    smokeVerdict: smoke.details.run.analysis.verdict,
    smokeReport: smokeReportJson(smoke.details.run, cloud.productionBase),
    promoted: true,
    auto: true,
  });
  return { outcome, failed: v };
}

describe('auto-rollback after a failed production smoke', () => {
  it('restores v1, records the failure and the rollback, opens one incident and releases the deploy lock', async () => {
    await release(cloud, 'v1.0.0', cloud.shas[0]!, { final: 'success', head: '20240901' });
    expect(await served(cloud)).toContain(marker('v1.0.0'));

    const { outcome, failed } = await failedDeploy('v2.0.0', cloud.shas[1]!, '101');
    expect(outcome, outcome.message).toMatchObject({ outcome: 'success', reason: 'ok' });
    expect(outcome.details.rolledBack).toBe(true);
    const body = await served(cloud);
    expect(body).toContain(marker('v1.0.0'));
    expect(body).not.toContain(marker('v2.0.0'));
    expect((await fetch(`${cloud.productionBase}/api/health`)).status).toBe(200);

    const entries = await ledger();
    const v2 = entries.find((e) => e.deploymentId === failed.entry.deploymentId)!;
    expect(v2.state).toBe('failure');
    expect(v2.wasGood).toBe(false);
    const rb = entries.find((e) => e.payload.kind === 'rollback')!;
    expect(rb).toMatchObject({ state: 'success', release: { version: 'v1.0.0' } });
    expect(rb.payload).toMatchObject({
      rollbackOf: failed.entry.deploymentId,
      requestedBy: 'octocat',
      migrations: { head: '20240902' },
    });
    expect(rb.phase).toMatchObject({ phase: 'done' });
    expect(rb.environmentUrl).toBe(cloud.productionBase);
    const phases = cloud.gh.state
      .repo('acme/shop')
      .deployments.find((d) => d.id === rb.deploymentId)!
      .statuses.map((s) => s.description?.split(':')[0]);
    expect(phases).toEqual(['resolve', 'lock', 'restore-vercel', 'restore-edge', 'smoke-production', 'done']);
    expect(outcome.details.rollback?.details.migrations?.message).toMatch(
      /20240901 up to 20240902 stay applied.*expand-only/,
    );

    expect(issues()).toHaveLength(1);
    const issue = issues()[0]!;
    expect(issue.title).toContain('v2.0.0');
    expect(issue.labels).toEqual(['incident', 'production']);
    for (const heading of [
      '## Summary',
      '## Impact',
      '## Timeline',
      '## Root cause',
      '## Resolution',
      '## Action items',
    ]) {
      expect(issue.body).toContain(heading);
    }
    expect(issue.body).toMatch(/\| \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \| Failure detected \(smoke-failed\) \|/);
    expect(issue.body).toContain('| Rollback started |');
    expect(issue.body).toContain('Production restored to v1.0.0');
    expect(issue.body).toMatch(/Duration from detection to restore: \*\*\d+\.\d s\*\*/);
    expect(issue.body).toContain('error rate 50.0 %');
    expect(issue.body).toContain('https://github.com/acme/shop/actions/runs/101');
    expect(outcome.details.incident).toMatchObject({ action: 'opened' });
    expect(outcome.details.lockReleased).toBe(true);
    expect(await readLock(cloud.octokit, REPO, 'production')).toBeUndefined();
  });

  it('a re-run of the same finisher changes nothing (already-done)', async () => {
    const entries = await ledger();
    const v2 = entries.find((e) => e.release.version === 'v2.0.0')!;
    const before = entries.length;
    const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/101'), {
      kind: 'deploy-finished',
      environment: 'production',
      ledgerDeploymentId: v2.deploymentId,
      migrate: 'success',
      deploy: 'success',
      smokeVerdict: 'fail',
      promoted: true,
      auto: true,
    });
    expect(outcome.details.rollback).toMatchObject({ outcome: 'success', reason: 'already-done' });
    expect(outcome.details.incident).toBeUndefined();
    expect(cloud.gh.state.repo('acme/shop').comments).toHaveLength(0);
    expect((await ledger()).length).toBe(before);
    expect(await served(cloud)).toContain(marker('v1.0.0'));
  });

  it('the same release failing again comments on the open incident instead of opening another', async () => {
    const { outcome } = await failedDeploy('v2.0.0', cloud.shas[1]!, '102');
    expect(outcome.outcome, outcome.message).toBe('success');
    expect(await served(cloud)).toContain(marker('v1.0.0'));
    expect(issues()).toHaveLength(1);
    expect(outcome.details.incident).toMatchObject({ action: 'commented', number: issues()[0]!.number });
    const comments = cloud.gh.state.repo('acme/shop').comments.filter((c) => c.issueNumber === issues()[0]!.number);
    expect(comments.at(-1)?.body).toContain('v2.0.0 failed again');
  });

  it('a failure before production was switched rolls nothing back, still ends the release and frees the lock', async () => {
    const lockSha = await deployLock(cloud, 'v2.1.0');
    const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/103'), {
      kind: 'deploy-finished',
      environment: 'production',
      lockSha,
      migrate: 'failure',
      deploy: 'skipped',
      smokeVerdict: '',
      promoted: false,
      auto: true,
    });
    expect(outcome).toMatchObject({
      outcome: 'success',
      details: { rolledBack: false, trigger: { reason: 'migrate-failed' } },
    });
    expect(outcome.details.rollback).toBeUndefined();
    expect(await readLock(cloud.octokit, REPO, 'production')).toBeUndefined();
    expect(await served(cloud)).toContain(marker('v1.0.0'));
  });
});

describe('manual rollback and refusals', () => {
  it('rolls v3 back to v1 on request', async () => {
    await release(cloud, 'v3.0.0', cloud.shas[2]!, { final: 'success' });
    expect(await served(cloud)).toContain(marker('v3.0.0'));
    const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/201'), {
      kind: 'manual',
      environment: 'production',
      version: 'v1.0.0',
    });
    expect(outcome, outcome.message).toMatchObject({ outcome: 'success', reason: 'ok' });
    expect(await served(cloud)).toContain(marker('v1.0.0'));
    const current = (await ledger()).find((e) => e.state === 'success')!;
    expect(current.payload).toMatchObject({ kind: 'rollback', version: 'v1.0.0' });
    expect(await readLock(cloud.octokit, REPO, 'production')).toBeUndefined();
  });

  it('refuses a version that was never good, naming the ones that were, and changes nothing', async () => {
    const before = (await ledger()).length;
    const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/202'), {
      kind: 'manual',
      environment: 'production',
      version: 'v2.0.0',
    });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'never-good' });
    expect(outcome.message).toContain('`v3.0.0`');
    expect((await ledger()).length).toBe(before);
    expect(await served(cloud)).toContain(marker('v1.0.0'));
  });

  it('refuses an unknown version', async () => {
    const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/203'), {
      kind: 'manual',
      environment: 'production',
      version: 'v9.9.9',
    });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'unknown-version' });
    expect(outcome.message).toContain('v9.9.9 was never deployed');
  });

  it('refuses when no known-good release exists', async () => {
    const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/204'), {
      kind: 'manual',
      environment: 'staging',
    });
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'no-known-good' });
  });

  it('refuses while someone else holds the lock, naming them', async () => {
    const lockSha = await deployLock(cloud, 'v4.0.0');
    try {
      const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/205'), {
        kind: 'manual',
        environment: 'production',
        version: 'v3.0.0',
      });
      expect(outcome).toMatchObject({ outcome: 'refused', reason: 'lock-held' });
      expect(outcome.message).toContain('@octocat');
      expect(await served(cloud)).toContain(marker('v1.0.0'));
    } finally {
      expect(await releaseLock(cloud.octokit, REPO, 'production', lockSha)).toBe(true);
    }
  });

  it('fails closed on a GitHub API error while resolving: nothing changes', async () => {
    const before = cloud.gh.state.repo('acme/shop').deployments.length;
    cloud.gh.server.faults.add({ method: 'GET', path: '/repos/*/*/deployments', status: 502 });
    try {
      const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/206'), {
        kind: 'manual',
        environment: 'production',
        version: 'v3.0.0',
      });
      expect(outcome).toMatchObject({ outcome: 'failure', reason: 'api-error' });
      expect(outcome.message).toContain('Nothing was changed');
    } finally {
      cloud.gh.server.faults.clear();
    }
    expect(cloud.gh.state.repo('acme/shop').deployments.length).toBe(before);
    expect(await readLock(cloud.octokit, REPO, 'production')).toBeUndefined();
    expect(await served(cloud)).toContain(marker('v1.0.0'));
  });
});

describe('a re-run after a crash', () => {
  it('continues the same rollback deployment and finishes the job', async () => {
    const source = 'https://github.com/acme/shop/actions/runs/401';
    const crashing = rollbackDeps(cloud, source, {
      verify: async () => {
        throw new Error('runner lost');
      },
    });
    await expect(
      autoRollback(crashing, { kind: 'manual', environment: 'production', version: 'v3.0.0' }),
    ).rejects.toThrow('runner lost');
    const crashed = (await ledger()).find((e) => e.payload.source === source)!;
    expect(crashed).toMatchObject({ state: 'in_progress', phase: { phase: 'smoke-production' } });

    const rerun = await autoRollback(rollbackDeps(cloud, source), {
      kind: 'manual',
      environment: 'production',
      version: 'v3.0.0',
    });
    expect(rerun, rerun.message).toMatchObject({ outcome: 'success', reason: 'ok' });
    expect(rerun.details.rollback?.details.rollbackDeploymentId).toBe(crashed.deploymentId);
    expect((await ledger()).filter((e) => e.payload.source === source)).toHaveLength(1);
    expect((await ledger()).find((e) => e.deploymentId === crashed.deploymentId)?.state).toBe('success');
    expect(await served(cloud)).toContain(marker('v3.0.0'));
    expect(await readLock(cloud.octokit, REPO, 'production')).toBeUndefined();

    // Back to v1.0.0 for the tests that follow.
    const back = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/402'), {
      kind: 'manual',
      environment: 'production',
      version: 'v1.0.0',
    });
    expect(back.outcome, back.message).toBe('success');
  });
});

describe('Vercel faults during the restore', () => {
  it('a deleted target deployment is a clear failure and production is untouched', async () => {
    const v5 = await release(cloud, 'v5.0.0', cloud.shas[4]!, { final: 'success' });
    const v6 = await release(cloud, 'v6.0.0', cloud.shas[5]!, { final: 'success' });
    cloud.vercel.state.deployments.delete(v5.deploymentId);
    const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/301'), {
      kind: 'manual',
      environment: 'production',
      version: 'v5.0.0',
    });
    expect(outcome).toMatchObject({ outcome: 'failure', reason: 'deployment-missing' });
    expect(outcome.message).toContain(v5.deploymentId);
    expect(outcome.message).toContain('Production was not changed');
    expect(await served(cloud)).toContain(marker('v6.0.0'));
    expect(v6.deploymentId).toBeDefined();
    expect(await readLock(cloud.octokit, REPO, 'production')).toBeUndefined();
  });

  it('retries transient Vercel API errors during the promote and still restores production', async () => {
    cloud.vercel.server.faults.add({ method: 'POST', path: '/v10/projects/*/promote/*', status: 503, times: 2 });
    cloud.vercel.server.faults.add({ method: 'GET', path: '/v9/projects/*', status: 500, times: 1 });
    try {
      const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/302'), {
        kind: 'manual',
        environment: 'production',
        version: 'v3.0.0',
      });
      expect(outcome, outcome.message).toMatchObject({ outcome: 'success' });
    } finally {
      cloud.vercel.server.faults.clear();
    }
    expect(await served(cloud)).toContain(marker('v3.0.0'));
  });

  it('a promote Vercel keeps refusing fails the rollback, records the failure and frees the lock', async () => {
    cloud.vercel.server.faults.add({ method: 'POST', path: '/v10/projects/*/promote/*', status: 500 });
    try {
      const outcome = await autoRollback(rollbackDeps(cloud, 'https://github.com/acme/shop/actions/runs/303'), {
        kind: 'manual',
        environment: 'production',
        version: 'v6.0.0',
      });
      expect(outcome.outcome).toBe('failure');
      expect(outcome.details.rollback?.details.phase).toBe('restore-vercel');
    } finally {
      cloud.vercel.server.faults.clear();
    }
    const rb = (await ledger()).find((e) => e.payload.source.endsWith('/303'))!;
    expect(rb.state).toBe('failure');
    expect(await served(cloud)).toContain(marker('v3.0.0'));
    expect(await readLock(cloud.octokit, REPO, 'production')).toBeUndefined();
  });
});

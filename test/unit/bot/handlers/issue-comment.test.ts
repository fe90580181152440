import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLock } from '../../../../lib/github/locks.js';
import { type Harness, reactionsOn, repliesTo, repoRef, startHarness } from '../harness.js';

describe('/rollback through the hosted bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.gh.setRole('acme/web', 'ops', 'admin');
    await h.release('v1.0.0', h.shas[1]!, 'production');
    await h.release('v1.1.5', h.shas[2]!, 'production', 'failure');
    await h.release('v1.2.0', h.shas[3]!, 'production');
  });
  afterAll(() => h.stop());

  it('rolls back to the last known-good release, edits one reply as the run progresses, releases the lock', async () => {
    const { commentId, reply } = await h.comment('/rollback --reason "checkout 500s"', 'ops');
    expect(reactionsOn(h.gh, commentId)).toEqual(['eyes']);
    expect(reply).toContain('Rollback of `production` from v1.2.0 to **v1.0.0**');
    expect(reply).toContain('queued');
    const lock = await readLock(h.admin, repoRef, 'production');
    expect(lock?.lock).toMatchObject({
      holder: 'ops',
      purpose: 'rollback',
      version: 'v1.0.0',
      reason: 'checkout 500s',
    });

    const run = h.gh.state.repo('acme/web').dispatches.at(-1)!;
    expect(run.workflowId).toBe('rollback.yml');
    const deploymentId = Number(run.inputs['deployment-id']);
    const deployment = h.gh.state.repo('acme/web').deployments.find((d) => d.id === deploymentId)!;
    expect(deployment.payload).toMatchObject({
      kind: 'rollback',
      version: 'v1.0.0',
      requestedBy: 'ops',
      reason: 'checkout 500s',
      source: expect.stringContaining(`#issuecomment-${commentId}`),
    });

    await h.gh.startRun(run.runId);
    await h.settle();
    expect(repliesTo(h.gh, commentId)).toBe(1);

    // The workflow reports its phases and the end, as the rollback workflow does.
    await h.admin.rest.repos.createDeploymentStatus({
      ...repoRef,
      deployment_id: deploymentId,
      state: 'in_progress',
      description: 'restore-vercel: promoting dpl_v100',
    });
    await h.settle();
    const { replyTo } = await import('../harness.js');
    expect(replyTo(h.gh, commentId)).toContain('running: restore-vercel');
    await h.admin.rest.repos.createDeploymentStatus({
      ...repoRef,
      deployment_id: deploymentId,
      state: 'success',
      description: 'done',
      environment_url: 'https://shop.example.com',
    });
    await h.gh.completeRun(run.runId, 'success');
    await h.settle();
    const final = replyTo(h.gh, commentId)!;
    expect(final).toMatch(/done in \d+ s/);
    expect(final).toContain('https://shop.example.com');
    expect(final).toContain('| Lock | released |');
    expect(repliesTo(h.gh, commentId)).toBe(1);
    expect(reactionsOn(h.gh, commentId)).toEqual(['eyes', 'rocket']);
    expect(await readLock(h.admin, repoRef, 'production')).toBeUndefined();
  });

  it('refuses a version that was never good, naming the ones that were', async () => {
    const { commentId, reply } = await h.comment('/rollback v1.1.5', 'ops');
    expect(reply).toContain('never-good');
    expect(reply).toContain('v1.1.5 was never good');
    expect(reply).toContain('`v1.2.0`');
    expect(reactionsOn(h.gh, commentId)).toEqual(['eyes', 'confused']);
    expect(await readLock(h.admin, repoRef, 'production')).toBeUndefined();
  });
});

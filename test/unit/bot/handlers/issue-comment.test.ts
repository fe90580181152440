import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLock } from '../../../../lib/github/locks.js';
import { type Harness, REPO, reactionsOn, repliesTo, replyTo, repoRef, startHarness } from '../harness.js';

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
    expect(replyTo(h.gh, commentId)).toContain('🏃 running');
    expect(replyTo(h.gh, commentId)).toContain(`[#${run.runId}]`);

    // The workflow reports its phases and the end, as the rollback workflow does.
    await h.admin.rest.repos.createDeploymentStatus({
      ...repoRef,
      deployment_id: deploymentId,
      state: 'in_progress',
      description: 'restore-vercel: promoting dpl_v100',
    });
    await h.settle();
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

    const status = (await h.comment('/status production', 'ops')).reply!;
    expect(status).toContain('**Current release:** v1.0.0');
    expect(status).toContain('**Vercel:** production is pinned to dpl_v100 by the rollback');
    expect(status).toMatch(/\| v1\.0\.0 \| rollback \| success \|/);
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

describe('the other commands', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      config: `version: 1
environments:
  production:
    required-permission: maintain
  staging: {}
chatops:
  commands: [rollback, deploy, status, lock, unlock, help]
`,
    });
    h.gh.setRole(REPO, 'ops', 'maintain');
    await h.release('v1.0.0', h.shas[1]!, 'production');
    await h.release('v1.1.0', h.shas[2]!, 'production');
    await h.release('v1.2.0', h.shas[3]!, 'production', 'failure');
  });
  afterAll(() => h.stop());

  it('/status shows the current release, the last known-good, the lock and the last releases', async () => {
    const { reply } = await h.comment('/status production', 'ops');
    expect(reply).toContain('**Current release:** v1.1.0');
    expect(reply).toContain('**Last known-good before it:** v1.0.0');
    expect(reply).toContain('**Lock:** free');
    expect(reply).toContain('| Version | Kind | State | Created | By | Deployment |');
    expect(reply).toMatch(/\| v1\.2\.0 \| deploy \| failure \|/);
    expect(reply).toMatch(/\| v1\.1\.0 \| deploy \| success \|/);
    expect(reply).toMatch(/\| v1\.0\.0 \| deploy \| inactive \|/);
    const all = (await h.comment('/status', 'ops')).reply!;
    expect(all).toContain('### `production`');
    expect(all).toContain('### `staging`');
    expect(all).toContain('No releases recorded yet.');
  });

  it('/deploy dispatches the deploy workflow on the tag, and refuses a tag that does not exist', async () => {
    const { reply, commentId } = await h.comment('/deploy v1.3.0 to production', 'ops');
    expect(reply).toContain('Deploying v1.3.0 to `production`: deploy.yml dispatched.');
    const run = h.gh.state.repo(REPO).dispatches.at(-1)!;
    expect(run).toMatchObject({ workflowId: 'deploy.yml', ref: 'refs/tags/v1.3.0', sha: h.shas[4] });
    expect(run.inputs).toMatchObject({ version: 'v1.3.0', environment: 'production', 'requested-by': 'ops' });
    expect(String(run.inputs.source)).toContain(`#issuecomment-${commentId}`);
    const missing = (await h.comment('/deploy v9.9.9 to production', 'ops')).reply!;
    expect(missing).toContain('unknown-version');
    expect(missing).toContain('git tag v9.9.9');
  });

  it('/lock holds the environment against /rollback and /deploy until /unlock', async () => {
    expect((await h.comment('/lock production --reason "db upgrade"', 'ops')).reply).toContain('🔒');
    const refusedRollback = (await h.comment('/rollback', 'ops')).reply!;
    expect(refusedRollback).toContain('`production` is locked: @ops locked it ("db upgrade"), taken');
    expect((await h.comment('/deploy v1.3.0 to production', 'ops')).reply).toContain('lock-held');
    expect((await h.comment('/lock production', 'ops')).reply).toContain('lock-held');
    expect((await h.comment('/unlock production', 'ops')).reply).toMatch(
      /🔓 Unlocked `production`\. The lock was \d+ s old/,
    );
    expect((await h.comment('/unlock production', 'ops')).reply).toContain('lock-not-held');
  });

  it('/help lists the commands and who may run them; unknown environments and bad grammar are refused with usage', async () => {
    const help = (await h.comment('/help', 'ops')).reply!;
    expect(help).toContain('`/rollback [vX.Y.Z] [to <env>] [--reason "..."]`');
    expect(help).toContain('`production`: maintain, `staging`: write');
    const unknown = (await h.comment('/rollback to prod', 'ops')).reply!;
    expect(unknown).toContain('`prod` is not an environment of this repository');
    expect(unknown).toContain('`production`, `staging`');
    const bad = await h.comment('/rollback 1.2.3', 'ops');
    expect(bad.reply).toContain('invalid-command');
    expect(bad.reply).toContain('Write it as `/rollback [vX.Y.Z] [to <env>] [--reason "..."]`');
    expect(reactionsOn(h.gh, bad.commentId)).toEqual(['eyes', 'confused']);
  });

  it('refuses commands turned off in the configuration and replies when the configuration is invalid', async () => {
    h.files.set('.github/shipline.yml', 'version: 1\nchatops:\n  commands: [status]\n');
    expect((await h.comment('/lock production', 'ops')).reply).toContain(
      '`/lock` is turned off in .github/shipline.yml',
    );
    h.files.set('.github/shipline.yml', 'version: 1\nenvironments:\n  production:\n    required-permision: admin\n');
    const broken = (await h.comment('/lock production', 'ops')).reply!;
    expect(broken).toContain('config-invalid');
    expect(broken).toContain('required-permision');
  });
});

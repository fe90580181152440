/**
 * The rollback's lock through the hosted bot: one rollback at a time under 100 concurrent comments, and no lock left
 * behind after success, a failure to start, a failed run, or a bot that crashed in the middle.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, breakLock, readLock } from '../../../lib/github/locks.js';
import { repoRoot } from '../../support/runner.js';
import { type Harness, REPO, reactionsOn, replyTo, repoRef, startHarness } from '../bot/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.gh.setRole(REPO, 'ops', 'admin');
  h.gh.setRole(REPO, 'sre', 'admin');
  await h.release('v1.0.0', h.shas[1]!, 'production');
  await h.release('v1.1.0', h.shas[2]!, 'production');
});
afterAll(() => h.stop());
let next = 2;
beforeEach(async () => {
  h.gh.server.faults.clear();
  await breakLock(h.admin, repoRef, 'production');
  // Each test starts from a fresh good release, so v1.0.0 is never the current one.
  await h.release(`v1.2.${next++}`, h.shas[3]!, 'production');
});

const rollbacks = () =>
  h.gh.state.repo(REPO).deployments.filter((d) => (d.payload as { kind?: string }).kind === 'rollback');
const dispatches = () => h.gh.state.repo(REPO).dispatches;

describe('/rollback and the environment lock', () => {
  it('lets exactly one of 100 concurrent /rollback comments run; the others are told who holds the lock', async () => {
    const before = { dispatches: dispatches().length, rollbacks: rollbacks().length };
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        h.gh.deliverIssueComment({
          url: h.bot.url,
          repo: REPO,
          issueNumber: 1,
          body: `/rollback --reason "try ${i}"`,
          user: i % 2 ? 'ops' : 'sre',
        }),
      ),
    );
    await h.settle();
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(dispatches().length - before.dispatches).toBe(1);
    expect(rollbacks().length - before.rollbacks).toBe(1);
    const lock = await readLock(h.admin, repoRef, 'production');
    const winner = results.find((r) => lock?.lock?.source.endsWith(`#issuecomment-${r.comment.id}`))!;
    expect(winner).toBeDefined();
    for (const r of results) {
      if (r === winner) continue;
      const reply = replyTo(h.gh, r.comment.id)!;
      expect(reply).toContain('lock-held');
      expect(reply).toContain(`@${lock!.lock!.holder} holds it for a rollback of ${lock!.lock!.version} ("try`);
      expect(reactionsOn(h.gh, r.comment.id)).toEqual(['eyes', 'confused']);
    }
    // The one rollback finishes: the lock is released and a new rollback may start.
    const deploymentId = Number(dispatches().at(-1)!.inputs['deployment-id']);
    await h.admin.rest.repos.createDeploymentStatus({
      ...repoRef,
      deployment_id: deploymentId,
      state: 'success',
      description: 'done',
    });
    await h.settle();
    expect(await readLock(h.admin, repoRef, 'production')).toBeUndefined();
    expect(reactionsOn(h.gh, winner.comment.id)).toEqual(['eyes', 'rocket']);
  });

  it('releases the lock and marks the deployment as error when the workflow cannot be dispatched', async () => {
    const fault = h.gh.server.faults.add({
      method: 'POST',
      path: '/repos/acme/web/actions/workflows/rollback.yml/dispatches',
      status: 404,
    });
    const { commentId, reply } = await h.comment('/rollback v1.0.0', 'ops');
    h.gh.server.faults.remove(fault);
    // The failure reply is then rebuilt from the deployment's `error` status.
    expect(reply).toContain('❌ failed');
    expect(reply).toContain('could not start the rollback workflow');
    expect(reply).toContain('| Lock | released |');
    expect(await readLock(h.admin, repoRef, 'production')).toBeUndefined();
    const last = rollbacks().at(-1)!;
    expect(last.statuses.at(-1)?.state).toBe('error');
    expect(reactionsOn(h.gh, commentId)).toEqual(['eyes', 'confused']);
  });

  it('marks the rollback failed and frees the lock when its run ends without a final status', async () => {
    const { commentId } = await h.comment('/rollback v1.0.0 --reason "bad release"', 'ops');
    expect((await readLock(h.admin, repoRef, 'production'))?.lock?.holder).toBe('ops');
    const run = dispatches().at(-1)!;
    await h.gh.completeRun(run.runId, 'failure');
    await h.settle();
    expect(await readLock(h.admin, repoRef, 'production')).toBeUndefined();
    const reply = replyTo(h.gh, commentId)!;
    expect(reply).toContain('❌ failed');
    expect(reply).toContain(`workflow run ${run.runId} ended: failure`);
    expect(reply).toContain('| Lock | released |');
    expect(reactionsOn(h.gh, commentId)).toEqual(['eyes', 'confused']);
  });

  it('refuses and frees the lock when the environment moved between resolving and locking', async () => {
    // Taking the lock is slowed down; meanwhile a deploy records a newer release.
    h.gh.server.faults.add({ method: 'POST', path: '/repos/acme/web/git/refs', delayMs: 1500, times: 1 });
    const lockReads = () => h.gh.server.requests.count('GET /repos/:owner/:repo/git/matching-refs/:ref*');
    const before = lockReads();
    const delivered = await h.gh.deliverIssueComment({
      url: h.bot.url,
      repo: REPO,
      issueNumber: 1,
      body: '/rollback v1.0.0',
      user: 'ops',
    });
    // Once the bot has resolved and is taking the lock, a deploy records a newer release.
    for (let i = 0; i < 200 && lockReads() === before; i++) await new Promise((r) => setTimeout(r, 10));
    await h.release('v1.9.0', h.shas[4]!, 'production');
    await h.settle();
    const reply = replyTo(h.gh, delivered.comment.id)!;
    expect(reply).toContain('ref-changed');
    expect(reply).toContain('Nothing was done; run the command again.');
    expect(await readLock(h.admin, repoRef, 'production')).toBeUndefined();
  });

  it('names a stale lock and its age, and /unlock breaks it', async () => {
    const taken = new Date(Date.now() - 2 * 3600_000);
    await acquireLock(h.admin, repoRef, {
      schema: 1,
      environment: 'production',
      holder: 'crashed-bot',
      purpose: 'rollback',
      reason: 'rollback to v1.0.0',
      createdAt: taken.toISOString(),
      expiresAt: new Date(taken.getTime() + 3600_000).toISOString(),
      source: 'https://github.com/acme/web/issues/1#issuecomment-1',
      version: 'v1.0.0',
    });
    const refusedReply = (await h.comment('/rollback', 'ops')).reply!;
    expect(refusedReply).toContain('lock-held');
    expect(refusedReply).toContain('@crashed-bot holds it for a rollback of v1.0.0');
    expect(refusedReply).toMatch(/taken 2 h( \d+ min)? ago/);
    expect(refusedReply).toContain('The lock is stale');
    expect(refusedReply).toContain('`/unlock production` frees it');
    const status = (await h.comment('/status production', 'ops')).reply!;
    expect(status).toMatch(/\*\*Lock:\*\* @crashed-bot holds it .* taken 2 h/);
    const unlocked = (await h.comment('/unlock production', 'ops')).reply!;
    expect(unlocked).toMatch(/Unlocked `production`\. The lock was 2 h( \d+ min)? old and stale/);
    expect(await readLock(h.admin, repoRef, 'production')).toBeUndefined();
  });

  it('leaves a lock a crashed bot took, which /status names with its age and /unlock breaks', async () => {
    // A second bot process takes the lock, then dies before it records the rollback (creating the deployment stalls).
    h.gh.server.faults.add({ method: 'POST', path: '/repos/acme/web/deployments', stall: true });
    const child = spawn('npm', ['run', '--silent', 'bot'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        APP_ID: String(h.gh.app.id),
        PRIVATE_KEY: h.gh.app.privateKey,
        WEBHOOK_SECRET: h.gh.app.webhookSecret,
        GITHUB_API_URL: h.gh.url,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'fatal',
        SHIPLINE_THROTTLE: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise((resolve) => child.on('close', resolve));
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /webhooks to (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('close', () => reject(new Error(`bot exited: ${out}`)));
    });
    await h.gh.deliverIssueComment({
      url,
      repo: REPO,
      issueNumber: 1,
      body: '/rollback --reason "crash test"',
      user: 'sre',
    });
    for (let i = 0; i < 200 && !(await readLock(h.admin, repoRef, 'production')); i++)
      await new Promise((r) => setTimeout(r, 50));
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    h.gh.server.faults.clear();

    const lock = await readLock(h.admin, repoRef, 'production');
    expect(lock?.lock).toMatchObject({ holder: 'sre', purpose: 'rollback', reason: 'crash test' });
    const status = (await h.comment('/status production', 'ops')).reply!;
    expect(status).toMatch(/\*\*Lock:\*\* @sre holds it for a rollback of v[\d.]+ \("crash test"\), taken \d+ s ago/);
    const refused = (await h.comment('/rollback', 'ops')).reply!;
    expect(refused).toContain('`/unlock production` breaks it if it is stuck');
    const unlocked = (await h.comment('/unlock production', 'ops')).reply!;
    expect(unlocked).toMatch(/Unlocked `production`\. The lock was \d+ s old: @sre holds it/);
    expect(await readLock(h.admin, repoRef, 'production')).toBeUndefined();
  });
});

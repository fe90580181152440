import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/runner.js';
import { type Harness, REPO, reactionsOn, repliesTo, startHarness } from './harness.js';

describe('the hosted bot over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.gh.setRole(REPO, 'ops', 'admin');
  });
  afterAll(() => h.stop());

  const botComments = () => h.gh.state.repo(REPO).comments.filter((c) => c.user.login === 'shipline[bot]').length;

  it.each([
    ['a forged signature', 'not-the-secret'],
    ['no signature', ''],
  ])('answers %s with 400 and does nothing', async (_name, secret) => {
    const before = botComments();
    const result = await h.gh.deliverIssueComment({
      url: h.bot.url,
      repo: REPO,
      issueNumber: 1,
      body: '/lock staging',
      user: 'ops',
      secret,
    });
    await h.settle();
    expect(result.status).toBe(400);
    expect(botComments()).toBe(before);
    expect(reactionsOn(h.gh, result.comment.id)).toEqual([]);
    expect(h.gh.state.repo(REPO).refs.has('refs/shipline/locks/staging')).toBe(false);
  });

  it('acts once on a replayed delivery, and once when another replica receives the same comment', async () => {
    const comment = h.gh.seedComment(REPO, 1, { body: '/status staging', user: 'ops' });
    const payload = h.gh.issueCommentCreatedPayload({ repo: REPO, issueNumber: 1, commentId: comment.id });
    const first = await h.gh.deliverWebhook({
      url: h.bot.url,
      event: 'issue_comment',
      payload,
      deliveryId: 'delivery-1',
    });
    await h.settle();
    const reactionCalls = () => h.gh.server.requests.count('POST /repos/:owner/:repo/issues/comments/:id/reactions');
    const calls = reactionCalls();
    const replay = await h.gh.deliverWebhook({
      url: h.bot.url,
      event: 'issue_comment',
      payload,
      deliveryId: 'delivery-1',
    });
    await h.settle();
    // The same delivery id is dropped before any GitHub call.
    expect(reactionCalls()).toBe(calls);
    // A second delivery id for the same comment (as a second replica would see): the 👀 claim stops it.
    const other = await h.gh.deliverWebhook({
      url: h.bot.url,
      event: 'issue_comment',
      payload,
      deliveryId: 'delivery-2',
    });
    await h.settle();
    expect([first.status, replay.status, other.status]).toEqual([200, 200, 200]);
    expect(repliesTo(h.gh, comment.id)).toBe(1);
    expect(reactionsOn(h.gh, comment.id)).toEqual(['eyes', 'rocket']);
  });

  it('ignores edited and deleted comments and comments by bots', async () => {
    const before = botComments();
    const comment = h.gh.seedComment(REPO, 1, { body: '/lock staging', user: 'ops' });
    const created = h.gh.issueCommentCreatedPayload({ repo: REPO, issueNumber: 1, commentId: comment.id });
    for (const action of ['edited', 'deleted']) {
      const payload = { ...created, action, ...(action === 'edited' ? { changes: { body: { from: 'hi' } } } : {}) };
      expect((await h.gh.deliverWebhook({ url: h.bot.url, event: 'issue_comment', payload })).status).toBe(200);
    }
    h.gh.seedUser('dependabot[bot]', { type: 'Bot' });
    await h.gh.deliverIssueComment({
      url: h.bot.url,
      repo: REPO,
      issueNumber: 1,
      body: '/lock staging',
      user: 'dependabot[bot]',
    });
    await h.settle();
    expect(botComments()).toBe(before);
    expect(reactionsOn(h.gh, comment.id)).toEqual([]);
    expect(h.gh.state.repo(REPO).refs.has('refs/shipline/locks/staging')).toBe(false);
  });

  it('answers the webhook before the work is done, then finishes it', async () => {
    h.gh.server.faults.add({
      method: 'POST',
      path: '/repos/acme/web/issues/comments/*/reactions',
      delayMs: 1500,
      times: 1,
    });
    const result = await h.gh.deliverIssueComment({
      url: h.bot.url,
      repo: REPO,
      issueNumber: 1,
      body: '/help',
      user: 'ops',
    });
    expect(result.status).toBe(200);
    expect(reactionsOn(h.gh, result.comment.id)).toEqual([]);
    await h.settle();
    expect(reactionsOn(h.gh, result.comment.id)).toEqual(['eyes', 'rocket']);
  });
});

/** Runs `npm run bot` with `env` until it prints the webhook URL (or exits). */
function startBotProcess(env: Record<string, string>) {
  const child = spawn('npm', ['run', '--silent', 'bot'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = new Promise<string | undefined>((resolve) => {
    child.stdout.on('data', () => {
      const m = /webhooks to (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    void exited.then(() => resolve(undefined));
  });
  return { child, url, exited, output: () => out };
}

describe('npm run bot', () => {
  it('refuses to start without a webhook secret, saying what to set', async () => {
    const bot = startBotProcess({ APP_ID: '1', PRIVATE_KEY: 'x', PORT: '0', HOST: '127.0.0.1' });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain('WEBHOOK_SECRET is not set');
  });

  it('serves signed webhooks from the environment it is given', async () => {
    const h = await startHarness();
    const bot = startBotProcess({
      APP_ID: String(h.gh.app.id),
      PRIVATE_KEY: h.gh.app.privateKey,
      WEBHOOK_SECRET: h.gh.app.webhookSecret,
      GITHUB_API_URL: h.gh.url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'fatal',
      SHIPLINE_THROTTLE: 'off',
    });
    try {
      const url = await bot.url;
      expect(url, bot.output()).toBeDefined();
      const result = await h.gh.deliverIssueComment({
        url: url!,
        repo: REPO,
        issueNumber: 1,
        body: '/help',
        user: 'acme',
      });
      expect(result.status).toBe(200);
      for (let i = 0; i < 100 && reactionsOn(h.gh, result.comment.id).length < 2; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(reactionsOn(h.gh, result.comment.id)).toEqual(['eyes', 'rocket']);
      const forged = await h.gh.deliverIssueComment({
        url: url!,
        repo: REPO,
        issueNumber: 1,
        body: '/help',
        user: 'acme',
        secret: 'wrong',
      });
      expect(forged.status).toBe(400);
    } finally {
      process.kill(-bot.child.pid!, 'SIGTERM');
      await bot.exited;
      await h.stop();
    }
  });
});

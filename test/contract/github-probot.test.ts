import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from '../../emulators/github/index.js';

describe('Probot 14 against the GitHub emulator', () => {
  let gh: GitHubEmulator;
  let http: Server;
  let webhookUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    gh = await startGitHubEmulator({ appId: 4242, webhookSecret: 'hook-secret' });
    gh.seedRepo({ fullName: 'acme/web' });
    gh.setRole('acme/web', 'mia', 'write');
    gh.seedIssue('acme/web', { title: 'Production', user: 'acme' });
    gh.seedInstallation({ account: 'acme' });

    const probot = new Probot({
      appId: gh.app.id,
      privateKey: gh.app.privateKey,
      secret: gh.app.webhookSecret,
      baseUrl: gh.url,
      logLevel: 'fatal',
    });
    const middleware = await createNodeMiddleware(
      (app) => {
        app.on('issue_comment.created', async (context) => {
          seen.push(context.payload.comment.body);
          await context.octokit.rest.reactions.createForIssueComment(
            context.repo({ comment_id: context.payload.comment.id, content: 'eyes' as const }),
          );
          await context.octokit.rest.issues.createComment(
            context.issue({ body: `ack: ${context.payload.comment.body}` }),
          );
        });
      },
      { probot },
    );
    http = createServer((req, res) => {
      void middleware(req, res, () => {
        res.writeHead(404);
        res.end();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/github/webhooks`;
  });

  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
    await gh.stop();
  });

  it('receives a signed issue_comment.created and answers through the emulator with an installation token', async () => {
    const result = await gh.deliverIssueComment({
      url: webhookUrl,
      repo: 'acme/web',
      issueNumber: 1,
      body: '/rollback v1.2.3',
      user: 'mia',
    });
    expect(result.status).toBe(200);
    expect(seen).toEqual(['/rollback v1.2.3']);

    const repo = gh.state.repo('acme/web');
    const reply = repo.comments.at(-1)!;
    expect(reply).toMatchObject({ body: 'ack: /rollback v1.2.3', issueNumber: 1, performedViaApp: true });
    expect(reply.user.login).toBe('shipline[bot]');
    expect(result.comment.reactions.map((r) => [r.content, r.user.login])).toEqual([['eyes', 'shipline[bot]']]);
    expect(gh.server.requests.count('POST /app/installations/:id/access_tokens')).toBe(1);
  });

  it('rejects a delivery signed with the wrong secret and runs no handler', async () => {
    const before = seen.length;
    const result = await gh.deliverIssueComment({
      url: webhookUrl,
      repo: 'acme/web',
      issueNumber: 1,
      body: '/status',
      user: 'mia',
      secret: 'not-the-secret',
    });
    expect(result.status).toBe(400);
    expect(seen.length).toBe(before);
  });
});

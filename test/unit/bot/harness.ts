/**
 * A hosted Shipline bot on real HTTP, wired to the GitHub emulator both ways: the bot calls the emulator through
 * Probot's Octokit; the emulator delivers signed webhooks to the bot. `settle()` waits until neither side has work.
 */
import { Octokit } from '@octokit/rest';
import type { ShiplineBotOptions } from '../../../bot/options.js';
import { type BotServer, startBotServer } from '../../../bot/server.js';
import { type GitHubEmulator, startGitHubEmulator } from '../../../emulators/github/index.js';
import { createLedgerDeployment, setLedgerStatus } from '../../../lib/github/ledger.js';
import type { RepoRef } from '../../../lib/github/repo.js';

export const REPO = 'acme/web';
export const repoRef: RepoRef = { owner: 'acme', repo: 'web' };

export const CONFIG = `version: 1
environments:
  production:
    required-permission: admin
  staging:
    required-permission: maintain
  preview: {}
`;

export interface Harness {
  gh: GitHubEmulator;
  bot: BotServer;
  /** A client acting as the repository owner (for seeding and reading back). */
  admin: Octokit;
  shas: string[];
  /** Files served by `GET /repos/acme/web/contents/:path` (the emulator has no contents route yet). */
  files: Map<string, string>;
  /** Adds a comment as `user` on issue 1, delivers it signed, and waits for all follow-up work. */
  comment(body: string, user: string): Promise<{ status: number; commentId: number; reply?: string }>;
  /** Waits until the bot and the emulator's webhook queue are both idle. */
  settle(): Promise<void>;
  /** Records a release in the ledger as the owner (optionally failed). */
  release(version: string, sha: string, environment: string, state?: 'success' | 'failure'): Promise<number>;
  stop(): Promise<void>;
}

/** Starts emulator + bot with `acme/web` (private), tags v1.0.0…v1.3.0, the workflows, and the config above. */
export async function startHarness(options: ShiplineBotOptions & { config?: string } = {}): Promise<Harness> {
  const gh = await startGitHubEmulator({ appId: 77, webhookSecret: 'bot-secret' });
  const { shas } = gh.seedRepo({
    fullName: REPO,
    private: true,
    commits: [
      'initial',
      'feat: cart',
      {
        message: 'db: add orders',
        files: [{ filename: 'supabase/migrations/20240101000000_orders.sql', status: 'added' }],
      },
      { message: 'fn: checkout', files: [{ filename: 'supabase/functions/checkout/index.ts', status: 'modified' }] },
      'fix: totals',
    ],
    tags: { 'v1.0.0': 1, 'v1.1.0': 2, 'v1.2.0': 3, 'v1.3.0': 4 },
    workflows: ['deploy.yml', 'rollback.yml'],
  });
  gh.seedInstallation({ account: 'acme' });
  gh.seedToken('t-owner', 'acme');
  gh.seedIssue(REPO, { title: 'Production incidents', user: 'acme' });
  const files = new Map<string, string>([['.github/shipline.yml', options.config ?? CONFIG]]);
  gh.server.route('GET', '/repos/:owner/:repo/contents/:path*', (req) => {
    const text = files.get(req.params.path ?? '');
    if (text === undefined || `${req.params.owner}/${req.params.repo}`.toLowerCase() !== REPO) {
      return {
        status: 404,
        body: {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content',
        },
      };
    }
    return {
      status: 200,
      body: {
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(text),
        name: req.params.path?.split('/').pop(),
        path: req.params.path,
        content: Buffer.from(text).toString('base64'),
        sha: 'f'.repeat(40),
      },
    };
  });
  const admin = new Octokit({ baseUrl: gh.url, auth: 't-owner' });
  const bot = await startBotServer({
    ...options,
    appId: gh.app.id,
    privateKey: gh.app.privateKey,
    webhookSecret: gh.app.webhookSecret,
    baseUrl: gh.url,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'fatal',
    throttle: false,
  });
  gh.webhookUrl = bot.url;

  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      const before = gh.webhookEvents.length;
      await bot.drain();
      await gh.webhooksIdle();
      await bot.drain();
      if (gh.webhookEvents.length === before) return;
    }
    throw new Error('bot and emulator never settled');
  };

  return {
    gh,
    bot,
    admin,
    shas,
    files,
    settle,
    comment: async (body, user) => {
      const result = await gh.deliverIssueComment({ url: bot.url, repo: REPO, issueNumber: 1, body, user });
      await settle();
      return { status: result.status, commentId: result.comment.id, reply: replyTo(gh, result.comment.id) };
    },
    release: async (version, sha, environment, state = 'success') => {
      const entry = await createLedgerDeployment(admin, repoRef, {
        environment,
        production: environment === 'production',
        transient: false,
        payload: {
          schema: 1,
          kind: 'deploy',
          version,
          sha,
          vercel: {
            projectId: 'prj_web',
            deploymentId: `dpl_${version.replace(/\W/g, '')}`,
            url: `web-${version.replace(/\W/g, '')}.vercel.app`,
          },
          edge: {},
          migrations: { head: null },
          requestedBy: 'acme',
          reason: '',
          source: `${gh.url}/_web/acme/web/actions/runs/1`,
        },
      });
      await setLedgerStatus(admin, repoRef, entry.deploymentId, { state, phase: 'done' });
      await settle();
      return entry.deploymentId;
    },
    stop: async () => {
      gh.webhookUrl = undefined;
      await bot.close();
      await gh.stop();
    },
  };
}

/** The bot's reply to comment `commentId` (its text after the marker line). */
export function replyTo(gh: GitHubEmulator, commentId: number): string | undefined {
  const marker = `<!-- shipline:reply-to=${commentId} -->`;
  const reply = gh.state.repo(REPO).comments.find((c) => c.body.startsWith(marker));
  return reply?.body.slice(marker.length + 1);
}

/** All replies of the bot to comment `commentId` (there must be exactly one). */
export function repliesTo(gh: GitHubEmulator, commentId: number): number {
  const marker = `<!-- shipline:reply-to=${commentId} -->`;
  return gh.state.repo(REPO).comments.filter((c) => c.body.startsWith(marker)).length;
}

/** Reactions the bot left on a comment, in order. */
export function reactionsOn(gh: GitHubEmulator, commentId: number): string[] {
  const comment = gh.state.repo(REPO).comments.find((c) => c.id === commentId);
  return (comment?.reactions ?? []).filter((r) => r.user.login.endsWith('[bot]')).map((r) => r.content);
}

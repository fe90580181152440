import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { EmulatorServer } from '../core/server.js';
import type { GitHubContext } from './context.js';
import { githubErrorBody } from './errors.js';
import { type IssueCommentPayloadOptions, issueCommentCreatedPayload } from './payloads.js';
import { registerActionsRoutes } from './routes/actions.js';
import { registerAppRoutes } from './routes/app.js';
import { registerDeploymentRoutes } from './routes/deployments.js';
import { registerGitRoutes } from './routes/git.js';
import { registerIssueRoutes } from './routes/issues.js';
import { registerReactionRoutes } from './routes/reactions.js';
import { registerRepoRoutes } from './routes/repos.js';
import { type AppRecord, type CommentRecord, GitHubState } from './state.js';
import { deliverWebhook, type WebhookDelivery, type WebhookResult } from './webhooks.js';

export interface GitHubEmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The GitHub App's id (default 1). */
  appId?: number;
  /** The app's private key (PEM); a fresh RSA key when omitted (read it back from `app.privateKey`). */
  privateKey?: string;
  /** The app's webhook secret (default `shipline-webhook-secret`). */
  webhookSecret?: string;
  /** The app's slug; its bot user is `<slug>[bot]` (default `shipline`). */
  appSlug?: string;
  /** Owner of the app registration (default `shipline-dev`). */
  appOwner?: string;
  /** Time source for timestamps and token/JWT expiry. */
  now?: () => Date;
}

export interface GitHubEmulator {
  /** Base URL to use as Octokit's `baseUrl` (stands for https://api.github.com). */
  url: string;
  server: EmulatorServer;
  state: GitHubState;
  app: { id: number; slug: string; privateKey: string; webhookSecret: string; record: AppRecord };
  seedUser: GitHubState['seedUser'];
  seedToken: GitHubState['seedToken'];
  seedRepo: GitHubState['seedRepo'];
  seedCommit: GitHubState['seedCommit'];
  seedTag: GitHubState['seedTag'];
  setRole: GitHubState['setRole'];
  seedIssue: GitHubState['seedIssue'];
  seedComment: GitHubState['seedComment'];
  seedInstallation: GitHubState['seedInstallation'];
  /** Builds an `issue_comment.created` payload from state. */
  issueCommentCreatedPayload(options: IssueCommentPayloadOptions): Record<string, unknown>;
  /** Delivers a webhook signed with the app's secret unless `secret` is given (`''` = unsigned). */
  deliverWebhook(delivery: WebhookDelivery): Promise<WebhookResult>;
  /** Adds a comment as `user` to an issue and delivers its `issue_comment.created` webhook to `url`. */
  deliverIssueComment(options: {
    url: string;
    repo: string;
    issueNumber: number;
    body: string;
    user: string;
    secret?: string;
  }): Promise<WebhookResult & { comment: CommentRecord }>;
  stop(): Promise<void>;
}

/** Starts the GitHub API emulator on loopback, with a GitHub App registered (installations are seeded by tests). */
export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const state = new GitHubState(options.now);
  const privateKey = options.privateKey ?? generatePrivateKey();
  const publicKeyPem = createPublicKey(createPrivateKey(privateKey)).export({ type: 'spki', format: 'pem' }).toString();
  const webhookSecret = options.webhookSecret ?? 'shipline-webhook-secret';
  const slug = options.appSlug ?? 'shipline';
  const appId = options.appId ?? 1;
  const record = state.setApp({
    id: appId,
    slug,
    name: slug,
    clientId: `Iv1.${appId.toString(16).padStart(16, '0')}`,
    owner: state.seedUser(options.appOwner ?? 'shipline-dev', { type: 'Organization' }),
    publicKeyPem,
    privateKeyPem: privateKey,
    webhookSecret,
    permissions: { actions: 'write', contents: 'write', deployments: 'write', issues: 'write', metadata: 'read' },
    events: ['issue_comment', 'issues', 'deployment_status'],
  });

  const server = new EmulatorServer({ name: 'github', errorBody: githubErrorBody });
  const ctx: GitHubContext = { state, urls: { api: '', web: '' } };
  registerAppRoutes(server, ctx);
  registerDeploymentRoutes(server, ctx);
  registerReactionRoutes(server, ctx);
  registerIssueRoutes(server, ctx);
  registerGitRoutes(server, ctx);
  registerActionsRoutes(server, ctx);
  registerRepoRoutes(server, ctx);
  const url = await server.listen(options.port ?? 0);
  ctx.urls.api = url;
  ctx.urls.web = `${url}/_web`;

  const bind = <K extends keyof GitHubState>(key: K) =>
    (state[key] as (...a: unknown[]) => unknown).bind(state) as GitHubState[K];
  return {
    url,
    server,
    state,
    app: { id: appId, slug, privateKey, webhookSecret, record },
    seedUser: bind('seedUser'),
    seedToken: bind('seedToken'),
    seedRepo: bind('seedRepo'),
    seedCommit: bind('seedCommit'),
    seedTag: bind('seedTag'),
    setRole: bind('setRole'),
    seedIssue: bind('seedIssue'),
    seedComment: bind('seedComment'),
    seedInstallation: bind('seedInstallation'),
    issueCommentCreatedPayload: (o) => issueCommentCreatedPayload(ctx, o),
    deliverWebhook: (d) => deliverWebhook({ ...d, secret: d.secret ?? webhookSecret }),
    deliverIssueComment: async (o) => {
      const comment = state.seedComment(o.repo, o.issueNumber, { body: o.body, user: o.user });
      const payload = issueCommentCreatedPayload(ctx, {
        repo: o.repo,
        issueNumber: o.issueNumber,
        commentId: comment.id,
      });
      const result = await deliverWebhook({
        url: o.url,
        event: 'issue_comment',
        payload,
        secret: o.secret ?? webhookSecret,
      });
      return { ...result, comment };
    },
    stop: () => server.close(),
  };
}

let generatedKey: string | undefined;

/** One RSA key per process for emulators started without a key (generating one costs ~0.1–0.5 s). */
function generatePrivateKey(): string {
  if (!generatedKey) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    generatedKey = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  }
  return generatedKey;
}

export type { GitHubState, RepoRole, SeedRepoOptions } from './state.js';
export type { WebhookDelivery, WebhookResult } from './webhooks.js';
export { deliverWebhook, signWebhookBody } from './webhooks.js';

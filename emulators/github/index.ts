import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { EmulatorServer } from '../core/server.js';
import type { GitHubContext } from './context.js';
import { registerControlRoutes } from './control.js';
import { githubErrorBody } from './errors.js';
import { EventHub, type WebhookEventRecord } from './events.js';
import { type IssueCommentPayloadOptions, issueCommentCreatedPayload } from './payloads.js';
import { registerActionsRoutes } from './routes/actions.js';
import { registerAppRoutes } from './routes/app.js';
import { registerDeploymentRoutes } from './routes/deployments.js';
import { registerEnvironmentRoutes } from './routes/environments.js';
import { registerGitRoutes } from './routes/git.js';
import { registerIssueRoutes } from './routes/issues.js';
import { registerMetaRoutes } from './routes/meta.js';
import { registerReactionRoutes } from './routes/reactions.js';
import { registerRepoRoutes } from './routes/repos.js';
import { githubRoutes, RateLimiter, type RouteRegistrar, unrouted } from './routing.js';
import { completeRun, findRun, startRun } from './runs.js';
import {
  type AppRecord,
  type CommentRecord,
  GitHubState,
  type RunConclusion,
  type WorkflowDispatchRecord,
} from './state.js';
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
  /** The app's webhook URL: events it subscribes to are POSTed there, signed (see `webhookUrl` below). */
  webhookUrl?: string;
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
  /** Adds a workflow file (`deploy.yml` or `{ file, name, triggers, inputs }`); others dispatch to 404. */
  seedWorkflow: GitHubState['seedWorkflow'];
  /** Adds a deployment environment (a deployment to a new environment also creates it). */
  seedEnvironment: GitHubState['seedEnvironment'];
  /** Where the app's webhook deliveries go; undefined = recorded only. Change it at any time. */
  webhookUrl: string | undefined;
  /** Every event the app subscribes to, in order, with its delivery result. */
  readonly webhookEvents: WebhookEventRecord[];
  /** Resolves once every queued webhook delivery was attempted. */
  webhooksIdle(): Promise<void>;
  /** The run with this id (any repository); throws when unknown. */
  run(runId: number): WorkflowDispatchRecord;
  /** Moves a queued run to in_progress and delivers `workflow_run.in_progress`; returns the delivery. */
  startRun(runId: number): Promise<WebhookEventRecord>;
  /**
   * Completes a run with `conclusion` (default success) and delivers `workflow_run.completed`; a queued run is
   * started first (its in_progress event delivered), as GitHub never skips it.
   */
  completeRun(runId: number, conclusion?: RunConclusion): Promise<WebhookEventRecord>;
  /** GitHub's primary rate limits (lower them to provoke the 403) and the windows used so far. */
  rateLimits: RateLimiter;
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
    events: ['issue_comment', 'issues', 'deployment', 'deployment_status', 'workflow_run'],
  });

  const server = new EmulatorServer({ name: 'github', errorBody: githubErrorBody, fallback: (req) => unrouted(req) });
  const ctx = { state, urls: { api: '', web: '' }, rate: new RateLimiter(() => state.now()) } as GitHubContext;
  ctx.events = new EventHub(ctx, () => webhookSecret);
  ctx.events.url = options.webhookUrl;
  registerGitHubRoutes(githubRoutes(server, ctx), ctx);
  registerControlRoutes(server, ctx);
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
    seedWorkflow: bind('seedWorkflow'),
    seedEnvironment: bind('seedEnvironment'),
    get webhookUrl() {
      return ctx.events.url;
    },
    set webhookUrl(value: string | undefined) {
      ctx.events.url = value;
    },
    webhookEvents: ctx.events.events,
    webhooksIdle: () => ctx.events.idle(),
    run: (runId) => findRun(ctx, runId).run,
    startRun: async (runId) => startRun(ctx, runId),
    completeRun: async (runId, conclusion) => completeRun(ctx, runId, conclusion),
    rateLimits: ctx.rate,
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

/** Registers every GitHub route on `server` (exported so tooling can list the routes the emulator serves). */
export function registerGitHubRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  registerAppRoutes(server, ctx);
  registerDeploymentRoutes(server, ctx);
  registerReactionRoutes(server, ctx);
  registerIssueRoutes(server, ctx);
  registerGitRoutes(server, ctx);
  registerActionsRoutes(server, ctx);
  registerEnvironmentRoutes(server, ctx);
  registerMetaRoutes(server, ctx);
  registerRepoRoutes(server, ctx);
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

export type { WebhookEventRecord } from './events.js';
export type {
  GitHubState,
  RepoRole,
  RunConclusion,
  SeedRepoOptions,
  WorkflowDispatchRecord,
  WorkflowSeed,
} from './state.js';
export type { WebhookDelivery, WebhookResult } from './webhooks.js';
export { deliverWebhook, signWebhookBody } from './webhooks.js';

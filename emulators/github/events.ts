import { randomUUID } from 'node:crypto';
import type { GitHubContext } from './context.js';
import { nodeId } from './ids.js';
import { runJson, workflowJson } from './run-shapes.js';
import { deploymentJson, deploymentStatusJson, organizationJson, repoJson, userJson } from './shapes.js';
import type {
  DeploymentRecord,
  DeploymentStatusRecord,
  RepoRecord,
  UserRecord,
  WorkflowDispatchRecord,
} from './state.js';
import { deliverWebhook, type WebhookResult } from './webhooks.js';

/** One event GitHub would send to the app's webhook, and what became of its delivery. */
export interface WebhookEventRecord {
  event: string;
  action: string;
  deliveryId: string;
  payload: Record<string, unknown>;
  /** The receiver's answer; `error` when it could not be reached; both absent when no webhook URL was set. */
  result?: WebhookResult;
  error?: string;
}

/**
 * The app's webhook, as GitHub's Hookshot runs it: every event the app subscribes to is recorded and, when a URL is
 * set, POSTed signed (X-Hub-Signature-256, X-GitHub-Delivery, X-GitHub-Event) one after another in order.
 * Deliveries never block the API call that caused them; `idle()` waits for the queue to drain.
 */
export class EventHub {
  readonly events: WebhookEventRecord[] = [];
  url: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: GitHubContext,
    private readonly secret: () => string,
  ) {}

  /** Records `event` and queues its delivery; resolves once it was delivered (or failed). */
  emit(event: string, payload: Record<string, unknown>): Promise<WebhookEventRecord> {
    const record: WebhookEventRecord = {
      event,
      action: String(payload.action ?? ''),
      deliveryId: randomUUID(),
      payload,
    };
    if (!(this.ctx.state.app?.events ?? []).includes(event)) return Promise.resolve(record);
    this.events.push(record);
    const url = this.url;
    const delivered = this.queue.then(async () => {
      if (!url) return record;
      try {
        record.result = await deliverWebhook({
          url,
          event,
          payload,
          secret: this.secret(),
          deliveryId: record.deliveryId,
        });
      } catch (error) {
        record.error = (error as Error).message;
      }
      return record;
    });
    this.queue = delivered;
    return delivered;
  }

  /** Resolves when every queued delivery has been attempted. */
  async idle(): Promise<void> {
    let current: Promise<unknown>;
    do {
      current = this.queue;
      await current;
    } while (current !== this.queue);
  }

  /** `workflow_run` (requested, in_progress, completed) for a run. */
  workflowRun(
    repo: RepoRecord,
    run: WorkflowDispatchRecord,
    action: 'requested' | 'in_progress' | 'completed',
  ): Promise<WebhookEventRecord> {
    const workflow = repo.workflows.find((w) => w.id === run.workflow);
    return this.emit(
      'workflow_run',
      this.envelope(repo, run.actor, {
        action,
        workflow_run: runJson(this.ctx, repo, run),
        ...(workflow ? { workflow: workflowJson(this.ctx, repo, workflow) } : {}),
      }),
    );
  }

  /** `deployment.created`. */
  deployment(repo: RepoRecord, d: DeploymentRecord): Promise<WebhookEventRecord> {
    return this.emit(
      'deployment',
      this.envelope(repo, d.creator.user, {
        action: 'created',
        deployment: deploymentJson(this.ctx.urls, repo, d, this.ctx.state),
        // set when a workflow run created the deployment; the emulator does not know which one did
        workflow: null,
        workflow_run: null,
      }),
    );
  }

  /** `deployment_status.created`, carrying the deployment as it is now. */
  deploymentStatus(repo: RepoRecord, d: DeploymentRecord, s: DeploymentStatusRecord): Promise<WebhookEventRecord> {
    return this.emit(
      'deployment_status',
      this.envelope(repo, s.creator.user, {
        action: 'created',
        deployment_status: deploymentStatusJson(this.ctx.urls, repo, s, this.ctx.state),
        deployment: deploymentJson(this.ctx.urls, repo, d, this.ctx.state),
      }),
    );
  }

  /** The keys every repository event carries: repository, sender, organization and installation when they apply. */
  private envelope(repo: RepoRecord, sender: UserRecord, body: Record<string, unknown>): Record<string, unknown> {
    const payload: Record<string, unknown> = {
      ...body,
      repository: repoJson(this.ctx.urls, repo, this.ctx.state),
      sender: userJson(this.ctx.urls, sender),
    };
    if (repo.owner.type === 'Organization') payload.organization = organizationJson(this.ctx.urls, repo.owner);
    const installation = this.ctx.state.installationFor(repo);
    if (installation) payload.installation = { id: installation.id, node_id: nodeId('MDIz', installation.id) };
    return payload;
  }
}

/**
 * The Shipline ChatOps app: registers one handler per event; each delegates to bot/handlers/, which delegate to
 * lib/chatops. The same app runs hosted (server.ts) and inside Actions (action.ts).
 */
import type { Probot } from 'probot';
import { describeError } from '../lib/core/errors.js';
import { onDeploymentStatus } from './handlers/deployment-status.js';
import { onIssueComment } from './handlers/issue-comment.js';
import { onIssue } from './handlers/issues.js';
import { onWorkflowRun } from './handlers/workflow-run.js';
import { DeliveryLog, KeyedQueue, type ShiplineBotOptions } from './options.js';

export { DeliveryLog, type ShiplineBotOptions } from './options.js';

/** The Probot application function, configured for its host. */
export function shiplineApp(options: ShiplineBotOptions = {}): (app: Probot) => void {
  const deliveries = options.deliveries ?? new DeliveryLog();
  const defer = options.defer ?? ((work) => work());
  // Progress events of one repository are handled one after another, so the reply ends with the latest state.
  const progress = new KeyedQueue();
  const repoKey = (c: { payload: unknown }) =>
    String((c.payload as { repository?: { full_name?: string } }).repository?.full_name ?? '');
  return (app: Probot) => {
    /** Acts once per delivery id, runs the work the host's way, and logs what a failure was. */
    const handle =
      <C extends { id: string; log: Probot['log'] }>(name: string, fn: (context: C) => Promise<string>) =>
      async (context: C): Promise<void> => {
        if (!deliveries.claim(context.id)) {
          context.log.info(`Delivery ${context.id} (${name}) was already handled; ignoring the replay.`);
          options.onHandled?.({ name, deliveryId: context.id, result: 'replay' });
          return;
        }
        await defer(
          async () => {
            try {
              const result = await fn(context);
              options.onHandled?.({ name, deliveryId: context.id, result });
            } catch (error) {
              context.log.error(`Shipline ${name} handler failed: ${describeError(error)}`);
              options.onHandled?.({ name, deliveryId: context.id, result: 'error' });
            }
          },
          { name, deliveryId: context.id },
        );
      };
    app.on(
      'issue_comment.created',
      handle('issue_comment', (c) => onIssueComment(c as never, options)),
    );
    app.on(
      ['issues.opened', 'issues.labeled', 'issues.edited'],
      handle('issues', (c) => onIssue(c as never, options)),
    );
    app.on(
      'deployment_status.created',
      handle('deployment_status', (c) =>
        progress.run(repoKey(c as never), () => onDeploymentStatus(c as never, options)),
      ),
    );
    app.on(
      ['workflow_run.requested', 'workflow_run.in_progress', 'workflow_run.completed'],
      handle('workflow_run', (c) => progress.run(repoKey(c as never), () => onWorkflowRun(c as never, options))),
    );
  };
}

export default shiplineApp();

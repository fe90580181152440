import type { EmulatorServer } from '../core/server.js';
import type { GitHubContext } from './context.js';
import { completeRun, findRun, RunStateError, startRun } from './runs.js';
import type { RunConclusion, WorkflowSeed } from './state.js';

const CONCLUSIONS: readonly RunConclusion[] = [
  'success',
  'failure',
  'cancelled',
  'skipped',
  'timed_out',
  'neutral',
  'action_required',
];

/**
 * The emulator's own control API under `/_emulator/` (not GitHub's; no auth, loopback only), so a driver in another
 * process (e.g. `shipline run-workflow` against `shipline emulate`) can do what tests do in-process:
 * - `POST /_emulator/repos/{owner}/{repo}/workflows` `{ file, name?, triggers?, inputs? }` seeds a workflow;
 * - `POST /_emulator/runs/{id}/start`, `POST /_emulator/runs/{id}/complete` `{ conclusion }` move a run on;
 * - `PUT /_emulator/webhook` `{ url }` (null to stop) sets the app's webhook URL;
 * - `GET /_emulator/events` lists recorded webhook events with their delivery status.
 */
export function registerControlRoutes(server: EmulatorServer, ctx: GitHubContext): void {
  const fail = (status: number, message: string) => ({ status, body: { message } });

  server.route('POST', '/_emulator/repos/:owner/:repo/workflows', (req) => {
    const body = req.json<WorkflowSeed | null>();
    if (typeof body !== 'string' && (typeof body !== 'object' || body === null || typeof body.file !== 'string')) {
      return fail(400, 'expected { "file": "deploy.yml", ... }');
    }
    const fullName = `${req.params.owner}/${req.params.repo}`;
    if (!ctx.state.repos.has(fullName.toLowerCase())) return fail(404, `unknown repository ${fullName}`);
    return { status: 201, body: ctx.state.seedWorkflow(fullName, body) };
  });

  server.route('POST', '/_emulator/runs/:run_id/:move', async (req) => {
    const runId = Number(req.params.run_id);
    try {
      let event: Awaited<ReturnType<typeof startRun>>;
      if (req.params.move === 'start') event = await startRun(ctx, runId);
      else if (req.params.move === 'complete') {
        const conclusion = req.json<{ conclusion?: string } | null>()?.conclusion ?? 'success';
        if (!CONCLUSIONS.includes(conclusion as RunConclusion)) {
          return fail(400, `conclusion must be one of ${CONCLUSIONS.join(', ')}`);
        }
        event = await completeRun(ctx, runId, conclusion as RunConclusion);
      } else return fail(404, `unknown move ${req.params.move}: use start or complete`);
      const { run } = findRun(ctx, runId);
      return { status: 200, body: { run, event: summary(event) } };
    } catch (error) {
      if (error instanceof RunStateError) return fail(/unknown/.test(error.message) ? 404 : 409, error.message);
      throw error;
    }
  });

  server.route('PUT', '/_emulator/webhook', (req) => {
    const url = req.json<{ url?: unknown } | null>()?.url;
    if (url !== null && (typeof url !== 'string' || !URL.canParse(url)))
      return fail(400, 'expected { "url": "http…" }');
    ctx.events.url = url ?? undefined;
    return { status: 204 };
  });

  server.route('GET', '/_emulator/events', () => ({ status: 200, body: ctx.events.events.map(summary) }));
}

function summary(e: {
  event: string;
  action: string;
  deliveryId: string;
  result?: { status: number };
  error?: string;
}) {
  return {
    event: e.event,
    action: e.action,
    deliveryId: e.deliveryId,
    status: e.result?.status ?? null,
    error: e.error ?? null,
  };
}

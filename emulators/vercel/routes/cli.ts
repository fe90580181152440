import type { ServerResponse } from 'node:http';
import type { EmulatorRequest, EmulatorResponse } from '../../core/server.js';
import type { Edge } from '../edge/server.js';
import { vercelError } from '../errors.js';
import type { VercelState } from '../state.js';
import type { Deployment, Scope } from '../types.js';

const FINISHED = new Set(['READY', 'ERROR', 'CANCELED']);

/** One build-log event as `GET /v3/now/deployments/:id/events?format=lines` streams it (one JSON object a line). */
function logEvent(deployment: Deployment, serial: number, created: number, text: string, type = 'stdout') {
  const id = `${deployment.id.replace(/^dpl_/, '')}-${serial}`;
  return {
    type,
    created,
    date: created,
    text,
    id,
    serial: String(serial).padStart(12, '0'),
    deploymentId: deployment.id,
    info: { type: 'build', name: 'bld_emulator', entrypoint: '.' },
    level: type === 'stderr' ? 'error' : undefined,
    payload: {
      deploymentId: deployment.id,
      id,
      text,
      date: created,
      created,
      serial: String(serial).padStart(12, '0'),
    },
  };
}

/** The build log a deployment has produced by now (it grows as the simulated build advances). */
function buildLog(deployment: Deployment): Array<Record<string, unknown>> {
  const lines: Array<[number, string, string]> = [
    [deployment.createdAt, 'Running build in Washington, D.C., USA (East) – iad1', 'stdout'],
  ];
  if (deployment.readyState !== 'QUEUED') {
    lines.push([
      deployment.buildingAt,
      deployment.prebuilt ? 'Using prebuilt build artifacts...' : 'Building...',
      'stdout',
    ]);
  }
  if (deployment.readyState === 'ERROR') {
    lines.push([deployment.buildingAt, `Error: ${deployment.errorMessage ?? 'Build failed'}`, 'stderr']);
  }
  if (deployment.readyState === 'READY') {
    lines.push([deployment.ready ?? deployment.buildingAt, 'Deployment completed', 'stdout']);
  }
  return lines.map(([at, text, type], i) => logEvent(deployment, i + 1, at, text, type));
}

/**
 * `GET /v3/now/deployments/:idOrUrl/events` (and `/v3/deployments/…`): the build log, as JSON lines with
 * `format=lines` or `follow=1` (else one JSON array). With `follow=1` the stream stays open until the build
 * finishes and ends with a `state` event (`READY`), which is what `vercel deploy` waits for.
 */
export async function deploymentEvents(
  req: EmulatorRequest,
  res: ServerResponse,
  scope: Scope,
  state: VercelState,
): Promise<EmulatorResponse> {
  const deployment = state.findDeployment(req.params.idOrUrl ?? '', scope.accountId);
  if (!deployment) throw vercelError(404, 'not_found', 'Deployment not found');
  const follow = req.query.get('follow') === '1';
  const since = Number(req.query.get('since') ?? 0) || 0;
  if (!follow && req.query.get('format') !== 'lines') {
    // Without `follow` or `format=lines` (e.g. @vercel/sdk), the events so far as one JSON array.
    return { status: 200, body: buildLog(deployment).filter((e) => since === 0 || Number(e.created) > since) };
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-cache' });
  let sent = 0;
  const flush = () => {
    const events = buildLog(deployment).filter((e) => Number(e.created) > since || since === 0);
    for (const event of events.slice(sent)) res.write(`${JSON.stringify(event)}\n`);
    sent = Math.max(sent, events.length);
  };
  flush();
  if (follow) {
    await new Promise<void>((resolve) => {
      const tick = () => {
        if (res.destroyed) return resolve();
        flush();
        if (FINISHED.has(deployment.readyState)) return resolve();
        setTimeout(tick, 50).unref();
      };
      tick();
    });
    if (deployment.readyState === 'READY' && !res.destroyed) {
      const at = deployment.ready ?? Date.now();
      res.write(
        `${JSON.stringify({ type: 'deployment-state', event: 'state', created: at, date: at, payload: { value: 'READY' } })}\n`,
      );
    }
  }
  res.end();
  return { raw: true };
}

/**
 * `GET /v11/deployments/:id/builds`: one build per Build Output function plus the static files (what
 * `vercel inspect` lists under Builds).
 */
export function deploymentBuilds(req: EmulatorRequest, scope: Scope, state: VercelState, edge: Edge): EmulatorResponse {
  const deployment = state.findDeployment(req.params.id ?? '', scope.accountId);
  if (!deployment) throw vercelError(404, 'not_found', 'Deployment not found');
  let outputs: Array<{ type: string; path: string; digest: string }> = [];
  try {
    const output = edge.output(deployment);
    outputs = deployment.files
      .filter((f) => f.file.startsWith(`${output.root}static/`) || f.file.endsWith('.func/.vc-config.json'))
      .map((f) =>
        f.file.endsWith('.func/.vc-config.json')
          ? {
              type: 'lambda',
              path: f.file.slice(`${output.root}functions/`.length, -'.func/.vc-config.json'.length),
              digest: f.sha,
            }
          : { type: 'file', path: f.file.slice(`${output.root}static/`.length), digest: f.sha },
      );
  } catch {
    outputs = [];
  }
  const readyState = deployment.readyState === 'BUILDING' ? 'BUILDING' : deployment.readyState;
  return {
    status: 200,
    body: {
      builds: [
        {
          id: `bld_${deployment.id.replace(/^dpl_/, '').slice(0, 20)}`,
          deploymentId: deployment.id,
          entrypoint: '.vercel/output',
          use: deployment.prebuilt ? '@vercel/prebuilt' : '@vercel/static',
          readyState,
          readyStateAt: deployment.ready ?? deployment.buildingAt,
          createdAt: deployment.createdAt,
          createdIn: deployment.regions[0] ?? 'iad1',
          output: outputs,
        },
      ],
    },
  };
}

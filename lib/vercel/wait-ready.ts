/**
 * Waits for a deployment to reach READY with a deadline, polling `GET /v13/deployments/:id`. Rate limits and
 * gateway errors are retried by the API client (with Retry-After); other 5xx answers and dropped connections are
 * tolerated until the deadline. ERROR and CANCELED fail with Vercel's errorCode/errorMessage and the inspector link.
 */
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { VercelApi } from './api.js';
import { VercelError } from './errors.js';

/** The deployment fields the wait reads. */
export interface DeploymentState {
  id: string;
  url: string;
  readyState: string;
  readySubstate?: string;
  inspectorUrl?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** Polls until READY (after 250 ms, doubling up to `intervalMs`); throws VercelError (`build-failed`, `timeout`, or the API error) otherwise. */
export async function waitForReady(
  api: VercelApi,
  deploymentId: string,
  options: { timeoutMs: number; intervalMs: number; clock: Clock; logger: Logger },
): Promise<DeploymentState> {
  const { clock, logger } = options;
  const deadline = clock.now().getTime() + options.timeoutMs;
  let lastState = '';
  let last: DeploymentState | undefined;
  let wait = Math.min(250, options.intervalMs);
  for (;;) {
    try {
      last = await api.json<DeploymentState>('GET', `/v13/deployments/${encodeURIComponent(deploymentId)}`, {
        what: `reading deployment ${deploymentId}`,
        notFound: { reason: 'deployment-missing', hint: 'The deployment was deleted while building.' },
      });
      if (last.readyState !== lastState) {
        logger.info(`Build state: ${last.readyState}`);
        lastState = last.readyState;
      }
      if (last.readyState === 'READY') return last;
      if (last.readyState === 'ERROR' || last.readyState === 'CANCELED') {
        const code = last.errorCode ?? (last.readyState === 'CANCELED' ? 'CANCELED' : 'BUILD_FAILED');
        throw new VercelError(
          'vercel_build_failed',
          `Deployment ${deploymentId} ended in ${last.readyState} (${code})${last.errorMessage ? `: ${last.errorMessage}` : ''}.`,
          {
            reason: 'build-failed',
            inspectorUrl: last.inspectorUrl,
            hint: `Production is unchanged.${last.inspectorUrl ? ` Build logs: ${last.inspectorUrl}` : ''}`,
          },
        );
      }
    } catch (error) {
      const transient =
        error instanceof VercelError &&
        (error.code === 'vercel_unreachable' || (error.status !== undefined && error.status >= 500));
      if (!transient) throw error;
      logger.warning(`${error.message}; still waiting for ${deploymentId}`);
    }
    const left = deadline - clock.now().getTime();
    if (left <= 0) {
      throw new VercelError(
        'vercel_build_timeout',
        `Deployment ${deploymentId} was not READY within ${Math.round(options.timeoutMs / 1000)} s (last state: ${lastState || 'unknown'}).`,
        {
          reason: 'timeout',
          inspectorUrl: last?.inspectorUrl,
          hint: `Production is unchanged. Raise vercel.build-timeout if builds take longer${last?.inspectorUrl ? `; see ${last.inspectorUrl}` : ''}.`,
        },
      );
    }
    // Short waits first (most prebuilt deployments are READY within a second or two), then the full interval.
    await clock.sleep(Math.min(wait, left));
    wait = Math.min(options.intervalMs, wait * 2);
  }
}

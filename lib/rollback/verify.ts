/** verify: smoke on production after a rollback, through the same smokeDeployment as every other smoke run. */
import type { SmokeConfig } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Outcome } from '../release/outcome.js';
import type { ProbeTargets } from '../smoke/from-config.js';
import { type SmokeDetails, smokeDeployment } from '../smoke/smoke.js';

/**
 * A `verify` function for rollback(): smokes `productionUrl` (or `targets.baseUrl` when the rollback knows none)
 * with the environment's smoke settings.
 */
export function productionVerifier(
  config: SmokeConfig,
  targets: ProbeTargets,
  deps: { clock: Clock; logger: Logger; signal?: AbortSignal },
): (productionUrl: string | undefined) => Promise<Outcome<SmokeDetails>> {
  return (productionUrl) =>
    deps.logger.group(`Smoke on production (${productionUrl ?? targets.baseUrl})`, () =>
      smokeDeployment(config, { ...targets, baseUrl: productionUrl ?? targets.baseUrl }, deps),
    );
}

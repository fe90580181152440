/**
 * restore-edge: Supabase keeps no old versions of an edge function, so a rollback redeploys the functions from the
 * target commit's source (a folder the adapter extracted). Functions whose hash equals the current release's are
 * skipped while the platform runs them; secrets are not touched.
 */
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { deployFunctions } from '../supabase/functions/deploy.js';
import { discoverFunctions } from '../supabase/functions/discover.js';
import type { RollbackEdge } from './execute.js';

export interface RestoreEdgeResult {
  deployed: string[];
  skipped: string[];
  failed: string[];
  /** Functions the current release has and the target does not: left deployed (never deleted by a rollback). */
  kept: string[];
  hashes: Record<string, string>;
}

/** Redeploys the edge functions of commit `sha`; `recorded` is the current release's `edge` map. */
export async function restoreEdge(
  edge: RollbackEdge,
  sha: string,
  recorded: Readonly<Record<string, string>>,
  deps: { clock: Clock; logger: Logger },
): Promise<RestoreEdgeResult> {
  const source = await edge.checkout(sha);
  try {
    const discovery = await discoverFunctions({ root: source.root, functionsDir: edge.functionsDir });
    const outcome = await deployFunctions({
      api: edge.api,
      ref: edge.ref,
      functions: discovery.functions,
      keep: discovery.disabled,
      recorded,
      logger: deps.logger,
      clock: deps.clock,
    });
    const local = new Set(discovery.functions.map((f) => f.slug));
    const kept = Object.keys(recorded).filter((slug) => !local.has(slug));
    if (kept.length > 0) {
      deps.logger.warning(`Edge functions ${kept.join(', ')} are not part of ${sha.slice(0, 7)}; left deployed.`);
    }
    return {
      deployed: outcome.details.deployed,
      skipped: outcome.details.skipped,
      failed: outcome.details.failed,
      kept,
      hashes: outcome.details.hashes,
    };
  } finally {
    await source.cleanup();
  }
}

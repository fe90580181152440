/** Reads a Vercel project (`GET /v9/projects/:idOrName`): existence, production target and the last alias job. */
import type { VercelApi } from './api.js';

/** The project fields Shipline reads. */
export interface VercelProject {
  id: string;
  name: string;
  /** False while production is pinned by a rollback (FACTS.md): new production deployments stay staged. */
  autoAssignCustomDomains?: boolean;
  alias?: Array<{ domain: string; target?: string | null }>;
  targets?: { production?: { id: string; url: string; alias?: string[] } };
  lastAliasRequest?: {
    fromDeploymentId: string | null;
    toDeploymentId: string;
    jobStatus: 'pending' | 'in-progress' | 'succeeded' | 'failed' | 'skipped';
    requestedAt: number;
    type: 'promote' | 'rollback';
  } | null;
}

/** Loads a project by id or name; a missing project or a token without access is a VercelError naming the fix. */
export async function getProject(api: VercelApi, idOrName: string): Promise<VercelProject> {
  return api.json<VercelProject>('GET', `/v9/projects/${encodeURIComponent(idOrName)}`, {
    what: `reading project ${idOrName}`,
    notFound: {
      reason: 'config-invalid',
      hint: `No Vercel project "${idOrName}" in this ${api.options.teamId ? `team (${api.options.teamId})` : 'account'}. Create it (vercel link, or the dashboard) or fix vercel.project / the project input${api.options.teamId ? '' : '; team projects also need team-id'}.`,
    },
  });
}

/** The production domains of a project (its aliases targeting production, e.g. `shop.vercel.app`). */
export function productionDomains(project: VercelProject): string[] {
  return (project.alias ?? []).filter((a) => !a.target || a.target.toLowerCase() === 'production').map((a) => a.domain);
}

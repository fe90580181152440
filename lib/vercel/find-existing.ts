/**
 * Idempotent deploys: finds a READY deployment of the same commit for the same target, recognised by the `meta`
 * Shipline wrote when it created it, so a rerun reuses it and uploads nothing.
 */
import type { VercelApi } from './api.js';
import { META } from './meta.js';

/** A deployment as the list endpoint returns it (the fields Shipline reads). */
export interface ListedDeployment {
  uid: string;
  url: string;
  readyState?: string;
  state?: string;
  readySubstate?: string;
  target?: string | null;
  meta?: Record<string, string>;
  inspectorUrl?: string | null;
  createdAt?: number;
}

/** Lists deployments of `projectId` whose meta matches every `meta` pair, newest first (one page of up to 100). */
export async function listByMeta(
  api: VercelApi,
  projectId: string,
  meta: Record<string, string>,
  filters: { target?: string; state?: string } = {},
): Promise<ListedDeployment[]> {
  const query: Record<string, string> = { projectId, limit: '100' };
  if (filters.state) query.state = filters.state;
  if (filters.target === 'production' || filters.target === 'preview') query.target = filters.target;
  for (const [k, v] of Object.entries(meta)) query[`meta-${k}`] = v;
  const body = await api.json<{ deployments?: ListedDeployment[] }>('GET', '/v6/deployments', {
    query,
    what: 'listing deployments',
  });
  return (body?.deployments ?? []).filter((d) => Object.entries(meta).every(([k, v]) => d.meta?.[k] === v));
}

/** The newest READY deployment of commit `sha` for `target` (production, preview or a custom environment). */
export async function findExistingDeployment(
  api: VercelApi,
  projectId: string,
  sha: string,
  target: string,
): Promise<ListedDeployment | undefined> {
  const found = await listByMeta(
    api,
    projectId,
    { [META.sha]: sha, [META.target]: target },
    { target, state: 'READY' },
  );
  return found.find((d) => (d.readyState ?? d.state) === 'READY');
}

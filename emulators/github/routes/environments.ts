import { repoAccess } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { notFound } from '../errors.js';
import { nodeId } from '../ids.js';
import { paginate } from '../pagination.js';
import type { RouteRegistrar } from '../routing.js';
import type { EnvironmentRecord, RepoRecord } from '../state.js';

/** Deployment environments: seeded, or created by the first deployment to them (as GitHub does). */
export function registerEnvironmentRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  server.route('GET', '/repos/:owner/:repo/environments', (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const all = [...repo.environments.values()];
    const { page, headers } = paginate(req, all);
    return {
      status: 200,
      headers,
      body: { total_count: all.length, environments: page.map((e) => environmentJson(ctx, repo, e)) },
    };
  });

  server.route('GET', '/repos/:owner/:repo/environments/:name', (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const env = repo.environments.get((req.params.name ?? '').toLowerCase());
    if (!env) throw notFound({ 'x-emulator-reason': `no environment "${req.params.name}" in ${repo.fullName}` });
    return { status: 200, body: environmentJson(ctx, repo, env) };
  });
}

function environmentJson(ctx: GitHubContext, repo: RepoRecord, e: EnvironmentRecord): Record<string, unknown> {
  return {
    id: e.id,
    node_id: nodeId('EN', e.id),
    name: e.name,
    url: `${ctx.urls.api}/repos/${repo.fullName}/environments/${encodeURIComponent(e.name)}`,
    html_url: `${ctx.urls.web}/${repo.fullName}/deployments/activity_log?environments_filter=${encodeURIComponent(e.name)}`,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    protection_rules: e.protectionRules,
    deployment_branch_policy: e.deploymentBranchPolicy,
  };
}

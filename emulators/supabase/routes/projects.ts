import { projectAccess, requireToken } from '../auth.js';
import type { RouteRegistrar } from '../rate-limit.js';
import type { ProjectRecord, SupabaseState } from '../state.js';

/** Projects (list, get) and their API keys (anon, service_role) so supabase-js setups can be wired. */
export function registerProjectRoutes(server: RouteRegistrar, state: SupabaseState): void {
  server.route('GET', '/v1/projects', (req) => {
    requireToken(state, req);
    return { status: 200, body: [...state.projects.values()].map(projectJson) };
  });

  server.route('GET', '/v1/projects/:ref', (req) => {
    return { status: 200, body: projectJson(projectAccess(state, req)) };
  });

  server.route('GET', '/v1/projects/:ref/api-keys', (req) => {
    const project = projectAccess(state, req);
    const key = (name: 'anon' | 'service_role', apiKey: string) => ({
      name,
      api_key: apiKey,
      id: name,
      type: 'legacy',
      hash: null,
      prefix: null,
      description: name === 'anon' ? 'Legacy anon API key' : 'Legacy service_role API key',
    });
    return { status: 200, body: [key('anon', project.anonKey), key('service_role', project.serviceRoleKey)] };
  });
}

/** A project as the API's V1ProjectWithDatabaseResponse. */
export function projectJson(p: ProjectRecord): Record<string, unknown> {
  return {
    id: p.ref,
    ref: p.ref,
    organization_id: p.organizationId,
    organization_slug: p.organizationId,
    name: p.name,
    region: p.region,
    created_at: p.createdAt,
    status: 'ACTIVE_HEALTHY',
    database: {
      host: `db.${p.ref}.supabase.co`,
      version: '15.8.1.085',
      postgres_engine: '15',
      release_channel: 'ga',
    },
  };
}

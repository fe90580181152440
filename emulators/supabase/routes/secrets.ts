import { projectAccess } from '../auth.js';
import { badRequest } from '../errors.js';
import type { RouteRegistrar } from '../rate-limit.js';
import { type SupabaseState, secretDigest } from '../state.js';

/** Project secrets (edge-function env): list names with sha256 digests, bulk create/update, bulk delete. */
export function registerSecretRoutes(server: RouteRegistrar, state: SupabaseState): void {
  const path = '/v1/projects/:ref/secrets';

  server.route('GET', path, (req) => {
    const project = projectAccess(state, req);
    const list = [...project.secrets.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, s]) => ({ name, value: secretDigest(s.value), updated_at: s.updatedAt }));
    return { status: 200, body: list };
  });

  server.route('POST', path, (req) => {
    const project = projectAccess(state, req);
    const items = req.json<Array<{ name?: unknown; value?: unknown }>>();
    if (!Array.isArray(items)) throw badRequest('Body must be a list of secrets');
    for (const item of items) {
      if (typeof item?.name !== 'string' || typeof item.value !== 'string' || item.name === '') {
        throw badRequest('Each secret needs a name and a value');
      }
      if (item.name.length > 256) throw badRequest('Secret names are at most 256 characters');
      if (item.name.startsWith('SUPABASE_')) {
        throw badRequest(`Secret name ${item.name} cannot start with SUPABASE_`);
      }
    }
    const now = state.now().toISOString();
    for (const item of items as Array<{ name: string; value: string }>) {
      project.secrets.set(item.name, { value: item.value, updatedAt: now });
    }
    return { status: 201 };
  });

  server.route('DELETE', path, (req) => {
    const project = projectAccess(state, req);
    const names = req.json<unknown>();
    if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
      throw badRequest('Body must be a list of secret names');
    }
    for (const name of names as string[]) project.secrets.delete(name);
    return { status: 200, body: {} };
  });
}

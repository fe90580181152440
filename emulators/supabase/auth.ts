import { bearerToken } from '../core/headers.js';
import type { EmulatorRequest } from '../core/server.js';
import { notFound, unauthorized } from './errors.js';
import type { ProjectRecord, SupabaseState } from './state.js';

/** Access tokens as the Management API and CLI accept them: `sbp_`, `sbp_v0_` or `sbp_oauth_` + 40 lowercase hex. */
export const ACCESS_TOKEN_PATTERN = /^sbp_(?:oauth_|v0_)?[0-9a-f]{40}$/;

/** 401 `{"message":"Unauthorized"}` unless the request carries a well-formed, known `Bearer sbp_…` token. */
export function requireToken(state: SupabaseState, req: EmulatorRequest): void {
  const token = bearerToken(req);
  if (!token || !ACCESS_TOKEN_PATTERN.test(token) || !state.tokens.has(token)) {
    throw unauthorized();
  }
}

/** Authenticates, then resolves `:ref`; 404 when the project is unknown. */
export function projectAccess(state: SupabaseState, req: EmulatorRequest): ProjectRecord {
  requireToken(state, req);
  const project = state.projects.get(req.params.ref ?? '');
  if (!project) throw notFound('Project');
  return project;
}

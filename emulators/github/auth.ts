import { createPublicKey, verify } from 'node:crypto';
import { bearerToken, headerValue } from '../core/headers.js';
import type { EmulatorRequest } from '../core/server.js';
import type { GitHubContext } from './context.js';
import { githubError, notFound } from './errors.js';
import { type Actor, type RepoRecord, type RepoRole, ROLE_RANK } from './state.js';

/** Who is calling: an actor (user or installation), or the app itself (a JWT). */
export type Caller = Actor | { kind: 'app' };

/** The `token …` / `Bearer …` credential; undefined when there is none, 401 when the header is malformed. */
function bearer(req: EmulatorRequest): string | undefined {
  if (!headerValue(req, 'authorization')) return undefined;
  const token = bearerToken(req, { schemes: ['token', 'bearer'] });
  if (!token) throw githubError(401, 'Bad credentials');
  return token;
}

/** Identifies the caller from `Authorization: token|Bearer …`; 401 in GitHub's shape when missing or invalid. */
export function authenticate(ctx: GitHubContext, req: EmulatorRequest): Caller {
  const token = bearer(req);
  if (!token) throw githubError(401, 'Requires authentication');
  if (token.split('.').length === 3) {
    verifyAppJwt(ctx, token);
    return { kind: 'app' };
  }
  const login = ctx.state.tokens.get(token);
  if (login) {
    const user = ctx.state.users.get(login.toLowerCase());
    if (user) return { kind: 'user', user };
  }
  const inst = ctx.state.installationTokens.get(token);
  if (inst && inst.expiresAt.getTime() > ctx.state.now().getTime() && ctx.state.app) {
    return { kind: 'installation', user: ctx.state.app.bot, installationId: inst.installationId };
  }
  throw githubError(401, 'Bad credentials');
}

/** Verifies an app JWT (RS256, signed with the app's private key, `iss` = app id or client id, ≤ 10 min). */
export function verifyAppJwt(ctx: GitHubContext, token: string): void {
  const app = ctx.state.app;
  const [h, p, s] = token.split('.') as [string, string, string];
  let header: { alg?: string };
  let payload: { iss?: string | number; iat?: number; exp?: number };
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw githubError(401, 'A JSON web token could not be decoded');
  }
  if (!app || header.alg !== 'RS256') throw githubError(401, 'A JSON web token could not be decoded');
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${h}.${p}`),
    createPublicKey(app.publicKeyPem),
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw githubError(401, 'A JSON web token could not be decoded');
  if (String(payload.iss) !== String(app.id) && payload.iss !== app.clientId) {
    throw githubError(401, "'Issuer' claim ('iss') must be an Integer");
  }
  const now = Math.floor(ctx.state.now().getTime() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp <= now) {
    throw githubError(
      401,
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    );
  }
  if (typeof payload.iat !== 'number' || payload.iat > now + 60 || payload.exp - payload.iat > 600) {
    throw githubError(
      401,
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    );
  }
}

/** Requires an app JWT (the `/app…` endpoints). */
export function requireApp(ctx: GitHubContext, req: EmulatorRequest): void {
  const caller = authenticate(ctx, req);
  if (caller.kind !== 'app') {
    throw githubError(401, 'A JSON web token could not be decoded');
  }
}

/**
 * Resolves `:owner/:repo` for an actor that needs at least `level` on it. Invisible repositories are 404, as on
 * GitHub; visible but not permitted is 403.
 */
export function repoAccess(
  ctx: GitHubContext,
  req: EmulatorRequest,
  level: RepoRole,
): { repo: RepoRecord; actor: Actor } {
  const caller = authenticate(ctx, req);
  const repo = ctx.state.repos.get(`${req.params.owner}/${req.params.repo}`.toLowerCase());
  if (caller.kind === 'app') {
    if (!repo) throw notFound();
    throw githubError(403, 'Resource not accessible by integration');
  }
  if (!repo) throw notFound();
  if (caller.kind === 'installation') {
    const inst = ctx.state.installations.get(caller.installationId);
    if (!inst || !ctx.state.installationCovers(inst, repo)) {
      if (repo.private) throw notFound();
      throw githubError(403, 'Resource not accessible by integration');
    }
    if (!installationMay(inst.permissions, req)) throw githubError(403, 'Resource not accessible by integration');
    return { repo, actor: caller };
  }
  const role = ctx.state.roleOf(repo, caller.user.login);
  if (!role && repo.private) throw notFound();
  const rank = role ? ROLE_RANK[role] : level === 'read' ? 1 : 0;
  if (rank < ROLE_RANK[level]) throw githubError(403, 'Must have push access to repository');
  return { repo, actor: caller };
}

/** The app permission a repository endpoint needs, from its path (`/repos/{o}/{r}/<section>/…`). */
export function permissionFor(path: string): string {
  const section = path.split('/')[4] ?? '';
  if (section === 'deployments') return 'deployments';
  if (['git', 'commits', 'compare', 'contents', 'branches', 'tags'].includes(section)) return 'contents';
  if (section === 'issues' || section === 'labels') return 'issues';
  if (section === 'actions') return 'actions';
  return 'metadata';
}

/**
 * True when an installation's permissions cover the request: reads need `read` or `write` on the endpoint's
 * permission, writes need `write`; `metadata: read` every installation has.
 */
function installationMay(permissions: Record<string, string>, req: EmulatorRequest): boolean {
  const permission = permissionFor(req.path);
  const write = req.method !== 'GET' && req.method !== 'HEAD';
  if (permission === 'metadata' && !write) return true;
  const granted = permissions[permission];
  return granted === 'write' || (granted === 'read' && !write);
}

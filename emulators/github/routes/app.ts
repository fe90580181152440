import { authenticate, requireApp } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { githubError, notFound } from '../errors.js';
import { installationTokenValue, isoSeconds } from '../ids.js';
import type { RouteRegistrar } from '../routing.js';
import { appJson, installationJson, repoJson } from '../shapes.js';

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** GitHub App endpoints Probot uses: the app, installations, installation tokens. */
export function registerAppRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  const app = () => {
    if (!ctx.state.app) throw notFound();
    return ctx.state.app;
  };

  server.route('GET', '/app', (req) => {
    requireApp(ctx, req);
    return { status: 200, body: { ...appJson(ctx.urls, app()), installations_count: ctx.state.installations.size } };
  });

  server.route('GET', '/app/installations', (req) => {
    requireApp(ctx, req);
    const list = [...ctx.state.installations.values()].map((i) => installationJson(ctx.urls, i, app()));
    return { status: 200, body: list };
  });

  server.route('GET', '/app/installations/:id', (req) => {
    requireApp(ctx, req);
    const inst = ctx.state.installations.get(Number(req.params.id));
    if (!inst) throw notFound();
    return { status: 200, body: installationJson(ctx.urls, inst, app()) };
  });

  server.route('GET', '/repos/:owner/:repo/installation', (req) => {
    requireApp(ctx, req);
    const repo = ctx.state.repos.get(`${req.params.owner}/${req.params.repo}`.toLowerCase());
    const inst = repo ? ctx.state.installationFor(repo) : undefined;
    if (!inst) throw notFound();
    return { status: 200, body: installationJson(ctx.urls, inst, app()) };
  });

  server.route('POST', '/app/installations/:id/access_tokens', (req) => {
    requireApp(ctx, req);
    const inst = ctx.state.installations.get(Number(req.params.id));
    if (!inst) throw notFound();
    const token = installationTokenValue();
    const expiresAt = new Date(ctx.state.now().getTime() + TOKEN_LIFETIME_MS);
    ctx.state.installationTokens.set(token, { installationId: inst.id, expiresAt });
    const body: Record<string, unknown> = {
      token,
      expires_at: isoSeconds(expiresAt),
      permissions: inst.permissions,
      repository_selection: inst.selection,
    };
    if (inst.selection === 'selected') {
      body.repositories = inst.repositories.map((name) => repoJson(ctx.urls, ctx.state.repo(name), ctx.state));
    }
    return { status: 201, body };
  });

  server.route('GET', '/installation/repositories', (req) => {
    const caller = authenticate(ctx, req);
    if (caller.kind !== 'installation')
      throw githubError(
        403,
        'You must authenticate with an installation access token in order to list repositories for an installation.',
      );
    const inst = ctx.state.installations.get(caller.installationId)!;
    const repos = [...ctx.state.repos.values()].filter((r) => ctx.state.installationCovers(inst, r));
    return {
      status: 200,
      body: {
        total_count: repos.length,
        repository_selection: inst.selection,
        repositories: repos.map((r) => repoJson(ctx.urls, r, ctx.state)),
      },
    };
  });
}

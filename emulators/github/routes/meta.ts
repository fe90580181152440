import { authenticate } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { githubError } from '../errors.js';
import type { RouteRegistrar } from '../routing.js';
import { userJson } from '../shapes.js';

/** `GET /user` (the token's user) and `GET /rate_limit` (free of charge, as on GitHub). */
export function registerMetaRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  server.route('GET', '/user', (req) => {
    const caller = authenticate(ctx, req);
    if (caller.kind !== 'user') throw githubError(403, 'Resource not accessible by integration');
    const user = caller.user;
    return {
      status: 200,
      body: {
        ...userJson(ctx.urls, user),
        name: user.name,
        company: null,
        blog: '',
        location: null,
        email: user.email,
        hireable: null,
        bio: null,
        twitter_username: null,
        notification_email: user.email,
        public_repos: [...ctx.state.repos.values()].filter((r) => r.owner.id === user.id && !r.private).length,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2020-01-01T00:00:00Z',
        private_gists: 0,
        total_private_repos: [...ctx.state.repos.values()].filter((r) => r.owner.id === user.id && r.private).length,
        owned_private_repos: [...ctx.state.repos.values()].filter((r) => r.owner.id === user.id && r.private).length,
        disk_usage: 0,
        collaborators: 0,
        two_factor_authentication: true,
        plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 },
      },
    };
  });

  server.route('GET', '/rate_limit', (req) => {
    const window = ctx.rate.peek(ctx.rate.bucket(ctx, req));
    const other = (limit: number) => ({ limit, used: 0, remaining: limit, reset: window.reset });
    return {
      status: 200,
      body: {
        resources: {
          core: window,
          search: other(30),
          graphql: other(5000),
          integration_manifest: other(5000),
          code_search: other(10),
        },
        rate: window,
      },
    };
  });
}

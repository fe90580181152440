import { repoAccess } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { githubError, notFound } from '../errors.js';
import type { RouteRegistrar } from '../routing.js';
import { commitJson, fileJson, repoJson, userJson } from '../shapes.js';
import type { RepoRecord, RepoRole } from '../state.js';

/** `role_name` → the legacy `permission` GitHub reports next to it. */
const PERMISSION_OF: Record<RepoRole, 'admin' | 'write' | 'read'> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
};

/** Repository reads: the repo itself, a collaborator's permission, a commit, and a comparison of two commits. */
export function registerRepoRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  server.route('GET', '/repos/:owner/:repo', (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    return { status: 200, body: repoJson(ctx.urls, repo, ctx.state) };
  });

  server.route('GET', '/repos/:owner/:repo/collaborators/:username/permission', (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const user = ctx.state.users.get((req.params.username ?? '').toLowerCase());
    if (!user) throw notFound();
    const role = ctx.state.roleOf(repo, user.login);
    const permission = role ? PERMISSION_OF[role] : repo.private ? 'none' : 'read';
    const roleName = role ?? (repo.private ? 'none' : 'read');
    const perms = {
      admin: permission === 'admin',
      maintain: role === 'maintain' || role === 'admin',
      push: permission === 'admin' || permission === 'write',
      triage: role !== undefined && role !== 'read',
      pull: permission !== 'none',
    };
    return {
      status: 200,
      body: {
        permission,
        role_name: roleName,
        user: { ...userJson(ctx.urls, user), permissions: perms, role_name: roleName },
      },
    };
  });

  server.route('GET', '/repos/:owner/:repo/commits/:ref*', (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const sha = ctx.state.resolveRef(repo, req.params.ref ?? '');
    const commit = sha ? repo.commits.get(sha) : undefined;
    if (!commit) throw githubError(422, `No commit found for SHA: ${req.params.ref ?? ''}`);
    return { status: 200, body: commitJson(ctx.urls, repo, commit, ctx.state, true) };
  });

  server.route('GET', '/repos/:owner/:repo/compare/:basehead*', (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const spec = req.params.basehead ?? '';
    const sep = spec.indexOf('...');
    if (sep < 0) throw notFound();
    const baseRef = spec.slice(0, sep);
    const headRef = spec.slice(sep + 3);
    const base = ctx.state.resolveRef(repo, baseRef);
    const head = ctx.state.resolveRef(repo, headRef);
    if (!base || !head) throw notFound();
    const fromBase = ctx.state.ancestors(repo, base);
    const fromHead = ctx.state.ancestors(repo, head);
    const ahead = orderedCommits(ctx, repo, head).filter((sha) => !fromBase.has(sha));
    const behind = [...fromBase].filter((sha) => !fromHead.has(sha));
    const mergeBase =
      orderedCommits(ctx, repo, head)
        .reverse()
        .find((sha) => fromBase.has(sha)) ?? base;
    const status =
      ahead.length === 0 && behind.length === 0
        ? 'identical'
        : behind.length === 0
          ? 'ahead'
          : ahead.length === 0
            ? 'behind'
            : 'diverged';
    const files = new Map<string, unknown>();
    for (const sha of ahead) {
      for (const f of repo.commits.get(sha)!.files) files.set(f.filename, fileJson(ctx.urls, repo, sha, f));
    }
    const r = `${ctx.urls.api}/repos/${repo.fullName}`;
    const web = `${ctx.urls.web}/${repo.fullName}`;
    return {
      status: 200,
      body: {
        url: `${r}/compare/${baseRef}...${headRef}`,
        html_url: `${web}/compare/${baseRef}...${headRef}`,
        permalink_url: `${web}/compare/${repo.owner.login}:${base.slice(0, 7)}...${repo.owner.login}:${head.slice(0, 7)}`,
        diff_url: `${web}/compare/${baseRef}...${headRef}.diff`,
        patch_url: `${web}/compare/${baseRef}...${headRef}.patch`,
        base_commit: commitJson(ctx.urls, repo, repo.commits.get(base)!, ctx.state, false),
        merge_base_commit: commitJson(ctx.urls, repo, repo.commits.get(mergeBase)!, ctx.state, false),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: ahead.map((sha) => commitJson(ctx.urls, repo, repo.commits.get(sha)!, ctx.state, false)),
        files: [...files.values()],
      },
    };
  });
}

/** Commits reachable from `head`, oldest first (first-parent order is enough for emulated histories). */
function orderedCommits(ctx: GitHubContext, repo: RepoRecord, head: string): string[] {
  const all = ctx.state.ancestors(repo, head);
  const order: string[] = [];
  const visit = (sha: string, seen: Set<string>): void => {
    if (seen.has(sha) || !all.has(sha)) return;
    seen.add(sha);
    for (const p of repo.commits.get(sha)?.parents ?? []) visit(p, seen);
    order.push(sha);
  };
  visit(head, new Set());
  return order;
}

import type { EmulatorRequest } from '../../core/server.js';
import { repoAccess } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { paginate } from '../pagination.js';
import type { RouteRegistrar } from '../routing.js';
import { commentJson, issueJson, labelJson } from '../shapes.js';
import type { CommentRecord, IssueRecord, RepoRecord } from '../state.js';

interface IssueBody {
  title?: unknown;
  body?: unknown;
  state?: unknown;
  state_reason?: unknown;
  labels?: unknown;
}

/** Issues, issue comments and labels. */
export function registerIssueRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  const base = '/repos/:owner/:repo/issues';

  server.route('POST', base, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'read');
    const body = req.json<IssueBody>() ?? {};
    if (typeof body.title !== 'string' || body.title === '') throw validationFailed('Issue', 'title', 'missing_field');
    const issue = ctx.state.addIssue(repo, actor, {
      title: body.title,
      body: typeof body.body === 'string' ? body.body : null,
      labels: labelNames(body.labels),
    });
    return { status: 201, body: issueJson(ctx.urls, repo, issue, ctx.state) };
  });

  server.route('GET', base, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const state = req.query.get('state') ?? 'open';
    const labels = (req.query.get('labels') ?? '')
      .split(',')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean);
    const creator = req.query.get('creator')?.toLowerCase();
    let list = repo.issues.filter((i) => state === 'all' || i.state === state);
    list = list.filter((i) => labels.every((l) => i.labels.some((name) => name.toLowerCase() === l)));
    if (creator) list = list.filter((i) => i.user.login.toLowerCase() === creator);
    const ascending = req.query.get('direction') === 'asc';
    list = [...list].sort((a, b) => (ascending ? a.number - b.number : b.number - a.number));
    const { page, headers } = paginate(req, list);
    return { status: 200, headers, body: page.map((i) => issueJson(ctx.urls, repo, i, ctx.state)) };
  });

  server.route('GET', `${base}/comments`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const { page, headers } = paginate(req, repo.comments);
    return { status: 200, headers, body: page.map((c) => commentJson(ctx.urls, repo, c, ctx.state)) };
  });

  server.route('GET', `${base}/comments/:id`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    return { status: 200, body: commentJson(ctx.urls, repo, findComment(repo, req.params.id), ctx.state) };
  });

  server.route('PATCH', `${base}/comments/:id`, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'read');
    const comment = findComment(repo, req.params.id);
    if (comment.user.id !== actor.user.id) repoAccess(ctx, req, 'write');
    const body = req.json<{ body?: unknown }>() ?? {};
    if (typeof body.body !== 'string') throw validationFailed('IssueComment', 'body', 'missing_field');
    comment.body = body.body;
    comment.updatedAt = ctx.state.timestamp();
    return { status: 200, body: commentJson(ctx.urls, repo, comment, ctx.state) };
  });

  server.route('DELETE', `${base}/comments/:id`, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'read');
    const comment = findComment(repo, req.params.id);
    if (comment.user.id !== actor.user.id) repoAccess(ctx, req, 'write');
    repo.comments.splice(repo.comments.indexOf(comment), 1);
    const issue = repo.issues.find((i) => i.number === comment.issueNumber);
    if (issue) issue.comments--;
    return { status: 204 };
  });

  server.route('GET', `${base}/:number`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    return { status: 200, body: issueJson(ctx.urls, repo, findIssue(repo, req), ctx.state) };
  });

  server.route('PATCH', `${base}/:number`, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'read');
    const issue = findIssue(repo, req);
    if (issue.user.id !== actor.user.id) repoAccess(ctx, req, 'triage');
    const body = req.json<IssueBody>() ?? {};
    if (typeof body.title === 'string') issue.title = body.title;
    if (typeof body.body === 'string' || body.body === null) issue.body = body.body;
    if (body.labels !== undefined) ctx.state.setIssueLabels(repo, issue, labelNames(body.labels));
    if (body.state === 'closed' && issue.state === 'open') {
      issue.state = 'closed';
      issue.closedAt = ctx.state.timestamp();
      issue.closedBy = actor.user;
      issue.stateReason = body.state_reason === 'not_planned' ? 'not_planned' : 'completed';
    } else if (body.state === 'open' && issue.state === 'closed') {
      issue.state = 'open';
      issue.closedAt = null;
      issue.closedBy = null;
      issue.stateReason = 'reopened';
    } else if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') {
      throw validationFailed('Issue', 'state');
    }
    issue.updatedAt = ctx.state.timestamp();
    return { status: 200, body: issueJson(ctx.urls, repo, issue, ctx.state) };
  });

  server.route('POST', `${base}/:number/comments`, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'read');
    const issue = findIssue(repo, req);
    const body = req.json<{ body?: unknown }>() ?? {};
    if (typeof body.body !== 'string' || body.body === '') {
      throw validationFailed('IssueComment', 'body', 'missing_field');
    }
    const comment = ctx.state.addComment(repo, issue, actor, body.body);
    return { status: 201, body: commentJson(ctx.urls, repo, comment, ctx.state) };
  });

  server.route('GET', `${base}/:number/comments`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const issue = findIssue(repo, req);
    const { page, headers } = paginate(
      req,
      repo.comments.filter((c) => c.issueNumber === issue.number),
    );
    return { status: 200, headers, body: page.map((c) => commentJson(ctx.urls, repo, c, ctx.state)) };
  });

  server.route('GET', `${base}/:number/labels`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const issue = findIssue(repo, req);
    return { status: 200, body: issueLabels(ctx, repo, issue) };
  });

  server.route('POST', `${base}/:number/labels`, (req) => {
    const { repo } = repoAccess(ctx, req, 'triage');
    const issue = findIssue(repo, req);
    for (const name of labelNames(labelsOf(req.json()))) ctx.state.ensureLabel(repo, name, issue);
    issue.updatedAt = ctx.state.timestamp();
    return { status: 200, body: issueLabels(ctx, repo, issue) };
  });

  server.route('PUT', `${base}/:number/labels`, (req) => {
    const { repo } = repoAccess(ctx, req, 'triage');
    const issue = findIssue(repo, req);
    ctx.state.setIssueLabels(repo, issue, labelNames(labelsOf(req.json())));
    issue.updatedAt = ctx.state.timestamp();
    return { status: 200, body: issueLabels(ctx, repo, issue) };
  });

  server.route('DELETE', `${base}/:number/labels/:name`, (req) => {
    const { repo } = repoAccess(ctx, req, 'triage');
    const issue = findIssue(repo, req);
    const before = issue.labels.length;
    issue.labels = issue.labels.filter((l) => l.toLowerCase() !== (req.params.name ?? '').toLowerCase());
    if (issue.labels.length === before) throw notFound();
    return { status: 200, body: issueLabels(ctx, repo, issue) };
  });

  server.route('GET', '/repos/:owner/:repo/labels', (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const { page, headers } = paginate(req, [...repo.labels.values()]);
    return { status: 200, headers, body: page.map((l) => labelJson(ctx.urls, repo, l)) };
  });

  server.route('GET', '/repos/:owner/:repo/labels/:name', (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const label = repo.labels.get((req.params.name ?? '').toLowerCase());
    if (!label) throw notFound();
    return { status: 200, body: labelJson(ctx.urls, repo, label) };
  });

  server.route('POST', '/repos/:owner/:repo/labels', (req) => {
    const { repo } = repoAccess(ctx, req, 'write');
    const body = req.json<{ name?: unknown; color?: unknown; description?: unknown }>() ?? {};
    if (typeof body.name !== 'string' || body.name === '') throw validationFailed('Label', 'name', 'missing_field');
    if (repo.labels.has(body.name.toLowerCase())) throw validationFailed('Label', 'name', 'already_exists');
    const label = ctx.state.ensureLabel(repo, body.name);
    if (typeof body.color === 'string') label.color = body.color.replace(/^#/, '');
    if (typeof body.description === 'string') label.description = body.description;
    return { status: 201, body: labelJson(ctx.urls, repo, label) };
  });
}

/** Finds `:number` in a repository, or 404. */
export function findIssue(repo: RepoRecord, req: EmulatorRequest): IssueRecord {
  const issue = repo.issues.find((i) => String(i.number) === req.params.number);
  if (!issue) throw notFound();
  return issue;
}

/** Finds an issue comment by id, or 404. */
export function findComment(repo: RepoRecord, id: string | undefined): CommentRecord {
  const comment = repo.comments.find((c) => String(c.id) === id);
  if (!comment) throw notFound();
  return comment;
}

function issueLabels(ctx: GitHubContext, repo: RepoRecord, issue: IssueRecord): unknown[] {
  return issue.labels.map((name) => labelJson(ctx.urls, repo, repo.labels.get(name.toLowerCase())!));
}

/** `labels` may be a list of names or of `{ name }` objects. */
function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v && 'name' in v ? String(v.name) : ''))
    .filter(Boolean);
}

/** The label endpoints take `{ labels: [...] }` or a bare list. */
function labelsOf(body: unknown): unknown {
  if (Array.isArray(body)) return body;
  return typeof body === 'object' && body !== null && 'labels' in body ? body.labels : [];
}

import { repoAccess } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { githubError, notFound, validationFailed } from '../errors.js';
import { gitSha, isSha } from '../ids.js';
import type { RouteRegistrar } from '../routing.js';
import { gitCommitJson, refJson, tagObjectJson } from '../shapes.js';
import type { GitPerson, RepoRecord, TagObjectRecord, TreeRecord } from '../state.js';

/** The Git Database API subset: refs (atomic create, fast-forward update, delete), annotated tags, commits. */
export function registerGitRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  const base = '/repos/:owner/:repo/git';

  server.route('GET', `${base}/ref/:ref*`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const ref = `refs/${req.params.ref}`;
    const sha = repo.refs.get(ref);
    if (!sha) throw notFound();
    return { status: 200, body: refJson(ctx.urls, repo, ref, sha) };
  });

  server.route('GET', `${base}/matching-refs/:ref*`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const prefix = `refs/${req.params.ref}`;
    const matches = [...repo.refs.entries()]
      .filter(([name]) => name.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, sha]) => refJson(ctx.urls, repo, name, sha));
    return { status: 200, body: matches };
  });

  server.route('POST', `${base}/refs`, (req) => {
    const { repo } = repoAccess(ctx, req, 'write');
    const body = req.json<{ ref?: unknown; sha?: unknown }>() ?? {};
    if (typeof body.ref !== 'string' || !/^refs\/[^/]+\/.+/.test(body.ref)) {
      throw githubError(422, "Reference name must start with 'refs/' and have at least two slashes.");
    }
    if (typeof body.sha !== 'string' || !objectExists(repo, body.sha)) throw githubError(422, 'Object does not exist');
    // Check and set with no await in between: two concurrent creations cannot both succeed.
    if (repo.refs.has(body.ref)) throw githubError(422, 'Reference already exists');
    repo.refs.set(body.ref, body.sha);
    return {
      status: 201,
      headers: { location: `${ctx.urls.api}/repos/${repo.fullName}/git/${body.ref}` },
      body: refJson(ctx.urls, repo, body.ref, body.sha),
    };
  });

  server.route('PATCH', `${base}/refs/:ref*`, (req) => {
    const { repo } = repoAccess(ctx, req, 'write');
    const ref = `refs/${req.params.ref}`;
    const body = req.json<{ sha?: unknown; force?: unknown }>() ?? {};
    const current = repo.refs.get(ref);
    if (!current) throw githubError(422, 'Reference does not exist');
    if (typeof body.sha !== 'string' || !objectExists(repo, body.sha)) throw githubError(422, 'Object does not exist');
    if (body.force !== true && !isFastForward(ctx, repo, current, body.sha)) {
      throw githubError(422, 'Update is not a fast forward');
    }
    repo.refs.set(ref, body.sha);
    return { status: 200, body: refJson(ctx.urls, repo, ref, body.sha) };
  });

  server.route('DELETE', `${base}/refs/:ref*`, (req) => {
    const { repo } = repoAccess(ctx, req, 'write');
    const ref = `refs/${req.params.ref}`;
    if (!repo.refs.delete(ref)) throw githubError(422, 'Reference does not exist');
    return { status: 204 };
  });

  server.route('POST', `${base}/tags`, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'write');
    const body =
      req.json<{ tag?: unknown; message?: unknown; object?: unknown; type?: unknown; tagger?: unknown }>() ?? {};
    if (typeof body.tag !== 'string' || body.tag === '') throw validationFailed('Tag', 'tag', 'missing_field');
    if (typeof body.message !== 'string') throw validationFailed('Tag', 'message', 'missing_field');
    if (typeof body.object !== 'string' || !objectExists(repo, body.object))
      throw githubError(422, 'Object does not exist');
    const type = body.type === 'tag' || body.type === 'tree' || body.type === 'blob' ? body.type : 'commit';
    const tagger = person(body.tagger, ctx.state.timestamp()) ?? {
      name: actor.user.login,
      email: `${actor.user.login}@users.noreply.github.com`,
      date: ctx.state.timestamp(),
    };
    const tag: TagObjectRecord = {
      sha: gitSha('tag', repo.fullName, body.tag, body.message, body.object, String(ctx.state.id())),
      tag: body.tag,
      message: body.message.endsWith('\n') ? body.message : `${body.message}\n`,
      object: { sha: body.object, type },
      tagger,
    };
    repo.tagObjects.set(tag.sha, tag);
    return { status: 201, body: tagObjectJson(ctx.urls, repo, tag) };
  });

  server.route('GET', `${base}/tags/:sha`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const tag = repo.tagObjects.get(req.params.sha ?? '');
    if (!tag) throw notFound();
    return { status: 200, body: tagObjectJson(ctx.urls, repo, tag) };
  });

  server.route('POST', `${base}/commits`, (req) => {
    const { repo, actor } = repoAccess(ctx, req, 'write');
    const body = req.json<{ message?: unknown; tree?: unknown; parents?: unknown; author?: unknown }>() ?? {};
    if (typeof body.message !== 'string') throw validationFailed('Commit', 'message', 'missing_field');
    if (typeof body.tree !== 'string' || !isSha(body.tree)) throw validationFailed('Commit', 'tree', 'missing_field');
    if (!treeExists(repo, body.tree)) throw githubError(422, 'Tree SHA does not exist');
    const parents = Array.isArray(body.parents) ? body.parents.map(String) : [];
    if (parents.some((p) => !repo.commits.has(p)))
      throw githubError(422, 'Parent SHA does not exist or is not a commit object');
    const commit = ctx.state.addCommit(repo, {
      message: body.message,
      parents,
      tree: body.tree,
      author: person(body.author, ctx.state.timestamp()) ?? actor.user.login,
    });
    return { status: 201, body: gitCommitJson(ctx.urls, repo, commit) };
  });

  server.route('POST', `${base}/trees`, (req) => {
    const { repo } = repoAccess(ctx, req, 'write');
    const body = req.json<{ tree?: unknown; base_tree?: unknown }>() ?? {};
    if (!Array.isArray(body.tree)) throw validationFailed('Tree', 'tree', 'missing_field');
    const entries: TreeRecord['entries'] = [];
    if (typeof body.base_tree === 'string') {
      const baseTree = repo.trees.get(body.base_tree);
      if (!baseTree && !treeExists(repo, body.base_tree)) throw githubError(422, 'base_tree is not a valid tree oid');
      entries.push(...(baseTree?.entries ?? []));
    }
    for (const raw of body.tree as Array<Record<string, unknown>>) {
      const path = raw?.path;
      const mode = raw?.mode;
      if (typeof path !== 'string' || path === '') throw validationFailed('Tree', 'path', 'missing_field');
      if (mode !== '100644' && mode !== '100755' && mode !== '040000' && mode !== '160000' && mode !== '120000') {
        throw githubError(422, `tree.mode contains a malformed mode: ${String(mode)}`);
      }
      const type = raw.type === 'tree' || raw.type === 'commit' ? raw.type : 'blob';
      let sha: string;
      let size: number | undefined;
      if (typeof raw.content === 'string') {
        const content = Buffer.from(raw.content, 'utf8');
        sha = gitSha('blob', content.toString('latin1'));
        repo.blobs.set(sha, content);
        size = content.length;
      } else if (typeof raw.sha === 'string' && isSha(raw.sha)) {
        sha = raw.sha;
        size = repo.blobs.get(sha)?.length;
      } else {
        throw githubError(422, 'Must supply either tree.sha or tree.content');
      }
      const index = entries.findIndex((e) => e.path === path);
      const entry = { path, mode, type, sha, ...(size === undefined ? {} : { size }) } as TreeRecord['entries'][number];
      if (index >= 0) entries[index] = entry;
      else entries.push(entry);
    }
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const tree: TreeRecord = {
      sha: gitSha('tree', ...entries.map((e) => `${e.mode} ${e.path} ${e.sha}`)),
      entries,
    };
    repo.trees.set(tree.sha, tree);
    return { status: 201, body: treeJson(ctx.urls, repo, tree) };
  });

  server.route('GET', `${base}/trees/:sha`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const tree = repo.trees.get(req.params.sha ?? '');
    if (!tree) throw notFound();
    return { status: 200, body: treeJson(ctx.urls, repo, tree) };
  });

  server.route('GET', `${base}/commits/:sha`, (req) => {
    const { repo } = repoAccess(ctx, req, 'read');
    const commit = repo.commits.get(req.params.sha ?? '');
    if (!commit) throw notFound();
    return { status: 200, body: gitCommitJson(ctx.urls, repo, commit) };
  });
}

/** git's well-known empty tree, present in every repository. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** A tree written through the API, the empty tree, or the (synthetic) tree of a stored commit. */
function treeExists(repo: RepoRecord, sha: string): boolean {
  if (sha === EMPTY_TREE || repo.trees.has(sha)) return true;
  for (const commit of repo.commits.values()) if (commit.tree === sha) return true;
  return false;
}

function treeJson(urls: { api: string }, repo: RepoRecord, tree: TreeRecord): Record<string, unknown> {
  const r = `${urls.api}/repos/${repo.fullName}/git`;
  return {
    sha: tree.sha,
    url: `${r}/trees/${tree.sha}`,
    truncated: false,
    tree: tree.entries.map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.size === undefined ? {} : { size: e.size }),
      url: `${r}/${e.type === 'blob' ? 'blobs' : e.type === 'tree' ? 'trees' : 'commits'}/${e.sha}`,
    })),
  };
}

function objectExists(repo: RepoRecord, sha: string): boolean {
  return repo.commits.has(sha) || repo.tagObjects.has(sha);
}

function isFastForward(ctx: GitHubContext, repo: RepoRecord, from: string, to: string): boolean {
  const target = ctx.state.peel(repo, to);
  const source = ctx.state.peel(repo, from);
  if (!target || !source) return from === to;
  return ctx.state.ancestors(repo, target).has(source);
}

function person(value: unknown, now: string): GitPerson | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<GitPerson>;
  if (typeof v.name !== 'string' || typeof v.email !== 'string') return undefined;
  return { name: v.name, email: v.email, date: typeof v.date === 'string' ? v.date : now };
}

import { gitSha, hashId, nodeId } from './ids.js';
import {
  type AppRecord,
  type CommentRecord,
  type CommitRecord,
  type DeploymentRecord,
  type DeploymentStatusRecord,
  type GitHubState,
  type InstallationRecord,
  type IssueRecord,
  type LabelRecord,
  REACTION_CONTENTS,
  type ReactionRecord,
  type RepoRecord,
  type TagObjectRecord,
  type UserRecord,
} from './state.js';

/** Where the emulator lives: `api` replaces https://api.github.com, `web` replaces https://github.com. */
export interface Urls {
  api: string;
  web: string;
}

/** A user as GitHub's `simple-user`. */
export function userJson(urls: Urls, user: UserRecord): Record<string, unknown> {
  const u = `${urls.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : user.type === 'Organization' ? 'O' : 'U', user.id),
    avatar_url: `${urls.web}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${urls.web}/${user.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** An organization as GitHub's `organization-simple` (what webhook payloads carry as `organization`). */
export function organizationJson(urls: Urls, org: UserRecord): Record<string, unknown> {
  const o = `${urls.api}/orgs/${encodeURIComponent(org.login)}`;
  return {
    login: org.login,
    id: org.id,
    node_id: nodeId('O', org.id),
    url: o,
    repos_url: `${o}/repos`,
    events_url: `${o}/events`,
    hooks_url: `${o}/hooks`,
    issues_url: `${o}/issues`,
    members_url: `${o}/members{/member}`,
    public_members_url: `${o}/public_members{/member}`,
    avatar_url: `${urls.web}/avatars/u/${org.id}?v=4`,
    description: null,
  };
}

/** A repository as GitHub's `repository` (also what webhook payloads carry). */
export function repoJson(urls: Urls, repo: RepoRecord, state: GitHubState): Record<string, unknown> {
  const r = `${urls.api}/repos/${repo.fullName}`;
  const openIssues = repo.issues.filter((i) => i.state === 'open').length;
  const host = new URL(urls.web).host;
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userJson(urls, repo.owner),
    html_url: `${urls.web}/${repo.fullName}`,
    description: null,
    fork: false,
    url: r,
    forks_url: `${r}/forks`,
    keys_url: `${r}/keys{/key_id}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    teams_url: `${r}/teams`,
    hooks_url: `${r}/hooks`,
    issue_events_url: `${r}/issues/events{/number}`,
    events_url: `${r}/events`,
    assignees_url: `${r}/assignees{/user}`,
    branches_url: `${r}/branches{/branch}`,
    tags_url: `${r}/tags`,
    blobs_url: `${r}/git/blobs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    trees_url: `${r}/git/trees{/sha}`,
    statuses_url: `${r}/statuses/{sha}`,
    languages_url: `${r}/languages`,
    stargazers_url: `${r}/stargazers`,
    contributors_url: `${r}/contributors`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    commits_url: `${r}/commits{/sha}`,
    git_commits_url: `${r}/git/commits{/sha}`,
    comments_url: `${r}/comments{/number}`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    contents_url: `${r}/contents/{+path}`,
    compare_url: `${r}/compare/{base}...{head}`,
    merges_url: `${r}/merges`,
    archive_url: `${r}/{archive_format}{/ref}`,
    downloads_url: `${r}/downloads`,
    issues_url: `${r}/issues{/number}`,
    pulls_url: `${r}/pulls{/number}`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    labels_url: `${r}/labels{/name}`,
    releases_url: `${r}/releases{/id}`,
    deployments_url: `${r}/deployments`,
    created_at: repo.createdAt,
    updated_at: state.timestamp(),
    pushed_at: state.timestamp(),
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    clone_url: `${urls.web}/${repo.fullName}.git`,
    svn_url: `${urls.web}/${repo.fullName}`,
    homepage: null,
    size: 1,
    stargazers_count: 0,
    watchers_count: 0,
    language: 'TypeScript',
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? 'private' : 'public',
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: repo.defaultBranch,
  };
}

/** The GitHub App as GitHub's `integration`. */
export function appJson(urls: Urls, app: AppRecord): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('A', app.id),
    client_id: app.clientId,
    owner: userJson(urls, app.owner),
    name: app.name,
    description: '',
    external_url: `${urls.web}/apps/${app.slug}`,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: app.permissions,
    events: app.events,
  };
}

/** `performed_via_github_app` for a record written by the app's installation, else null. */
function viaApp(urls: Urls, state: GitHubState, byApp: boolean): Record<string, unknown> | null {
  return byApp && state.app ? appJson(urls, state.app) : null;
}

/** An installation as GitHub's `installation`. */
export function installationJson(urls: Urls, inst: InstallationRecord, app: AppRecord): Record<string, unknown> {
  return {
    id: inst.id,
    account: userJson(urls, inst.account),
    repository_selection: inst.selection,
    access_tokens_url: `${urls.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/settings/installations/${inst.id}`,
    app_id: app.id,
    client_id: app.clientId,
    app_slug: app.slug,
    target_id: inst.account.id,
    target_type: inst.account.type === 'Organization' ? 'Organization' : 'User',
    permissions: inst.permissions,
    events: inst.events,
    created_at: inst.createdAt,
    updated_at: inst.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

/** A deployment as GitHub's `deployment`. */
export function deploymentJson(
  urls: Urls,
  repo: RepoRecord,
  d: DeploymentRecord,
  state: GitHubState,
): Record<string, unknown> {
  const u = `${urls.api}/repos/${repo.fullName}/deployments/${d.id}`;
  return {
    url: u,
    id: d.id,
    node_id: nodeId('DE', d.id),
    task: d.task,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${u}/statuses`,
    repository_url: `${urls.api}/repos/${repo.fullName}`,
    creator: userJson(urls, d.creator.user),
    sha: d.sha,
    ref: d.ref,
    payload: d.payload,
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: viaApp(urls, state, d.creator.kind === 'installation'),
  };
}

/** A deployment status as GitHub's `deployment-status`. */
export function deploymentStatusJson(
  urls: Urls,
  repo: RepoRecord,
  s: DeploymentStatusRecord,
  state: GitHubState,
): Record<string, unknown> {
  const d = `${urls.api}/repos/${repo.fullName}/deployments/${s.deploymentId}`;
  return {
    url: `${d}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DES', s.id),
    state: s.state,
    creator: userJson(urls, s.creator.user),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: d,
    repository_url: `${urls.api}/repos/${repo.fullName}`,
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: viaApp(urls, state, s.creator.kind === 'installation'),
  };
}

/** A label as GitHub's `label`. */
export function labelJson(urls: Urls, repo: RepoRecord, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: `${urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

function rollup(url: string, reactions: ReactionRecord[]): Record<string, unknown> {
  const counts: Record<string, number> = {};
  for (const c of REACTION_CONTENTS) counts[c] = reactions.filter((r) => r.content === c).length;
  return { url, total_count: reactions.length, ...counts };
}

/** An issue as GitHub's `issue` (no `pull_request` key: these are plain issues). */
export function issueJson(
  urls: Urls,
  repo: RepoRecord,
  issue: IssueRecord,
  state: GitHubState,
): Record<string, unknown> {
  const u = `${urls.api}/repos/${repo.fullName}/issues/${issue.number}`;
  return {
    url: u,
    repository_url: `${urls.api}/repos/${repo.fullName}`,
    labels_url: `${u}/labels{/name}`,
    comments_url: `${u}/comments`,
    events_url: `${u}/events`,
    html_url: `${urls.web}/${repo.fullName}/issues/${issue.number}`,
    id: issue.id,
    node_id: nodeId('I', issue.id),
    number: issue.number,
    title: issue.title,
    user: userJson(urls, issue.user),
    labels: issue.labels.map((name) => labelJson(urls, repo, repo.labels.get(name.toLowerCase())!)),
    state: issue.state,
    locked: issue.locked,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: issue.comments,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    closed_by: issue.closedBy ? userJson(urls, issue.closedBy) : null,
    author_association: authorAssociation(repo, issue.user, state),
    active_lock_reason: null,
    body: issue.body,
    reactions: rollup(`${u}/reactions`, issue.reactions),
    timeline_url: `${u}/timeline`,
    performed_via_github_app: viaApp(urls, state, issue.performedViaApp),
    state_reason: issue.stateReason,
  };
}

/** An issue comment as GitHub's `issue-comment`. */
export function commentJson(
  urls: Urls,
  repo: RepoRecord,
  comment: CommentRecord,
  state: GitHubState,
): Record<string, unknown> {
  const u = `${urls.api}/repos/${repo.fullName}/issues/comments/${comment.id}`;
  return {
    url: u,
    html_url: `${urls.web}/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    user: userJson(urls, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(repo, comment.user, state),
    body: comment.body,
    reactions: rollup(`${u}/reactions`, comment.reactions),
    performed_via_github_app: viaApp(urls, state, comment.performedViaApp),
  };
}

/** A reaction as GitHub's `reaction`. */
export function reactionJson(urls: Urls, reaction: ReactionRecord): Record<string, unknown> {
  return {
    id: reaction.id,
    node_id: nodeId('REA', reaction.id),
    user: userJson(urls, reaction.user),
    content: reaction.content,
    created_at: reaction.createdAt,
  };
}

/** `author_association` as GitHub derives it (shown for fidelity; Shipline must not rely on it). */
function authorAssociation(repo: RepoRecord, user: UserRecord, state: GitHubState): string {
  if (user.id === repo.owner.id) return 'OWNER';
  if (state.roleOf(repo, user.login)) return 'COLLABORATOR';
  return 'NONE';
}

/** A git reference as GitHub's `git-ref`. */
export function refJson(urls: Urls, repo: RepoRecord, ref: string, sha: string): Record<string, unknown> {
  const type = repo.tagObjects.has(sha) ? 'tag' : 'commit';
  return {
    ref,
    node_id: nodeId('REF', hashId(`${repo.fullName}:${ref}`)),
    url: `${urls.api}/repos/${repo.fullName}/git/${ref}`,
    object: {
      sha,
      type,
      url: `${urls.api}/repos/${repo.fullName}/git/${type === 'tag' ? 'tags' : 'commits'}/${sha}`,
    },
  };
}

const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

/** An annotated tag object as GitHub's `git-tag`. */
export function tagObjectJson(urls: Urls, repo: RepoRecord, tag: TagObjectRecord): Record<string, unknown> {
  const type = tag.object.type;
  return {
    node_id: nodeId('TAG', hashId(tag.sha)),
    sha: tag.sha,
    url: `${urls.api}/repos/${repo.fullName}/git/tags/${tag.sha}`,
    tagger: tag.tagger,
    object: {
      sha: tag.object.sha,
      type,
      url: `${urls.api}/repos/${repo.fullName}/git/${type === 'tag' ? 'tags' : `${type}s`}/${tag.object.sha}`,
    },
    tag: tag.tag,
    message: tag.message,
    verification: UNSIGNED,
  };
}

/** A commit object as GitHub's `git-commit` (the Git Database API view). */
export function gitCommitJson(urls: Urls, repo: RepoRecord, c: CommitRecord): Record<string, unknown> {
  const r = `${urls.api}/repos/${repo.fullName}`;
  return {
    sha: c.sha,
    node_id: nodeId('C', hashId(c.sha)),
    url: `${r}/git/commits/${c.sha}`,
    html_url: `${urls.web}/${repo.fullName}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    tree: { sha: c.tree, url: `${r}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${r}/git/commits/${p}`,
      html_url: `${urls.web}/${repo.fullName}/commit/${p}`,
    })),
    verification: UNSIGNED,
  };
}

/** A commit as GitHub's `commit` (the Repositories API view, with files when `withFiles`). */
export function commitJson(
  urls: Urls,
  repo: RepoRecord,
  c: CommitRecord,
  state: GitHubState,
  withFiles: boolean,
): Record<string, unknown> {
  const r = `${urls.api}/repos/${repo.fullName}`;
  const author = state.users.get(c.author.name.toLowerCase());
  const additions = c.files.reduce((n, f) => n + (f.additions ?? 0), 0);
  const deletions = c.files.reduce((n, f) => n + (f.deletions ?? 0), 0);
  const body: Record<string, unknown> = {
    sha: c.sha,
    node_id: nodeId('C', hashId(c.sha)),
    commit: {
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.tree, url: `${r}/git/trees/${c.tree}` },
      url: `${r}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: UNSIGNED,
    },
    url: `${r}/commits/${c.sha}`,
    html_url: `${urls.web}/${repo.fullName}/commit/${c.sha}`,
    comments_url: `${r}/commits/${c.sha}/comments`,
    author: author ? userJson(urls, author) : null,
    committer: author ? userJson(urls, author) : null,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${r}/commits/${p}`,
      html_url: `${urls.web}/${repo.fullName}/commit/${p}`,
    })),
  };
  if (withFiles) {
    body.stats = { total: additions + deletions, additions, deletions };
    body.files = c.files.map((f) => fileJson(urls, repo, c.sha, f));
  }
  return body;
}

/** A changed file as GitHub's `diff-entry` (no patch text). */
export function fileJson(
  urls: Urls,
  repo: RepoRecord,
  sha: string,
  f: CommitRecord['files'][number],
): Record<string, unknown> {
  const additions = f.additions ?? 0;
  const deletions = f.deletions ?? 0;
  return {
    sha: gitSha('blob', sha, f.filename),
    filename: f.filename,
    status: f.status,
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${urls.web}/${repo.fullName}/blob/${sha}/${f.filename}`,
    raw_url: `${urls.web}/${repo.fullName}/raw/${sha}/${f.filename}`,
    contents_url: `${urls.api}/repos/${repo.fullName}/contents/${f.filename}?ref=${sha}`,
  };
}

import { gitSha, isoSeconds, isSha } from './ids.js';

/** A repository role as GitHub names it (`role_name`). */
export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export const ROLE_RANK: Record<RepoRole, number> = { read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export interface UserRecord {
  id: number;
  login: string;
  type: 'User' | 'Bot' | 'Organization';
  name: string | null;
  email: string | null;
}

export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  additions?: number;
  deletions?: number;
}

export interface CommitRecord {
  sha: string;
  message: string;
  tree: string;
  parents: string[];
  author: GitPerson;
  committer: GitPerson;
  files: FileChange[];
}

/** A tree created through `POST /git/trees` (blobs are kept inline). */
export interface TreeRecord {
  sha: string;
  entries: Array<{ path: string; mode: string; type: 'blob' | 'tree' | 'commit'; sha: string; size?: number }>;
}

export interface TagObjectRecord {
  sha: string;
  tag: string;
  message: string;
  object: { sha: string; type: 'commit' | 'tag' | 'tree' | 'blob' };
  tagger: GitPerson;
}

export interface DeploymentStatusRecord {
  id: number;
  deploymentId: number;
  state: DeploymentState;
  creator: Actor;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: string;
}

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  creator: Actor;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  createdAt: string;
  updatedAt: string;
  statuses: DeploymentStatusRecord[];
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';
export const REACTION_CONTENTS: readonly ReactionContent[] = [
  '+1',
  '-1',
  'laugh',
  'confused',
  'heart',
  'hooray',
  'rocket',
  'eyes',
];

export interface ReactionRecord {
  id: number;
  user: UserRecord;
  content: ReactionContent;
  createdAt: string;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: UserRecord;
  labels: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  locked: boolean;
  comments: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: UserRecord | null;
  reactions: ReactionRecord[];
  performedViaApp: boolean;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: UserRecord;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionRecord[];
  performedViaApp: boolean;
}

/** A workflow file of a repository (seeded: the emulator reads no YAML). */
export interface WorkflowRecord {
  id: number;
  name: string;
  /** `.github/workflows/<file>`. */
  path: string;
  state: 'active' | 'disabled_manually';
  /** Events in its `on:`; dispatch needs `workflow_dispatch`. */
  triggers: string[];
  /** Its `workflow_dispatch` inputs, when declared (then unknown inputs are refused and required ones checked). */
  inputs?: Record<string, { required?: boolean; default?: string }>;
  createdAt: string;
  updatedAt: string;
}

/** What seeding a workflow takes: a file name (`deploy.yml`) or the details. */
export type WorkflowSeed =
  | string
  | {
      file: string;
      name?: string;
      triggers?: string[];
      inputs?: WorkflowRecord['inputs'];
      state?: WorkflowRecord['state'];
    };

export type RunStatus = 'queued' | 'in_progress' | 'completed';
export type RunConclusion =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'neutral'
  | 'action_required';

/** A workflow run started by `workflow_dispatch` (tests drive its progress through the emulator). */
export interface WorkflowDispatchRecord {
  /** The workflow as the caller named it (file name or id). */
  workflowId: string;
  /** The workflow's numeric id. */
  workflow: number;
  ref: string;
  sha: string;
  inputs: Record<string, unknown>;
  actor: UserRecord;
  createdAt: string;
  runId: number;
  runNumber: number;
  status: RunStatus;
  conclusion: RunConclusion | null;
  updatedAt: string;
  runStartedAt: string;
}

/** A deployment environment (created on first deployment to it, as GitHub does, or seeded). */
export interface EnvironmentRecord {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Protection rules as GitHub lists them (reviewers, wait timer, branch policy); empty when unprotected. */
  protectionRules: Array<Record<string, unknown>>;
  deploymentBranchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
}

export interface RepoRecord {
  id: number;
  owner: UserRecord;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  createdAt: string;
  commits: Map<string, CommitRecord>;
  tagObjects: Map<string, TagObjectRecord>;
  /** Trees written through the API (seeded commits carry synthetic tree shas, also accepted). */
  trees: Map<string, TreeRecord>;
  /** Blob sha → content, for blobs written through the API. */
  blobs: Map<string, Buffer>;
  /** Full ref name (`refs/heads/main`) → object sha. */
  refs: Map<string, string>;
  roles: Map<string, RepoRole>;
  deployments: DeploymentRecord[];
  issues: IssueRecord[];
  comments: CommentRecord[];
  labels: Map<string, LabelRecord>;
  dispatches: WorkflowDispatchRecord[];
  workflows: WorkflowRecord[];
  environments: Map<string, EnvironmentRecord>;
}

export interface InstallationRecord {
  id: number;
  account: UserRecord;
  /** `owner/name` of the repositories it may act on; all of the account's when `selection` is `all`. */
  repositories: string[];
  selection: 'all' | 'selected';
  permissions: Record<string, string>;
  events: string[];
  createdAt: string;
}

export interface AppRecord {
  id: number;
  slug: string;
  name: string;
  clientId: string;
  owner: UserRecord;
  publicKeyPem: string;
  privateKeyPem: string;
  webhookSecret: string;
  permissions: Record<string, string>;
  events: string[];
  createdAt: string;
  bot: UserRecord;
}

/** Who made a request: a user (personal token) or an installation of the app (acting as its bot user). */
export type Actor =
  | { kind: 'user'; user: UserRecord }
  | { kind: 'installation'; user: UserRecord; installationId: number };

export interface SeedRepoOptions {
  /** `owner/name`. */
  fullName: string;
  defaultBranch?: string;
  private?: boolean;
  /** Commit messages on the default branch, oldest first; one "Initial commit" when omitted. */
  commits?: Array<string | { message: string; files?: FileChange[] }>;
  /** Lightweight tags: name → commit sha or index into `commits`. */
  tags?: Record<string, string | number>;
  /** Workflow files (`deploy.yml`, …); dispatching any other workflow answers 404, as GitHub does. */
  workflows?: WorkflowSeed[];
}

export interface SeededRepo {
  repo: RepoRecord;
  /** Commit shas on the default branch, oldest first. */
  shas: string[];
}

/**
 * The GitHub emulator's in-memory world: users, tokens, repositories (git objects, refs, deployments, issues),
 * the GitHub App and its installations. Handlers mutate it synchronously, so a check-and-set is atomic.
 */
export class GitHubState {
  readonly users = new Map<string, UserRecord>();
  readonly tokens = new Map<string, string>();
  readonly installationTokens = new Map<string, { installationId: number; expiresAt: Date }>();
  readonly repos = new Map<string, RepoRecord>();
  readonly installations = new Map<number, InstallationRecord>();
  app: AppRecord | undefined;
  private nextId = 1000;

  constructor(readonly now: () => Date = () => new Date()) {}

  /** A fresh id from one counter shared by every kind of record. */
  id(): number {
    return this.nextId++;
  }

  /** Current time as GitHub prints it. */
  timestamp(): string {
    return isoSeconds(this.now());
  }

  /** Adds (or returns the existing) user or organization. */
  seedUser(login: string, options: { type?: UserRecord['type']; name?: string; email?: string } = {}): UserRecord {
    const existing = this.users.get(login.toLowerCase());
    if (existing) return existing;
    const user: UserRecord = {
      id: this.id(),
      login,
      type: options.type ?? 'User',
      name: options.name ?? null,
      email: options.email ?? null,
    };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  /** Registers a personal access token for a user (created when missing). */
  seedToken(token: string, login: string): UserRecord {
    const user = this.seedUser(login);
    this.tokens.set(token, user.login);
    return user;
  }

  /** Creates a repository with commits on its default branch and optional lightweight tags. */
  seedRepo(options: SeedRepoOptions): SeededRepo {
    const [ownerLogin, name] = splitFullName(options.fullName);
    const owner = this.seedUser(ownerLogin);
    const repo: RepoRecord = {
      id: this.id(),
      owner,
      name,
      fullName: `${owner.login}/${name}`,
      private: options.private ?? false,
      defaultBranch: options.defaultBranch ?? 'main',
      createdAt: this.timestamp(),
      commits: new Map(),
      tagObjects: new Map(),
      trees: new Map(),
      blobs: new Map(),
      refs: new Map(),
      roles: new Map([[owner.login.toLowerCase(), 'admin']]),
      deployments: [],
      issues: [],
      comments: [],
      labels: new Map(),
      dispatches: [],
      workflows: [],
      environments: new Map(),
    };
    this.repos.set(repo.fullName.toLowerCase(), repo);
    const shas: string[] = [];
    for (const entry of options.commits ?? ['Initial commit']) {
      const spec = typeof entry === 'string' ? { message: entry } : entry;
      shas.push(this.seedCommit(repo.fullName, { ...spec, branch: repo.defaultBranch }));
    }
    for (const [tag, target] of Object.entries(options.tags ?? {})) {
      const sha = typeof target === 'number' ? shas[target] : target;
      if (!sha) throw new Error(`seedRepo: tag ${tag} points at no commit`);
      repo.refs.set(`refs/tags/${tag}`, sha);
    }
    for (const workflow of options.workflows ?? []) this.seedWorkflow(repo.fullName, workflow);
    return { repo, shas };
  }

  /** Adds a workflow file to a repository (dispatchable unless its triggers say otherwise); returns it. */
  seedWorkflow(fullName: string, seed: WorkflowSeed): WorkflowRecord {
    const repo = this.repo(fullName);
    const spec = typeof seed === 'string' ? { file: seed } : seed;
    const file = spec.file.replace(/^\.github\/workflows\//, '');
    const existing = repo.workflows.find((w) => w.path === `.github/workflows/${file}`);
    if (existing) return existing;
    const now = this.timestamp();
    const workflow: WorkflowRecord = {
      id: this.id(),
      name: spec.name ?? file.replace(/\.ya?ml$/, ''),
      path: `.github/workflows/${file}`,
      state: spec.state ?? 'active',
      triggers: spec.triggers ?? ['workflow_dispatch'],
      ...(spec.inputs ? { inputs: spec.inputs } : {}),
      createdAt: now,
      updatedAt: now,
    };
    repo.workflows.push(workflow);
    return workflow;
  }

  /** The workflow named by id or file name (`deploy.yml`), as the API resolves `workflow_id`. */
  findWorkflow(repo: RepoRecord, idOrFile: string): WorkflowRecord | undefined {
    if (/^\d+$/.test(idOrFile)) return repo.workflows.find((w) => w.id === Number(idOrFile));
    return repo.workflows.find((w) => w.path === `.github/workflows/${idOrFile}`);
  }

  /** Adds (or returns) a deployment environment; GitHub also creates one on the first deployment to it. */
  seedEnvironment(
    fullName: string,
    name: string,
    options: { protectionRules?: EnvironmentRecord['protectionRules'] } = {},
  ): EnvironmentRecord {
    return this.ensureEnvironment(this.repo(fullName), name, options.protectionRules);
  }

  ensureEnvironment(
    repo: RepoRecord,
    name: string,
    protectionRules: EnvironmentRecord['protectionRules'] = [],
  ): EnvironmentRecord {
    const key = name.toLowerCase();
    const existing = repo.environments.get(key);
    if (existing) return existing;
    const now = this.timestamp();
    const env: EnvironmentRecord = {
      id: this.id(),
      name,
      createdAt: now,
      updatedAt: now,
      protectionRules,
      deploymentBranchPolicy: null,
    };
    repo.environments.set(key, env);
    return env;
  }

  /** Adds a commit on top of `branch` (or with explicit `parents`) and advances the branch; returns its sha. */
  seedCommit(
    fullName: string,
    spec: {
      message: string;
      branch?: string;
      parents?: string[];
      files?: FileChange[];
      author?: string;
      /** The commit's real SHA when it mirrors a local git repository (GITHUB_SHA then equals the checkout's HEAD). */
      sha?: string;
    },
  ): string {
    const repo = this.repo(fullName);
    const branch = spec.branch ?? repo.defaultBranch;
    const head = repo.refs.get(`refs/heads/${branch}`);
    const parents = spec.parents ?? (head ? [head] : []);
    const commit = this.addCommit(repo, {
      message: spec.message,
      parents,
      tree: gitSha('tree', repo.fullName, spec.message, String(this.nextId)),
      files: spec.files ?? [{ filename: 'README.md', status: 'modified', additions: 1, deletions: 0 }],
      author: spec.author,
      ...(spec.sha ? { sha: spec.sha } : {}),
    });
    if (spec.parents === undefined || spec.branch !== undefined) repo.refs.set(`refs/heads/${branch}`, commit.sha);
    return commit.sha;
  }

  /** Stores a commit object (used by seeding and by `POST /git/commits`). */
  addCommit(
    repo: RepoRecord,
    spec: {
      message: string;
      parents: string[];
      tree: string;
      files?: FileChange[];
      author?: string | GitPerson;
      sha?: string;
    },
  ): CommitRecord {
    const person: GitPerson =
      typeof spec.author === 'object'
        ? spec.author
        : {
            name: spec.author ?? repo.owner.login,
            email: `${spec.author ?? repo.owner.login}@users.noreply.github.com`,
            date: this.timestamp(),
          };
    const sha =
      spec.sha ?? gitSha('commit', repo.fullName, spec.tree, spec.message, ...spec.parents, String(this.id()));
    if (!/^[0-9a-f]{40}$/.test(sha) || repo.commits.has(sha)) throw new Error(`addCommit: bad or duplicate sha ${sha}`);
    const commit: CommitRecord = {
      sha,
      message: spec.message,
      tree: spec.tree,
      parents: spec.parents,
      author: person,
      committer: person,
      files: spec.files ?? [],
    };
    repo.commits.set(sha, commit);
    return commit;
  }

  /** Creates a lightweight tag ref `refs/tags/<name>` pointing at a commit. */
  seedTag(fullName: string, name: string, sha: string): void {
    const repo = this.repo(fullName);
    if (!repo.commits.has(sha)) throw new Error(`seedTag: unknown commit ${sha}`);
    repo.refs.set(`refs/tags/${name}`, sha);
  }

  /** Gives a user a role on a repository (the user is created when missing). */
  setRole(fullName: string, login: string, role: RepoRole): UserRecord {
    const user = this.seedUser(login);
    this.repo(fullName).roles.set(user.login.toLowerCase(), role);
    return user;
  }

  /** Creates an issue as `login`; returns it. */
  seedIssue(fullName: string, spec: { title: string; body?: string; user: string; labels?: string[] }): IssueRecord {
    const repo = this.repo(fullName);
    const issue = this.addIssue(repo, { kind: 'user', user: this.seedUser(spec.user) }, spec);
    return issue;
  }

  /** Adds an issue comment as `login` (counts toward the issue's `comments`). */
  seedComment(fullName: string, issueNumber: number, spec: { body: string; user: string }): CommentRecord {
    const repo = this.repo(fullName);
    return this.addComment(
      repo,
      this.issue(repo, issueNumber),
      { kind: 'user', user: this.seedUser(spec.user) },
      spec.body,
    );
  }

  addIssue(
    repo: RepoRecord,
    actor: Actor,
    spec: { title: string; body?: string | null; labels?: string[] },
  ): IssueRecord {
    const now = this.timestamp();
    const issue: IssueRecord = {
      id: this.id(),
      number: repo.issues.length + 1,
      title: spec.title,
      body: spec.body ?? null,
      user: actor.user,
      labels: [],
      state: 'open',
      stateReason: null,
      locked: false,
      comments: 0,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      reactions: [],
      performedViaApp: actor.kind === 'installation',
    };
    this.setIssueLabels(repo, issue, spec.labels ?? []);
    repo.issues.push(issue);
    return issue;
  }

  addComment(repo: RepoRecord, issue: IssueRecord, actor: Actor, body: string): CommentRecord {
    const now = this.timestamp();
    const comment: CommentRecord = {
      id: this.id(),
      issueNumber: issue.number,
      body,
      user: actor.user,
      createdAt: now,
      updatedAt: now,
      reactions: [],
      performedViaApp: actor.kind === 'installation',
    };
    repo.comments.push(comment);
    issue.comments++;
    issue.updatedAt = now;
    return comment;
  }

  /** Replaces an issue's labels, creating missing repository labels as GitHub does. */
  setIssueLabels(repo: RepoRecord, issue: IssueRecord, names: string[]): void {
    issue.labels = [];
    for (const name of names) this.ensureLabel(repo, name, issue);
  }

  /** Adds a label to an issue (creating it on the repository when missing). */
  ensureLabel(repo: RepoRecord, name: string, issue?: IssueRecord): LabelRecord {
    let label = repo.labels.get(name.toLowerCase());
    if (!label) {
      label = { id: this.id(), name, color: 'ededed', description: null, default: false };
      repo.labels.set(name.toLowerCase(), label);
    }
    if (issue && !issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) issue.labels.push(label.name);
    return label;
  }

  /** Configures the GitHub App (one per emulator). */
  setApp(app: Omit<AppRecord, 'bot' | 'createdAt'>): AppRecord {
    const bot = this.seedUser(`${app.slug}[bot]`, { type: 'Bot' });
    this.app = { ...app, bot, createdAt: this.timestamp() };
    return this.app;
  }

  /** Installs the app on an account, for all its repositories or the listed ones; returns the installation. */
  seedInstallation(spec: {
    account: string;
    repositories?: string[];
    permissions?: Record<string, string>;
  }): InstallationRecord {
    const account = this.seedUser(spec.account);
    const installation: InstallationRecord = {
      id: this.id(),
      account,
      repositories: (spec.repositories ?? []).map((r) => r.toLowerCase()),
      selection: spec.repositories ? 'selected' : 'all',
      permissions: spec.permissions ?? this.app?.permissions ?? {},
      events: this.app?.events ?? [],
      createdAt: this.timestamp(),
    };
    this.installations.set(installation.id, installation);
    return installation;
  }

  /** True when an installation may act on a repository: same account, and all repositories or this one selected. */
  installationCovers(inst: InstallationRecord, repo: RepoRecord): boolean {
    if (inst.account.id !== repo.owner.id) return false;
    return inst.selection === 'all' || inst.repositories.includes(repo.fullName.toLowerCase());
  }

  /** The installation that covers a repository, if any. */
  installationFor(repo: RepoRecord): InstallationRecord | undefined {
    for (const inst of this.installations.values()) {
      if (this.installationCovers(inst, repo)) return inst;
    }
    return undefined;
  }

  /** The repository `owner/name`; throws when unknown (seeding helpers only). */
  repo(fullName: string): RepoRecord {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`unknown repository ${fullName}`);
    return repo;
  }

  /** The issue `number` of a repository; throws when unknown (seeding helpers only). */
  issue(repo: RepoRecord, number: number): IssueRecord {
    const issue = repo.issues.find((i) => i.number === number);
    if (!issue) throw new Error(`unknown issue ${repo.fullName}#${number}`);
    return issue;
  }

  /** Every workflow dispatch recorded for a repository, oldest first. */
  dispatches(fullName: string): WorkflowDispatchRecord[] {
    return this.repo(fullName).dispatches;
  }

  /** A user's role on a repository (owner = admin), or undefined for none. */
  roleOf(repo: RepoRecord, login: string): RepoRole | undefined {
    return repo.roles.get(login.toLowerCase());
  }

  /**
   * Resolves a ref as the API does: a full sha, a branch, a tag (peeled to its commit) or a full `refs/…` name.
   * Returns the commit sha or undefined.
   */
  resolveRef(repo: RepoRecord, ref: string): string | undefined {
    if (isSha(ref) && repo.commits.has(ref)) return ref;
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      const matches = [...repo.commits.keys()].filter((sha) => sha.startsWith(ref));
      if (matches.length === 1) return matches[0];
    }
    const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`];
    for (const full of candidates) {
      const sha = repo.refs.get(full);
      if (sha) return this.peel(repo, sha);
    }
    return undefined;
  }

  /** Follows annotated tag objects down to a commit sha. */
  peel(repo: RepoRecord, sha: string): string | undefined {
    let current = sha;
    for (let i = 0; i < 10; i++) {
      if (repo.commits.has(current)) return current;
      const tag = repo.tagObjects.get(current);
      if (!tag) return undefined;
      current = tag.object.sha;
    }
    return undefined;
  }

  /** Every commit reachable from `sha` (itself included). */
  ancestors(repo: RepoRecord, sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      for (const parent of repo.commits.get(current)?.parents ?? []) stack.push(parent);
    }
    return seen;
  }
}

function splitFullName(fullName: string): [string, string] {
  const [owner, name, ...rest] = fullName.split('/');
  if (!owner || !name || rest.length > 0) throw new Error(`expected owner/name, got ${fullName}`);
  return [owner, name];
}

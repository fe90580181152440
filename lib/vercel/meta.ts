/**
 * What Shipline writes into a Vercel deployment's `meta` and `gitMetadata`, from the GitHub context passed in as
 * plain data. `meta` is how a later run finds the deployment of a commit again (find-existing.ts).
 */
import { isVersionTag, makeRelease, type Release } from '../release/release.js';

/** The GitHub facts a deployment records; adapters read them from `@actions/github`'s context (or git, locally). */
export interface GitContext {
  /** Full commit SHA being deployed. */
  sha: string;
  /** The ref (`refs/heads/main`, `refs/pull/7/merge`, `refs/tags/v1.2.3`). */
  ref: string;
  /** Who started it (GitHub login). */
  actor: string;
  /** `owner/repo`. */
  repository?: string;
  /** `https://github.com` or a GHES URL. */
  serverUrl?: string;
  /** The Actions run URL, when run in Actions. */
  runUrl?: string;
  commitMessage?: string;
  commitAuthorName?: string;
  /** For a pull request: the head branch name (Vercel shows it as the deployment's branch). */
  headRef?: string;
}

/** Meta keys Shipline sets on every deployment it creates. */
export const META = {
  version: 'shiplineVersion',
  sha: 'shiplineSha',
  ref: 'shiplineRef',
  runUrl: 'shiplineRunUrl',
  actor: 'shiplineActor',
  target: 'shiplineTarget',
  /** A random value per deploy call, to recognise a deployment created by an attempt whose answer was lost. */
  attempt: 'shiplineAttempt',
} as const;

/** The `meta` of a deployment of `release` to `target`. */
export function deploymentMeta(
  release: Release,
  git: GitContext,
  target: string,
  attempt: string,
): Record<string, string> {
  const meta: Record<string, string> = {
    [META.version]: release.version,
    [META.sha]: release.sha,
    [META.ref]: git.ref,
    [META.actor]: git.actor,
    [META.target]: target,
    [META.attempt]: attempt,
    // Vercel's own keys, so the dashboard links the commit as for Git-integrated deployments.
    githubCommitSha: release.sha,
    githubCommitRef: branchOf(git),
  };
  if (git.runUrl) meta[META.runUrl] = git.runUrl;
  if (git.repository) {
    const [org, repo] = git.repository.split('/');
    if (org && repo) {
      meta.githubCommitOrg = org;
      meta.githubCommitRepo = repo;
    }
  }
  if (git.actor) meta.githubCommitAuthorLogin = git.actor;
  return meta;
}

/** The short branch or tag name of the context (`main`, `v1.2.3`, the PR's head branch). */
export function branchOf(git: GitContext): string {
  if (git.headRef) return git.headRef;
  return git.ref.replace(/^refs\/(heads|tags)\//, '');
}

/** `gitMetadata` for `createDeployment`, from the context. */
export function gitMetadata(git: GitContext): {
  commitSha: string;
  commitRef: string;
  commitMessage?: string;
  commitAuthorName?: string;
  remoteUrl?: string;
  dirty: boolean;
} {
  return {
    commitSha: git.sha,
    commitRef: branchOf(git),
    ...(git.commitMessage ? { commitMessage: git.commitMessage } : {}),
    ...(git.commitAuthorName ? { commitAuthorName: git.commitAuthorName } : {}),
    ...(git.repository
      ? { remoteUrl: `${(git.serverUrl ?? 'https://github.com').replace(/\/$/, '')}/${git.repository}` }
      : {}),
    dirty: false,
  };
}

/**
 * The release of a deploy: an explicit version wins; else the `vX.Y.Z` tag the ref names; else `sha-<short>`.
 * Throws (ShiplineError `invalid-release`) for a bad SHA or an explicit version that is no release version.
 */
export function releaseFor(sha: string, ref: string, explicitVersion?: string): Release {
  if (explicitVersion) return makeRelease(sha, explicitVersion);
  const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
  return makeRelease(sha, tag && isVersionTag(tag) ? tag : undefined);
}

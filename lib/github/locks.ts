/**
 * Environment locks as git refs (`refs/<lockRefName(env)>`), so any number of runners and bot replicas share one
 * lock with no store of their own.
 *
 * How it stays atomic on GitHub's REST API, which has no "update if the ref still points at X" call:
 * - A lock is a commit whose message is the LockContent JSON (its tree holds the same JSON as `lock.json`, so the
 *   commit is an ordinary object GitHub accepts). A released lock is a "tombstone" commit on top of the lock commit.
 * - Claim: `POST /git/refs` creates the ref; creation is atomic, so of N concurrent creators one gets 201 and the
 *   others 422. When the ref already exists and points at a tombstone, the claim is a fast-forward-only
 *   `PATCH /git/refs` (force: false) to a new lock commit whose parent is that tombstone.
 * - Release and break: a fast-forward-only PATCH to a tombstone whose parent is the lock commit we hold (or read).
 * A fast-forward-only update is a compare-and-swap: it succeeds only if the ref's current commit is an ancestor of
 * the new one, and each new commit has exactly one parent, the commit we read. If anyone moved the ref in between
 * (released, broke, re-claimed), our commit is not a descendant of theirs and GitHub answers 422 "Update is not a
 * fast forward". This assumes GitHub checks and writes in one ref transaction (git's `update-ref <new> <old>`, the
 * way git itself moves refs); the REST docs do not spell that out, and a write that loses such a race comes back as
 * 422 "Reference update failed", which every caller here treats as "read again". Refs are never deleted: a delete
 * cannot be made conditional, and delete + re-create would let a late releaser delete someone else's fresh lock.
 *
 * The namespace (`refs/shipline/locks/…`, see lockRefName) is outside heads and tags: GitHub's create-ref takes any
 * `refs/<a>/<b>` name, and matching-refs is documented to list every namespace, so reads go through it.
 */
import type { Octokit } from '@octokit/rest';
import { ShiplineError } from '../core/errors.js';
import { isLockStale, type LockContent, lockContentSchema, lockRefName, readLockContent } from '../release/lock.js';
import { call, errorStatus, type RepoRef, repoName } from './repo.js';

/** What acquireLock returns: the lock and its commit, or who holds it (undefined holder = unreadable: fail closed). */
export type AcquireResult =
  | { acquired: true; lock: LockContent; sha: string }
  | { acquired: false; holder?: LockContent; stale: boolean; sha?: string };

/** The marker a tombstone (released lock) commit carries as its message. */
const TOMBSTONE = { shipline: 'lock-released', schema: 1 } as const;

/** Attempts before giving up when the ref keeps moving under us (each attempt is a few API calls). */
const MAX_ATTEMPTS = 5;

/** Options of acquireLock. */
export interface AcquireOptions {
  /**
   * Take over a stale lock (expiry before `content.createdAt`) in the same compare-and-swap that claims it, so no
   * third party can slip in between a break and a claim. Off by default: callers usually ask a person first.
   */
  takeOverStale?: boolean;
}

/**
 * Takes the lock of `content.environment`. Atomic: of concurrent callers exactly one acquires. `stale` tells
 * whether the holder's expiry lies before `content.createdAt` (the caller's now).
 */
export async function acquireLock(
  octokit: Octokit,
  repo: RepoRef,
  content: LockContent,
  options: AcquireOptions = {},
): Promise<AcquireResult> {
  const parsed = lockContentSchema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ShiplineError(
      'invalid-input',
      `Lock content is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown problem'}.`,
      { hint: 'This is a bug in the caller that builds the lock; report it with the run log.' },
    );
  }
  const lock = parsed.data;
  const ref = `refs/${lockRefName(lock.environment)}`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readRef(octokit, repo, ref);
    if (current === undefined) {
      const sha = await createLockCommit(octokit, repo, JSON.stringify(lock), []);
      const created = await tryRefWrite(repo, `create the lock ref ${ref}`, () =>
        octokit.rest.git.createRef({ owner: repo.owner, repo: repo.repo, ref, sha }),
      );
      if (created) return { acquired: true, lock, sha };
      continue; // someone created it first: read what they wrote
    }
    const read = await readCommitMessage(octokit, repo, current);
    if (!isTombstone(read)) {
      const holder = readLockContent(read);
      if (!holder) return { acquired: false, stale: false, sha: current };
      const stale = isLockStale(holder, new Date(lock.createdAt));
      if (!stale || !options.takeOverStale) return { acquired: false, holder, stale, sha: current };
    }
    const sha = await createLockCommit(octokit, repo, JSON.stringify(lock), [current]);
    if (await fastForward(octokit, repo, ref, sha)) return { acquired: true, lock, sha };
  }
  throw new ShiplineError(
    'api-error',
    `Could not take the lock ref ${ref} in ${repoName(repo)}: it kept changing, or GitHub kept refusing to write it.`,
    { hint: 'Nothing was taken. Retry in a minute; if it persists, check GitHub status and the lock with `/status`.' },
  );
}

/** The lock of `environment`: undefined when free; `lock` undefined when the ref holds something unreadable. */
export async function readLock(
  octokit: Octokit,
  repo: RepoRef,
  environment: string,
): Promise<{ lock?: LockContent; sha: string } | undefined> {
  const ref = `refs/${lockRefName(environment)}`;
  const sha = await readRef(octokit, repo, ref);
  if (sha === undefined) return undefined;
  const message = await readCommitMessage(octokit, repo, sha);
  if (isTombstone(message)) return undefined;
  const lock = readLockContent(message);
  return lock ? { lock, sha } : { sha };
}

/**
 * Releases the lock only if the ref still points at `sha` (the commit acquireLock returned); false when it does
 * not (someone broke it, or holds it now). Compare-and-swap through a fast-forward to a tombstone.
 */
export async function releaseLock(octokit: Octokit, repo: RepoRef, environment: string, sha: string): Promise<boolean> {
  const ref = `refs/${lockRefName(environment)}`;
  const tombstone = await createLockCommit(octokit, repo, JSON.stringify(TOMBSTONE), [sha]);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (await fastForward(octokit, repo, ref, tombstone)) return true;
    // A 422 means "not a fast forward" (someone moved the ref: not ours any more) or, now and then on GitHub,
    // "Reference update failed" with the ref unchanged: then it is still ours and the release is tried again.
    if ((await readRef(octokit, repo, ref)) !== sha) return false;
  }
  throw new ShiplineError('api-error', `GitHub kept refusing to release the lock ref ${ref} in ${repoName(repo)}.`, {
    hint: 'The lock is still held by this run; break it with `/unlock` once GitHub answers again.',
  });
}

/** Frees the lock whoever holds it (for `/unlock`, after authorization); a no-op when it is already free. */
export async function breakLock(octokit: Octokit, repo: RepoRef, environment: string): Promise<void> {
  const ref = `refs/${lockRefName(environment)}`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readRef(octokit, repo, ref);
    if (current === undefined) return;
    if (isTombstone(await readCommitMessage(octokit, repo, current))) return;
    if (await releaseLock(octokit, repo, environment, current)) return;
  }
  throw new ShiplineError('api-error', `The lock ref ${ref} in ${repoName(repo)} kept changing while breaking it.`, {
    hint: 'Another run is taking and releasing this lock in a loop; retry in a minute.',
  });
}

/**
 * The commit a ref points at, or undefined when there is no such ref. Read through `matching-refs`, which GitHub
 * documents to return refs of any namespace (not only heads and tags), filtered to the exact name.
 */
async function readRef(octokit: Octokit, repo: RepoRef, ref: string): Promise<string | undefined> {
  const res = await call(`read the lock ref ${ref}`, repo, () =>
    octokit.rest.git.listMatchingRefs({ owner: repo.owner, repo: repo.repo, ref: ref.slice('refs/'.length) }),
  );
  return res.data.find((r) => r.ref === ref)?.object.sha;
}

async function readCommitMessage(octokit: Octokit, repo: RepoRef, sha: string): Promise<string> {
  const res = await call(`read the lock commit ${sha}`, repo, () =>
    octokit.rest.git.getCommit({ owner: repo.owner, repo: repo.repo, commit_sha: sha }),
  );
  return res.data.message;
}

function isTombstone(message: string): boolean {
  try {
    const value = JSON.parse(message) as Record<string, unknown>;
    return value.shipline === TOMBSTONE.shipline;
  } catch {
    return false;
  }
}

/** A commit holding `text` as its message and as the file `lock.json`; returns its sha. */
async function createLockCommit(octokit: Octokit, repo: RepoRef, text: string, parents: string[]): Promise<string> {
  const tree = await call('write the lock tree', repo, () =>
    octokit.rest.git.createTree({
      owner: repo.owner,
      repo: repo.repo,
      tree: [{ path: 'lock.json', mode: '100644', type: 'blob', content: `${text}\n` }],
    }),
  );
  const commit = await call('write the lock commit', repo, () =>
    octokit.rest.git.createCommit({ owner: repo.owner, repo: repo.repo, message: text, tree: tree.data.sha, parents }),
  );
  return commit.data.sha;
}

/** Moves `ref` to `sha` only as a fast-forward; false when GitHub refuses (the ref moved or is gone). */
async function fastForward(octokit: Octokit, repo: RepoRef, ref: string, sha: string): Promise<boolean> {
  return tryRefWrite(repo, `update the lock ref ${ref}`, () =>
    octokit.rest.git.updateRef({
      owner: repo.owner,
      repo: repo.repo,
      ref: ref.slice('refs/'.length),
      sha,
      force: false,
    }),
  );
}

/** Runs a ref write; true on success, false on 422 (lost the race), an `api-error` on anything else. */
async function tryRefWrite(repo: RepoRef, action: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await call(action, repo, fn);
    return true;
  } catch (error) {
    if (errorStatus(error) === 422) return false;
    throw error;
  }
}

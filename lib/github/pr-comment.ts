/**
 * One sticky comment per pull request and purpose: a hidden marker (`<!-- shipline:<key> -->`) identifies it, each
 * run edits it in place, and duplicates left by concurrent runs are removed, so a PR never collects one comment per
 * push. Works with any Octokit (`@octokit/rest`, or `getOctokit` from `@actions/github`).
 */
import type { Octokit } from '@octokit/rest';
import { call, type RepoRef } from './repo.js';

/** The hidden marker of the sticky comment named `key` (letters, digits, `:`, `.`, `_`, `-`). */
export function stickyMarker(key: string): string {
  if (!/^[\w.:-]+$/.test(key)) throw new Error(`Invalid sticky comment key "${key}"`);
  return `<!-- shipline:${key} -->`;
}

/** What `upsertStickyComment` did. */
export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged';
  commentId: number;
  url: string;
  /** Duplicate comments (same marker) that were deleted. */
  removed: number;
}

interface CommentLike {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { type?: string } | null;
}

/** Creates or updates the comment with `key`'s marker on issue/PR `issueNumber`; deletes any duplicates. */
export async function upsertStickyComment(
  octokit: Octokit,
  repo: RepoRef,
  issueNumber: number,
  key: string,
  body: string,
): Promise<StickyResult> {
  const marker = stickyMarker(key);
  const text = `${marker}\n${body}`;
  const comments = (await call(`list the comments of #${issueNumber}`, repo, () =>
    octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 }),
  )) as CommentLike[];
  // Someone quoting the marker in a reply must not hijack it: prefer comments written by bots (the Actions token).
  const mine = comments.filter((c) => c.body?.startsWith(marker));
  const ordered = [...mine.filter((c) => c.user?.type === 'Bot'), ...mine.filter((c) => c.user?.type !== 'Bot')];
  const [keep, ...duplicates] = ordered;
  let result: StickyResult;
  if (!keep) {
    const created = await call(`comment on #${issueNumber}`, repo, () =>
      octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: text }),
    );
    result = { action: 'created', commentId: created.data.id, url: created.data.html_url, removed: 0 };
  } else if (keep.body === text) {
    result = { action: 'unchanged', commentId: keep.id, url: keep.html_url, removed: 0 };
  } else {
    const updated = await call(`update comment ${keep.id}`, repo, () =>
      octokit.rest.issues.updateComment({ ...repo, comment_id: keep.id, body: text }),
    );
    result = { action: 'updated', commentId: updated.data.id, url: updated.data.html_url, removed: 0 };
  }
  for (const duplicate of duplicates) {
    await call(`delete duplicate comment ${duplicate.id}`, repo, () =>
      octokit.rest.issues.deleteComment({ ...repo, comment_id: duplicate.id }),
    );
    result.removed++;
  }
  return result;
}

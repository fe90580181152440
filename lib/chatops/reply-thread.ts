/**
 * The bot's one reply to a command comment: found again by a hidden marker naming the command comment, so any bot
 * replica (or a later workflow event) edits the same reply instead of adding another.
 */
import type { Octokit } from '@octokit/rest';
import { call, type RepoRef } from '../github/repo.js';

/** The hidden first line of a reply to comment `commentId`. */
export function replyMarker(commentId: number): string {
  return `<!-- shipline:reply-to=${commentId} -->`;
}

/** Creates the reply to `commentId` on issue `issueNumber`; returns its id. */
export async function createReply(
  octokit: Octokit,
  repo: RepoRef,
  issueNumber: number,
  commentId: number,
  body: string,
): Promise<number> {
  const res = await call('reply to the command', repo, () =>
    octokit.rest.issues.createComment({
      ...repo,
      issue_number: issueNumber,
      body: `${replyMarker(commentId)}\n${body}`,
    }),
  );
  return res.data.id;
}

/** Replaces the text of reply `replyId` (keeping its marker). */
export async function editReply(
  octokit: Octokit,
  repo: RepoRef,
  replyId: number,
  commentId: number,
  body: string,
): Promise<void> {
  await call('edit the reply', repo, () =>
    octokit.rest.issues.updateComment({ ...repo, comment_id: replyId, body: `${replyMarker(commentId)}\n${body}` }),
  );
}

/** The id of the reply to `commentId` on `issueNumber`, when there is one. */
export async function findReply(
  octokit: Octokit,
  repo: RepoRef,
  issueNumber: number,
  commentId: number,
): Promise<number | undefined> {
  const marker = replyMarker(commentId);
  const comments = await call('read the issue comments', repo, () =>
    octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 }),
  );
  return comments.find((c) => c.body?.startsWith(marker))?.id;
}

/** Edits the reply to `commentId`, or creates it when none exists yet. */
export async function upsertReply(
  octokit: Octokit,
  repo: RepoRef,
  issueNumber: number,
  commentId: number,
  body: string,
): Promise<number> {
  const existing = await findReply(octokit, repo, issueNumber, commentId);
  if (existing === undefined) return createReply(octokit, repo, issueNumber, commentId, body);
  await editReply(octokit, repo, existing, commentId, body);
  return existing;
}

/** Adds a reaction to a comment; true when it is new (201), false when this app had already added it (200). */
export async function react(
  octokit: Octokit,
  repo: RepoRef,
  commentId: number,
  content: 'eyes' | 'rocket' | 'confused',
): Promise<boolean> {
  const res = await call(`react ${content}`, repo, () =>
    octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content }),
  );
  return res.status === 201;
}

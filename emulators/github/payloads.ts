import type { GitHubContext } from './context.js';
import { nodeId } from './ids.js';
import { commentJson, issueJson, organizationJson, repoJson, userJson } from './shapes.js';

export interface IssueCommentPayloadOptions {
  /** `owner/name`. */
  repo: string;
  issueNumber: number;
  commentId: number;
  /** Installation id to include (the covering installation when omitted). */
  installationId?: number;
}

/**
 * An `issue_comment.created` payload built from the emulator's state, shaped like GitHub's (action, issue, comment,
 * repository, sender, installation).
 */
export function issueCommentCreatedPayload(
  ctx: GitHubContext,
  options: IssueCommentPayloadOptions,
): Record<string, unknown> {
  const repo = ctx.state.repo(options.repo);
  const issue = ctx.state.issue(repo, options.issueNumber);
  const comment = repo.comments.find((c) => c.id === options.commentId && c.issueNumber === issue.number);
  if (!comment) throw new Error(`unknown comment ${options.commentId} on ${repo.fullName}#${issue.number}`);
  const installationId = options.installationId ?? ctx.state.installationFor(repo)?.id;
  const payload: Record<string, unknown> = {
    action: 'created',
    issue: issueJson(ctx.urls, repo, issue, ctx.state),
    comment: commentJson(ctx.urls, repo, comment, ctx.state),
    repository: repoJson(ctx.urls, repo, ctx.state),
    sender: userJson(ctx.urls, comment.user),
  };
  if (repo.owner.type === 'Organization') payload.organization = organizationJson(ctx.urls, repo.owner);
  if (installationId !== undefined)
    payload.installation = { id: installationId, node_id: nodeId('MDIz', installationId) };
  return payload;
}

/** Shows a release's progress where it was asked for: the reply to the command comment, and 🚀/😕 at the end. */
import type { Outcome } from '../release/outcome.js';
import { parseCommentUrl } from './comment-url.js';
import { syncDeploymentIssues } from './deployment-issue-sync.js';
import type { ChatOpsDeps } from './deps.js';
import type { ProgressView } from './progress.js';
import { renderProgress } from './render.js';
import { react, upsertReply } from './reply-thread.js';

/** Edits the command's reply from `view`, reacts at the end, and ticks deployment issues of a deploy. */
export async function publishProgress(deps: ChatOpsDeps, view: ProgressView): Promise<Outcome<{ replyId?: number }>> {
  let replyId: number | undefined;
  const comment = parseCommentUrl(view.payload.source);
  if (comment) {
    replyId = await upsertReply(deps.octokit, deps.repo, comment.issueNumber, comment.commentId, renderProgress(view));
    if (view.stage === 'done') await react(deps.octokit, deps.repo, comment.commentId, 'rocket');
    if (view.stage === 'failed') await react(deps.octokit, deps.repo, comment.commentId, 'confused');
  }
  if (view.payload.kind === 'deploy') await syncDeploymentIssues(deps, view);
  return {
    outcome: 'success',
    reason: 'ok',
    message: `Progress of deployment ${view.deploymentId} shown.`,
    details: replyId === undefined ? {} : { replyId },
  };
}

/**
 * `issue_comment.created`: parse the first line, claim the comment with 👀 (a comment another replica or an earlier
 * delivery already claimed is left alone), reply at once, run the command in lib/chatops and edit the reply with
 * the outcome. Bots' comments are ignored; edited and deleted comments never reach this handler.
 */
import type { Context } from 'probot';
import { renderProblem, renderWorking } from '../../lib/chatops/render.js';
import { createReply, editReply, react } from '../../lib/chatops/reply-thread.js';
import { runCommand } from '../../lib/chatops/run-command.js';
import { describeError } from '../../lib/core/errors.js';
import { failed, refused } from '../../lib/release/outcome.js';
import { parseCommand } from '../commands.js';
import { depsFor, repoOf } from '../context.js';
import type { ShiplineBotOptions } from '../options.js';

/** What happened to one comment (for logs and the benchmark). */
export type CommentResult = 'ignored' | 'duplicate' | 'refused' | 'failure' | 'success';

/** Handles one created comment. */
export async function onIssueComment(
  context: Context<'issue_comment.created'>,
  options: ShiplineBotOptions,
): Promise<CommentResult> {
  const { comment, sender } = context.payload;
  if (context.payload.action !== 'created') return 'ignored';
  if (comment.user?.type === 'Bot' || sender.type === 'Bot' || /\[bot\]$/.test(comment.user?.login ?? '')) {
    return 'ignored';
  }
  const parsed = parseCommand(comment.body);
  if (parsed.kind === 'none') return 'ignored';

  const octokit = context.octokit as unknown as Parameters<typeof react>[0];
  const repo = repoOf(context);
  const issueNumber = context.payload.issue.number;
  // 👀 first: GitHub answers 201 for a new reaction and 200 when this app already left it, so a replayed delivery
  // handled by another replica stops here.
  if (!(await react(octokit, repo, comment.id, 'eyes'))) return 'duplicate';
  const text = comment.body.split(/\r?\n|\r/, 1)[0]?.trim() ?? '';
  const replyId = await createReply(octokit, repo, issueNumber, comment.id, renderWorking(text));

  const finish = async (body: string, ok: boolean | undefined): Promise<void> => {
    await editReply(octokit, repo, replyId, comment.id, body);
    if (ok !== undefined) await react(octokit, repo, comment.id, ok ? 'rocket' : 'confused');
  };
  if (parsed.kind === 'refusal') {
    await finish(renderProblem(refused(parsed.reason, parsed.message, {})), false);
    return 'refused';
  }
  try {
    let deps: Awaited<ReturnType<typeof depsFor>>;
    try {
      deps = await depsFor(context, options);
    } catch (error) {
      await finish(
        renderProblem(refused('config-invalid', `I could not use .github/shipline.yml: ${describeError(error)}`, {})),
        false,
      );
      return 'refused';
    }
    const result = await runCommand(deps, parsed.command, {
      login: comment.user?.login ?? sender.login,
      source: comment.html_url,
    });
    const ok = result.outcome.outcome === 'success';
    // A started rollback gets its 🚀 or 😕 when its deployment finishes (handlers/deployment-status.ts).
    await finish(result.body, ok && result.deploymentId !== undefined ? undefined : ok);
    if (!ok) return result.outcome.outcome === 'refused' ? 'refused' : 'failure';
    return 'success';
  } catch (error) {
    // The reply exists: never leave it saying "working". Best effort; the error is logged by the app either way.
    await finish(
      renderProblem(
        failed('api-error', `Something failed while answering: ${describeError(error)} Try again in a minute.`, {}),
      ),
      false,
    ).catch(() => undefined);
    throw error;
  }
}

import type { EmulatorRequest } from '../../core/server.js';
import { repoAccess } from '../auth.js';
import type { GitHubContext } from '../context.js';
import { validationFailed } from '../errors.js';
import { paginate } from '../pagination.js';
import type { RouteRegistrar } from '../routing.js';
import { reactionJson } from '../shapes.js';
import { type Actor, REACTION_CONTENTS, type ReactionContent, type ReactionRecord } from '../state.js';
import { findComment, findIssue } from './issues.js';

/** Reactions on issue comments and on issues: create (200 when the same one exists), list (content filter). */
export function registerReactionRoutes(server: RouteRegistrar, ctx: GitHubContext): void {
  const targets: Array<[string, (req: EmulatorRequest) => ReactionRecord[]]> = [
    [
      '/repos/:owner/:repo/issues/comments/:id/reactions',
      (req) => findComment(repoAccess(ctx, req, 'read').repo, req.params.id).reactions,
    ],
    [
      '/repos/:owner/:repo/issues/:number/reactions',
      (req) => findIssue(repoAccess(ctx, req, 'read').repo, req).reactions,
    ],
  ];
  for (const [path, list] of targets) {
    server.route('POST', path, (req) => {
      const { actor } = repoAccess(ctx, req, 'read');
      const reactions = list(req);
      const body = req.json<{ content?: unknown }>() ?? {};
      if (!REACTION_CONTENTS.includes(body.content as ReactionContent)) {
        throw validationFailed('Reaction', 'content', body.content === undefined ? 'missing_field' : 'invalid');
      }
      return add(ctx, reactions, actor, body.content as ReactionContent);
    });
    server.route('GET', path, (req) => {
      const content = req.query.get('content');
      const reactions = list(req).filter((r) => !content || r.content === content);
      const { page, headers } = paginate(req, reactions);
      return { status: 200, headers, body: page.map((r) => reactionJson(ctx.urls, r)) };
    });
  }
}

function add(ctx: GitHubContext, reactions: ReactionRecord[], actor: Actor, content: ReactionContent) {
  const existing = reactions.find((r) => r.user.id === actor.user.id && r.content === content);
  if (existing) return { status: 200, body: reactionJson(ctx.urls, existing) };
  const reaction: ReactionRecord = { id: ctx.state.id(), user: actor.user, content, createdAt: ctx.state.timestamp() };
  reactions.push(reaction);
  return { status: 201, body: reactionJson(ctx.urls, reaction) };
}

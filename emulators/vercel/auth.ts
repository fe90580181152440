import { bearerToken } from '../core/headers.js';
import type { EmulatorRequest } from '../core/server.js';
import { vercelError } from './errors.js';
import type { Scope } from './types.js';

/** Who the emulated account is: the personal account plus the teams its tokens may act for. */
export interface Account {
  userId: string;
  username: string;
  tokens: ReadonlySet<string>;
  /** Team id → slug. A token may act for any of these teams with `?teamId=`. */
  teams: ReadonlyMap<string, string>;
  /**
   * A team that requests without `teamId`/`slug` act for, as on Vercel for accounts whose user has a default team
   * and no personal scope; unset → such requests act for the personal account.
   */
  defaultTeamId?: string;
}

/**
 * Authenticates a request the way the Vercel API does: a missing or unknown bearer token is a 403 `forbidden`
 * (with `missingToken` / `invalidToken`), an unknown `teamId` is a 403 too. Returns the account acted for.
 */
export function authenticate(req: EmulatorRequest, account: Account): Scope {
  const token = bearerToken(req);
  if (!token) {
    throw vercelError(403, 'forbidden', 'The request is missing an authentication token', { missingToken: true });
  }
  if (!account.tokens.has(token)) {
    throw vercelError(403, 'forbidden', 'Not authorized', { invalidToken: true });
  }
  const teamId = req.query.get('teamId') ?? undefined;
  const slug = req.query.get('slug') ?? undefined;
  if (teamId) {
    const teamSlug = account.teams.get(teamId);
    if (!teamSlug) throw vercelError(403, 'forbidden', 'Not authorized', { scope: teamId });
    return { token, accountId: teamId, slug: teamSlug };
  }
  if (slug) {
    for (const [id, teamSlug] of account.teams) {
      if (teamSlug === slug) return { token, accountId: id, slug: teamSlug };
    }
    if (slug !== account.username) throw vercelError(403, 'forbidden', 'Not authorized', { scope: slug });
    return { token, accountId: account.userId, slug: account.username };
  }
  const defaultSlug = account.defaultTeamId ? account.teams.get(account.defaultTeamId) : undefined;
  if (account.defaultTeamId && defaultSlug) return { token, accountId: account.defaultTeamId, slug: defaultSlug };
  return { token, accountId: account.userId, slug: account.username };
}

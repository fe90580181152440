import type { EmulatorRequest, EmulatorResponse } from '../../core/server.js';
import type { Account } from '../auth.js';
import { vercelError } from '../errors.js';

/** When the emulated account and its teams were "created" (fixed, so responses are stable). */
const CREATED_AT = Date.UTC(2024, 0, 1);

function teamJson(account: Account, id: string, slug: string): Record<string, unknown> {
  return {
    id,
    slug,
    name: slug,
    avatar: null,
    description: null,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    creatorId: account.userId,
    stagingPrefix: slug,
    billing: { plan: 'pro' },
    membership: {
      role: 'OWNER',
      confirmed: true,
      created: CREATED_AT,
      createdAt: CREATED_AT,
      teamId: id,
      uid: account.userId,
    },
  };
}

/** `GET /v2/user`: the authenticated user (what `vercel whoami` and the CLI's scope lookup read). */
export function getUser(account: Account): EmulatorResponse {
  const [firstTeam] = account.teams.keys();
  return {
    status: 200,
    body: {
      user: {
        id: account.userId,
        email: `${account.username}@example.com`,
        name: account.username,
        username: account.username,
        avatar: null,
        defaultTeamId: account.defaultTeamId ?? firstTeam ?? null,
        createdAt: CREATED_AT,
        billing: null,
        softBlock: null,
        hasTrialAvailable: false,
        resourceConfig: {},
        stagingPrefix: account.username,
        version: 'northstar',
      },
    },
  };
}

/** `GET /teams/:teamId`, `/v1|v2/teams/:teamId`: one of the teams the token may act for (by id or slug). */
export function getTeam(req: EmulatorRequest, account: Account): EmulatorResponse {
  const ref = req.params.teamId ?? '';
  for (const [id, slug] of account.teams) {
    if (id === ref || slug === ref) return { status: 200, body: teamJson(account, id, slug) };
  }
  throw vercelError(404, 'not_found', 'Team not found');
}

/** `GET /v1/teams`, `GET /v2/teams`: every team the token may act for. */
export function listTeams(account: Account): EmulatorResponse {
  const teams = [...account.teams].map(([id, slug]) => teamJson(account, id, slug));
  return { status: 200, body: { teams, pagination: { count: teams.length, next: null, prev: null } } };
}

/**
 * Authorization for ChatOps commands: the commenter's repository role from the collaborator permission API
 * (`role_name`, so maintain and triage count as themselves) must reach the environment's `required-permission`.
 * Any API error refuses: the bot fails closed. Never `author_association`.
 */
import { PERMISSION_LEVELS } from '../config/schema.js';
import { errorMessage, errorStatus } from '../github/repo.js';
import { type Outcome, refused, succeeded } from '../release/outcome.js';
import type { ChatOpsDeps } from './deps.js';

export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export interface Authorization {
  login: string;
  environment: string;
  /** The role GitHub reported (`none` when the user has no access). */
  role: PermissionLevel | 'none' | undefined;
  required: PermissionLevel;
}

/** 0 for none, then read < triage < write < maintain < admin. */
export function permissionRank(level: string): number {
  return (PERMISSION_LEVELS as readonly string[]).indexOf(level) + 1;
}

/** The role from a permission response: `role_name` when it is a base role, else the strongest flag set. */
export function roleFrom(data: {
  role_name?: unknown;
  permission?: unknown;
  user?: { permissions?: Record<string, unknown> | null } | null;
}): PermissionLevel | 'none' {
  if (typeof data.role_name === 'string' && permissionRank(data.role_name) > 0) {
    return data.role_name as PermissionLevel;
  }
  // A custom role: its name says nothing; the permission flags say what it grants.
  const flags = data.user?.permissions ?? {};
  const byFlag: Array<[string, PermissionLevel]> = [
    ['admin', 'admin'],
    ['maintain', 'maintain'],
    ['push', 'write'],
    ['triage', 'triage'],
    ['pull', 'read'],
  ];
  for (const [flag, level] of byFlag) if (flags[flag] === true) return level;
  if (typeof data.permission === 'string' && permissionRank(data.permission) > 0) {
    return data.permission as PermissionLevel;
  }
  return 'none';
}

/** Checks that `login` may change `environment`; refuses with what role is needed when not. */
export async function authorize(
  deps: ChatOpsDeps,
  login: string,
  environment: string,
  action: string,
): Promise<Outcome<Authorization>> {
  const required = deps.config.environments[environment]?.['required-permission'] ?? 'write';
  let role: PermissionLevel | 'none';
  try {
    const { data } = await deps.octokit.rest.repos.getCollaboratorPermissionLevel({
      ...deps.repo,
      username: login,
    });
    role = roleFrom(data as Parameters<typeof roleFrom>[0]);
  } catch (error) {
    const status = errorStatus(error);
    deps.logger.warning(`Permission lookup for ${login} failed: ${errorMessage(error)}`);
    return refused(
      'permission-unknown',
      `I could not check @${login}'s permission on this repository (GitHub answered ${status ?? 'nothing'}: ${errorMessage(error)}), so I did not ${action}. Try again in a minute; if it keeps failing, check that the app may read collaborators.`,
      { login, environment, role: undefined, required },
    );
  }
  if (permissionRank(role) >= permissionRank(required)) {
    return succeeded(`@${login} (${role}) may ${action} in ${environment}.`, { login, environment, role, required });
  }
  return refused(
    'permission-denied',
    `@${login} has the \`${role}\` role here; to ${action} in \`${environment}\` you need \`${required}\` or higher. Ask someone with that role to run it, or to grant it to you.`,
    { login, environment, role, required },
  );
}

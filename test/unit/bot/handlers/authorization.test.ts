import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakLock, readLock } from '../../../../lib/github/locks.js';
import { type Harness, REPO, reactionsOn, repoRef, startHarness } from '../harness.js';

// production needs admin, staging maintain, preview the default (write): see CONFIG in the harness.
const REQUIRED = { production: 5, staging: 4, preview: 3 } as const;
const ROLES = ['none', 'read', 'triage', 'write', 'maintain', 'admin', 'api-error'] as const;
const RANK: Record<(typeof ROLES)[number], number> = {
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
  'api-error': -1,
};

describe('authorization: role × environment', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const role of ROLES) {
      if (role === 'none') h.gh.seedUser('user-none');
      else if (role === 'api-error') h.gh.setRole(REPO, 'user-api-error', 'admin');
      else h.gh.setRole(REPO, `user-${role}`, role);
    }
  });
  afterAll(() => h.stop());

  const cases = ROLES.flatMap((role) =>
    (Object.keys(REQUIRED) as Array<keyof typeof REQUIRED>).map((env) => [role, env] as const),
  );

  it.each(cases)('%s on %s', async (role, env) => {
    // Every attempt fails (Octokit retries a 5xx before giving up).
    const fault =
      role === 'api-error'
        ? h.gh.server.faults.add({
            method: 'GET',
            path: `/repos/acme/web/collaborators/user-${role}/permission`,
            status: 502,
          })
        : undefined;
    const { commentId, reply } = await h.comment(`/lock ${env} --reason "matrix"`, `user-${role}`);
    if (fault !== undefined) h.gh.server.faults.remove(fault);
    const lock = await readLock(h.admin, repoRef, env);
    const allowed = RANK[role] >= REQUIRED[env];
    if (allowed) {
      expect(reply).toContain(`is locked by @user-${role}`);
      expect(lock?.lock?.holder).toBe(`user-${role}`);
      expect(reactionsOn(h.gh, commentId)).toEqual(['eyes', 'rocket']);
      await breakLock(h.admin, repoRef, env);
    } else {
      expect(lock).toBeUndefined();
      expect(reactionsOn(h.gh, commentId)).toEqual(['eyes', 'confused']);
      if (role === 'api-error') {
        expect(reply).toContain('permission-unknown');
        expect(reply).toContain('GitHub answered 502');
      } else {
        expect(reply).toContain('permission-denied');
        expect(reply).toContain(`has the \`${role}\` role`);
        expect(reply).toContain(
          `you need \`${['read', 'triage', 'write', 'maintain', 'admin'][REQUIRED[env] - 1]}\` or higher`,
        );
      }
    }
  });

  it('applies the same check to /rollback, /deploy and /unlock, and none to /status and /help', async () => {
    for (const text of ['/rollback to staging', '/deploy v1.3.0 to staging', '/unlock staging']) {
      const { reply } = await h.comment(text, 'user-triage');
      expect(reply, text).toContain('permission-denied');
    }
    expect(h.gh.state.repo(REPO).dispatches).toHaveLength(0);
    for (const text of ['/status', '/help']) {
      const { commentId } = await h.comment(text, 'user-none');
      expect(reactionsOn(h.gh, commentId), text).toEqual(['eyes', 'rocket']);
    }
  });
});

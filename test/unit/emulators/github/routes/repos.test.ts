import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../../../emulators/github/index.js';
import { type Caller, startSeeded } from '../helpers.js';

describe('repository routes', () => {
  let gh: GitHubEmulator;
  let shas: string[];
  let call: Caller;

  beforeEach(async () => {
    ({ gh, shas, call } = await startSeeded());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('maps role_name to permission as GitHub does', async () => {
    const expected: Array<[string, string, string]> = [
      ['admin', 'admin', 'admin'],
      ['maintain', 'write', 'maintain'],
      ['write', 'write', 'write'],
      ['triage', 'read', 'triage'],
      ['read', 'read', 'read'],
    ];
    for (const [role, permission, roleName] of expected) {
      gh.setRole('acme/web', `u-${role}`, role as 'admin');
      const res = await call('GET', `/repos/acme/web/collaborators/u-${role}/permission`);
      expect(res.body).toMatchObject({ permission, role_name: roleName, user: { login: `u-${role}` } });
    }
    expect((await call('GET', '/repos/acme/web/collaborators/acme/permission')).body.role_name).toBe('admin');
    expect((await call('GET', '/repos/acme/web/collaborators/ghost/permission')).status).toBe(404);
  });

  it('a user with no role has none on a private repository', async () => {
    gh.seedRepo({ fullName: 'acme/secret', private: true });
    gh.seedUser('stranger');
    expect((await call('GET', '/repos/acme/secret/collaborators/stranger/permission')).body).toMatchObject({
      permission: 'none',
    });
  });

  it('compares base...head', async () => {
    const ahead = await call('GET', '/repos/acme/web/compare/v1.0.0...v1.1.0');
    expect(ahead.body).toMatchObject({ status: 'ahead', ahead_by: 2, behind_by: 0, total_commits: 2 });
    expect(ahead.body.commits.map((c: { sha: string }) => c.sha)).toEqual([shas[1], shas[2]]);
    expect(ahead.body.merge_base_commit.sha).toBe(shas[0]);
    expect((await call('GET', '/repos/acme/web/compare/v1.1.0...v1.0.0')).body).toMatchObject({
      status: 'behind',
      behind_by: 2,
    });
    expect((await call('GET', '/repos/acme/web/compare/main...v1.1.0')).body.status).toBe('identical');
    const side = gh.seedCommit('acme/web', { message: 'hotfix', branch: 'hotfix', parents: [shas[1]!] });
    const diverged = await call('GET', `/repos/acme/web/compare/main...${side}`);
    expect(diverged.body).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 1 });
    expect(diverged.body.files.map((f: { filename: string }) => f.filename)).toEqual(['README.md']);
    expect((await call('GET', '/repos/acme/web/compare/main...nope')).status).toBe(404);
  });

  it('gets a commit by branch, tag or sha', async () => {
    expect((await call('GET', '/repos/acme/web/commits/main')).body.sha).toBe(shas[2]);
    expect((await call('GET', '/repos/acme/web/commits/v1.0.0')).body.commit.message).toBe('one');
    expect((await call('GET', `/repos/acme/web/commits/${shas[1]!.slice(0, 7)}`)).body.sha).toBe(shas[1]);
    expect((await call('GET', '/repos/acme/web/commits/nope')).status).toBe(422);
  });

  it('records workflow dispatches with their inputs', async () => {
    const res = await call('POST', '/repos/acme/web/actions/workflows/rollback.yml/dispatches', {
      ref: 'main',
      inputs: { version: 'v1.0.0', environment: 'production' },
    });
    expect(res.status).toBe(204);
    expect(gh.state.dispatches('acme/web')).toMatchObject([
      { workflowId: 'rollback.yml', ref: 'main', sha: shas[2], inputs: { version: 'v1.0.0' } },
    ]);
    expect(
      (await call('POST', '/repos/acme/web/actions/workflows/deploy.yml/dispatches', { ref: 'nope' })).status,
    ).toBe(422);
    expect((await call('POST', '/repos/acme/web/actions/workflows/x.yml/dispatches', { ref: 'main' })).status).toBe(
      404,
    );
    const runs = await call('GET', '/repos/acme/web/actions/runs');
    expect(runs.body).toMatchObject({
      total_count: 1,
      workflow_runs: [{ event: 'workflow_dispatch', head_sha: shas[2] }],
    });
  });

  it('numbers workflow runs by dispatch order on every page', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await call('POST', '/repos/acme/web/actions/workflows/deploy.yml/dispatches', { ref: 'main' });
      expect(res.status).toBe(204);
    }
    const first = await call('GET', '/repos/acme/web/actions/runs?per_page=2&page=1');
    const second = await call('GET', '/repos/acme/web/actions/runs?per_page=2&page=2');
    expect(first.body.total_count).toBe(3);
    expect(first.body.workflow_runs.map((r: { run_number: number }) => r.run_number)).toEqual([3, 2]);
    expect(second.body.workflow_runs.map((r: { run_number: number }) => r.run_number)).toEqual([1]);
  });
});

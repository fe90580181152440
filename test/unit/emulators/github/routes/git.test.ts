import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../../../emulators/github/index.js';
import { type Caller, startSeeded } from '../helpers.js';

describe('git routes', () => {
  let gh: GitHubEmulator;
  let shas: string[];
  let call: Caller;
  const git = '/repos/acme/web/git';

  beforeEach(async () => {
    ({ gh, shas, call } = await startSeeded());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('creates a ref atomically: of many concurrent claims exactly one wins, the rest get 422', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () =>
        call('POST', `${git}/refs`, { ref: 'refs/shipline/locks/production', sha: shas[0] }),
      ),
    );
    expect(attempts.filter((a) => a.status === 201)).toHaveLength(1);
    const losers = attempts.filter((a) => a.status === 422);
    expect(losers).toHaveLength(11);
    expect(losers[0]!.body).toMatchObject({ message: 'Reference already exists', status: '422' });
  });

  it('validates ref names and objects', async () => {
    expect((await call('POST', `${git}/refs`, { ref: 'heads/x', sha: shas[0] })).status).toBe(422);
    expect((await call('POST', `${git}/refs`, { ref: 'refs/heads/x', sha: 'f'.repeat(40) })).body.message).toBe(
      'Object does not exist',
    );
  });

  it('gets one ref and lists matching refs', async () => {
    const main = await call('GET', `${git}/ref/heads/main`);
    expect(main.body).toMatchObject({ ref: 'refs/heads/main', object: { sha: shas[2], type: 'commit' } });
    expect((await call('GET', `${git}/ref/heads%2Fmain`)).body.ref).toBe('refs/heads/main');
    expect((await call('GET', `${git}/ref/heads/nope`)).status).toBe(404);
    const tags = await call('GET', `${git}/matching-refs/tags/v1`);
    expect(tags.body.map((r: { ref: string }) => r.ref)).toEqual(['refs/tags/v1.0.0', 'refs/tags/v1.1.0']);
    expect((await call('GET', `${git}/matching-refs/tags/v9`)).body).toEqual([]);
  });

  it('updates fast-forward only unless forced, and deletes', async () => {
    await call('POST', `${git}/refs`, { ref: 'refs/heads/release', sha: shas[2] });
    const back = await call('PATCH', `${git}/refs/heads/release`, { sha: shas[0] });
    expect(back.status).toBe(422);
    expect(back.body.message).toBe('Update is not a fast forward');
    expect((await call('PATCH', `${git}/refs/heads/release`, { sha: shas[0], force: true })).body.object.sha).toBe(
      shas[0],
    );
    expect((await call('PATCH', `${git}/refs/heads/release`, { sha: shas[1] })).status).toBe(200);
    expect((await call('DELETE', `${git}/refs/heads/release`)).status).toBe(204);
    expect((await call('DELETE', `${git}/refs/heads/release`)).status).toBe(422);
    expect((await call('PATCH', `${git}/refs/heads/release`, { sha: shas[1] })).status).toBe(422);
  });

  it('stores data in commit messages and compare-and-swaps a lock ref onto a new commit', async () => {
    const parent = (await call('GET', `${git}/commits/${shas[2]}`)).body;
    const commit = await call('POST', `${git}/commits`, {
      message: JSON.stringify({ holder: 'mia', reason: 'incident' }),
      tree: parent.tree.sha,
      parents: [shas[2]],
    });
    expect(commit.status).toBe(201);
    expect(JSON.parse(commit.body.message)).toEqual({ holder: 'mia', reason: 'incident' });
    expect(commit.body.parents[0].sha).toBe(shas[2]);
    await call('POST', `${git}/refs`, { ref: 'refs/shipline/locks/prod', sha: shas[2] });
    expect((await call('PATCH', `${git}/refs/shipline/locks/prod`, { sha: commit.body.sha })).status).toBe(200);
    expect((await call('GET', `${git}/commits/${commit.body.sha}`)).body.message).toContain('incident');
    expect(
      (await call('POST', `${git}/commits`, { message: 'x', tree: parent.tree.sha, parents: ['0'.repeat(40)] })).status,
    ).toBe(422);
  });

  it('creates annotated tags that refs can point to; tag refs resolve for deployments', async () => {
    const tag = await call('POST', `${git}/tags`, {
      tag: 'v2.0.0',
      message: 'Release',
      object: shas[1],
      type: 'commit',
    });
    expect(tag.status).toBe(201);
    expect(tag.body).toMatchObject({ tag: 'v2.0.0', message: 'Release\n', object: { sha: shas[1], type: 'commit' } });
    expect((await call('GET', `${git}/tags/${tag.body.sha}`)).body.sha).toBe(tag.body.sha);
    const ref = await call('POST', `${git}/refs`, { ref: 'refs/tags/v2.0.0', sha: tag.body.sha });
    expect(ref.body.object.type).toBe('tag');
    expect((await call('POST', '/repos/acme/web/deployments', { ref: 'v2.0.0' })).body.sha).toBe(shas[1]);
    expect((await call('GET', '/repos/acme/web/commits/v2.0.0')).body.sha).toBe(shas[1]);
  });
});

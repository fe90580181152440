import { execFileSync } from 'node:child_process';
import type { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../emulators/github/index.js';
import { ShiplineError } from '../../../lib/core/errors.js';
import { acquireLock, breakLock, readLock, releaseLock } from '../../../lib/github/locks.js';
import type { RepoRef } from '../../../lib/github/repo.js';
import { type LockContent, lockRefName } from '../../../lib/release/lock.js';
import { startLedgerRepo } from './helpers.js';

const T0 = Date.parse('2026-11-29T12:00:00Z');

function lockOf(holder: string, options: { environment?: string; at?: number; ttlMs?: number } = {}): LockContent {
  const at = options.at ?? T0;
  return {
    schema: 1,
    environment: options.environment ?? 'production',
    holder,
    purpose: 'deploy',
    reason: `deploy by ${holder}`,
    createdAt: new Date(at).toISOString(),
    expiresAt: new Date(at + (options.ttlMs ?? 3_600_000)).toISOString(),
    source: `https://github.com/acme/web/actions/runs/${holder.length}`,
  };
}

describe('environment locks on git refs', () => {
  let gh: GitHubEmulator;
  let octokit: Octokit;
  let repo: RepoRef;

  beforeEach(async () => {
    ({ gh, octokit, repo } = await startLedgerRepo());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('acquires, reports the holder to the next caller, and reads back what it wrote', async () => {
    const first = await acquireLock(octokit, repo, lockOf('mia'));
    expect(first).toMatchObject({ acquired: true, lock: { holder: 'mia' } });
    const refs = gh.state.repo('acme/web').refs;
    expect(refs.get('refs/shipline/locks/production')).toBe(first.acquired ? first.sha : '');
    const second = await acquireLock(octokit, repo, lockOf('ben', { at: T0 + 60_000 }));
    expect(second).toMatchObject({ acquired: false, stale: false, holder: lockOf('mia') });
    expect(await readLock(octokit, repo, 'production')).toEqual({
      lock: lockOf('mia'),
      sha: first.acquired ? first.sha : '',
    });
    expect(await readLock(octokit, repo, 'staging')).toBeUndefined();
    // another environment has its own lock
    expect((await acquireLock(octokit, repo, lockOf('ben', { environment: 'staging' }))).acquired).toBe(true);
  });

  it('says when the holder is stale (its expiry lies before the caller’s now)', async () => {
    await acquireLock(octokit, repo, lockOf('mia', { ttlMs: 60_000 }));
    const late = await acquireLock(octokit, repo, lockOf('ben', { at: T0 + 61_000 }));
    expect(late).toMatchObject({ acquired: false, stale: true, holder: { holder: 'mia' } });
    const early = await acquireLock(octokit, repo, lockOf('ben', { at: T0 + 59_000 }));
    expect(early).toMatchObject({ acquired: false, stale: false });
  });

  it('takes over a stale lock in one compare-and-swap only when asked, and never a live one', async () => {
    await acquireLock(octokit, repo, lockOf('mia', { ttlMs: 60_000 }));
    const live = await acquireLock(octokit, repo, lockOf('ben', { at: T0 + 30_000 }), { takeOverStale: true });
    expect(live).toMatchObject({ acquired: false, stale: false, holder: { holder: 'mia' } });
    const racers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        acquireLock(octokit, repo, lockOf(`late${i}`, { at: T0 + 120_000 }), { takeOverStale: true }),
      ),
    );
    const winners = racers.filter((r) => r.acquired);
    expect(winners).toHaveLength(1);
    expect((await readLock(octokit, repo, 'production'))?.lock?.holder).toBe(
      winners[0]?.acquired ? winners[0].lock.holder : '',
    );
  });

  it('releases by compare-and-swap: only the holder’s sha frees it, and it can be taken again', async () => {
    const first = await acquireLock(octokit, repo, lockOf('mia'));
    if (!first.acquired) throw new Error('expected to acquire');
    expect(await releaseLock(octokit, repo, 'production', first.sha)).toBe(true);
    expect(await readLock(octokit, repo, 'production')).toBeUndefined();
    expect(await releaseLock(octokit, repo, 'production', first.sha)).toBe(false);

    const second = await acquireLock(octokit, repo, lockOf('ben'));
    if (!second.acquired) throw new Error('expected to acquire again');
    // a late release by the first holder must not free the second holder's lock
    expect(await releaseLock(octokit, repo, 'production', first.sha)).toBe(false);
    expect((await readLock(octokit, repo, 'production'))?.lock?.holder).toBe('ben');
    expect(await releaseLock(octokit, repo, 'production', second.sha)).toBe(true);
  });

  it('retries a release GitHub refused with the ref unchanged ("Reference update failed")', async () => {
    const held = await acquireLock(octokit, repo, lockOf('mia'));
    if (!held.acquired) throw new Error('expected to acquire');
    gh.server.faults.add({
      method: 'PATCH',
      path: '/repos/acme/web/git/refs/*',
      status: 422,
      body: { message: 'Reference update failed', documentation_url: 'https://docs.github.com/rest', status: '422' },
      times: 2,
    });
    expect(await releaseLock(octokit, repo, 'production', held.sha)).toBe(true);
    expect(await readLock(octokit, repo, 'production')).toBeUndefined();
    const again = await acquireLock(octokit, repo, lockOf('ben'));
    if (!again.acquired) throw new Error('expected to acquire');
    gh.server.faults.add({ method: 'PATCH', path: '/repos/acme/web/git/refs/*', status: 422 });
    await expect(releaseLock(octokit, repo, 'production', again.sha)).rejects.toMatchObject({ code: 'api-error' });
    gh.server.faults.clear();
    expect((await readLock(octokit, repo, 'production'))?.lock?.holder).toBe('ben');
  });

  it('breakLock frees any holder; the broken holder’s release then reports false', async () => {
    await breakLock(octokit, repo, 'production'); // free: no-op
    const held = await acquireLock(octokit, repo, lockOf('mia'));
    if (!held.acquired) throw new Error('expected to acquire');
    await breakLock(octokit, repo, 'production');
    expect(await readLock(octokit, repo, 'production')).toBeUndefined();
    expect(await releaseLock(octokit, repo, 'production', held.sha)).toBe(false);
    const next = await acquireLock(octokit, repo, lockOf('ben'));
    expect(next.acquired).toBe(true);
  });

  it('an unreadable lock is reported as such, so callers fail closed', async () => {
    const tree = await octokit.rest.git.createTree({
      ...repo,
      tree: [{ path: 'x', mode: '100644', type: 'blob', content: 'x' }],
    });
    const commit = await octokit.rest.git.createCommit({ ...repo, message: 'not json {', tree: tree.data.sha });
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/shipline/locks/production', sha: commit.data.sha });
    const result = await acquireLock(octokit, repo, lockOf('mia'));
    expect(result).toEqual({ acquired: false, stale: false, sha: commit.data.sha });
    expect(await readLock(octokit, repo, 'production')).toEqual({ sha: commit.data.sha });
  });

  it('of 50 concurrent claims exactly one acquires, on a fresh ref and on a released one', async () => {
    for (const round of ['fresh', 'released']) {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => acquireLock(octokit, repo, lockOf(`user${i}`))),
      );
      const winners = results.filter((r) => r.acquired);
      expect(winners, round).toHaveLength(1);
      const winner = winners[0]!;
      if (!winner.acquired) throw new Error('unreachable');
      for (const r of results) if (!r.acquired) expect(r.holder?.holder).toBe(winner.lock.holder);
      expect((await readLock(octokit, repo, 'production'))?.lock?.holder).toBe(winner.lock.holder);
      expect(await releaseLock(octokit, repo, 'production', winner.sha)).toBe(true);
    }
  });

  it('an API error while taking or reading the lock throws, never "acquired" or "free"', async () => {
    gh.server.faults.add({ method: 'GET', path: '/repos/acme/web/git/matching-refs/*', status: 500, times: 2 });
    const error = await acquireLock(octokit, repo, lockOf('mia')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShiplineError);
    expect(error).toMatchObject({ code: 'api-error', status: 500 });
    await expect(readLock(octokit, repo, 'production')).rejects.toMatchObject({ code: 'api-error' });
    gh.server.faults.add({ method: 'PATCH', path: '/repos/acme/web/git/refs/*', status: 502, times: 1 });
    const held = await acquireLock(octokit, repo, lockOf('mia'));
    if (!held.acquired) throw new Error('expected to acquire');
    await expect(releaseLock(octokit, repo, 'production', held.sha)).rejects.toMatchObject({
      code: 'api-error',
      status: 502,
    });
    expect((await readLock(octokit, repo, 'production'))?.lock?.holder).toBe('mia');
  });

  it('names each environment’s ref one-to-one, and every name is a valid git ref', async () => {
    const names = ['production', 'prod.eu', 'a b', 'x~1', 'staging/eu', '..', 'dev.lock', 'ümlaut', 'a%2Fb'];
    const refs = names.map((n) => `refs/${lockRefName(n)}`);
    expect(new Set(refs).size).toBe(names.length);
    for (const ref of refs) execFileSync('git', ['check-ref-format', ref]);
    expect(lockRefName('production')).toBe('shipline/locks/production');
    const weird = await acquireLock(octokit, repo, lockOf('mia', { environment: 'prod.eu 1' }));
    expect(weird.acquired).toBe(true);
    expect((await readLock(octokit, repo, 'prod.eu 1'))?.lock?.holder).toBe('mia');
    expect(await readLock(octokit, repo, 'prod')).toBeUndefined();
  });
});

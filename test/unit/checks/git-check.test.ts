import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitCheck } from '../../../lib/checks/git-check.js';
import type { GitCheckOptions } from '../../../lib/checks/options.js';
import { checkContext } from './check-context.js';

let dir: string;
const gitEnv = {
  PATH: process.env.PATH,
  HOME: '/nonexistent',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: gitEnv, encoding: 'utf8' });
}

function commit(message: string): void {
  writeFileSync(join(dir, 'file.txt'), `${message}\n`);
  git('add', 'file.txt');
  git('commit', '-q', '-m', message);
}

const off: GitCheckOptions = { requireClean: false, allowedBranches: [], requireReleaseTag: false, tagPrefix: 'v' };
const ctx = (env: Record<string, string | undefined> = {}) => checkContext({ cwd: dir, env: { ...gitEnv, ...env } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-git-'));
  git('init', '-q', '-b', 'main');
  commit('first');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('gitCheck', () => {
  it('fails with a hint outside a git repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'shipline-nogit-'));
    try {
      const result = await gitCheck({ ...off, requireClean: true }).run(checkContext({ cwd: plain, env: gitEnv }));
      expect(result.status).toBe('fail');
      expect(result.message).toBe(`${plain} is not a git repository`);
      expect(result.details).toContain('git: fatal: not a git repository');
      expect(result.details).toContain('fetch-depth: 0');
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('skips when every rule is off', async () => {
    expect((await gitCheck(off).run(ctx())).status).toBe('skip');
  });

  it('passes on a clean tree and fails listing modified and untracked files', async () => {
    const check = gitCheck({ ...off, requireClean: true });
    expect(await check.run(ctx())).toEqual({ status: 'pass', message: 'working tree clean' });
    writeFileSync(join(dir, 'file.txt'), 'changed\n');
    writeFileSync(join(dir, 'new.txt'), 'new\n');
    const result = await check.run(ctx());
    expect(result.status).toBe('fail');
    expect(result.message).toBe('working tree has 2 uncommitted changes');
    expect(result.details).toContain(' M file.txt');
    expect(result.details).toContain('?? new.txt');
  });

  it('checks the branch against exact names and globs', async () => {
    expect((await gitCheck({ ...off, allowedBranches: ['main'] }).run(ctx())).status).toBe('pass');
    git('checkout', '-q', '-b', 'release/1.4');
    expect((await gitCheck({ ...off, allowedBranches: ['main', 'release/*'] }).run(ctx())).message).toBe(
      'branch release/1.4 allowed',
    );
    git('checkout', '-q', '-b', 'release/2.0/hotfix');
    expect((await gitCheck({ ...off, allowedBranches: ['release/*'] }).run(ctx())).status).toBe('fail');
    expect((await gitCheck({ ...off, allowedBranches: ['release/**'] }).run(ctx())).status).toBe('pass');
    git('checkout', '-q', '-b', 'feature/x');
    const result = await gitCheck({ ...off, allowedBranches: ['main', 'release/*'] }).run(ctx());
    expect(result).toEqual({ status: 'fail', message: 'branch feature/x is not one of main, release/*' });
  });

  it('uses GITHUB_HEAD_REF / GITHUB_REF_NAME when HEAD is detached', async () => {
    git('checkout', '-q', '--detach');
    const check = gitCheck({ ...off, allowedBranches: ['main'] });
    expect((await check.run(ctx({ GITHUB_REF_NAME: 'main' }))).status).toBe('pass');
    const pr = await check.run(ctx({ GITHUB_REF_NAME: '12/merge', GITHUB_HEAD_REF: 'feature/y' }));
    expect(pr.message).toBe('branch feature/y (from GITHUB_HEAD_REF, HEAD is detached) is not one of main');
    expect((await check.run(ctx())).message).toContain('HEAD is detached and neither');
  });

  it('requires a release tag on HEAD newer than every other release tag', async () => {
    const check = gitCheck({ ...off, requireReleaseTag: true });
    expect((await check.run(ctx())).message).toContain('HEAD carries no release tag (vX.Y.Z)');

    git('tag', 'v1.9.0');
    commit('second');
    git('tag', 'v1.10.0');
    git('tag', 'not-a-release');
    expect(await check.run(ctx())).toEqual({ status: 'pass', message: 'HEAD is release v1.10.0' });

    commit('third');
    git('tag', 'v1.10.0-rc.1'); // a prerelease of an already released version is older
    const result = await check.run(ctx());
    expect(result).toEqual({ status: 'fail', message: 'release tag v1.10.0-rc.1 on HEAD is not newer than v1.10.0' });

    git('tag', 'v2.0.0-beta.2');
    expect((await check.run(ctx())).message).toBe('HEAD is release v2.0.0-beta.2');
  });

  it('honours a custom tag prefix and combines failures', async () => {
    git('tag', 'app-1.0.0');
    writeFileSync(join(dir, 'dirty.txt'), 'x');
    const check = gitCheck({
      requireClean: true,
      allowedBranches: ['release/*'],
      requireReleaseTag: true,
      tagPrefix: 'app-',
    });
    const result = await check.run(ctx());
    expect(result.status).toBe('fail');
    expect(result.message).toBe('working tree has 1 uncommitted change; branch main is not one of release/*');
  });

  it('fails when an older version is tagged on a later commit', async () => {
    git('tag', 'v2.0.0');
    commit('later');
    git('tag', 'v1.5.0');
    const result = await gitCheck({ ...off, requireReleaseTag: true }).run(ctx());
    expect(result.message).toBe('release tag v1.5.0 on HEAD is not newer than v2.0.0');
  });
});

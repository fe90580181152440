import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { versionTagOf } from '../../../lib/release/tag-of-commit.js';

const dir = mkdtempSync(join(tmpdir(), 'shipline-tag-of-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();

describe('versionTagOf', () => {
  it('returns the highest version tag at the commit, ignoring other tags', async () => {
    git('init', '--quiet');
    writeFileSync(join(dir, 'a'), '1');
    git('add', 'a');
    git('commit', '--quiet', '-m', 'one');
    const first = git('rev-parse', 'HEAD');
    git('tag', 'v1.0.0');
    git('tag', 'v1.10.0');
    git('tag', 'v1.9.0');
    git('tag', 'latest');
    writeFileSync(join(dir, 'a'), '2');
    git('commit', '--quiet', '-am', 'two');
    const second = git('rev-parse', 'HEAD');
    expect(await versionTagOf(first, dir)).toBe('v1.10.0');
    expect(await versionTagOf(second, dir)).toBeUndefined();
    expect(await versionTagOf(first, join(dir, 'missing'))).toBeUndefined();
  });
});

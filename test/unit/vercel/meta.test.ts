import { describe, expect, it } from 'vitest';
import { ShiplineError } from '../../../lib/core/errors.js';
import { deploymentMeta, gitMetadata, META, releaseFor } from '../../../lib/vercel/meta.js';

const SHA = 'abcdef0123456789abcdef0123456789abcdef01';
const git = {
  sha: SHA,
  ref: 'refs/heads/main',
  actor: 'mia',
  repository: 'acme/shop',
  serverUrl: 'https://ghe.example.com/',
  runUrl: 'https://ghe.example.com/acme/shop/actions/runs/7',
};

describe('deployment meta', () => {
  it('records version, commit, ref, run URL, actor and target (strings only, as Vercel requires)', () => {
    const meta = deploymentMeta({ version: 'v1.2.3', sha: SHA }, git, 'production', 'attempt1');
    expect(meta).toMatchObject({
      [META.version]: 'v1.2.3',
      [META.sha]: SHA,
      [META.ref]: 'refs/heads/main',
      [META.runUrl]: git.runUrl,
      [META.actor]: 'mia',
      [META.target]: 'production',
      [META.attempt]: 'attempt1',
      githubCommitSha: SHA,
      githubCommitRef: 'main',
      githubCommitOrg: 'acme',
      githubCommitRepo: 'shop',
    });
    expect(Object.values(meta).every((v) => typeof v === 'string')).toBe(true);
  });

  it('fills gitMetadata from the context, with a GHES remote and the PR head branch', () => {
    expect(gitMetadata({ ...git, headRef: 'feature/x', commitMessage: 'Fix it' })).toEqual({
      commitSha: SHA,
      commitRef: 'feature/x',
      commitMessage: 'Fix it',
      remoteUrl: 'https://ghe.example.com/acme/shop',
      dirty: false,
    });
  });

  it('takes the version from an explicit input, else a vX.Y.Z tag ref, else sha-<short>', () => {
    expect(releaseFor(SHA, 'refs/heads/main')).toEqual({ version: 'sha-abcdef0', sha: SHA });
    expect(releaseFor(SHA, 'refs/tags/v2.0.0')).toEqual({ version: 'v2.0.0', sha: SHA });
    expect(releaseFor(SHA, 'refs/tags/nightly')).toEqual({ version: 'sha-abcdef0', sha: SHA });
    expect(releaseFor(SHA, 'refs/heads/main', 'v3.1.0')).toEqual({ version: 'v3.1.0', sha: SHA });
    expect(() => releaseFor(SHA, 'refs/heads/main', 'latest')).toThrow(ShiplineError);
    expect(() => releaseFor('main', 'refs/heads/main')).toThrow(/full 40-character/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  isReleaseVersion,
  isVersionTag,
  makeRelease,
  shaVersion,
} from '../../../lib/release/release.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('release', () => {
  it('uses the tag as the version and strips refs/tags/', () => {
    expect(makeRelease(SHA, 'refs/tags/v1.2.3')).toEqual({ version: 'v1.2.3', sha: SHA });
    expect(makeRelease(SHA.toUpperCase(), 'v1.0.0-rc.1')).toEqual({ version: 'v1.0.0-rc.1', sha: SHA });
  });

  it('names an untagged commit sha-<short>', () => {
    expect(makeRelease(SHA)).toEqual({ version: 'sha-0123456', sha: SHA });
    expect(shaVersion(SHA)).toBe('sha-0123456');
    expect(isReleaseVersion('sha-0123456')).toBe(true);
  });

  it('refuses short SHAs and tags that are not versions, with a hint', () => {
    expect(() => makeRelease('0123456')).toThrow(/full 40-character/);
    expect(() => makeRelease(SHA, 'latest')).toThrow(/not a release version/);
    expect(isVersionTag('1.2.3')).toBe(false);
    expect(isVersionTag('v01.2.3')).toBe(false);
  });

  it('orders versions by semver precedence', () => {
    const sorted = ['v1.10.0', 'v1.2.0', 'v1.2.0-rc.1', 'v1.2.0-beta.11', 'v1.2.0-beta.2', 'v0.9.9'].sort(
      compareVersions,
    );
    expect(sorted).toEqual(['v0.9.9', 'v1.2.0-beta.2', 'v1.2.0-beta.11', 'v1.2.0-rc.1', 'v1.2.0', 'v1.10.0']);
    expect(compareVersions('v1.0.0', 'v1.0.0')).toBe(0);
  });
});

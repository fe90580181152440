import { describe, expect, it } from 'vitest';
import { matchesGlob } from '../../../lib/checks/glob-match.js';

describe('matchesGlob', () => {
  it('matches exact names and simple globs', () => {
    expect(matchesGlob('main', 'main')).toBe(true);
    expect(matchesGlob('mainline', 'main')).toBe(false);
    expect(matchesGlob('release/1.2', 'release/*')).toBe(true);
    expect(matchesGlob('release/1.2/hotfix', 'release/*')).toBe(false);
    expect(matchesGlob('release/1.2/hotfix', 'release/**')).toBe(true);
    expect(matchesGlob('v1', 'v?')).toBe(true);
  });

  it('treats regex metacharacters literally', () => {
    expect(matchesGlob('release.x', 'release.x')).toBe(true);
    expect(matchesGlob('releaseXx', 'release.x')).toBe(false);
    expect(matchesGlob('a+(b)', 'a+(b)')).toBe(true);
  });
});

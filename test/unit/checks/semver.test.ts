import { describe, expect, it } from 'vitest';
import { compareSemver, parseReleaseTag, parseSemver } from '../../../lib/checks/semver.js';

const v = (s: string) => {
  const parsed = parseSemver(s);
  if (!parsed) throw new Error(`bad version ${s}`);
  return parsed;
};

describe('semver', () => {
  it('parses versions with prerelease and build metadata', () => {
    expect(parseSemver('1.2.3-rc.1+build.7')).toEqual({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: ['rc', 1],
      build: ['build', '7'],
    });
    for (const bad of ['1.2', 'v1.2.3', '01.2.3', '1.2.3-', '1.2.3-01', '1.2.3.4', '']) {
      expect(parseSemver(bad), bad).toBeUndefined();
    }
  });

  it('parses release tags only with the prefix', () => {
    expect(parseReleaseTag('v2.0.0', 'v')?.major).toBe(2);
    expect(parseReleaseTag('2.0.0', 'v')).toBeUndefined();
    expect(parseReleaseTag('release-2.0.0', 'release-')?.major).toBe(2);
  });

  it('orders versions by semver precedence, prereleases included', () => {
    const ordered = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 0; i < ordered.length - 1; i++) {
      const a = ordered[i]!;
      const b = ordered[i + 1]!;
      expect(compareSemver(v(a), v(b)), `${a} < ${b}`).toBeLessThan(0);
      expect(compareSemver(v(b), v(a)), `${b} > ${a}`).toBeGreaterThan(0);
    }
    expect(compareSemver(v('1.0.0+a'), v('1.0.0+b'))).toBe(0);
  });
});

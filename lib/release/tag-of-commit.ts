/**
 * The release tag of a commit in a local clone: the highest `vX.Y.Z` tag pointing at it. A push to main of a tagged
 * commit is then released as that version rather than as `sha-<short>` (DESIGN: the tag at the commit).
 */
import { execFile } from 'node:child_process';
import { compareVersions, isVersionTag } from './release.js';

/** The highest version tag at `sha` in the clone at `cwd`; undefined when none, or when git or the clone is missing. */
export function versionTagOf(sha: string, cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['tag', '--points-at', sha], { cwd, timeout: 10_000 }, (error, stdout) => {
      if (error) {
        resolve(undefined);
        return;
      }
      const tags = stdout
        .split('\n')
        .map((t) => t.trim())
        .filter(isVersionTag)
        .sort(compareVersions);
      resolve(tags.at(-1));
    });
  });
}

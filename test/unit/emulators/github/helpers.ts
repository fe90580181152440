import { type GitHubEmulator, startGitHubEmulator } from '../../../../emulators/github/index.js';
import { type JsonCaller, jsonClient } from '../../../support/http.js';

/**
 * A started emulator with `acme/web` (3 commits on main, tags v1.0.0 → first, v1.1.0 → last, workflows deploy.yml
 * and rollback.yml) and token `t-acme`.
 */
export async function startSeeded(): Promise<{ gh: GitHubEmulator; shas: string[]; call: Caller }> {
  const gh = await startGitHubEmulator();
  const { shas } = gh.seedRepo({
    fullName: 'acme/web',
    commits: ['one', 'two', 'three'],
    tags: { 'v1.0.0': 0, 'v1.1.0': 2 },
    workflows: ['deploy.yml', 'rollback.yml'],
  });
  gh.seedToken('t-acme', 'acme');
  return { gh, shas, call: caller(gh.url, 't-acme') };
}

export type Caller = JsonCaller;

/** A JSON client for the emulator with `Authorization: token …` (token `null` = unauthenticated). */
export function caller(base: string, defaultToken: string): Caller {
  return jsonClient(base, defaultToken, { scheme: 'token', headers: { accept: 'application/vnd.github+json' } });
}

/**
 * The rehearsal's copy of the example app as a git repository: one commit and tag per release (v1.0.0, v1.1.0,
 * v1.2.0), kept in the local cloud's folder so a second `npm start` reuses it. Git runs without the user's config.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ShiplineError } from '../core/errors.js';
import { type RehearsalRelease, writeReleaseSources } from './releases.js';

const execFileAsync = promisify(execFile);

export interface WorkRepo {
  dir: string;
  /** Release version → commit sha in the work repository. */
  shas: Record<string, string>;
  /** True when an earlier run's repository was reused. */
  reused: boolean;
}

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Shop Developer',
  GIT_AUTHOR_EMAIL: 'dev@shop.example',
  GIT_COMMITTER_NAME: 'Shop Developer',
  GIT_COMMITTER_EMAIL: 'dev@shop.example',
  GIT_AUTHOR_DATE: '2026-01-01T12:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T12:00:00Z',
};

/** Runs git in `dir`; throws a ShiplineError naming the command on failure. */
export async function git(dir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', args, {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...GIT_ENV },
    });
    return stdout.trim();
  } catch (error) {
    throw new ShiplineError('rehearsal-git', `git ${args.join(' ')} failed in ${dir}: ${(error as Error).message}`, {
      hint: 'Run `npm start -- --reset` to rebuild the rehearsal repository.',
    });
  }
}

async function tagShas(
  dir: string,
  releases: readonly RehearsalRelease[],
): Promise<Record<string, string> | undefined> {
  if (!existsSync(join(dir, '.git'))) return undefined;
  const shas: Record<string, string> = {};
  for (const release of releases) {
    try {
      shas[release.version] = await git(dir, ['rev-parse', `refs/tags/${release.version}^{commit}`]);
    } catch {
      return undefined;
    }
  }
  return shas;
}

/**
 * Makes `dir` a git repository of `app` (its `.vercel` build output left out) with one commit and tag per release;
 * reuses it when every tag is already there.
 */
export async function prepareWorkRepo(
  app: string,
  dir: string,
  releases: readonly RehearsalRelease[],
): Promise<WorkRepo> {
  const existing = await tagShas(dir, releases);
  if (existing) return { dir, shas: existing, reused: true };
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(app, dir, { recursive: true, filter: (source) => !source.split(/[\\/]/).includes('.vercel') });
  await writeFile(join(dir, '.gitignore'), '.vercel/\nnode_modules/\n');
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  const shas: Record<string, string> = {};
  for (const release of releases) {
    await writeReleaseSources(dir, release);
    await git(dir, ['add', '--all']);
    await git(dir, ['commit', '--quiet', '--message', `${release.message} (${release.version})`]);
    await git(dir, ['tag', release.version]);
    shas[release.version] = await git(dir, ['rev-parse', 'HEAD']);
  }
  return { dir, shas, reused: false };
}

/** Checks out a release's tag (detached), dropping tracked changes and untracked non-ignored files. */
export async function checkoutRelease(dir: string, version: string): Promise<void> {
  await git(dir, ['checkout', '--quiet', '--force', '--detach', `refs/tags/${version}`]);
  await git(dir, ['clean', '--quiet', '-d', '--force']);
}

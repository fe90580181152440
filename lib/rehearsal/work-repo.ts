/**
 * The rehearsal's copy of the example app as a git repository: one commit and tag per release (v1.0.0, v1.1.0,
 * v1.2.0), kept in the local cloud's folder so a second `npm start` reuses it. Git runs without the user's config.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { ShiplineError } from '../core/errors.js';
import { type RehearsalRelease, writeReleaseSources } from './releases.js';

const execFileAsync = promisify(execFile);

/** Where the rehearsal's production is served: the Vercel project `shop`'s own domain on the local cloud. */
export const LOCAL_PRODUCTION_URL = 'https://shop.vercel.app';

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

/** Runs git in `dir` (found on `path`, the caller's PATH); throws a ShiplineError naming the command on failure. */
export async function git(dir: string, args: string[], path: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', args, {
      cwd: dir,
      env: { PATH: path, HOME: dir, ...GIT_ENV },
    });
    return stdout.trim();
  } catch (error) {
    throw new ShiplineError('rehearsal-git', `git ${args.join(' ')} failed in ${dir}: ${(error as Error).message}`, {
      hint: 'Run `npm start -- --reset` to rebuild the rehearsal repository.',
    });
  }
}

/** A digest of the app folder (without `.vercel`) and of the releases: a change rebuilds the repository. */
export async function sourceDigest(app: string, releases: readonly RehearsalRelease[]): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(releases)).update(LOCAL_PRODUCTION_URL);
  const files = (await readdir(app, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !relative(app, f).split(sep).includes('.vercel'))
    .sort();
  for (const file of files)
    hash
      .update(relative(app, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  return hash.digest('hex');
}

const DIGEST_FILE = join('.git', 'shipline-rehearsal-source');

async function tagShas(
  dir: string,
  releases: readonly RehearsalRelease[],
  digest: string,
  path: string,
): Promise<Record<string, string> | undefined> {
  if (!existsSync(join(dir, '.git'))) return undefined;
  const recorded = await readFile(join(dir, DIGEST_FILE), 'utf8').catch(() => '');
  if (recorded.trim() !== digest) return undefined;
  const shas: Record<string, string> = {};
  for (const release of releases) {
    try {
      shas[release.version] = await git(dir, ['rev-parse', `refs/tags/${release.version}^{commit}`], path);
    } catch {
      return undefined;
    }
  }
  return shas;
}

/**
 * Makes `dir` a git repository of `app` (its `.vercel` build output left out) with one commit and tag per release;
 * reuses it when every tag is there and the app and releases are unchanged (else it is rebuilt).
 */
export async function prepareWorkRepo(
  app: string,
  dir: string,
  releases: readonly RehearsalRelease[],
  path: string,
): Promise<WorkRepo> {
  const digest = await sourceDigest(app, releases);
  const existing = await tagShas(dir, releases, digest, path);
  if (existing) return { dir, shas: existing, reused: true };
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(app, dir, { recursive: true, filter: (source) => !source.split(/[\\/]/).includes('.vercel') });
  await writeFile(join(dir, '.gitignore'), '.vercel/\nnode_modules/\n');
  // The local cloud has no custom domains: production is served on the project's own vercel.app domain.
  const configFile = join(dir, '.github', 'shipline.yml');
  const config = await readFile(configFile, 'utf8');
  await writeFile(
    configFile,
    config.replace(/^(\s+url:\s*)https:\/\/shop\.example\.com\s*$/m, `$1${LOCAL_PRODUCTION_URL}`),
  );
  await git(dir, ['init', '--quiet', '--initial-branch=main'], path);
  const shas: Record<string, string> = {};
  for (const release of releases) {
    await writeReleaseSources(dir, release);
    await git(dir, ['add', '--all'], path);
    await git(dir, ['commit', '--quiet', '--message', `${release.message} (${release.version})`], path);
    await git(dir, ['tag', release.version], path);
    shas[release.version] = await git(dir, ['rev-parse', 'HEAD'], path);
  }
  await writeFile(join(dir, DIGEST_FILE), `${digest}\n`);
  return { dir, shas, reused: false };
}

/** Checks out a release's tag (detached), dropping tracked changes and untracked non-ignored files. */
export async function checkoutRelease(dir: string, version: string, path: string): Promise<void> {
  await git(dir, ['checkout', '--quiet', '--force', '--detach', `refs/tags/${version}`], path);
  await git(dir, ['clean', '--quiet', '-d', '--force'], path);
}

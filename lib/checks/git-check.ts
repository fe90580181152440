import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import picomatch from 'picomatch';
import { ShiplineError } from '../core/errors.js';
import type { GitCheckOptions } from './options.js';
import { compareSemver, parseReleaseTag, type SemVer } from './semver.js';
import type { Check, CheckContext } from './types.js';

interface GitOutput {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Set when git itself could not be started. */
  spawnError?: NodeJS.ErrnoException;
}

function git(ctx: CheckContext, args: string[]): Promise<GitOutput> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      {
        cwd: ctx.cwd,
        env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
        maxBuffer: 32 * 1024 * 1024,
        shell: false,
      },
      (error, stdout, stderr) => {
        const spawnError =
          error && typeof (error as NodeJS.ErrnoException).code === 'string'
            ? (error as NodeJS.ErrnoException)
            : undefined;
        resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr), spawnError });
      },
    );
  });
}

const MAX_LISTED = 20;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Checks the repository at `ctx.cwd` with git (argv, no shell): a clean working tree, HEAD on an allowed branch
 * (exact or glob; a detached HEAD uses GITHUB_HEAD_REF / GITHUB_REF_NAME from `ctx.env`), and a release tag
 * (`<prefix><semver>`) on HEAD that is strictly newer than every other release tag. Each rule can be off.
 */
export function gitCheck(options: GitCheckOptions): Check {
  const prefix = options.tagPrefix || 'v';
  return {
    id: 'git',
    title: 'Git state',
    async run(ctx) {
      if (!(await isDirectory(ctx.cwd))) return { status: 'fail', message: `${ctx.cwd} does not exist` };
      const probe = await git(ctx, ['rev-parse', '--is-inside-work-tree']);
      if (probe.spawnError?.code === 'ENOENT') {
        return { status: 'fail', message: 'git is not installed (command not found: git)' };
      }
      if (!probe.ok || probe.stdout.trim() !== 'true') {
        const said = probe.stderr.trim().split('\n')[0];
        return {
          status: 'fail',
          message: `${ctx.cwd} is not a git repository`,
          details: [
            said ? `git: ${said}` : '',
            'Hint: check out the repository first (actions/checkout with fetch-depth: 0 so tags are present).',
          ]
            .filter(Boolean)
            .join('\n'),
        };
      }

      const failures: string[] = [];
      const passes: string[] = [];
      const details: string[] = [];

      if (options.requireClean) {
        const status = await git(ctx, ['status', '--porcelain', '--untracked-files=normal']);
        if (!status.ok) {
          throw new ShiplineError('git_failed', `git status failed: ${status.stderr.trim()}`, {
            hint: 'Run the check inside a git checkout (actions/checkout) with a readable .git folder.',
          });
        }
        const changed = status.stdout.split('\n').filter((l) => l.trim() !== '');
        if (changed.length === 0) passes.push('working tree clean');
        else {
          failures.push(`working tree has ${changed.length} uncommitted change${changed.length === 1 ? '' : 's'}`);
          details.push('Uncommitted changes:', ...changed.slice(0, MAX_LISTED).map((l) => `  ${l}`));
          if (changed.length > MAX_LISTED) details.push(`  … and ${changed.length - MAX_LISTED} more`);
        }
      }

      if (options.allowedBranches.length > 0) {
        const ref = await git(ctx, ['symbolic-ref', '--short', '-q', 'HEAD']);
        let branch = ref.ok ? ref.stdout.trim() : '';
        let source = 'HEAD';
        if (!branch) {
          branch = ctx.env.GITHUB_HEAD_REF || ctx.env.GITHUB_REF_NAME || '';
          source = ctx.env.GITHUB_HEAD_REF ? 'GITHUB_HEAD_REF' : 'GITHUB_REF_NAME';
        }
        if (!branch) {
          failures.push('HEAD is detached and neither GITHUB_HEAD_REF nor GITHUB_REF_NAME names a branch');
        } else if (options.allowedBranches.some((p) => picomatch.isMatch(branch, p))) {
          passes.push(`branch ${branch} allowed`);
        } else {
          const from = source === 'HEAD' ? '' : ` (from ${source}, HEAD is detached)`;
          failures.push(`branch ${branch}${from} is not one of ${options.allowedBranches.join(', ')}`);
        }
      }

      if (options.requireReleaseTag) {
        const outcome = await checkReleaseTag(ctx, prefix);
        if (outcome.ok) passes.push(outcome.message);
        else failures.push(outcome.message);
      }

      const redact = (s: string) => ctx.redactor.redact(s);
      if (failures.length > 0) {
        return {
          status: 'fail',
          message: redact(failures.join('; ')),
          details: details.length > 0 ? redact(details.join('\n')) : undefined,
        };
      }
      if (passes.length === 0) return { status: 'skip', message: 'no git rule enabled' };
      return { status: 'pass', message: redact(passes.join('; ')) };
    },
  };
}

async function checkReleaseTag(ctx: CheckContext, prefix: string): Promise<{ ok: boolean; message: string }> {
  const atHead = await git(ctx, ['tag', '--points-at', 'HEAD']);
  if (!atHead.ok) return { ok: false, message: `could not list tags on HEAD: ${atHead.stderr.trim()}` };
  const parse = (out: string) =>
    out
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((tag) => ({ tag, version: parseReleaseTag(tag, prefix) }))
      .filter((t): t is { tag: string; version: SemVer } => t.version !== undefined);
  const headTags = parse(atHead.stdout).sort((a, b) => compareSemver(b.version, a.version));
  const head = headTags[0];
  if (!head) {
    return {
      ok: false,
      message: `HEAD carries no release tag (${prefix}X.Y.Z); tag the release commit, and fetch tags (fetch-depth: 0) in CI`,
    };
  }
  const all = await git(ctx, ['tag', '--list', `${prefix}*`]);
  if (!all.ok) return { ok: false, message: `could not list tags: ${all.stderr.trim()}` };
  const headNames = new Set(headTags.map((t) => t.tag));
  const others = parse(all.stdout).filter((t) => !headNames.has(t.tag));
  const notOlder = others
    .filter((t) => compareSemver(t.version, head.version) >= 0)
    .sort((a, b) => compareSemver(b.version, a.version));
  if (notOlder.length > 0) {
    const names = notOlder.slice(0, 5).map((t) => t.tag);
    return {
      ok: false,
      message: `release tag ${head.tag} on HEAD is not newer than ${names.join(', ')}${notOlder.length > 5 ? ', …' : ''}`,
    };
  }
  return { ok: true, message: `HEAD is release ${head.tag}` };
}

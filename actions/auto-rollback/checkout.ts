/**
 * Extracts the edge functions of a commit for a rollback: `git archive <sha> <functions-dir> [config.toml]` piped
 * into `tar -x` in a temp folder — both run with execFile-style argument lists, never through a shell. Shared by the
 * auto-rollback action and `shipline rollback`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { ShiplineError } from '../../lib/core/errors.js';

function exitOf(child: ReturnType<typeof spawn>, what: string, stderr: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.on('error', (error) =>
      reject(new ShiplineError('git-archive-failed', `${what} could not start: ${error.message}`)),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new ShiplineError('git-archive-failed', `${what} exited ${code}: ${stderr().trim().slice(0, 500)}`, {
              hint: 'Fetch the full history (actions/checkout with fetch-depth: 0) so the target commit is in the clone.',
            }),
          ),
    );
  });
}

/** True when `path` exists in commit `sha` of the repository at `cwd`. */
async function existsAt(cwd: string, sha: string, path: string): Promise<boolean> {
  const child = spawn('git', ['cat-file', '-e', `${sha}:${path}`], { cwd, stdio: 'ignore' });
  return new Promise((resolve) => {
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/**
 * A `checkout(sha)` for rollback(): the functions folder (relative to `cwd`, the repository root) and the
 * config.toml next to it, as they were at `sha`, in a fresh temp folder.
 */
export function gitArchiveCheckout(cwd: string, functionsDir: string) {
  return async (sha: string): Promise<{ root: string; cleanup(): Promise<void> }> => {
    if (!/^[0-9a-f]{40}$/.test(sha)) {
      throw new ShiplineError('invalid-input', `"${sha}" is not a full commit SHA.`);
    }
    const dir = posix.normalize(functionsDir.replace(/\\/g, '/')).replace(/\/$/, '');
    const toml = posix.join(posix.dirname(dir), 'config.toml');
    const root = await mkdtemp(join(tmpdir(), 'shipline-rollback-src-'));
    try {
      const paths = [dir];
      if (!(await existsAt(cwd, sha, dir))) {
        throw new ShiplineError('git-archive-failed', `Commit ${sha.slice(0, 7)} has no ${dir} folder.`, {
          hint: 'Check supabase.functions-dir in .github/shipline.yml, and fetch the full history.',
        });
      }
      if (await existsAt(cwd, sha, toml)) paths.push(toml);
      let gitErr = '';
      let tarErr = '';
      const git = spawn('git', ['archive', '--format=tar', sha, '--', ...paths], {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const tar = spawn('tar', ['-x', '-f', '-', '-C', root], { stdio: ['pipe', 'ignore', 'pipe'] });
      git.stderr?.on('data', (d) => {
        gitErr += d;
      });
      tar.stderr?.on('data', (d) => {
        tarErr += d;
      });
      git.stdout?.pipe(tar.stdin as NodeJS.WritableStream);
      await Promise.all([exitOf(git, 'git archive', () => gitErr), exitOf(tar, 'tar -x', () => tarErr)]);
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      throw error;
    }
    return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
  };
}

import { posix } from 'node:path';
import type { DeploymentFile } from '../types.js';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** True when a file mode has the symlink type bits (how `@vercel/client` uploads symlinks). */
export function isSymlinkMode(mode: number): boolean {
  return (mode & S_IFMT) === S_IFLNK;
}

/** A deployment's file tree as uploaded: paths → sha, where symlink entries hold their target as content. */
export class DeploymentTree {
  private readonly entries = new Map<string, DeploymentFile>();

  constructor(
    files: DeploymentFile[],
    private readonly read: (sha: string) => Buffer | undefined,
  ) {
    for (const f of files) this.entries.set(posix.normalize(f.file).replace(/^\/+/, ''), f);
  }

  /** Every path in the tree (symlinks included, not followed). */
  paths(): string[] {
    return [...this.entries.keys()];
  }

  /** Follows symlinks in every component of `path`; undefined when a link loops or escapes the tree. */
  resolve(path: string): string | undefined {
    let parts = posix.normalize(path).replace(/^\/+/, '').split('/').filter(Boolean);
    for (let hops = 0; hops < 40; hops++) {
      let changed = false;
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        const entry = this.entries.get(prefix);
        if (entry && isSymlinkMode(entry.mode)) {
          const target = this.read(entry.sha)?.toString('utf8') ?? '';
          const base = posix.dirname(prefix);
          const joined = target.startsWith('/') ? target : posix.join(base, target);
          const normalized = posix.normalize(joined);
          if (normalized.startsWith('..')) return undefined;
          parts = [...normalized.split('/').filter((p) => p && p !== '.'), ...parts.slice(i)];
          changed = true;
          break;
        }
      }
      if (!changed) return parts.join('/');
    }
    return undefined;
  }

  /** The bytes of a regular file (after following symlinks), or undefined. */
  readFile(path: string): Buffer | undefined {
    const resolved = this.resolve(path);
    if (resolved === undefined) return undefined;
    const entry = this.entries.get(resolved);
    if (!entry || isSymlinkMode(entry.mode)) return undefined;
    return this.read(entry.sha);
  }

  /** True when `path` (after following symlinks) is a directory, i.e. some file lives below it. */
  isDirectory(path: string): boolean {
    const resolved = this.resolve(path);
    if (resolved === undefined) return false;
    const prefix = resolved === '' ? '' : `${resolved}/`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  /** Files below a directory (after following symlinks), with paths relative to it. Symlinks are listed as such. */
  list(dir: string): Array<{ path: string; file: DeploymentFile }> {
    const resolved = this.resolve(dir);
    if (resolved === undefined) return [];
    const prefix = resolved === '' ? '' : `${resolved}/`;
    const out: Array<{ path: string; file: DeploymentFile }> = [];
    for (const [key, file] of this.entries) {
      if (key.startsWith(prefix)) out.push({ path: key.slice(prefix.length), file });
    }
    return out;
  }
}

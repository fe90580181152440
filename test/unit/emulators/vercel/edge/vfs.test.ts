import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DeploymentTree, isSymlinkMode } from '../../../../../emulators/vercel/edge/vfs.js';

function tree(files: Record<string, string | { link: string }>): DeploymentTree {
  const blobs = new Map<string, Buffer>();
  const entries = Object.entries(files).map(([file, content]) => {
    const data = Buffer.from(typeof content === 'string' ? content : content.link);
    const sha = createHash('sha1').update(data).digest('hex');
    blobs.set(sha, data);
    return { file, sha, size: data.length, mode: typeof content === 'string' ? 0o100644 : 0o120777 };
  });
  return new DeploymentTree(entries, (sha) => blobs.get(sha));
}

describe('DeploymentTree', () => {
  it('recognizes symlink modes', () => {
    expect(isSymlinkMode(0o120777)).toBe(true);
    expect(isSymlinkMode(0o100644)).toBe(false);
  });

  it('reads files through a symlinked directory', () => {
    const t = tree({
      'functions/api/a.func/.vc-config.json': '{}',
      'functions/api/a.func/index.mjs': 'a',
      'functions/api/b.func': { link: 'a.func' },
      'functions/c.func': { link: './api/a.func' },
    });
    expect(t.readFile('functions/api/b.func/index.mjs')?.toString()).toBe('a');
    expect(t.readFile('functions/c.func/.vc-config.json')?.toString()).toBe('{}');
    expect(t.isDirectory('functions/api/b.func')).toBe(true);
    expect(
      t
        .list('functions/api/b.func')
        .map((e) => e.path)
        .sort(),
    ).toEqual(['.vc-config.json', 'index.mjs']);
  });

  it('follows a symlinked file and refuses loops and escapes', () => {
    const t = tree({
      'static/real.txt': 'real',
      'static/link.txt': { link: 'real.txt' },
      'loop/a': { link: 'b' },
      'loop/b': { link: 'a' },
      out: { link: '../../etc' },
    });
    expect(t.readFile('static/link.txt')?.toString()).toBe('real');
    expect(t.readFile('loop/a')).toBeUndefined();
    expect(t.readFile('out/passwd')).toBeUndefined();
  });
});

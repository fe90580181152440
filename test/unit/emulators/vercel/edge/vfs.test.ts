import { describe, expect, it } from 'vitest';
import { isSymlinkMode } from '../../../../../emulators/vercel/edge/vfs.js';
import { memoryTree } from '../support.js';

describe('DeploymentTree', () => {
  it('recognizes symlink modes', () => {
    expect(isSymlinkMode(0o120777)).toBe(true);
    expect(isSymlinkMode(0o100644)).toBe(false);
  });

  it('reads files through a symlinked directory', () => {
    const t = memoryTree({
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
    const t = memoryTree({
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

/**
 * One Node version everywhere: package.json `engines`, `.ci/run`, the workflows and the README agree, and workflows
 * pin third-party actions by commit SHA (as the README asks users to do).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/runner.js';

const read = (...parts: string[]) => readFileSync(join(repoRoot, ...parts), 'utf8');
const workflows = readdirSync(join(repoRoot, '.github', 'workflows')).filter((f) => /\.ya?ml$/.test(f));

describe('toolchain', () => {
  const ciNode = /^NODE_VERSION=(\d+)\.(\d+)\.(\d+)$/m.exec(read('.ci', 'run'));

  it('.ci/run pins an exact Node version that satisfies engines, and runs every step on it', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=24');
    expect(ciNode).not.toBeNull();
    expect(Number(ciNode?.[1])).toBeGreaterThanOrEqual(24);
    const script = read('.ci', 'run');
    // Node is set up before npm ci, so every later step (and its engine check) runs on it.
    expect(script.indexOf('node@$NODE_VERSION')).toBeGreaterThan(-1);
    expect(script.indexOf('node@$NODE_VERSION')).toBeLessThan(script.indexOf('npm ci --no-audit'));
    expect(script).toContain('EBADENGINE');
    expect(script).toMatch(/echo "changed: chmod o\+x/);
  });

  it('workflows use the same Node version as .ci/run', () => {
    const version = ciNode?.slice(1, 4).join('.');
    for (const file of workflows) {
      for (const match of read('.github', 'workflows', file).matchAll(/node-version:\s*([^\s#]+)/g)) {
        expect(match[1], file).toBe(version);
      }
    }
  });

  it('workflows pin every third-party action by a full commit SHA with its tag in a comment', () => {
    for (const file of workflows) {
      for (const match of read('.github', 'workflows', file).matchAll(/uses:\s*([^\s#]+)(.*)$/gm)) {
        const [, ref = '', rest = ''] = match;
        if (ref.startsWith('./')) continue;
        expect(ref, `${file}: ${ref}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        expect(rest, `${file}: ${ref}`).toMatch(/#\s*v\d/);
      }
    }
  });

  it('the README states the same floor and the exact version to install', () => {
    const readme = read('README.md');
    expect(readme).toContain('Node.js 24 or newer');
    expect(readme).toContain(`node@${ciNode?.slice(1, 4).join('.')}`);
    expect(readme).not.toMatch(/Node(\.js)? 20 or newer/);
  });
});

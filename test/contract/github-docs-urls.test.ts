import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { GitHubContext } from '../../emulators/github/context.js';
import { DOCS_URLS } from '../../emulators/github/docs-urls.js';
import { registerGitHubRoutes } from '../../emulators/github/index.js';

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as {
  paths: Record<string, Record<string, { externalDocs?: { url?: string } }>>;
};

/** `/repos/{owner}/{repo}` and `/repos/:owner/:repo` both become `/repos/{}/{}`. */
function shape(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}').replace(/:[^/]+/g, '{}');
}

describe('the GitHub emulator’s documentation links', () => {
  it('name, for every route the emulator serves, the page GitHub’s OpenAPI description gives', () => {
    const routes: string[] = [];
    registerGitHubRoutes({ route: (method, pattern) => routes.push(`${method} ${pattern}`) }, {} as GitHubContext);
    const documented = new Map<string, string | undefined>();
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops))
        documented.set(`${method.toUpperCase()} ${shape(path)}`, op.externalDocs?.url);
    }
    const expected = Object.fromEntries(
      routes.map((r) => {
        const [method, pattern] = r.split(' ') as [string, string];
        return [r, documented.get(`${method} ${shape(pattern)}`)];
      }),
    );
    expect(DOCS_URLS).toEqual(expected);
  });
});

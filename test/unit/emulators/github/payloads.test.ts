import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from '../../../../emulators/github/index.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
  name: string;
  examples: Array<Record<string, Record<string, unknown>> & { action?: string }>;
}>;
const sample = examples.find((e) => e.name === 'issue_comment')!.examples.find((e) => e.action === 'created')!;

describe('issueCommentCreatedPayload', () => {
  let gh: GitHubEmulator;
  beforeAll(async () => {
    gh = await startGitHubEmulator();
    gh.seedRepo({ fullName: 'acme/web' });
    gh.seedIssue('acme/web', { title: 'Production', user: 'acme' });
  });
  afterAll(async () => {
    await gh.stop();
  });

  it('carries every key GitHub’s example has, filled from state', () => {
    const inst = gh.seedInstallation({ account: 'acme' });
    const comment = gh.seedComment('acme/web', 1, { body: '/rollback v1.0.0', user: 'mia' });
    const payload = gh.issueCommentCreatedPayload({ repo: 'acme/web', issueNumber: 1, commentId: comment.id });
    for (const part of ['issue', 'comment', 'repository', 'sender'] as const) {
      const ours = payload[part] as Record<string, unknown>;
      const missing = Object.keys(sample[part] ?? {}).filter((k) => !(k in ours));
      expect(missing, part).toEqual([]);
    }
    expect(payload).toMatchObject({
      action: 'created',
      issue: { number: 1, comments: 1 },
      comment: { id: comment.id, body: '/rollback v1.0.0', user: { login: 'mia' } },
      repository: { full_name: 'acme/web' },
      sender: { login: 'mia', type: 'User' },
      installation: { id: inst.id },
    });
    expect(payload.issue).not.toHaveProperty('pull_request');
  });
});

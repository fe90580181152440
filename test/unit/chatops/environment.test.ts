import { describe, expect, it } from 'vitest';
import { parseCommentUrl } from '../../../lib/chatops/comment-url.js';
import { resolveEnvironment } from '../../../lib/chatops/environment.js';
import { parseConfig } from '../../../lib/config/loader.js';

describe('resolveEnvironment', () => {
  const two = parseConfig('version: 1\nenvironments:\n  production: {}\n  staging: {}\n');
  const onlyStaging = parseConfig('version: 1\nenvironments:\n  staging: {}\n');
  const noProduction = parseConfig('version: 1\nenvironments:\n  eu: {}\n  us: {}\n');

  it('defaults to production, else the only environment, else asks', () => {
    expect(resolveEnvironment(two, undefined).details.environment).toBe('production');
    expect(resolveEnvironment(onlyStaging, undefined).details.environment).toBe('staging');
    const ask = resolveEnvironment(noProduction, undefined);
    expect(ask).toMatchObject({ outcome: 'refused', reason: 'unknown-environment' });
    expect(ask.message).toContain('`eu`, `us`');
  });

  it('refuses names that are not configured, listing those that are', () => {
    const r = resolveEnvironment(two, 'prod');
    expect(r).toMatchObject({ outcome: 'refused', reason: 'unknown-environment' });
    expect(r.message).toContain('`production`, `staging`');
    expect(resolveEnvironment(two, 'staging').outcome).toBe('success');
  });
});

describe('parseCommentUrl', () => {
  it.each([
    ['https://github.com/acme/web/issues/12#issuecomment-345', { issueNumber: 12, commentId: 345 }],
    ['https://github.com/acme/web/pull/7#issuecomment-8', { issueNumber: 7, commentId: 8 }],
    ['https://github.com/acme/web/actions/runs/1', undefined],
    ['https://github.com/acme/web/issues/12', undefined],
  ])('%s', (url, expected) => {
    expect(parseCommentUrl(url)).toEqual(expected);
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockingIssuesCheck, findBlockingIssues } from '../../../lib/checks/blocking-issues-check.js';
import { checkContext } from './check-context.js';

interface FakeIssue {
  number: number;
  title: string;
  labels: string[];
  state: 'open' | 'closed';
  pr?: boolean;
}

let server: Server;
let baseUrl: string;
let issues: FakeIssue[] = [];
let failWith: number | undefined;
const requests: URL[] = [];

/** Answers GET /repos/{owner}/{repo}/issues the way GitHub does: label and state filters, page/per_page, Link. */
function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', baseUrl);
  requests.push(url);
  const match = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(url.pathname);
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  if (req.method !== 'GET' || !match) {
    send(404, { message: 'Not Found' });
    return;
  }
  if (failWith) {
    send(failWith, { message: failWith === 401 ? 'Bad credentials' : 'Server Error' });
    return;
  }
  const [, owner, repo] = match;
  const state = url.searchParams.get('state') ?? 'open';
  const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
  const perPage = Number(url.searchParams.get('per_page') ?? 30);
  const page = Number(url.searchParams.get('page') ?? 1);
  const matching = issues.filter(
    (i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)),
  );
  const slice = matching.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < matching.length) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    headers.link = `<${next}>; rel="next"`;
  }
  send(
    200,
    slice.map((i) => ({
      id: i.number * 1000,
      number: i.number,
      title: i.title,
      state: i.state,
      html_url: `https://github.com/${owner}/${repo}/issues/${i.number}`,
      labels: i.labels.map((name) => ({ name })),
      ...(i.pr ? { pull_request: { url: `${baseUrl}/repos/${owner}/${repo}/pulls/${i.number}` } } : {}),
    })),
    headers,
  );
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  issues = [];
  failWith = undefined;
  requests.length = 0;
});

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const octokit = () => new Octokit({ baseUrl, auth: 'ghs_testtoken123', request: { retries: 0 }, log: quiet });
const options = { owner: 'acme', repo: 'shop', labels: ['release-blocker', 'incident'] };

describe('blockingIssuesCheck', () => {
  it('passes when no open issue carries a blocking label', async () => {
    issues = [
      { number: 1, title: 'Closed blocker', labels: ['release-blocker'], state: 'closed' },
      { number: 2, title: 'Unrelated', labels: ['bug'], state: 'open' },
    ];
    const result = await blockingIssuesCheck(options, octokit()).run(checkContext());
    expect(result).toEqual({
      status: 'pass',
      message: 'no open issue labelled release-blocker, incident in acme/shop',
    });
    expect(requests.map((u) => u.searchParams.get('labels'))).toEqual(['release-blocker', 'incident']);
  });

  it('fails listing each blocking issue once, ignoring pull requests', async () => {
    issues = [
      { number: 7, title: 'Checkout broken', labels: ['incident', 'release-blocker'], state: 'open' },
      { number: 3, title: 'Migration must land first', labels: ['release-blocker'], state: 'open' },
      { number: 9, title: 'A PR labelled blocker', labels: ['release-blocker'], state: 'open', pr: true },
    ];
    const result = await blockingIssuesCheck(options, octokit()).run(checkContext());
    expect(result.status).toBe('fail');
    expect(result.message).toBe('2 open blocking issues: #3 Migration must land first; #7 Checkout broken');
    expect(result.details).toBe(
      '#3 Migration must land first [release-blocker]\n#7 Checkout broken [release-blocker, incident]',
    );
  });

  it('follows pagination', async () => {
    issues = Array.from({ length: 230 }, (_, i) => ({
      number: i + 1,
      title: `Blocker ${i + 1}`,
      labels: ['incident'],
      state: 'open' as const,
    }));
    const found = await findBlockingIssues(octokit(), { ...options, labels: ['incident'] });
    expect(found).toHaveLength(230);
    expect(requests.map((u) => u.searchParams.get('page') ?? '1')).toEqual(['1', '2', '3']);
    const result = await blockingIssuesCheck({ ...options, labels: ['incident'] }, octokit()).run(checkContext());
    expect(result.message).toMatch(/^230 open blocking issues: #1 Blocker 1; .*; …$/);
    expect(result.details?.split('\n').at(-1)).toBe('… and 210 more');
  });

  it('fails closed with the HTTP status on an API error', async () => {
    failWith = 500;
    const result = await blockingIssuesCheck(options, octokit()).run(checkContext());
    expect(result.status).toBe('fail');
    expect(result.message).toBe('could not list blocking issues in acme/shop (HTTP 500); failing closed');
    failWith = 401;
    expect((await blockingIssuesCheck(options, octokit()).run(checkContext())).message).toContain('(HTTP 401)');
  });

  it('fails closed when GitHub cannot be reached', async () => {
    const unreachable = new Octokit({ baseUrl: 'http://127.0.0.1:1', request: { retries: 0 }, log: quiet });
    const result = await blockingIssuesCheck(options, unreachable).run(checkContext());
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(
      /^could not list blocking issues in acme\/shop \(GitHub not reachable: .+\); failing closed$/,
    );
  });

  it('skips without labels', async () => {
    expect((await blockingIssuesCheck({ ...options, labels: [] }, octokit()).run(checkContext())).status).toBe('skip');
  });
});

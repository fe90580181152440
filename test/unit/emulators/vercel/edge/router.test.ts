import { describe, expect, it } from 'vitest';
import { loadBuildOutput, type OutputRoute } from '../../../../../emulators/vercel/edge/build-output.js';
import { routeRequest } from '../../../../../emulators/vercel/edge/router.js';
import { DeploymentTree } from '../../../../../emulators/vercel/edge/vfs.js';
import { memoryTree } from '../support.js';

function output(routes: OutputRoute[], extra: Record<string, string> = {}, overrides?: unknown) {
  const files: Record<string, string> = {
    '.vercel/output/config.json': JSON.stringify({ version: 3, routes, overrides }),
    '.vercel/output/static/index.html': 'home',
    '.vercel/output/static/about.html': 'about',
    '.vercel/output/static/docs/index.html': 'docs',
    '.vercel/output/functions/api/hello.func/.vc-config.json': '{"runtime":"nodejs22.x","handler":"i.js"}',
    '.vercel/output/functions/api/hello.func/i.js': '',
    ...extra,
  };
  return loadBuildOutput(memoryTree(files));
}

function route(out: ReturnType<typeof output>, path: string, method = 'GET', headers: Record<string, string> = {}) {
  const url = new URL(path, 'http://x');
  return routeRequest(out, { method, path: url.pathname, query: url.searchParams, host: 'app.vercel.app', headers });
}

describe('routeRequest', () => {
  it('serves static files, directory index pages and functions from the filesystem', () => {
    const out = output([{ handle: 'filesystem' }]);
    expect(route(out, '/')).toMatchObject({ kind: 'static', file: '.vercel/output/static/index.html', status: 200 });
    expect(route(out, '/docs/')).toMatchObject({ kind: 'static', file: '.vercel/output/static/docs/index.html' });
    expect(route(out, '/about.html')).toMatchObject({ kind: 'static' });
    expect(route(out, '/api/hello?x=1')).toMatchObject({
      kind: 'function',
      funcDir: '.vercel/output/functions/api/hello.func',
      path: '/api/hello',
    });
    expect(route(out, '/nope')).toMatchObject({ kind: 'not_found' });
  });

  it('adds headers from continue routes and redirects with status + Location', () => {
    const out = output([
      { src: '/(.*)', headers: { 'X-Frame-Options': 'DENY' }, continue: true },
      { src: '/old/(?<rest>.*)', status: 308, headers: { Location: '/new/$rest' } },
      { handle: 'filesystem' },
    ]);
    expect(route(out, '/')).toMatchObject({ kind: 'static', headers: { 'x-frame-options': 'DENY' } });
    expect(route(out, '/old/a/b')).toEqual({
      kind: 'redirect',
      status: 308,
      location: '/new/a/b',
      headers: { 'x-frame-options': 'DENY' },
    });
  });

  it('rewrites src → dest, to static files and to functions with merged query', () => {
    const out = output([
      { handle: 'filesystem' },
      { src: '/about', dest: '/about.html' },
      { src: '/users/(\\d+)', dest: '/api/hello?id=$1' },
    ]);
    expect(route(out, '/about')).toMatchObject({ kind: 'static', file: '.vercel/output/static/about.html' });
    const fn = route(out, '/users/42?debug=1');
    expect(fn).toMatchObject({ kind: 'function', path: '/api/hello' });
    if (fn.kind !== 'function') throw new Error('expected a function');
    expect(Object.fromEntries(fn.query)).toEqual({ debug: '1', id: '42' });
  });

  it('honours methods, has and missing conditions', () => {
    const out = output([
      { src: '/about', methods: ['POST'], dest: '/api/hello' },
      { src: '/about', has: [{ type: 'header', key: 'x-beta', value: 'on' }], dest: '/docs/' },
      { src: '/', missing: [{ type: 'cookie', key: 'seen' }], status: 307, headers: { Location: '/about' } },
      { handle: 'filesystem' },
    ]);
    expect(route(out, '/about', 'POST')).toMatchObject({ kind: 'function' });
    expect(route(out, '/about', 'GET', { 'x-beta': 'on' })).toMatchObject({
      kind: 'static',
      file: '.vercel/output/static/docs/index.html',
    });
    expect(route(out, '/about')).toMatchObject({ kind: 'not_found' });
    expect(route(out, '/')).toMatchObject({ kind: 'redirect', location: '/about' });
    expect(route(out, '/', 'GET', { cookie: 'seen=1' })).toMatchObject({ kind: 'static' });
  });

  it('uses overrides to serve clean URLs with their content type', () => {
    const out = output([{ handle: 'filesystem' }], {}, { 'about.html': { path: 'about', contentType: 'text/html' } });
    expect(route(out, '/about')).toMatchObject({
      kind: 'static',
      file: '.vercel/output/static/about.html',
      contentType: 'text/html',
    });
  });

  it('serves static/404.html for misses when present', () => {
    const out = output([{ handle: 'filesystem' }], { '.vercel/output/static/404.html': 'custom 404' });
    expect(route(out, '/missing')).toMatchObject({ kind: 'not_found', file: '.vercel/output/static/404.html' });
  });

  it('treats a deployment without .vercel/output as a static site', () => {
    const blobs = new Map<string, Buffer>([['s', Buffer.from('plain')]]);
    const out = loadBuildOutput(
      new DeploymentTree([{ file: 'index.html', sha: 's', size: 5, mode: 0o100644 }], (sha) => blobs.get(sha)),
    );
    expect(route(out, '/')).toMatchObject({ kind: 'static', file: 'index.html' });
  });
});

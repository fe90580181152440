import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SupabaseEmulator } from '../../../../../emulators/supabase/index.js';
import { deployForm, REF, type SupabaseCaller, startSupabase } from '../helpers.js';

describe('edge function routes', () => {
  let sb: SupabaseEmulator;
  let call: SupabaseCaller;
  const fns = `/v1/projects/${REF}/functions`;
  const meta = {
    entrypoint_path: 'index.ts',
    import_map_path: 'deno.json',
    static_patterns: ['assets/*'],
    verify_jwt: false,
    name: 'hello',
  };

  beforeEach(async () => {
    ({ sb, call } = await startSupabase());
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('deploys from multipart, increments the version per deploy and keeps the live files', async () => {
    const v1 = await call(
      'POST',
      `${fns}/deploy?slug=hello`,
      deployForm(meta, { 'index.ts': 'export default 1', 'deno.json': '{}' }),
    );
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({
      slug: 'hello',
      name: 'hello',
      status: 'ACTIVE',
      version: 1,
      verify_jwt: false,
      import_map: true,
      entrypoint_path: 'index.ts',
      import_map_path: 'deno.json',
    });
    expect(v1.body.ezbr_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof v1.body.created_at).toBe('number');
    expect(sb.state.liveFiles(REF, 'hello')).toEqual({ 'index.ts': 'export default 1', 'deno.json': '{}' });

    const v2 = await call('POST', `${fns}/deploy?slug=hello`, deployForm(meta, { 'index.ts': 'export default 2' }));
    expect(v2.body).toMatchObject({ version: 2, id: v1.body.id, created_at: v1.body.created_at });
    expect(v2.body.ezbr_sha256).not.toBe(v1.body.ezbr_sha256);
    expect(sb.state.liveFiles(REF, 'hello')).toEqual({ 'index.ts': 'export default 2' });
    expect(
      sb.state.projects
        .get(REF)!
        .functions.get('hello')!
        .versions.map((v) => v.version),
    ).toEqual([1, 2]);
  });

  it('rejects bad slugs, missing metadata and non-multipart bodies with 400', async () => {
    expect((await call('POST', `${fns}/deploy?slug=1bad`, deployForm(meta, { 'index.ts': 'x' }))).status).toBe(400);
    const noMeta = new FormData();
    noMeta.append('file', new Blob(['x']), 'index.ts');
    expect((await call('POST', `${fns}/deploy?slug=ok`, noMeta)).status).toBe(400);
    expect((await call('POST', `${fns}/deploy?slug=ok`, { metadata: meta })).status).toBe(400);
  });

  it('bundles only, then activates through the bulk update', async () => {
    const a = await call(
      'POST',
      `${fns}/deploy?slug=a&bundleOnly=true`,
      deployForm({ entrypoint_path: 'index.ts' }, { 'index.ts': 'a' }),
    );
    const b = await call(
      'POST',
      `${fns}/deploy?slug=b&bundleOnly=true`,
      deployForm({ entrypoint_path: 'index.ts' }, { 'index.ts': 'b' }),
    );
    expect(a.body.version).toBe(1);
    expect((await call('GET', fns)).body).toEqual([]);
    const bulk = await call('PUT', fns, [a.body, b.body]);
    expect(bulk.status).toBe(200);
    expect(bulk.body.functions.map((f: { slug: string; version: number }) => [f.slug, f.version])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(sb.state.liveFiles(REF, 'b')).toEqual({ 'index.ts': 'b' });
    expect((await call('PUT', fns, [{ slug: 'c', version: 1, id: 'x', name: 'c', status: 'ACTIVE' }])).status).toBe(
      400,
    );
  });

  it('lists, gets, downloads, patches and deletes', async () => {
    await call('POST', `${fns}/deploy?slug=hello`, deployForm(meta, { 'index.ts': 'export default 1' }));
    expect((await call('GET', fns)).body.map((f: { slug: string }) => f.slug)).toEqual(['hello']);
    expect((await call('GET', `${fns}/hello`)).body.version).toBe(1);
    expect((await call('GET', `${fns}/nope`)).status).toBe(404);

    const octet = await call('GET', `${fns}/hello/body`);
    expect(octet.headers.get('content-type')).toBe('application/octet-stream');
    const res = await fetch(`${sb.url}${fns}/hello/body`, {
      headers: { authorization: `Bearer ${sb.token}`, accept: 'multipart/form-data' },
    });
    const form = await res.formData();
    expect(JSON.parse(String(form.get('metadata')))).toMatchObject({ entrypoint_path: 'index.ts' });
    expect(await (form.get('file') as File).text()).toBe('export default 1');

    const patched = await call('PATCH', `${fns}/hello`, { name: 'Hello', verify_jwt: true, body: 'export default 3' });
    expect(patched.body).toMatchObject({ name: 'Hello', verify_jwt: true, version: 2 });
    expect(sb.state.liveFiles(REF, 'hello')).toEqual({ 'index.ts': 'export default 3' });
    expect((await call('DELETE', `${fns}/hello`)).status).toBe(200);
    expect((await call('GET', `${fns}/hello`)).status).toBe(404);
    expect(sb.state.liveFiles(REF, 'hello')).toBeUndefined();
  });
});

describe('PATCH as the API defines it (query parameters + eszip body)', () => {
  let sb: SupabaseEmulator;
  let call: SupabaseCaller;
  const fns = `/v1/projects/${REF}/functions`;

  beforeEach(async () => {
    ({ sb, call } = await startSupabase());
  });
  afterEach(async () => {
    await sb.stop();
  });

  it('updates settings from the query and adds a version from an eszip body', async () => {
    await call('POST', `${fns}/deploy?slug=hello`, deployForm({ entrypoint_path: 'index.ts' }, { 'index.ts': 'v1' }));
    const res = await fetch(`${sb.url}${fns}/hello?name=Hello&verify_jwt=false`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${sb.token}`, 'content-type': 'application/vnd.denoland.eszip' },
      body: 'ESZIP2.3-bytes',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Hello', verify_jwt: false, version: 2 });
    expect(sb.state.liveFiles(REF, 'hello')).toEqual({ 'bundle.eszip': 'ESZIP2.3-bytes' });
  });
});

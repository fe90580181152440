import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../../../emulators/vercel/index.js';
import { sha1 } from '../support.js';

describe('POST /v2/files', () => {
  let emu: VercelEmulator;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: 't', buildMs: 0 });
  });
  afterAll(async () => {
    await emu.stop();
  });

  async function upload(path: string, data: Buffer, headers: Record<string, string>) {
    const res = await fetch(`${emu.url}${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/octet-stream', ...headers },
      body: data,
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  }

  it('stores a file sent with the legacy x-now-digest / x-now-size headers', async () => {
    const data = Buffer.from('legacy');
    const res = await upload('/v2/files', data, { 'x-now-digest': sha1(data), 'x-now-size': String(data.length) });
    expect(res.status).toBe(200);
    expect(emu.state.files.get(sha1(data))?.toString()).toBe('legacy');
  });

  it('stores a file sent with x-vercel-digest, also on /v2/now/files', async () => {
    const data = Buffer.from('modern');
    expect((await upload('/v2/now/files', data, { 'x-vercel-digest': sha1(data) })).status).toBe(200);
    expect(emu.state.files.has(sha1(data))).toBe(true);
  });

  it('rejects a digest that does not match the bytes', async () => {
    const res = await upload('/v2/files', Buffer.from('real'), { 'x-vercel-digest': sha1(Buffer.from('other')) });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('invalid_digest');
  });

  it('rejects a declared size that does not match the bytes', async () => {
    const data = Buffer.from('sized');
    const res = await upload('/v2/files', data, { 'x-now-digest': sha1(data), 'x-now-size': '99' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('invalid_file_size');
  });

  it('rejects an upload without a digest', async () => {
    const res = await upload('/v2/files', Buffer.from('x'), {});
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('missing_digest');
  });
});

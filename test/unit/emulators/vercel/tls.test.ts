import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../../emulators/vercel/index.js';

/** GET over https with an explicit trust list; resolves with status and body, or rejects with the TLS error. */
function httpsGet(url: string, ca: string | undefined, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = get(url, { ca, headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('the Vercel API over https with a local CA', () => {
  let emu: VercelEmulator;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: 'tls_token', buildMs: 0 });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('serves the same API over https, trusted through the CA the emulator exposes', async () => {
    expect(emu.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const user = await httpsGet(`${emu.httpsUrl}/v2/user`, emu.caCert, { authorization: 'Bearer tls_token' });
    expect(user.status).toBe(200);
    expect(JSON.parse(user.body).user.username).toBe('shipline');
    const localhost = emu.httpsUrl.replace('127.0.0.1', 'localhost');
    expect((await httpsGet(`${localhost}/v2/user`, emu.caCert)).status).toBe(403);
    expect(emu.server.requests.count('GET /v2/user')).toBe(2);
  });

  it('is refused by a client that does not trust the CA', async () => {
    await expect(httpsGet(`${emu.httpsUrl}/v2/user`, undefined)).rejects.toThrow(
      /self[- ]signed|unable to verify|certificate/i,
    );
  });

  it('writes the CA (a CA certificate) and a NODE_EXTRA_CA_CERTS bundle that ends with it', () => {
    expect(readFileSync(emu.caPath, 'utf8')).toBe(emu.caCert);
    const ca = new X509Certificate(emu.caCert);
    expect(ca.ca).toBe(true);
    const bundle = readFileSync(emu.caBundlePath, 'utf8');
    expect(bundle.endsWith(emu.caCert)).toBe(true);
    const preset = process.env.NODE_EXTRA_CA_CERTS;
    if (preset && existsSync(preset)) expect(bundle.startsWith(readFileSync(preset, 'utf8').trimEnd())).toBe(true);
  });

  it('removes its temporary CA folder on stop, and serves no https when asked not to', async () => {
    const other = await startVercelEmulator({ buildMs: 0 });
    const path = other.caPath;
    expect(existsSync(path)).toBe(true);
    await other.stop();
    expect(existsSync(path)).toBe(false);
    const plain = await startVercelEmulator({ buildMs: 0, https: false });
    expect([plain.httpsUrl, plain.caPath, plain.caBundlePath]).toEqual(['', '', '']);
    await plain.stop();
  });
});

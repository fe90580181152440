import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostPort, tlsCheck } from '../../../lib/checks/tls-check.js';
import { checkContext, fixedClock } from './check-context.js';

const DAY = 86_400_000;
const servers: Server[] = [];
const sockets = new Set<Socket>();

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A TLS server on loopback with a fresh self-signed certificate for `localhost` valid for `days` days. */
async function tlsServer(days: number): Promise<{ port: number; cert: string }> {
  const notBeforeDate = new Date(Date.now() - DAY);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(Date.now() + days * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] },
    ],
  });
  const server = tls.createServer({ key: pems.private, cert: pems.cert }, (socket) => socket.end());
  server.on('tlsClientError', () => {});
  return { port: await listen(server), cert: pems.cert };
}

let long: { port: number; cert: string };
let short: { port: number; cert: string };
let silentPort: number;
let closedPort: number;

beforeAll(async () => {
  [long, short] = await Promise.all([tlsServer(90), tlsServer(5)]);
  silentPort = await listen(createTcpServer(() => {})); // accepts TCP, never speaks TLS
  const probe = createTcpServer();
  closedPort = await new Promise<number>((resolve) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    }),
  );
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const ctx = () => checkContext({ clock: fixedClock(new Date()) });

describe('parseHostPort', () => {
  it('reads host, host:port and bracketed IPv6', () => {
    expect(parseHostPort('example.com')).toEqual({ host: 'example.com', port: 443 });
    expect(parseHostPort('example.com:8443')).toEqual({ host: 'example.com', port: 8443 });
    expect(parseHostPort('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(parseHostPort('::1')).toEqual({ host: '::1', port: 443 });
  });
});

describe('tlsCheck', () => {
  it('passes a trusted certificate valid for 90 days with minDays 14', async () => {
    const result = await tlsCheck({
      hosts: [`127.0.0.1:${long.port}`],
      minDays: 14,
      ca: [long.cert],
      servername: 'localhost',
    }).run(ctx());
    expect(result.status).toBe('pass');
    expect(result.message).toBe('1 certificate(s) valid for at least 14 days');
    expect(result.details).toMatch(/^ok {3}127\.0\.0\.1:\d+ — expires \d{4}-\d\d-\d\d \(89 days\)$/);
  });

  it('fails a certificate that expires within minDays', async () => {
    const result = await tlsCheck({
      hosts: [`127.0.0.1:${short.port}`],
      minDays: 14,
      ca: [short.cert],
      servername: 'localhost',
    }).run(ctx());
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/1 of 1 host\(s\) failed: 127\.0\.0\.1:\d+: expires .* \(4 days\), fewer than 14/);
  });

  it('warns within twice minDays, judged from the injected clock', async () => {
    const result = await tlsCheck({
      hosts: [`127.0.0.1:${long.port}`],
      minDays: 14,
      ca: [long.cert],
      servername: 'localhost',
    }).run(checkContext({ clock: fixedClock(new Date(Date.now() + 70 * DAY)) }));
    expect(result.status).toBe('warn');
    expect(result.message).toContain('renew soon (warning below 28)');
  });

  it('fails an untrusted chain with the authorization error', async () => {
    const result = await tlsCheck({ hosts: [`127.0.0.1:${long.port}`], minDays: 14, servername: 'localhost' }).run(
      ctx(),
    );
    expect(result.status).toBe('fail');
    expect(result.message).toContain('certificate not trusted: DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('fails when the certificate does not name the host', async () => {
    const result = await tlsCheck({
      hosts: [`127.0.0.1:${long.port}`],
      minDays: 14,
      ca: [long.cert],
      servername: 'shop.example.com',
    }).run(ctx());
    expect(result.status).toBe('fail');
    expect(result.message).toContain('certificate not trusted: ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('fails a host that accepts TCP but never answers TLS, by timeout, and still checks the others', async () => {
    const result = await tlsCheck({
      hosts: [`127.0.0.1:${silentPort}`, `127.0.0.1:${long.port}`, `127.0.0.1:${closedPort}`],
      minDays: 14,
      timeoutMs: 300,
      ca: [long.cert],
      servername: 'localhost',
    }).run(ctx());
    expect(result.status).toBe('fail');
    expect(result.message).toContain('2 of 3 host(s) failed');
    expect(result.message).toContain(`127.0.0.1:${silentPort}: no TLS handshake within 300 ms`);
    expect(result.message).toContain(`127.0.0.1:${closedPort}: connection refused`);
    expect(result.details).toMatch(new RegExp(`ok {3}127\\.0\\.0\\.1:${long.port} — expires`));
  });

  it('skips without hosts', async () => {
    expect((await tlsCheck({ hosts: [], minDays: 14 }).run(ctx())).status).toBe('skip');
  });
});

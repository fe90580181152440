import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type TLSSocket, type Server as TlsServer } from 'node:tls';
import { generate } from 'selfsigned';

/** A local certificate authority and a loopback server certificate it signed (SAN IP:127.0.0.1, DNS:localhost). */
export interface LocalCa {
  /** The CA certificate (PEM): what a client must trust. */
  caCert: string;
  /** Where `caCert` was written, for `NODE_EXTRA_CA_CERTS`. */
  caPath: string;
  /** The server certificate and key (PEM). */
  cert: string;
  key: string;
  /** Removes the written files (unless they live in a folder the caller chose). */
  dispose(): void;
}

const DAY_MS = 86_400_000;

/**
 * Generates a fresh CA and a server certificate for loopback; writes the CA certificate to `dir` (a temporary
 * folder when omitted) as `vercel-emulator-ca.pem`.
 */
export async function createLocalCa(dir?: string): Promise<LocalCa> {
  const notBeforeDate = new Date(Date.now() - DAY_MS);
  const notAfterDate = new Date(Date.now() + 30 * DAY_MS);
  const ca = await generate([{ name: 'commonName', value: 'Shipline local cloud CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const owned = dir === undefined;
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'vercel-emu-ca-'));
  const caPath = join(folder, 'vercel-emulator-ca.pem');
  writeFileSync(caPath, ca.cert);
  return {
    caCert: ca.cert,
    caPath,
    cert: leaf.cert,
    key: leaf.private,
    dispose: () => {
      if (owned) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A TLS listener that forwards each connection's plaintext to a loopback HTTP port. */
export interface TlsFront {
  /** `https://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Terminates TLS on loopback and pipes every connection to `targetPort` (the plain HTTP server), so the same
 * routes, fault injection (stalls, resets) and request counts serve both schemes.
 */
export async function listenTls(ca: LocalCa, targetPort: number, port = 0): Promise<TlsFront> {
  const sockets = new Set<Socket | TLSSocket>();
  const track = (socket: Socket | TLSSocket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server: TlsServer = createTlsServer({ key: ca.key, cert: ca.cert }, (tlsSocket) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(tlsSocket);
    track(upstream);
    const end = () => {
      tlsSocket.destroy();
      upstream.destroy();
    };
    tlsSocket.on('error', end);
    upstream.on('error', end);
    tlsSocket.on('close', end);
    upstream.on('close', end);
    tlsSocket.pipe(upstream).pipe(tlsSocket);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `https://127.0.0.1:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

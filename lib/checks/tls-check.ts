import { isIP } from 'node:net';
import tls from 'node:tls';
import type { TlsCheckOptions } from './options.js';
import type { Check } from './types.js';

const DAY_MS = 86_400_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Where to connect: `host`, `host:port`, `[v6]` or `[v6]:port` (default port 443). */
export function parseHostPort(spec: string): { host: string; port: number } {
  const trimmed = spec.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : 443 };
  const colon = trimmed.lastIndexOf(':');
  if (colon > 0 && trimmed.indexOf(':') === colon && /^\d+$/.test(trimmed.slice(colon + 1))) {
    return { host: trimmed.slice(0, colon), port: Number(trimmed.slice(colon + 1)) };
  }
  return { host: trimmed, port: 443 };
}

/** What one handshake showed. `error` is set when the host could not be checked (refused, timeout, bad chain…). */
export interface TlsProbe {
  host: string;
  port: number;
  authorized: boolean;
  authorizationError?: string;
  validTo?: Date;
  subject?: string;
  error?: string;
}

/** Performs one TLS handshake (SNI = host unless `servername` is given) and reads the peer certificate. */
export function probeTls(
  host: string,
  port: number,
  options: { timeoutMs: number; ca?: string[]; servername?: string },
): Promise<TlsProbe> {
  return new Promise((resolve) => {
    let done = false;
    const servername = options.servername ?? (isIP(host) ? undefined : host);
    const socket = tls.connect({
      host,
      port,
      servername,
      ca: options.ca && options.ca.length > 0 ? [...tls.rootCertificates, ...options.ca] : undefined,
      // Verification is done below from `authorized`, so the exact reason can be reported with the expiry.
      rejectUnauthorized: false,
    });
    const finish = (probe: TlsProbe) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(probe);
    };
    const timer = setTimeout(
      () => finish({ host, port, authorized: false, error: `no TLS handshake within ${options.timeoutMs} ms` }),
      options.timeoutMs,
    );
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const validTo = cert?.valid_to ? new Date(cert.valid_to) : undefined;
      finish({
        host,
        port,
        authorized: socket.authorized,
        authorizationError: socket.authorized ? undefined : String(socket.authorizationError ?? 'unknown'),
        validTo: validTo && !Number.isNaN(validTo.getTime()) ? validTo : undefined,
        subject: typeof cert?.subject?.CN === 'string' ? cert.subject.CN : undefined,
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ host, port, authorized: false, error: describe(error) }),
    );
    socket.once('close', () =>
      finish({ host, port, authorized: false, error: 'connection closed before the TLS handshake finished' }),
    );
  });
}

function describe(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name could not be resolved';
    case 'ECONNRESET':
      return 'connection reset during the TLS handshake';
    case 'ETIMEDOUT':
      return 'connection timed out';
    default:
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}

/**
 * Checks each host's certificate with a real TLS handshake: the chain must verify for the host name, and it must
 * stay valid for at least `minDays` from `ctx.clock.now()`. Within `2 × minDays` the check warns (renewal is due
 * soon but not blocking). A host that refuses, stalls past `timeoutMs` or fails verification fails the check; all
 * hosts are probed concurrently and all results reported.
 */
export function tlsCheck(options: TlsCheckOptions): Check {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    id: 'tls',
    title: 'TLS certificates',
    async run(ctx) {
      if (options.hosts.length === 0) return { status: 'skip', message: 'no hosts configured' };
      const now = ctx.clock.now().getTime();
      const probes = await Promise.all(
        options.hosts.map((spec) => {
          const { host, port } = parseHostPort(spec);
          return probeTls(host, port, { timeoutMs, ca: options.ca, servername: options.servername });
        }),
      );
      const failed: string[] = [];
      const warned: string[] = [];
      const lines: string[] = [];
      for (const p of probes) {
        const name = p.port === 443 ? p.host : `${p.host}:${p.port}`;
        let verdict: 'ok' | 'warn' | 'fail';
        let text: string;
        const days = p.validTo ? Math.floor((p.validTo.getTime() - now) / DAY_MS) : undefined;
        const expiry = p.validTo ? `expires ${p.validTo.toISOString().slice(0, 10)} (${days} days)` : '';
        if (p.error) {
          verdict = 'fail';
          text = p.error;
        } else if (!p.authorized) {
          verdict = 'fail';
          text = `certificate not trusted: ${p.authorizationError}${expiry ? `; ${expiry}` : ''}`;
        } else if (!p.validTo || days === undefined) {
          verdict = 'fail';
          text = 'certificate has no readable expiry date';
        } else if (days < options.minDays) {
          verdict = 'fail';
          text = `${expiry}, fewer than ${options.minDays}`;
        } else if (days < 2 * options.minDays) {
          verdict = 'warn';
          text = `${expiry}, renew soon (warning below ${2 * options.minDays})`;
        } else {
          verdict = 'ok';
          text = expiry;
        }
        if (verdict === 'fail') failed.push(`${name}: ${text}`);
        if (verdict === 'warn') warned.push(`${name}: ${text}`);
        lines.push(`${verdict.padEnd(4)} ${name} — ${text}`);
      }
      const details = lines.join('\n');
      if (failed.length > 0) {
        return {
          status: 'fail',
          message: `${failed.length} of ${probes.length} host(s) failed: ${failed.join('; ')}`,
          details,
        };
      }
      if (warned.length > 0) return { status: 'warn', message: warned.join('; '), details };
      return {
        status: 'pass',
        message: `${probes.length} certificate(s) valid for at least ${options.minDays} days`,
        details,
      };
    },
  };
}
